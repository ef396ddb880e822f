#!/usr/bin/env bash
# deb.sh OUT.deb — the Debian package of ccsim, built with dpkg-deb (run by
# `make deb`, which sets BUILD, VERSION, DEB_VERSION, DEB_ARCH and MAKE).
#
# The tree is `make install` with PREFIX=/usr and the multiarch libdir, in
# its own build directory; then what Debian policy asks of a binary
# package: stripped binaries, gzipped man pages and changelog, the
# copyright file, md5sums, an ldconfig trigger and a shlibs file for
# libccsim.so.0.  Depends: is computed from the libraries the binaries
# link (dpkg-shlibdeps, which gives the minimum versions from the
# libraries' symbols files; without it, the packages that own the NEEDED
# libraries at their installed versions), so it lists runtime libraries
# only, never a -dev package.
set -euo pipefail
export LC_ALL=C
cd "$(dirname "$0")/.."
out=$1
: "${BUILD:?} ${VERSION:?} ${DEB_VERSION:?} ${DEB_ARCH:?}"
MAKE=${MAKE:-make}
die() { echo "deb.sh: $*" >&2; exit 1; }
# The package that owns a library file (dpkg may know it under /lib or
# /usr/lib, or by the name the symlink points to).
owner() {
    local p q
    for p in "$1" "$(readlink -f "$1")"; do
        for q in "$p" "${p#/usr}" "/usr$p"; do
            dpkg -S "$q" 2>/dev/null | awk -F: 'NR == 1 {print $1}' | grep . && return 0
        done
    done
    return 1
}

multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || ${CC:-cc} -print-multiarch)
[ -n "$multiarch" ] || die "cannot tell the multiarch triplet (dpkg-architecture, cc -print-multiarch)"
work=$BUILD/deb
root=$work/root
rm -rf "$root"
$MAKE --no-print-directory -s BUILD="$work/build" BIN="$work/build/bin" PREFIX=/usr \
    LIBDIR="/usr/lib/$multiarch" DESTDIR="$root" install >/dev/null

lib=$root/usr/lib/$multiarch
solib=$(cd "$lib" && ls libccsim.so.*.*.*)
strip --strip-unneeded --remove-section=.comment --remove-section=.note "$root/usr/bin/ccsim" "$lib/$solib"
strip --strip-debug "$lib/libccsim.a"
gzip -9n "$root"/usr/share/man/man*/*
doc=$root/usr/share/doc/ccsim
install -m 644 debian/copyright "$doc/copyright"
gzip -9n -c debian/changelog > "$doc/changelog.Debian.gz"

# Runtime dependencies, from the libraries the binaries need.
bins=("$root/usr/bin/ccsim" "$lib/$solib")
if command -v dpkg-shlibdeps >/dev/null; then
    depends=$(dpkg-shlibdeps -O --ignore-missing-info -l"$lib" "${bins[@]/#/-e}" 2>"$work/shlibdeps.log" |
              sed -n 's/^shlibs:Depends=//p') || { cat "$work/shlibdeps.log" >&2; die "dpkg-shlibdeps failed"; }
else
    deps=()
    for f in $(objdump -p "${bins[@]}" | awk '$1 == "NEEDED" {print $2}' | sort -u); do
        [ "${f#libccsim.so}" = "$f" ] || continue
        path=$(ldconfig -p | awk -v f="$f" '$1 == f && !p {print $NF; p = 1}')
        [ -n "$path" ] || die "cannot find $f (needed by ccsim)"
        pkg=$(owner "$path") ||
            die "no package owns $path"
        ver=$(dpkg-query -W -f='${Version}' "$pkg")
        deps+=("$pkg (>= ${ver%%-*})")
    done
    depends=$(printf '%s\n' "${deps[@]}" | sort -u | paste -sd, | sed 's/,/, /g')
fi
[ -n "$depends" ] || die "no runtime dependencies found"
case $depends in *-dev*) die "Depends names a -dev package: $depends" ;; esac

mkdir -p "$root/DEBIAN"
size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
# The binary stanza of debian/control, with what only the build knows.
awk '/^Package:/ {p = 1} p' debian/control |
    sed -e "s/^Architecture: .*/Architecture: $DEB_ARCH/" -e "s/\${shlibs:Depends}/$depends/" \
        -e "/^Package:/a Version: $DEB_VERSION" \
        -e "/^Architecture:/a Maintainer: $(sed -n 's/^Maintainer: //p' debian/control)" \
        -e "/^Architecture:/a Installed-Size: $size" > "$root/DEBIAN/control"
echo "libccsim ${solib#libccsim.so.} ccsim (>= $VERSION)" | sed 's/\.[0-9]*\.[0-9]* / /' > "$root/DEBIAN/shlibs"
echo "activate-noawait ldconfig" > "$root/DEBIAN/triggers"
(cd "$root" && find . -path ./DEBIAN -prune -o -type f -print | sed 's|^\./||' | sort |
    xargs md5sum) > "$root/DEBIAN/md5sums"
chmod 644 "$root"/DEBIAN/*
mkdir -p "$(dirname "$out")"
dpkg-deb --root-owner-group -Zxz --build "$root" "$out" >/dev/null
echo "deb.sh: $out (Depends: $depends)"
