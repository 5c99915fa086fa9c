# psoas triage's wording is content: a user file's [wording] replaces texts, the routine
# ids come from the result, and a bad [wording] is reported and skipped like any content.
source "$(dirname "$0")/lib.sh"

IDS=$("$PSOAS" triage --list --ids)
ALL=$(tr '\n' ',' <<<"$IDS")
ALL=${ALL%,}
USER_CONTENT="$XDG_CONFIG_HOME/psoas/content"
mkdir -p "$USER_CONTENT"

# Built in: the self-care next step names the routine the result suggests.
run triage --no "$ALL" --json
expect_rc 0
expect_out "Start gently with the 'acute' routine."
BUILTIN_JSON=$OUT

# A user file replaces one text; the others, and the routine id, stay.
cat >"$USER_CONTENT/wording.toml" <<'TOML'
[wording]
unknown = "Begin slowly with the '{routine1}' routine."
TOML
run triage --no "$ALL" --json
expect_rc 0
expect_out "Begin slowly with the 'acute' routine."
expect_no_out "Start gently with the 'acute' routine."
expect_out "No urgent warning signs were reported. This is not a diagnosis."
check "only that line changed" test "$(diff <(tr ',' '\n' <<<"$BUILTIN_JSON") <(tr ',' '\n' <<<"$OUT") | grep -c '^[<>]')" -eq 2

# An unknown placeholder: the file is checked and skipped, the built-in text stays.
cat >"$USER_CONTENT/wording.toml" <<'TOML'
[wording]
unknown = "Begin with {routine2}."
TOML
run routine check "$USER_CONTENT/wording.toml"
expect_rc 1
expect_err "wording.toml:2:11: unknown placeholder '{routine2}' in wording 'unknown': use {routine1}"
run triage --no "$ALL"
expect_rc 0
expect_out "Start gently with the 'acute' routine."
expect_err "wording.toml"

finish
