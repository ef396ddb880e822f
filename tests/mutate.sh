#!/usr/bin/env bash
# tests/mutate.sh — mutation testing (make mutate; docs/testing.md).
#
# Copies the tree (the working files, not a commit) to a scratch directory,
# then for each mutation of tests/mutations.txt: applies it to the copy,
# builds, runs the test suite, restores the file.  A mutant is "caught" when
# the suite fails, "MISSED" when it passes, "stale" when its `find` text does
# not occur exactly once in its file, "build-error" when it does not compile.
# Prints one line per mutant, then the counts and the score; exits 1 unless
# every mutant is caught.
#
# A mutant's optional `suite:` names the Check suite(s) expected to catch it;
# those run first, one at a time (CK_RUN_SUITE), and the first that fails
# decides "caught".  When they all pass (or name no suite that exists) the
# whole suite runs and decides, so "MISSED" always means the whole suite
# passed: the shortcut can only make a verdict faster, never change it.
#
# Environment: MUTATIONS (file, default tests/mutations.txt), MUTATE_DIR
# (scratch, default build/mutate), MUTATE_ONLY (ids, space-separated: run
# only these), MUTATE_SUITE_FIRST=0 (ignore `suite:`, always run the whole
# suite), CK_RUN_SUITE (restrict the whole-suite run, for quick experiments;
# the score is only meaningful for the whole suite), JOBS (make -j,
# default 2).
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
list=${MUTATIONS:-tests/mutations.txt}
work=${MUTATE_DIR:-build/mutate}
jobs=${JOBS:-2}
only=${MUTATE_ONLY:-}
suite_first=${MUTATE_SUITE_FIRST:-1}

[ -r "$list" ] || { echo "mutate: cannot read $list" >&2; exit 2; }
command -v perl >/dev/null || { echo "mutate: needs perl (Debian perl-base)" >&2; exit 2; }

rm -rf "$work/tree"
mkdir -p "$work/tree" "$work/logs"
# Everything but builds and git (the tests read docs/, README.md, scripts/).
tar -cf - --exclude=./.git --exclude='./build*' --exclude=./bin . | tar -C "$work/tree" -xf -
tree=$work/tree
[ "${tree#/}" = "$tree" ] && tree=$root/$tree
# The list is read from a copy taken now, so that editing it during the run
# (it is read one line at a time) cannot misalign the reading.
cp "$list" "$work/mutations.txt"
list=$work/mutations.txt

# Count (and optionally replace) literal occurrences of $FIND in a file:
# prints the number of occurrences; with REPLACE_IT=1 replaces the only one.
literal() {
    FIND=$2 REPLACE=$3 REPLACE_IT=$4 perl -0777 -e '
        my ($file) = @ARGV;
        open(my $fh, "<", $file) or die "cannot read $file\n";
        local $/; my $text = <$fh>; close $fh;
        my ($f, $r) = ($ENV{FIND}, $ENV{REPLACE});
        my $n = () = $text =~ /\Q$f\E/g;
        print "$n\n";
        if ($ENV{REPLACE_IT} eq "1" && $n == 1) {
            $text =~ s/\Q$f\E/$r/;
            open(my $out, ">", $file) or die "cannot write $file\n";
            print $out $text; close $out;
        }' "$1"
}

build() {
    # Returns 0 when the copy builds, 1 when it does not.
    make -C "$tree" -j"$jobs" --no-print-directory all build/check_ccsim >"$1" 2>&1
}

run_suite() {
    # Runs the test binary on the copy, appending to log $1; with $2, only
    # the Check suite of that name.  Returns the binary's status.
    local log=$1 suite=${2:-}
    if [ -n "$suite" ]; then
        echo "mutate: suite $suite" >>"$log"
        (cd "$tree" && CK_RUN_SUITE=$suite CCSIM_BIN=bin/ccsim \
            CK_DEFAULT_TIMEOUT=${CK_TIMEOUT:-120} timeout 3600 ./build/check_ccsim) >>"$log" 2>&1
    else
        echo "mutate: whole suite" >>"$log"
        (cd "$tree" && CCSIM_BIN=bin/ccsim CK_DEFAULT_TIMEOUT=${CK_TIMEOUT:-120} \
            timeout 3600 ./build/check_ccsim) >>"$log" 2>&1
    fi
}

build_and_test() {
    # Returns 0 when the suite passes, 1 when it fails, 2 when the build
    # fails.  Sets by_suite to the suite that failed first among $2 (the
    # mutant's `suite:` list), or to "whole suite" when the whole suite ran.
    local log=$1 suites=${2:-} s before
    by_suite=
    build "$log" || return 2
    if [ "$suite_first" != 0 ]; then
        for s in $suites; do
            before=$(wc -l <"$log")
            if ! run_suite "$log" "$s"; then
                by_suite="suite $s"
                return 1
            fi
            # A misspelt or renamed suite runs nothing: say so (the whole
            # suite still decides below).
            if tail -n +"$((before + 1))" "$log" | grep -q 'Checks: 0,'; then
                echo "mutate: ${id:-}: suite '$s' ran no checks (renamed? see tests/check_main.c)" >&2
            fi
        done
    fi
    by_suite="whole suite"
    run_suite "$log" || return 1
    return 0
}

echo "mutate: building the unmutated copy in $work/tree"
if ! build_and_test "$work/logs/baseline.log"; then
    echo "mutate: the unmutated tree does not pass its tests (see $work/logs/baseline.log)" >&2
    exit 2
fi

caught=0 missed=0 stale=0 broken=0 total=0
declare -a missed_ids=() stale_ids=()
id= file= find= replace= have_replace=0 why= suites=

run_one() {
    [ -n "$id" ] || return 0
    if [ -n "$only" ] && ! [[ " $only " == *" $id "* ]]; then
        id= file= find= replace= have_replace=0 why= suites=
        return 0
    fi
    total=$((total + 1))
    local verdict log=$work/logs/$id.log
    if [ -z "$file" ] || [ -z "$find" ] || [ "$have_replace" -eq 0 ] || [ ! -f "$tree/$file" ]; then
        verdict=stale
    else
        local n
        n=$(literal "$tree/$file" "$find" "$replace" 0)
        if [ "$n" != 1 ]; then
            verdict=stale
        else
            # Restored from the snapshot, not from the working tree: edits
            # made there during the run must not leak into later mutants.
            cp -p "$tree/$file" "$work/pristine"
            literal "$tree/$file" "$find" "$replace" 1 >/dev/null
            : >"$log"
            build_and_test "$log" "$suites"
            case $? in
                0) verdict=MISSED ;;
                1) verdict=caught ;;
                *) verdict=build-error ;;
            esac
            cp -p "$work/pristine" "$tree/$file"
            touch "$tree/$file"
        fi
    fi
    case $verdict in
        caught) caught=$((caught + 1)) ;;
        MISSED) missed=$((missed + 1)); missed_ids+=("$id") ;;
        stale) stale=$((stale + 1)); stale_ids+=("$id") ;;
        *) broken=$((broken + 1)) ;;
    esac
    printf '%-12s %-44s %s%s\n' "$verdict" "$id" "$file" \
        "$([ "$verdict" = caught ] && [ -n "${by_suite:-}" ] && echo "  ($by_suite)")"
    if [ "$verdict" = caught ] && [ -f "$log" ]; then
        grep -E ':[FE]:' "$log" | head -2 | sed 's/^/             by /'
    fi
    id= file= find= replace= have_replace=0 why= suites= by_suite=
}

while IFS= read -r line || [ -n "$line" ]; do
    case $line in
        '#'*) continue ;;
        '') run_one ;;
        id:*) run_one; id=${line#id:}; id=${id# } ;;
        file:*) file=${line#file:}; file=${file# } ;;
        find:*) find=${line#find:}; find=${find# } ;;
        replace:*) replace=${line#replace:}; replace=${replace# }; have_replace=1 ;;
        why:*) why=${line#why:} ;;
        suite:*) suites=${line#suite:} ;;
        *) echo "mutate: $list: unexpected line: $line" >&2; exit 2 ;;
    esac
done <"$list"
run_one

echo "mutate: $caught caught, $missed missed, $stale stale, $broken build errors of $total"
live=$((total - stale - broken))
if [ "$live" -gt 0 ]; then
    echo "mutate: score $caught/$live = $((100 * caught / live))%"
fi
[ ${#missed_ids[@]} -gt 0 ] && echo "mutate: missed: ${missed_ids[*]}"
[ ${#stale_ids[@]} -gt 0 ] && echo "mutate: stale (update tests/mutations.txt): ${stale_ids[*]}"
[ "$caught" -eq "$total" ]
