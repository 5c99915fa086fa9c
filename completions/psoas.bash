# bash completion for psoas. The candidates come from the binary itself
# (`psoas __complete WORDS...`), so they always match the installed version,
# and routine ids include the user's own routines. It prints one candidate a line,
# "word<TAB>description"; bash shows only the words. A lone "<files>" asks for file names.
_psoas() {
  local cur cword
  local -a words
  if declare -F _init_completion >/dev/null; then
    _init_completion -n =: || return
  else
    words=("${COMP_WORDS[@]}"); cword=$COMP_CWORD; cur=${COMP_WORDS[COMP_CWORD]}
  fi
  local line
  local -a found=()
  while IFS= read -r line; do
    [[ -n ${line%%$'\t'*} ]] && found+=("${line%%$'\t'*}")
  done < <("${words[0]}" __complete "${words[@]:1:cword}" 2>/dev/null)
  if [[ ${#found[@]} -eq 1 && ${found[0]} == "<files>" ]]; then
    if declare -F _filedir >/dev/null; then _filedir; else mapfile -t COMPREPLY < <(compgen -f -- "$cur"); fi
    return
  fi
  COMPREPLY=("${found[@]}")
}
complete -F _psoas psoas
