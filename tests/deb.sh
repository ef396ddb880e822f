#!/usr/bin/env bash
# deb.sh — the Debian package (make deb-check, part of make check): builds
# build/ccsim_<version>_<arch>.deb, checks its control data (runtime
# libraries only in Depends, each library the binary needs covered) and
# contents, unpacks it with `dpkg -x` into a temporary root and runs
# `ccsim --version` and `ccsim run` from there.  Skipped, saying why, where
# dpkg-deb is absent.  Installing it for real (apt install ./ccsim_*.deb)
# needs root and is left to the user.
set -euo pipefail
export LC_ALL=C
cd "$(dirname "$0")/.."
MAKE=${MAKE:-make}
BUILD=${BUILD:-build}
if ! command -v dpkg-deb >/dev/null || ! command -v dpkg >/dev/null; then
    echo "tests/deb.sh: NOT TESTED: dpkg-deb not found (not a Debian system); make deb needs it" >&2
    exit 0
fi
fail() { echo "tests/deb.sh: FAIL: $*" >&2; exit 1; }
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
$MAKE --no-print-directory -s BUILD="$BUILD" deb
version=$(sed -n '1s/^ccsim (\([^)]*\)).*/\1/p' debian/changelog)
deb=$BUILD/ccsim_${version}_$(dpkg --print-architecture).deb
[ -f "$deb" ] || fail "make deb did not write $deb"

field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = ccsim ] && [ "$(field Version)" = "$version" ] || fail "control: $(dpkg-deb -f "$deb")"
depends=$(field Depends)
case $depends in *-dev* | "" ) fail "Depends: '$depends'" ;; esac
dpkg-deb -c "$deb" | awk '{print $6}' > "$BUILD/deb/contents"
for f in ./usr/bin/ccsim ./usr/share/man/man1/ccsim-run.1.gz ./usr/share/man/man5/ccsim-scenario.5.gz \
         ./usr/share/bash-completion/completions/ccsim ./usr/share/ccsim/scenarios/captive.cfg \
         ./usr/include/ccsim/scenario.h ./usr/share/doc/ccsim/copyright ./usr/share/doc/ccsim/changelog.Debian.gz; do
    grep -qx "$f" "$BUILD/deb/contents" || fail "the package lacks $f"
done
grep -q '^\./usr/lib/[^/]*/libccsim\.so\.0 ' <(dpkg-deb -c "$deb" | awk '{print $6, $7, $8}') ||
    fail "the package lacks usr/lib/<triplet>/libccsim.so.0"
grep -q '^\./usr/lib/[^/]*/pkgconfig/ccsim\.pc$' "$BUILD/deb/contents" || fail "no ccsim.pc"

R=$(mktemp -d /tmp/ccsim-deb.XXXXXX)
trap 'rm -rf "$R"' EXIT
dpkg -x "$deb" "$R"
# Every library the binary needs comes from a package Depends names
# (libc6 included).
for lib in $(objdump -p "$R/usr/bin/ccsim" | awk '$1 == "NEEDED" {print $2}'); do
    path=$(ldconfig -p | awk -v f="$lib" '$1 == f && !p {print $NF; p = 1}')
    pkg=$(owner "$path") || fail "no package owns $path ($lib)"
    case ", $depends," in *", $pkg "* | *", $pkg,"*) ;; *) fail "$lib ($pkg) is not in Depends: $depends" ;; esac
done
v=$("$R/usr/bin/ccsim" --version)
case $v in "ccsim ${version%-*}"*) ;; *) fail "ccsim --version from the package: $v" ;; esac
"$R/usr/bin/ccsim" run --reps 2 --quiet > "$R/run.txt" || fail "ccsim run from the package"
grep -q '^Day summary' "$R/run.txt" || fail "ccsim run printed no day summary"
(cd "$R" && CCSIM_SCENARIO_PATH=$R/usr/share/ccsim/scenarios usr/bin/ccsim run captive --reps 2 >/dev/null) ||
    fail "ccsim run captive from the package's scenarios"
[ "$(dpkg-deb -f "$deb" Installed-Size)" -gt 0 ] || fail "no Installed-Size"
echo "tests/deb.sh: $deb: $v; Depends: $depends"
