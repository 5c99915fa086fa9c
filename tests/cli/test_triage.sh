# psoas triage as a user meets it: answers from flags, files and stdin; exit codes; JSON;
# the stored record; bad input that stores nothing.
source "$(dirname "$0")/lib.sh"

IDS=$("$PSOAS" triage --list --ids)
# Every question id except the ones given, comma-separated.
all_but() {
  local skip=" $* " out=() id
  for id in $IDS; do [[ $skip == *" $id "* ]] || out+=("$id"); done
  local IFS=,
  echo "${out[*]}"
}
stored() { sqlite3 "$JOURNAL" "SELECT count(*) FROM triage" 2>/dev/null || echo 0; }
json_ok() { ! command -v python3 >/dev/null || python3 -c 'import json, sys; json.loads(sys.stdin.read())' <<<"$OUT"; }

# --list: ids, groups, urgencies, text; emergency questions first.
run triage --list
expect_rc 0
expect_out "urine-retention"
expect_out "emergency"
expect_out "see-clinician"
expect_out "pattern"
run triage --list --ids
expect_rc 0
check "first id is an emergency question" test "$(head -n1 <<<"$OUT")" == "urine-retention"
check "37 or more questions" test "$(wc -l <<<"$OUT")" -ge 30
run triage --list --json
expect_rc 0
expect_out '[{"id":"urine-retention","group":"red-flag","urgency":"emergency","text":'
check "list JSON parses" json_ok
check "--list stores nothing" test "$(stored)" -eq 0

# Self-care: all no, then the routine that fits.
run triage --no "$(all_but)"
expect_rc 0
expect_out "No urgent warning signs were reported. This is not a diagnosis."
expect_out "Cauda equina warning signs"
expect_out "Don't delay if you are worried"
expect_out "call 112"
check "the disclaimer at the start and the end" test "$(grep -c "does not diagnose" <<<"$OUT")" -eq 2
expect_no_out "you are fine"
expect_no_out "nothing serious"
expect_err "psoas: created a new journal at $JOURNAL"  # the first triage stores the first record

run triage --yes new-flare,front-of-hip --no "$(all_but new-flare front-of-hip)"
expect_rc 0
expect_out "psoas routine run acute"
expect_out "Cold for a flare-up"

run triage --yes long-standing,long-sitting,ache-on-standing --no "$(all_but long-standing long-sitting ache-on-standing)"
expect_rc 0
expect_out "psoas routine run stretch"
expect_out "psoas routine run strength"
expect_out "Heat"
expect_out "only a clinician can confirm it"

# See a clinician: exit 3.
run triage --yes night-pain --no "$(all_but night-pain)"
expect_rc 3
expect_out "See a clinician within the next few days"
expect_out "Does the pain wake you at night"
expect_out "Cauda equina warning signs"
expect_no_out "psoas routine run"

run triage --unsure pregnant --no "$(all_but pregnant)"
expect_rc 3
expect_out "adults who are not pregnant"

# Emergency: exit 4, and the other answers are not needed.
run triage --yes saddle-numbness
expect_rc 4
expect_out "Seek emergency care now: call 112"
expect_out "911"
expect_out "999"
expect_out "Cauda equina warning signs"
expect_empty_err

run triage --unsure both-legs --no urine-retention
expect_rc 4

# Infection risk with a fever escalates to an emergency.
run triage --yes fever,infection-risk,ache-on-standing,long-sitting --no "$(all_but fever infection-risk ache-on-standing long-sitting)"
expect_rc 4
expect_no_out "only a clinician can confirm it"

# The configured emergency number.
mkdir -p "$XDG_CONFIG_HOME/psoas"
echo 'emergency_number = "999"' >"$XDG_CONFIG_HOME/psoas/config.toml"
run triage --yes major-trauma
expect_rc 4
expect_out "call 999"
# A broken config.toml does not stop a triage: a warning, and the default number.
echo 'emergency_number = ' >"$XDG_CONFIG_HOME/psoas/config.toml"
run triage --yes major-trauma
expect_rc 4
expect_out "call 112"
expect_err "psoas: warning: "
rm "$XDG_CONFIG_HOME/psoas/config.toml"

# --json: one object with the outcome, reasons, routines, card and safety-net.
run triage --json --yes weight-loss,age,hip-catch --no "$(all_but weight-loss age hip-catch)"
expect_rc 3
check "JSON parses" json_ok
expect_out '"outcome":"see-clinician","exit_status":3'
expect_out '"reasons":[{"id":"weight-loss","text":'
expect_out '"urgency":"see-clinician","answer":"yes"}]'
expect_out '"mentions":[{"id":"age"'
expect_out '"routines":[]'
expect_out '"card":["Cauda equina warning signs'
expect_out '"safety_net":["This is not a diagnosis.'
expect_out '"disclaimer":"psoas informs and points to care'
expect_out '"answers":{'
expect_out '"stored":true'
check "JSON is one line" test "$(wc -l <<<"$OUT")" -eq 1

run triage --json --no "$(all_but)"
expect_rc 0
expect_out '"outcome":"self-care","exit_status":0,"headline":"No urgent warning signs were reported. This is not a diagnosis."'

# The stored record.
before=$(stored)
run triage --yes night-pain,long-standing --no "$(all_but night-pain long-standing)"
expect_rc 3
check "one more record" test "$(stored)" -eq $((before + 1))
row=$(sqlite3 -separator '|' "$JOURNAL" "SELECT outcome, reasons, routine FROM triage ORDER BY id DESC LIMIT 1")
check "record: outcome and reasons" test "$row" == 'see-clinician|["night-pain"]|'
answers=$(sqlite3 "$JOURNAL" "SELECT answers FROM triage ORDER BY id DESC LIMIT 1")
check "record: answers" grep -q '"night-pain":"yes"' <<<"$answers"
check "record: a no answer" grep -q '"fever":"no"' <<<"$answers"
run triage --yes long-standing --no "$(all_but long-standing)"
row=$(sqlite3 -separator '|' "$JOURNAL" "SELECT outcome, routine FROM triage ORDER BY id DESC LIMIT 1")
check "record: self-care routine" test "$row" == 'self-care|stretch,strength'
expect_file_mode "$JOURNAL" 600

# Bad input stores nothing.
before=$(stored)
run triage --yes fever
expect_rc 2
expect_one_line_error
expect_err "missing answers"
expect_err "urine-retention"
run triage
expect_rc 2
expect_one_line_error
expect_err "stdin is not a terminal"
run triage --yes fevr --no "$(all_but fever)"
expect_rc 2
expect_one_line_error
expect_err "no question 'fevr'"
expect_err "did you mean 'fever'?"
run triage --yes fever --no fever
expect_rc 2
expect_one_line_error
run triage --maybe fever
expect_rc 2
check "nothing stored by bad input" test "$(stored)" -eq "$before"

# Answers files: JSON and TOML, and malformed ones.
{
  echo "{"
  for id in $IDS; do echo "  \"$id\": \"no\","; done
  echo '  "night-pain": true'
  echo "}"
} | grep -v '"night-pain": "no"' >"$T/answers.json"
run triage --answers "$T/answers.json"
expect_rc 3
for id in $IDS; do echo "$id = false"; done >"$T/answers.toml"
run triage --answers "$T/answers.toml" --yes new-flare
expect_rc 0
expect_out "psoas routine run acute"
before=$(stored)
printf '{\n  "fever": "yes",\n  "age" "no"\n}\n' >"$T/bad.json"
run triage --answers "$T/bad.json"
expect_rc 1
expect_one_line_error
expect_err "bad.json:3"
printf 'fever = "yes"\nage = "maybe"\n' >"$T/bad.toml"
run triage --answers "$T/bad.toml"
expect_rc 1
expect_one_line_error
expect_err "bad.toml:2"
expect_err "'age'"
printf 'fever = "yes\n' >"$T/broken.toml"
run triage --answers "$T/broken.toml"
expect_rc 1
expect_one_line_error
expect_err "broken.toml:1"
run triage --answers "$T/missing.json"
expect_rc 1
expect_one_line_error
expect_err "missing.json"
printf '{"fevr": "yes"}' >"$T/unknown.json"
run triage --answers "$T/unknown.json"
expect_rc 2
expect_err "did you mean 'fever'?"
check "nothing stored by bad files" test "$(stored)" -eq "$before"

# --ask reads answers from stdin: "?" explains, "not sure" counts as yes.
n=$(wc -l <<<"$IDS")
answers=$'?\n'$(for _ in $IDS; do echo n; done)
run_stdin "$answers" triage --ask
expect_rc 0
expect_out "Answer y (yes), n (no) or u"
expect_out "cauda equina syndrome"
check "stored after --ask" test "$(stored)" -eq $((before + 1))
run_stdin $'n\nmaybe\nnot sure\n' triage --ask
expect_rc 4
expect_out "Please answer y, n, u"
expect_out "That is an emergency sign: no more questions."
expect_out "Seek emergency care now"
check "only 2 of $n questions asked (3 prompts)" test "$(grep -c '\[y/n/u/?\]' <<<"$OUT")" -eq 3

# End of input part-way: exit 1, a clear message, nothing stored.
before=$(stored)
run_stdin $'n\nn\nn\n' triage --ask
expect_rc 1
expect_one_line_error
expect_err "input ended before every question was answered; nothing was stored"
check "nothing stored at end of input" test "$(stored)" -eq "$before"

run triage --help
expect_rc 0
expect_out "Exit status: 0 self-care, 3 see a clinician, 4 emergency"

# --- Health judgement (issue 12) -----------------------------------------------------------
lower_out() { tr '[:upper:]' '[:lower:]' <<<"$OUT"; }
json_get() { python3 -c 'import json, sys; j = json.loads(sys.stdin.read()); print('"$1"')' <<<"$OUT"; }

# Mention-level answers carry their own advice: eight weeks means asking about a specialist.
run triage --yes eight-weeks --no "$(all_but eight-weeks)"
expect_rc 0
expect_out "Mention at your next visit:"
expect_out "specialist"
run triage --json --yes eight-weeks --no "$(all_but eight-weeks)"
check "eight-weeks: its advice in the JSON mention" \
  test "$(json_get '"specialist" in j["mentions"][0]["advice"]')" == True
# Every mention-level question, answered yes alone, shows its advice (text and JSON).
run triage --list --json
LIST_JSON=$OUT
mention_ids=$(json_get '" ".join(q["id"] for q in j if q["urgency"] == "mention")')
check "there are mention-level questions" test -n "$mention_ids"
for id in $mention_ids; do
  OUT=$LIST_JSON
  advice=$(json_get "[q for q in j if q['id'] == '$id'][0]['advice']")
  check "--list --json gives '$id' its advice" test -n "$advice"
  run triage --json --yes "$id" --no "$(all_but "$id")"
  check "'$id' yes: its advice in the result" \
    test "$(json_get "[m['advice'] for m in j['mentions'] if m['id'] == '$id'][0]")" == "$advice"
  run triage --yes "$id" --no "$(all_but "$id")"
  first_words=$(cut -d' ' -f1-4 <<<"$advice")
  expect_out "$first_words"
done

# Fever: "today" everywhere, never "within days".
run triage --yes fever --no "$(all_but fever)"
expect_rc 3
expect_out "See a clinician today"
expect_no_out "within days"
expect_no_out "few days"
run triage --json --yes fever --no "$(all_but fever)"
# Every sentence naming a fever, in the JSON result and its advice, says today.
fever_sentences() {
  python3 -c '
import json, re, sys
def strings(v):
    if isinstance(v, str): yield v
    elif isinstance(v, list):
        for x in v: yield from strings(x)
    elif isinstance(v, dict):
        for x in v.values(): yield from strings(x)
for s in strings(json.loads(sys.stdin.read())):
    for sentence in re.split(r"(?<=[.:;])\s+", s):
        if "fever" in sentence.lower(): print(sentence)' <<<"$OUT"
}
check "fever JSON: a sentence names a fever" test -n "$(fever_sentences)"
check "fever JSON: no sentence naming a fever says within days" \
  test -z "$(fever_sentences | grep -i -e 'within days' -e 'few days' -e 'same day')"

# More advice points at `psoas advice ID`, and the command shows it.
run triage --yes long-standing --no "$(all_but long-standing)"
expect_rc 0
expect_out "More advice"
expect_out "psoas advice stretch-gently"

# Hands-on treatments (massage, manual therapy, manipulation, dry needling) are not offered
# when the reasons include a sign the TRIAGE-SOURCES table names; every result names 911
# and 999 on its card; no result reassures. Each question answered yes alone, and all no.
HANDS_ON="massage-therapy manual-therapy dry-needling chiropractic"
FORBIDDEN="fever infection-risk fever-unwell osteoporosis major-trauma cancer-history weight-loss
night-pain groin-lump pregnant under-16 other-emergency"
BANNED=("you are fine" "you're fine" "nothing serious" "no need to see" "safe to wait" "you have psoas syndrome")
OUT=$LIST_JSON
emergency_ids=$(json_get '" ".join(q["id"] for q in j if q["urgency"] == "emergency")')
for id in "" $IDS; do
  if [ -z "$id" ]; then
    args=(--no "$(all_but)")
    label="all no"
  else
    args=(--yes "$id" --no "$(all_but "$id")")
    label="$id yes"
  fi
  run triage --json "${args[@]}"
  offered=$(json_get '" ".join(a["id"] for a in j["advice"])')
  json_text=$(lower_out)  # the advice in full, which the text result names by title only
  for phrase in "${BANNED[@]}"; do
    CHECKS=$((CHECKS + 1)); CURRENT="$label (JSON): no '$phrase'"
    [[ $json_text != *"$phrase"* ]] || fail "the JSON result says '$phrase'"
  done
  card=$(json_get '" ".join(j["card"])')
  CHECKS=$((CHECKS + 1)); CURRENT="$label: card names 911 and 999"
  [[ $card == *911* && $card == *999* && $card == *112* ]] || fail "card lacks 911, 999 or 112: $card"
  forbidden=0
  [[ " $FORBIDDEN $emergency_ids " == *" $id "* ]] && [ -n "$id" ] && forbidden=1
  for h in $HANDS_ON; do
    CHECKS=$((CHECKS + 1)); CURRENT="$label: hands-on '$h'"
    if [ "$forbidden" -eq 1 ] && [[ " $offered " == *" $h "* ]]; then fail "'$h' offered for '$id'"; fi
  done
  run triage "${args[@]}"
  text=$(lower_out)
  for phrase in "${BANNED[@]}"; do
    CHECKS=$((CHECKS + 1)); CURRENT="$label: no '$phrase'"
    [[ $text != *"$phrase"* ]] || fail "the result says '$phrase'"
  done
  CHECKS=$((CHECKS + 1)); CURRENT="$label: card in text names 911 and 999"
  grep -A1 "Cauda equina warning signs" <<<"$OUT" | tr '\n' ' ' | grep -q "911.*999" || fail "text card lacks 911/999"
  if [ "$forbidden" -eq 1 ]; then
    CURRENT="psoas triage: $label (text)"
    expect_no_out "work deeply on the hip flexors"
    expect_no_out "Massage therapy"
    expect_no_out "Dry needling"
    expect_no_out "Chiropractic"
    expect_no_out "Manual therapy"
    [ "$RC" -eq 3 ] && expect_out "check the cause first"
  fi
done
# A see-clinician reason outside the table still lists the options a clinician may offer.
run triage --yes one-leg --no "$(all_but one-leg)"
expect_rc 3
expect_out "What a clinician may offer:"
expect_out "Massage therapy"
