#!/usr/bin/env bash
# tests/coverage.sh DIR — the coverage table of `make coverage`: line and
# branch coverage of every file of src/ from the gcov data in DIR, the
# totals, and the targets (92% of lines and 85% of branches over src/, 80%
# of lines in every file).  Exits 1 when a target is missed
# (COV_FAIL_UNDER=0: report only).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-build-cov}
csv=$dir/coverage.csv
gcovr --root . --object-directory "$dir" --filter 'src/' --exclude-unreachable-branches \
    -j 2 --csv "$csv" >/dev/null
awk -F, -v fail="${COV_FAIL_UNDER:-1}" '
NR == 1 { next }
{
    f = $1; lt += $2; lc += $3; bt += $5; bc += $6
    lp = $2 > 0 ? 100 * $3 / $2 : 100; bp = $5 > 0 ? 100 * $6 / $5 : 100
    printf "%-28s %6d %6d %6.1f%%   %6d %6d %6.1f%%%s\n", f, $2, $3, lp, $5, $6, bp, \
        lp < 80 ? "   < 80% of lines" : ""
    if (lp < 80) low++
}
BEGIN {
    printf "%-28s %6s %6s %7s   %6s %6s %7s\n", "file", "lines", "exec", "cover", "branch", "taken", "cover"
}
END {
    lp = 100 * lc / lt; bp = 100 * bc / bt
    printf "%-28s %6d %6d %6.1f%%   %6d %6d %6.1f%%\n", "TOTAL src/", lt, lc, lp, bt, bc, bp
    ok = lp >= 92 && bp >= 85 && low == 0
    printf "coverage: lines %.1f%% (target 92%%), branches %.1f%% (target 85%%), %d file(s) under 80%% of lines: %s\n", \
        lp, bp, low, ok ? "targets met" : "TARGETS MISSED"
    exit (ok || fail == "0") ? 0 : 1
}' "$csv"
