#!/usr/bin/env bash
# readme.sh — puts the real output of ccsim into README.md (and other
# Markdown files), so that what they show cannot drift from the binary.
#
#   scripts/readme.sh FILE...            rewrite FILE in place   (make readme)
#   scripts/readme.sh --check FILE...    exit 1 and show a diff when a FILE
#                                         differs from what it would become
#                                         (make readme-check, run by make check)
#
# A generated block is a marker comment followed by a fenced block:
#
#   <!-- run: ccsim staff scenarios/teach/02-mmc-80-20.cfg --sl 80/20 -->
#   ```
#   (replaced by "$ ccsim staff ..." and the command's standard output)
#   ```
#
# `run:` shows the command as a "$ ..." line before its output; `out:`
# shows the output alone.  The command is run by bash from the project
# root with `ccsim` meaning the binary under test ($CCSIM_BIN, default
# bin/ccsim); it must exit 0.  A trailing `| excerpt RANGE...` keeps only
# the lines in the given sed ranges (`1,9`, `/^Day/,/ASA/`, `/^  day/,+2`),
# writes "..." (indented like the line after it, or before it at the end)
# where lines were left out (`excerpt -q ...`: no "..." lines, for a few
# lines picked from a table), and is not shown on the "$" line.  Everything outside the fenced blocks
# that follow markers is left alone.
set -euo pipefail
export LC_ALL=C

root=$(cd "$(dirname "$0")/.." && pwd)
bin=${CCSIM_BIN:-bin/ccsim}
case $bin in /*) ;; *) bin=$root/$bin ;; esac
if [ ! -x "$bin" ]; then
    echo "readme.sh: $bin not found; run make first" >&2
    exit 2
fi
export CCSIM_ABS=$bin

check=0
if [ "${1:-}" = "--check" ]; then
    check=1
    shift
fi
[ $# -gt 0 ] || { echo "usage: scripts/readme.sh [--check] FILE..." >&2; exit 2; }

# The helpers the commands may use; exported to the bash that runs them.
ccsim() { "$CCSIM_ABS" "$@"; }
excerpt() {
    local input nums="" r quiet=0
    if [ "${1:-}" = "-q" ]; then
        quiet=1
        shift
    fi
    input=$(cat)
    for r in "$@"; do
        nums+=$(printf '%s\n' "$input" | sed -n "${r}=")$'\n'
    done
    printf '%s\n' "$input" | awk -v quiet=$quiet \
        -v keep="$(printf '%s' "$nums" | sort -n -u | tr '\n' ' ')" '
        function gap(l) { if (!quiet) { match(l, /^ */); print substr(l, 1, RLENGTH) "..." } }
        BEGIN { n = split(keep, a, " "); for (i = 1; i <= n; i++) k[a[i]] = 1 }
        { line[NR] = $0 }
        END {
            last = 0
            for (i = 1; i <= NR; i++) {
                if (!(i in k)) continue
                if (i > last + 1) gap(line[i])
                print line[i]
                last = i
            }
            if (last && last < NR) gap(line[last])
        }'
}
export -f ccsim excerpt

# Writes the generated version of $1 to stdout.
generate() {
    local file=$1 line cmd shown kind status=0 n=0
    local -a lines
    mapfile -t lines < "$file"
    local i=0 total=${#lines[@]}
    while [ $i -lt $total ]; do
        line=${lines[$i]}
        printf '%s\n' "$line"
        i=$((i + 1))
        if [[ $line =~ ^\<\!--\ (run|out):\ (.*)\ --\>$ ]]; then
            kind=${BASH_REMATCH[1]}
            cmd=${BASH_REMATCH[2]}
            if [ $i -ge $total ] || [[ ! ${lines[$i]} =~ ^\`\`\` ]]; then
                echo "readme.sh: $file:$i: a marker must be followed by a \`\`\` block" >&2
                return 2
            fi
            printf '%s\n' "${lines[$i]}"        # the opening fence, kept as written
            i=$((i + 1))
            while [ $i -lt $total ] && [[ ! ${lines[$i]} =~ ^\`\`\`$ ]]; do
                i=$((i + 1))                     # the old contents
            done
            if [ $i -ge $total ]; then
                echo "readme.sh: $file: unterminated block after '$cmd'" >&2
                return 2
            fi
            if [ "$kind" = run ]; then
                shown=${cmd%% | excerpt *}
                printf '$ %s\n' "$shown"
            fi
            if ! (cd "$root" && bash -o pipefail -c "$cmd"); then
                echo "readme.sh: $file: command failed: $cmd" >&2
                return 1
            fi
            printf '%s\n' "${lines[$i]}"        # the closing fence
            i=$((i + 1))
            n=$((n + 1))
        fi
    done
    echo "readme.sh: $file: $n generated blocks" >&2
    return $status
}

rc=0
for f in "$@"; do
    tmp=$(mktemp "${TMPDIR:-/tmp}/readme.XXXXXX")
    trap 'rm -f "$tmp"' EXIT
    generate "$root/$f" > "$tmp" || { rm -f "$tmp"; exit 1; }
    if [ $check -eq 1 ]; then
        if ! diff -u "$root/$f" "$tmp" > "$tmp.diff"; then
            cat "$tmp.diff" | head -60 >&2
            echo "readme.sh: $f differs from the output of the commands it shows;" \
                 "run 'make readme' and commit the result" >&2
            rc=1
        fi
        rm -f "$tmp.diff"
        rm -f "$tmp"
    else
        if cmp -s "$root/$f" "$tmp"; then
            rm -f "$tmp"
        else
            cat "$tmp" > "$root/$f"
            rm -f "$tmp"
            echo "readme.sh: $f updated" >&2
        fi
    fi
done
exit $rc
