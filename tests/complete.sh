#!/usr/bin/env bash
# complete.sh — what bash completion offers, as a user's TAB would get it:
#
#   tests/complete.sh SCRIPT WORD... ''
#
# sources SCRIPT (a ccsim completion), sets COMP_WORDS to the words (the
# last one is the word being completed, '' for a fresh one), calls the
# function `complete -p ccsim` names and prints COMPREPLY, one per line,
# sorted.  Used by tests/check_completion.c.
set -u
script=$1
shift
# shellcheck disable=SC1090
source "$script" || exit 3
fn=$(complete -p ccsim 2>/dev/null | sed -n 's/.*-F \([^ ]*\) .*/\1/p')
[ -n "$fn" ] || { echo "complete.sh: $script does not register a completion for ccsim" >&2; exit 3; }
COMP_WORDS=("$@")
COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
COMP_LINE="$*"
COMP_POINT=${#COMP_LINE}
COMPREPLY=()
"$fn" ccsim "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]:-}" || exit 4
[ ${#COMPREPLY[@]} -eq 0 ] || printf '%s\n' "${COMPREPLY[@]}" | LC_ALL=C sort
