#!/usr/bin/env bash
# Golden outputs: what every shipped scenario prints, kept byte for byte in
# tests/data/golden/ so that a refactor which must not change the numbers
# is checked against the binary that came before it.
#
#   tests/golden.sh --check   compare the binary's outputs with the files (make check)
#   tests/golden.sh --write   rewrite the files (make golden): only on purpose,
#                             when a change fixes a named defect or changes the
#                             random numbers drawn, said in the commit
#
# CCSIM_BIN names the binary (default bin/ccsim).  The cases are the lines of
# CASES below: a file name under tests/data/golden/ and the ccsim arguments.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${CCSIM_BIN:-bin/ccsim}
mode=${1:---check}
dir=tests/data/golden

cases() {
    local f n
    for f in scenarios/*.cfg scenarios/teach/*.cfg scenarios/planning/day.cfg \
             scenarios/planning/confidence.cfg; do
        n=${f#scenarios/}; n=${n%.cfg}; n=${n//\//_}
        echo "run-$n.json|run $f --format json"
    done
    for f in scenarios/default.cfg scenarios/captive.cfg scenarios/blended.cfg \
             scenarios/outbound-collections.cfg scenarios/two-types.cfg scenarios/callbacks.cfg \
             scenarios/contact-center-chat.cfg scenarios/contact-center.cfg \
             scenarios/contact-center-costs.cfg; do
        n=${f#scenarios/}; n=${n%.cfg}
        echo "run-$n.txt|run $f"
        echo "run-$n.csv|run $f --format csv"
    done
    echo "staff-mmc.json|staff scenarios/mmc.cfg --format json"
    echo "staff-mmc-abandon.txt|staff scenarios/mmc-abandon.cfg"
    echo "staff-captive.json|staff scenarios/captive.cfg --format json --reps 10 --max-reps 20"
    echo "sweep-mmc.json|sweep scenarios/mmc.cfg --vary agents.[0].count=52:58:2 --format json"
    echo "sweep-offshore.csv|sweep scenarios/bpo-offshore.cfg --vary agents.[0].cost.price=1:3:1 --format csv"
    echo "compare-captive-offshore.json|compare scenarios/captive.cfg scenarios/bpo-offshore.cfg --format json"
    echo "compare-captive-hybrid.txt|compare scenarios/captive.cfg scenarios/hybrid-overflow.cfg"
    echo "compare-callbacks.txt|compare scenarios/callbacks.cfg scenarios/callbacks.cfg --set 1:callbacks.accept=0 --set 1:name=\"without-callbacks\" --set 2:name=\"with-callbacks\""
    echo "validate-mmc.json|validate scenarios/mmc.cfg --format json"
    echo "validate-mmc-abandon.txt|validate scenarios/mmc-abandon.cfg"
    echo "validate-loss.txt|validate scenarios/teach/06-loss-erlang-b.cfg"
    echo "trace-tiny.txt|trace scenarios/teach/00-trace-tiny.cfg"
    echo "trace-default.txt|trace scenarios/default.cfg --until 600"
}

fail=0; n=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir -p "$dir"
while IFS='|' read -r name args; do
    n=$((n + 1))
    # shellcheck disable=SC2086
    if ! "$bin" $args >"$tmp/out" 2>"$tmp/err"; then
        echo "golden: $name: ccsim $args failed: $(head -n 1 "$tmp/err")" >&2; fail=1; continue
    fi
    if [ "$mode" = --write ]; then
        cp "$tmp/out" "$dir/$name"
    elif ! cmp -s "$tmp/out" "$dir/$name"; then
        echo "golden: $name differs from 'ccsim $args':" >&2
        diff "$dir/$name" "$tmp/out" | head -n 10 >&2 || true
        fail=1
    fi
done < <(cases)
if [ "$mode" = --write ]; then
    echo "golden: wrote $n outputs to $dir"
elif [ $fail -eq 0 ]; then
    echo "golden: $n outputs byte-identical to $dir"
fi
exit $fail
