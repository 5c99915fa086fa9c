# Usage: bash --norc --noprofile complete.bash "psoas ro"  -> one candidate per line
source /usr/share/bash-completion/bash_completion
line=$1; COMP_LINE=$line; COMP_POINT=${#line}
read -ra COMP_WORDS <<<"$line"; [[ $line == *" " ]] && COMP_WORDS+=("")
COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); cmd=${COMP_WORDS[0]}
complete -p "$cmd" &>/dev/null || _completion_loader "$cmd"
fn=$(complete -p "$cmd" | sed -E 's/.*-F ([^ ]+).*/\1/'); COMPREPLY=()
"$fn" "$cmd" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
printf '%s\n' "${COMPREPLY[@]}"
