# Tab completion in the real shells (bash with bash-completion, zsh, fish), driven as a
# user would press Tab, plus a check that every subcommand and option `--help` shows is
# offered, so the scripts cannot fall behind the parser.
source "$(dirname "$0")/lib.sh"
SHELLS="$PSOAS_SOURCE_DIR/tests/cli/shells"
BIN="$T/bin"; mkdir -p "$BIN" "$T/share/bash-completion/completions" "$T/zsh" "$T/fish"
ln -s "$PSOAS" "$BIN/psoas"
cp "$PSOAS_SOURCE_DIR/completions/psoas.bash" "$T/share/bash-completion/completions/psoas"
cp "$PSOAS_SOURCE_DIR/completions/_psoas" "$T/zsh/_psoas"
cp "$PSOAS_SOURCE_DIR/completions/psoas.fish" "$T/fish/psoas.fish"
export PATH="$BIN:$PATH"

# zsh_complete LINE: the zsh driver, given 60 s. If the driver itself hangs (it waits on a
# pty for a prompt; CI once saw one call run into its limit on a loaded machine), it is
# started again, at most 3 times in all; what it prints is still checked as strictly.
zsh_complete() {
  local try rc
  for try in 1 2 3; do
    timeout 60 zsh -f "$SHELLS/complete.zsh" "$T/zsh" "$1"
    rc=$?
    [ "$rc" -ne 124 ] && return "$rc"
    echo "zsh driver timed out on '$1' (try $try of 3)" >&2
  done
  return 124
}

complete_in() {  # SHELL LINE -> candidates, one per line
  case $1 in
    bash) XDG_DATA_DIRS="$T/share" bash --norc --noprofile "$SHELLS/complete.bash" "$2" ;;
    zsh) zsh_complete "$2" ;;
    fish) fish --no-config -c "source $T/fish/psoas.fish; complete -C '$2'" | cut -f1 ;;
  esac
}

# expect_candidates SHELL LINE WORD... : completing LINE offers every WORD.
expect_candidates() {
  local shell=$1 line=$2; shift 2
  CURRENT="$shell: '$line'"
  local got; got=$(complete_in "$shell" "$line" 2>"$T/err")
  printf '%s\n' "$got" >"$T/out"
  for word in "$@"; do
    CHECKS=$((CHECKS + 1))
    grep -qxF -- "$word" <<<"$got" || fail "no candidate '$word'"
  done
}

# A user routine, to show that ids come from the binary at completion time.
mkdir -p "$XDG_CONFIG_HOME/psoas/content"
cat >"$XDG_CONFIG_HOME/psoas/content/mine.toml" <<'TOML'
[[routine]]
id = "my-evening"
name = "My evening"
summary = "Mine."
[[routine.step]]
exercise = "kneeling-hip-flexor"

[[advice]]
id = "my-tip"
title = "My tip"
body = ["Mine."]
TOML

for sh in bash zsh fish; do
  expect_candidates $sh "psoas ro" routine
  expect_candidates $sh "psoas " triage routine timer log report today advice
  expect_candidates $sh "psoas today --" --json
  expect_candidates $sh "psoas advice " cold heat sleep-position walking desk-setup hydration stress triggers time-course my-tip
  expect_candidates $sh "psoas advice c" cold chiropractic clinician-exam
  expect_candidates $sh "psoas advice --" --json
  expect_candidates $sh "psoas routine " list show check run
  expect_candidates $sh "psoas remind " install status remove breaks log-prompt weekly
  expect_candidates $sh "psoas remind install --" --work-hours --days --every --log-at --weekly --dry-run --cron --force
  expect_candidates $sh "psoas routine run " morning desk-break stretch strength massage weekly acute my-evening
  expect_candidates $sh "psoas routine show m" morning massage my-evening
  expect_candidates $sh "psoas log --" --where --trigger --helped --note --at --journal
  expect_candidates $sh "psoas log export --format " csv json jsonl
  expect_candidates $sh "psoas report --format " text markdown json csv html
  expect_candidates $sh "psoas --j" --journal
done
# Nothing offered that does not fit what was typed.
CHECKS=$((CHECKS + 1)); CURRENT="bash: 'psoas ro' is only routine"
[ "$(complete_in bash 'psoas ro')" == "routine" ] || fail "expected only 'routine'"
CHECKS=$((CHECKS + 1)); CURRENT="bash: 'psoas advice col' is only cold"
[ "$(complete_in bash 'psoas advice col')" == "cold" ] || fail "expected only 'cold'"

# Every subcommand and option that --help shows is offered by completion (bash).
# help_words ARGS... -> the subcommands and long options in `psoas ARGS --help`.
help_subcommands() { "$PSOAS" "$@" --help | awk '/^Subcommands:/{s=1;next} /^$/{s=0} s && /^  [a-z]/{print $1}'; }
help_options() {  # the names in the first column of the Options: section
  "$PSOAS" "$@" --help | awk '/^Options:/{s=1;next} /^[^ ]/{s=0} s && /^  -/{print $1}' |
    tr ',' '\n' | grep -E '^--[a-z]' | sort -u
}
walk() {
  local -a path=("$@")
  local prefix="psoas${path[*]:+ ${path[*]}}"
  local got; got=$(complete_in bash "$prefix --")
  for opt in $(help_options "${path[@]}"); do
    CHECKS=$((CHECKS + 1)); CURRENT="bash: '$prefix --' offers $opt"
    grep -qxF -- "$opt" <<<"$got" || fail "missing $opt"
  done
  local subs; subs=$(help_subcommands "${path[@]}")
  [ -n "$subs" ] || return 0
  got=$(complete_in bash "$prefix ")
  for sub in $subs; do
    CHECKS=$((CHECKS + 1)); CURRENT="bash: '$prefix ' offers $sub"
    grep -qxF -- "$sub" <<<"$got" || fail "missing $sub"
    walk "${path[@]}" "$sub"
  done
}
walk
