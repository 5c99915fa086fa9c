# Tab completion in the real shells (bash with bash-completion, zsh, fish), driven as a
# user would press Tab. Each shell must offer exactly the expected set (sorted, compared
# whole: an extra candidate fails as a missing one does) for the top level, every command,
# every command's long options and every option that takes a value. Then a check that
# every subcommand and option `--help` shows is offered, so the scripts cannot fall behind
# the parser, and that `psoas __complete` itself prints one "word<TAB>description" a line.
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

# expect_set SHELL LINE [WORD...]: completing LINE offers exactly the WORDs, nothing else
# (in the directory $IN_DIR when set).
expect_set() {
  local shell=$1 line=$2; shift 2
  CURRENT="$shell: '$line'"
  CHECKS=$((CHECKS + 1))
  local got want
  got=$(cd "${IN_DIR:-.}" && complete_in "$shell" "$line" 2>"$T/err" | sed '/^$/d' | LC_ALL=C sort)
  want=$(printf '%s\n' "$@" | sed '/^$/d' | LC_ALL=C sort -u)
  [ "$got" == "$want" ] ||
    fail "not the expected set; missing: $(LC_ALL=C comm -23 <(echo "$want") <(echo "$got") | xargs)" \
      "extra: $(LC_ALL=C comm -13 <(echo "$want") <(echo "$got") | xargs)"
}

# ---- The expected sets. Written from the definitions in src/cli (main.cpp's command table,
# each add_* function), not from what completion prints: one place per command, so a change
# to a command's options is one edit here. Nothing falls through (issue 18): a subcommand
# offers its own options only. The root's (--journal, --content, --color, --no-pager) are
# also taken after a subcommand, but completion offers them where they are defined.
TOP="triage routine timer log report today advice remind undo redo sync"
ROOT_OPTS="--help --version --journal --content --paths --color --no-pager"
TRIAGE_OPTS="--help --yes --no --unsure --answers --ask --format --json --list --ids"
ROUTINE_SUBS="list show check run"
ROUTINE_OPTS="--help"
ROUTINE_LIST_OPTS="--help --format --json --ids"
ROUTINE_SHOW_OPTS="--help --format --json"
ROUTINE_CHECK_OPTS="--help"
ROUTINE_RUN_OPTS="--help --no-bell --voice --wait --pain-before --pain-after --no-ask"
TIMER_OPTS="--help --sides --reps --rest --label --no-bell --voice --every --for --pain-before --pain-after --no-ask
  --status --format --json"
LOG_SUBS="list edit rm export import"
LOG_OPTS="--help --where --trigger --helped --note --at --enjoyment --activity --format --json"
LOG_SELECT_OPTS="--since --until --range --limit --where --trigger --helped"  # log list and export
LOG_LIST_OPTS="--help --format --json --ids $LOG_SELECT_OPTS"
LOG_EDIT_OPTS="--help --pain --where --trigger --helped --note --at --enjoyment --activity"
LOG_RM_OPTS="--help --yes"
LOG_EXPORT_OPTS="--help --format --json $LOG_SELECT_OPTS"
LOG_IMPORT_OPTS="--help --format"
REPORT_OPTS="--help --week --last-week --month --weeks --since --until --range --format --json --output"
TODAY_OPTS="--help --format --json"
ADVICE_OPTS="--help --format --json --ids"
REMIND_SUBS="install status remove breaks log-prompt weekly"
REMIND_OPTS="--help"
REMIND_INSTALL_OPTS="--help --work-hours --days --every --log-at --weekly --dry-run --cron --force"
REMIND_STATUS_OPTS="--help --format --json"
REMIND_BREAKS_OPTS="--help --once"
UNDO_OPTS="--help --list --json --limit"
REDO_OPTS="--help"
SYNC_OPTS="--help --status --json --no-git --new-device-id"
# Option values. The journal's known places, triggers and helpers: known_areas(),
# known_triggers() and known_helped() in src/core/entry.cpp.
AREAS="lower-back groin front-of-hip buttock thigh leg"
TRIGGERS="sitting standing walking running stress core-workout poor-sleep dehydration lifting driving cold"
HELPED="heat ice stretch massage walk rest breathing routine"
EXPORT_FORMATS="csv json jsonl"                       # log export/import --format {csv,json,jsonl}
REPORT_FORMATS="text markdown md json csv html"       # report --format
TEXT_JSON="text json"                                 # --format of the other commands that print data
COLORS="auto always never"                            # --color

# A user routine and advice note, to show that ids come from the binary at completion time.
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
# Sets that come from content are derived here from the commands that print ids (each
# command's --ids), not written out.
ROUTINES=$("$PSOAS" routine list --ids)
QUESTIONS=$("$PSOAS" triage --list --ids)
ADVICE=$("$PSOAS" advice --ids)
check "routine ids include the user's" grep -qx my-evening <<<"$ROUTINES"
check "advice ids include the user's" grep -qx my-tip <<<"$ADVICE"
check "question ids are listed" test "$(wc -l <<<"$QUESTIONS")" -gt 5
starting() { grep -- "^$1" | xargs; }  # the words of stdin that start with $1

# A directory holding one file, where a file name is what completes.
mkdir -p "$T/cwd" && echo 'cauda-equina = "no"' >"$T/cwd/answers.toml"

for sh in bash zsh fish; do
  # The top level and each command: subcommands, or a positional's values, or nothing.
  expect_set $sh "psoas " $TOP
  expect_set $sh "psoas ro" routine
  expect_set $sh "psoas t" triage timer today
  expect_set $sh "psoas triage "
  expect_set $sh "psoas timer "
  expect_set $sh "psoas report "
  expect_set $sh "psoas today "
  expect_set $sh "psoas routine " $ROUTINE_SUBS
  expect_set $sh "psoas routine list "
  expect_set $sh "psoas log " $LOG_SUBS
  expect_set $sh "psoas log list "
  expect_set $sh "psoas log edit "
  expect_set $sh "psoas remind " $REMIND_SUBS
  expect_set $sh "psoas remind install "
  expect_set $sh "psoas advice " $ADVICE
  expect_set $sh "psoas advice c" $(starting c <<<"$ADVICE")
  expect_set $sh "psoas routine show " $ROUTINES
  expect_set $sh "psoas routine run " $ROUTINES
  expect_set $sh "psoas routine show m" $(starting m <<<"$ROUTINES")
  expect_set $sh "psoas routine run desk" $(starting desk <<<"$ROUTINES")
  # Each command's long options.
  expect_set $sh "psoas --" $ROOT_OPTS
  expect_set $sh "psoas triage --" $TRIAGE_OPTS
  expect_set $sh "psoas routine --" $ROUTINE_OPTS
  expect_set $sh "psoas routine list --" $ROUTINE_LIST_OPTS
  expect_set $sh "psoas routine show --" $ROUTINE_SHOW_OPTS
  expect_set $sh "psoas routine check --" $ROUTINE_CHECK_OPTS
  expect_set $sh "psoas routine run --" $ROUTINE_RUN_OPTS
  expect_set $sh "psoas timer --" $TIMER_OPTS
  expect_set $sh "psoas log --" $LOG_OPTS
  expect_set $sh "psoas log list --" $LOG_LIST_OPTS
  expect_set $sh "psoas log edit --" $LOG_EDIT_OPTS
  expect_set $sh "psoas log rm --" $LOG_RM_OPTS
  expect_set $sh "psoas log export --" $LOG_EXPORT_OPTS
  expect_set $sh "psoas log import --" $LOG_IMPORT_OPTS
  expect_set $sh "psoas report --" $REPORT_OPTS
  expect_set $sh "psoas today --" $TODAY_OPTS
  expect_set $sh "psoas advice --" $ADVICE_OPTS
  expect_set $sh "psoas remind --" $REMIND_OPTS
  expect_set $sh "psoas remind install --" $REMIND_INSTALL_OPTS
  expect_set $sh "psoas remind status --" $REMIND_STATUS_OPTS
  expect_set $sh "psoas remind breaks --" $REMIND_BREAKS_OPTS
  expect_set $sh "psoas undo --" $UNDO_OPTS
  expect_set $sh "psoas redo --" $REDO_OPTS
  expect_set $sh "psoas undo "
  expect_set $sh "psoas u" undo
  expect_set $sh "psoas sync --" $SYNC_OPTS
  expect_set $sh "psoas --j" --journal
  # Each option that takes a value: its values, or nothing for free text.
  expect_set $sh "psoas log --where " $AREAS
  expect_set $sh "psoas log -w " $AREAS
  expect_set $sh "psoas log edit 3 --where " $AREAS
  expect_set $sh "psoas log --trigger " $TRIGGERS
  expect_set $sh "psoas log --trigger s" $(starting s <<<"$(printf '%s\n' $TRIGGERS)")
  expect_set $sh "psoas log --helped " $HELPED
  expect_set $sh "psoas log --helped heat,i" heat,ice  # a comma-separated list goes on
  expect_set $sh "psoas log export --format " $EXPORT_FORMATS
  expect_set $sh "psoas log import -f " $EXPORT_FORMATS
  expect_set $sh "psoas report --format " $REPORT_FORMATS
  expect_set $sh "psoas log list --format " $TEXT_JSON
  expect_set $sh "psoas routine list --format " $TEXT_JSON
  expect_set $sh "psoas triage --format " $TEXT_JSON
  expect_set $sh "psoas today --format " $TEXT_JSON
  expect_set $sh "psoas --color " $COLORS
  expect_set $sh "psoas triage --yes " $QUESTIONS
  expect_set $sh "psoas triage --no " $QUESTIONS
  expect_set $sh "psoas triage --unsure " $QUESTIONS
  expect_set $sh "psoas log --note "
  expect_set $sh "psoas log --at "
  expect_set $sh "psoas log list --limit "
  expect_set $sh "psoas timer --every "
  expect_set $sh "psoas report --range "
  expect_set $sh "psoas remind install --days "
done
# Options and arguments that take a file name offer the files where the shell is.
for sh in bash zsh fish; do
  for line in "psoas --journal " "psoas log import " "psoas routine check " "psoas triage --answers " \
    "psoas report --output " "psoas sync "; do
    IN_DIR="$T/cwd" expect_set $sh "$line" answers.toml
  done
done

# The protocol itself: one candidate a line, a word, a tab and a one-line description; the
# command with a three-line description (triage) gives one line.
run __complete ""
expect_rc 0
CHECKS=$((CHECKS + 1))
[ "$(wc -l <<<"$OUT")" -eq "$(wc -w <<<"$TOP")" ] || fail "not one line per command"
CHECKS=$((CHECKS + 1))
awk -F'\t' 'NF != 2 || $1 !~ /^[a-z-]+$/ || $2 == "" {bad=1} END {exit bad}' <<<"$OUT" ||
  fail "a line is not word<TAB>description"
expect_out $'triage\tRed-flag screen: seek care now, see a clinician soon, or self-care, and which…'
run __complete log ""
expect_out $'list\tList entries, oldest first'

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
