# psoas advice as a user meets it: the list, one item, --json for both, an unknown id,
# user content that adds or overrides advice, and the checks on `not_with`.
source "$(dirname "$0")/lib.sh"

json_ok() { python3 -c 'import json, sys; json.loads(sys.stdin.read())' <<<"$OUT"; }
# json_get EXPR: evaluates a Python expression over the parsed stdout `j`.
json_get() { python3 -c 'import json, sys; j = json.loads(sys.stdin.read()); print('"$1"')' <<<"$OUT"; }

# The topics the advice must cover, by id.
TOPICS="sleep-position walking heat cold desk-setup hydration stress triggers time-course"

# The list: every item's id and title, in one table.
run advice
expect_rc 0
expect_empty_err
expect_out "ID"
expect_out "TITLE"
for id in $TOPICS; do expect_out "$id"; done
expect_out "Cold for a flare-up"
expect_out "psoas advice ID"
ids=$(awk 'NR > 1 && NF {print $1}' <<<"$OUT" | grep -E '^[a-z0-9-]+$')

run advice --json
expect_rc 0
check "list JSON parses" json_ok
check "list JSON has every topic" test "$(json_get '" ".join(sorted(a["id"] for a in j))')" != ""
for id in $TOPICS; do
  check "list JSON has '$id'" grep -qF "\"id\":\"$id\"" <<<"$OUT"
done
check "list JSON: same ids as the text list" \
  test "$(json_get '"\n".join(a["id"] for a in j)')" == "$ids"

# One item, in full: title, every paragraph, when it applies, the source.
run advice cold
expect_rc 0
expect_empty_err
expect_out "Cold for a flare-up (cold)"
expect_out "thin towel"
expect_out "Source: seed 000"
run advice cold --json
expect_rc 0
check "item JSON parses" json_ok
check "item JSON: id" test "$(json_get 'j["id"]')" == cold
check "item JSON: title" test "$(json_get 'j["title"]')" == "Cold for a flare-up"
check "item JSON: every paragraph" test "$(json_get 'len(j["body"])')" -ge 2
check "item JSON: applies" test "$(json_get '",".join(j["applies"])')" == flare-up
check "item JSON is one line" test "$(wc -l <<<"$OUT")" -eq 1

# Each topic shows, with a source.
for id in $TOPICS; do
  run advice "$id"
  expect_rc 0
  expect_out "($id)"
  expect_out "Source: "
done

# A hands-on option says when triage leaves it out.
run advice massage-therapy
expect_rc 0
expect_out "Not listed by 'psoas triage' when"
run advice massage-therapy --json
check "not_with in JSON" test "$(json_get '"fever" in j["not_with"] and "pregnant" in j["not_with"]')" == True

# Hydration says what its source says, no more.
run advice hydration
expect_rc 0
expect_out "dehydration"
expect_no_out "cramp"
expect_no_out "spasm"

# Sleep, walking and the desk: the facts of seed 000, in our words.
run advice sleep-position
expect_out "between your knees"
expect_out "under your knees"
expect_out "wakes you"
run advice walking
expect_out "shorter"
expect_out "arms"
run advice desk-setup
expect_out "feet"
expect_out "55 minutes"

# An unknown id: one line, a suggestion, exit 2, nothing on stdout.
run advice colt
expect_rc 2
expect_one_line_error
expect_err "no advice 'colt'"
expect_err "did you mean 'cold'?"
check "nothing on stdout" test -z "$OUT"
run advice colt --json
expect_rc 2
expect_one_line_error
run advice cold heat
expect_rc 2
expect_one_line_error
run advice --bogus
expect_rc 2
expect_one_line_error

run advice --help
expect_rc 0
expect_out "psoas advice"

# Your own advice: added and overridden by id, shown like the built-in items.
mkdir -p "$XDG_CONFIG_HOME/psoas/content"
cat >"$XDG_CONFIG_HOME/psoas/content/mine.toml" <<'TOML'
[[advice]]
id = "my-cushion"
title = "My cushion"
body = ["The wedge cushion in the car."]
source = "me"

[[advice]]
id = "cold"
title = "Cold, my way"
body = ["Ten minutes, towel on."]
TOML
run advice
expect_rc 0
expect_out "my-cushion"
expect_out "Cold, my way"
run advice my-cushion
expect_rc 0
expect_out "The wedge cushion in the car."
rm "$XDG_CONFIG_HOME/psoas/content/mine.toml"

# not_with must name questions that exist: file:line:column, and the file is skipped.
cat >"$T/bad-advice.toml" <<'TOML'
[[advice]]
id = "cupping"
title = "Cupping"
body = ["Someone may offer it."]
not_with = ["fever", "fevr"]
TOML
run routine check "$T/bad-advice.toml"
expect_rc 1
expect_err "bad-advice.toml:5:"
expect_err "advice 'cupping' not_with names unknown question 'fevr'; did you mean 'fever'?"
cat >"$T/good-advice.toml" <<'TOML'
[[advice]]
id = "cupping"
title = "Cupping"
applies = ["see-clinician"]
body = ["Someone may offer it."]
not_with = ["fever", "night-pain"]
TOML
run routine check "$T/good-advice.toml"
expect_rc 0
expect_out "ok: "
cat >"$T/bad-type.toml" <<'TOML'
[[advice]]
id = "cupping"
title = "Cupping"
body = ["Someone may offer it."]
not_with = "fever"
TOML
run routine check "$T/bad-type.toml"
expect_rc 1
expect_err "bad-type.toml:5:12: 'not_with' must be an array of strings"

# A user advice item with not_with is left out of triage when that answer is yes.
mkdir -p "$XDG_CONFIG_HOME/psoas/content"
cp "$T/good-advice.toml" "$XDG_CONFIG_HOME/psoas/content/cupping.toml"
IDS=$("$PSOAS" triage --list --ids)
all_but() {
  local skip=" $* " out=() id
  for id in $IDS; do [[ $skip == *" $id "* ]] || out+=("$id"); done
  local IFS=,
  echo "${out[*]}"
}
run triage --json --yes one-leg --no "$(all_but one-leg)"
expect_rc 3
expect_out '"id":"cupping"'
run triage --json --yes night-pain --no "$(all_but night-pain)"
expect_rc 3
expect_no_out '"id":"cupping"'
rm "$XDG_CONFIG_HOME/psoas/content/cupping.toml"

# A question with urgency "mention" needs its advice.
cat >"$T/mention.toml" <<'TOML'
[[question]]
id = "desk-job"
text = "Do you work at a desk?"
urgency = "mention"
TOML
run routine check "$T/mention.toml"
expect_rc 1
expect_err "mention.toml:1:1: question 'desk-job' has urgency 'mention' but no 'advice'"
