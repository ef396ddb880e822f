#!/usr/bin/env bash
# install.sh — `make install` as a user runs it, into temporary roots
# (make install-check, part of make check; no root needed, nothing outside
# /tmp is touched):
#
#   1. make install DESTDIR=T (PREFIX /usr/local): every file where it
#      belongs, the public headers and no private one, each header compiling
#      alone, the soname, only public symbols exported, ccsim.pc;
#   2. make examples against that tree through pkg-config, and
#      examples/embed run against libccsim.so (and linked statically)
#      printing the service level `ccsim run` prints;
#   3. the installed ccsim, man pages (rendered without warnings when groff
#      is there) and bash completion;
#   4. make install PREFIX=P (no DESTDIR): `ccsim run captive` finds the
#      installed scenario through the built-in path from any directory;
#   5. make uninstall leaves no file behind, in both.
set -euo pipefail
export LC_ALL=C
cd "$(dirname "$0")/.."
ROOT=$(pwd)
MAKE=${MAKE:-make}
BUILD=${BUILD:-build}
BIN=${BIN:-bin}
T=$(mktemp -d /tmp/ccsim-install.XXXXXX)
trap 'rm -rf "$T"' EXIT

fail() { echo "install.sh: FAIL: $*" >&2; exit 1; }
note() { echo "install.sh: $*"; }
mk() { $MAKE --no-print-directory -s BUILD="$BUILD" BIN="$BIN" "$@"; }

# ---- 1. the staged tree ------------------------------------------------------
R=$T/root
P=/usr/local
mk install DESTDIR="$R" >/dev/null
for f in bin/ccsim lib/libccsim.a lib/libccsim.so.0.1.0 lib/pkgconfig/ccsim.pc \
         share/man/man1/ccsim.1 share/man/man5/ccsim-scenario.5 \
         share/bash-completion/completions/ccsim share/ccsim/scenarios/captive.cfg \
         share/ccsim/scenarios/teach/01-mm1.cfg share/ccsim/scenarios/planning/forecast.csv \
         share/doc/ccsim/cli.md share/doc/ccsim/README.md share/doc/ccsim/examples/embed.c; do
    [ -f "$R$P/$f" ] || fail "make install did not install $P/$f"
done
for c in $("$R$P/bin/ccsim" --help | sed -n '/^commands:/,/^$/s/^  \([a-z]*\) .*/\1/p'); do
    [ -f "$R$P/share/man/man1/ccsim-$c.1" ] || fail "no man page ccsim-$c.1 installed"
done
[ "$(readlink "$R$P/lib/libccsim.so")" = libccsim.so.0 ] || fail "libccsim.so -> $(readlink "$R$P/lib/libccsim.so")"
[ "$(readlink "$R$P/lib/libccsim.so.0")" = libccsim.so.0.1.0 ] || fail "libccsim.so.0 is not a link to libccsim.so.0.1.0"
if command -v readelf >/dev/null; then
    soname=$(readelf -d "$R$P/lib/libccsim.so.0.1.0" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
    [ "$soname" = libccsim.so.0 ] || fail "soname is '$soname', want libccsim.so.0"
fi
# The installed headers are exactly include/ccsim/; private ones stay out.
diff <(cd include/ccsim && ls) <(cd "$R$P/include/ccsim" && ls) >/dev/null ||
    fail "installed headers differ from include/ccsim/"
for h in engine.h core.h agents.h queue.h routing.h calls.h channel.h clock.h figures.h \
         format.h campaign_report.h setting_label.h scenario_reader.h scenario_set.h; do
    [ ! -e "$R$P/include/ccsim/$h" ] || fail "private header $h installed"
done
# Exported: the functions of the public headers, nothing else.
if command -v nm >/dev/null; then
    nm -D --defined-only "$R$P/lib/libccsim.so.0.1.0" | awk '$2 ~ /[TDBRV]/ {print $3}' |
        sed 's/@.*//' | sort -u > "$T/exported"
    grep -v '^CCSIM_' "$T/exported" | grep -v '^ccs_' && fail "libccsim.so exports symbols without the ccs_ prefix"
    grep -E '^ccs__|^ccs_engine_' "$T/exported" && fail "libccsim.so exports private symbols"
    while read -r s; do
        [ "$s" = CCSIM_0 ] || grep -qw "$s" include/ccsim/*.h || fail "exported $s is in no public header"
    done < "$T/exported"
    # ... and every function they declare is there (none declared and missing);
    # a header's static inline functions (the tallies' accessors) are compiled
    # into their callers, so they are not exported, and must not be.
    grep -h 'static inline' include/ccsim/*.h | grep -o 'ccs_[a-z0-9_]* *(' | sed 's/ *($//' |
        sort -u > "$T/inline"
    for s in $(cat include/ccsim/*.h | grep -o 'ccs_[a-z0-9_]* *(' | sed 's/ *($//' | sort -u); do
        if grep -qx "$s" "$T/inline"; then
            grep -qx "$s" "$T/exported" && fail "static inline $s is exported"
            continue
        fi
        grep -qx "$s" "$T/exported" || fail "$s is declared in include/ccsim/ but not exported"
    done
    note "libccsim.so.0: $(grep -c '^ccs_' "$T/exported") public functions exported"
fi

# pkg-config, as a program that uses the staged library sees it.
export PKG_CONFIG_PATH=$R$P/lib/pkgconfig PKG_CONFIG_SYSROOT_DIR=$R
flags=$(pkg-config --cflags --libs ccsim)
case $flags in *"-I$R$P/include"*"-L$R$P/lib"*"-lccsim"*) ;; *) fail "pkg-config ccsim: $flags" ;; esac
[ "$(pkg-config --modversion ccsim)" = "$("$R$P/bin/ccsim" --version | awk '{print $2}')" ] ||
    fail "ccsim.pc's version is not the binary's"
# Each public header compiles on its own, in C11 with every warning.
for h in "$R$P"/include/ccsim/*.h; do
    printf '#include <ccsim/%s>\n' "${h##*/}" |
        ${CC:-cc} -std=c11 -Wall -Wextra -Werror -Wpedantic $(pkg-config --cflags ccsim) \
            -fsyntax-only -x c - || fail "${h##*/} does not compile alone"
done
note "$(ls "$R$P"/include/ccsim/*.h | wc -l) public headers compile alone"

# ---- 2. the examples, against the staged library -----------------------------
mk examples EXAMPLES_OUT="$T/ex" >/dev/null
export LD_LIBRARY_PATH=$R$P/lib
if command -v readelf >/dev/null; then
    readelf -d "$T/ex/embed" | grep 'NEEDED.*libccsim.so.0' >/dev/null || fail "embed is not linked to libccsim.so.0"
fi
want=$("$R$P/bin/ccsim" run "$R$P/share/ccsim/scenarios/mmc.cfg" --reps 8 |
       sed -n 's/^  service level  *\([^]]*\]\).*/\1/p')
got=$("$T/ex/embed" "$R$P/share/ccsim/scenarios/mmc.cfg" 8 | sed -n 's/^service level //p')
[ -n "$want" ] && [ "$got" = "$want" ] || fail "embed printed SL '$got', ccsim run '$want'"
# The same program linked with the static library.
${CC:-cc} -std=c11 $(pkg-config --cflags ccsim) -o "$T/ex/embed-static" examples/embed.c \
    "$R$P/lib/libccsim.a" $(pkg-config --static --libs ccsim | sed 's/-lccsim//')
got_static=$(env -u LD_LIBRARY_PATH "$T/ex/embed-static" "$R$P/share/ccsim/scenarios/mmc.cfg" 8 |
             sed -n 's/^service level //p')
[ "$got_static" = "$want" ] || fail "embed (static) printed SL '$got_static', ccsim run '$want'"
note "examples/embed (shared and static): service level $got, as ccsim run"
unset LD_LIBRARY_PATH PKG_CONFIG_PATH PKG_CONFIG_SYSROOT_DIR

# ---- 3. the installed program, man pages, completion -----------------------
mkdir "$T/work"
(cd "$T/work" && CCSIM_SCENARIO_PATH=$R$P/share/ccsim/scenarios "$R$P/bin/ccsim" run captive --reps 2 |
    grep "file  *$R$P/share/ccsim/scenarios/captive.cfg" >/dev/null) || fail "installed ccsim run captive"
if command -v groff >/dev/null; then
    for m in "$R$P"/share/man/man1/*.1 "$R$P"/share/man/man5/*.5; do
        w=$(groff -man -Tutf8 -ww -z "$m" 2>&1) || fail "groff ${m##*/}: $w"
        [ -z "$w" ] || fail "groff warns on ${m##*/}: $w"
    done
    note "man pages render without warnings (groff -ww)"
else
    echo "install.sh: NOT TESTED: man page rendering (groff not found)" >&2
fi
if command -v man >/dev/null; then
    MANPATH=$R$P/share/man man -w ccsim-run >/dev/null || fail "man -w ccsim-run finds no page"
fi
if command -v bash >/dev/null; then
    got=$(tests/complete.sh "$R$P/share/bash-completion/completions/ccsim" ccsim r)
    [ "$got" = run ] || fail "installed completion of 'ccsim r': '$got'"
fi

mk uninstall DESTDIR="$R" >/dev/null
left=$(find "$R" \( -type f -o -type l \) | sed "s|^$R||")
[ -z "$left" ] || fail "make uninstall left: $left"

# ---- 4. a real prefix: the built-in scenario directory ----------------------
# (Rebuilds the two files that hold the prefix; the next make restores them.)
Q=$T/prefix
mk install PREFIX="$Q" >/dev/null
(cd "$T/work" && env -u CCSIM_SCENARIO_PATH "$Q/bin/ccsim" run captive --reps 2 |
    grep "file  *$Q/share/ccsim/scenarios/captive.cfg" >/dev/null) ||
    fail "ccsim installed in $Q does not find its scenarios by name"
got=$(cd "$T/work" && env -u CCSIM_SCENARIO_PATH bash "$ROOT/tests/complete.sh" \
      "$Q/share/bash-completion/completions/ccsim" ccsim run capt)
[ "$got" = captive ] || fail "completion of installed scenario names: '$got'"
# bash-completion itself finds the script on the first ccsim <TAB>.
bc=/usr/share/bash-completion/bash_completion
if [ -f "$bc" ]; then
    XDG_DATA_DIRS=$Q/share bash -c "source $bc; __load_completion ccsim && complete -p ccsim" |
        grep -- '-F _ccsim ccsim' >/dev/null || fail "bash-completion does not load $Q's ccsim completion"
else
    echo "install.sh: NOT TESTED: loading by bash-completion ($bc not found; Debian package bash-completion)" >&2
fi
mk uninstall PREFIX="$Q" >/dev/null
left=$(find "$Q" \( -type f -o -type l \))
[ -z "$left" ] || fail "make uninstall PREFIX=$Q left: $left"
mk all >/dev/null   # back to the default prefix
note "ok: install, examples, man, completion, scenario lookup, uninstall"
