# Usage: zsh -f complete.zsh FPATH_DIR "psoas ro"  -> one candidate per line
# Drives an interactive zsh in a pty: sets it up, types the line and Tab, and prints what
# compadd was given. Each step waits for the next prompt before going on. The prompt is
# set as "RE""ADY>", so the echo of that command can't be mistaken for the prompt itself.
zmodload zsh/zpty; zpty z zsh -f -i
send() { zpty -w z "$1"; zpty -r z _ '*READY>*' }
send 'PROMPT="RE""ADY>"'
send "fpath=($1 \$fpath); autoload -Uz compinit; compinit -u -D"
send 'compadd() { if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then builtin compadd "$@"; return; fi
  local -a h; builtin compadd -A h "$@"; (( $#h )) && print -rl -- "<<C>>"${^h} }'
zpty -w -n z "$2"$'\t'; zpty -w z $'\C-u'"print -r -- '<<E''ND>>'"
zpty -r z out '*<<END>>*'; zpty -d z
print -r -- "$out" | tr -d '\r' | grep -o '<<C>>[^[:space:]]*' | sed 's/^<<C>>//' | sort -u
