# psoas routine: list, show and check, with built-in, user and --content routines.
source "$(dirname "$0")/lib.sh"

USER_CONTENT="$XDG_CONFIG_HOME/psoas/content"

# --- the built-in routines, in a fresh HOME ---------------------------------------------

run routine list
expect_rc 0
expect_empty_err
expect_out "ID"
expect_out "NAME"
expect_out "TIME"
expect_out "STEPS"
for id in morning desk-break stretch strength massage weekly acute; do expect_out "$id"; done
expect_out "psoas routine show ID"
no_escapes() { [[ "$OUT" != *$'\e'* ]]; }
check "no colour when stdout is not a terminal" no_escapes

run routine
expect_rc 0
expect_out "desk-break"

run routine list --names
expect_rc 0
expect_out_eq "$(printf '%s\n' acute desk-break massage morning strength stretch weekly)"

run routine list --json
expect_rc 0
check "list --json is valid JSON with times" python3 -c '
import json, sys
rows = json.loads(sys.argv[1])
ids = [r["id"] for r in rows]
assert "morning" in ids and "acute" in ids, ids
for r in rows:
    assert r["total_seconds"] > 0 and r["steps"] > 0 and r["name"], r
' "$OUT"

run routine show stretch --json
expect_rc 0
check "show --json has every step with cues, cautions, dosage and time" python3 -c '
import json, sys
r = json.loads(sys.argv[1])
assert r["id"] == "stretch" and r["total_seconds"] > 0, r
assert len(r["steps"]) >= 2
for s in r["steps"]:
    assert s["exercise"] and s["name"] and s["cues"] and s["seconds"] > 0, s
    assert isinstance(s["cautions"], list) and "sets" in s["dosage"], s
' "$OUT"
STEP_IDS=$(python3 -c 'import json, sys; print(" ".join(s["exercise"] for s in json.loads(sys.argv[1])["steps"]))' "$OUT")

run routine show stretch
expect_rc 0
expect_empty_err
expect_out "(stretch)"
expect_out "1. "
for id in $STEP_IDS; do expect_out "[$id, "; done
expect_out "   - "
expect_out "Caution:"
expect_out "hold "
expect_out "about "

# --- unknown ids and bad usage ----------------------------------------------------------

run routine show nope-nothing-here
expect_rc 2
expect_one_line_error
expect_out_eq ""
check "exact message" [ "$ERR" == "psoas: routine: no routine 'nope-nothing-here' (see 'psoas routine list')" ]

run routine show mornin
expect_rc 2
expect_one_line_error
expect_err "psoas: routine: no routine 'mornin' (see 'psoas routine list') (did you mean 'morning'?)"

run routine show
expect_rc 2
expect_one_line_error

run routine list --names --json
expect_rc 2
expect_one_line_error

# --- a user routine overrides a built-in one; a --content dir adds one ------------------

mkdir -p "$USER_CONTENT"
cat >"$USER_CONTENT/mine.toml" <<'EOF'
[[routine]]
id = "morning"
name = "My quiet morning"
summary = "Just the kneeling stretch."

[[routine.step]]
exercise = "kneeling-hip-flexor"
hold = "45s"
note = "Pad under the knee."
EOF

run routine show morning
expect_rc 0
expect_empty_err
expect_out "My quiet morning (morning)"
expect_out "hold 45s"
expect_out "Note: Pad under the knee."
expect_out "1 step,"

run routine list
expect_out "My quiet morning"
expect_out "desk-break"

mkdir -p "$T/extra"
cat >"$T/extra/evening.toml" <<'EOF'
[[exercise]]
id = "legs-up-wall"
name = "Legs up the wall"
kind = "habit"
cues = ["Lie with your legs resting up a wall.", "Breathe slowly."]
hold = "2m"

[[routine]]
id = "evening"
name = "Evening wind-down"

[[routine.step]]
exercise = "legs-up-wall"

[[routine.step]]
exercise = "kneeling-hip-flexor"
EOF

run --content "$T/extra" routine list --names
expect_rc 0
expect_out "evening"
expect_out "morning"

run routine show evening --content "$T/extra"
expect_rc 0
expect_out "Evening wind-down (evening)"
expect_out "Legs up the wall"
expect_out "hold 2m"

run routine show evening
expect_rc 2
expect_err "no routine 'evening'"

# --- a broken user file is warned about and skipped; built-ins keep working -------------

cat >"$USER_CONTENT/zz-broken.toml" <<'EOF'
[[routine]]
id = "desk-break"
name = "Broken desk break"
[[routine.step]]
exercise = "kneeling-hip-flexor"
hold = 0
EOF

run routine list
expect_rc 0
expect_out "desk-break"
expect_no_out "Broken desk break"
expect_out "My quiet morning"
expect_err "psoas: warning: skipping $USER_CONTENT/zz-broken.toml: line 6, column 8: 'hold' must be longer than zero"
check "one warning per skipped file" [ "$(printf '%s\n' "$ERR" | grep -c zz-broken)" -eq 1 ]

run routine show desk-break
expect_rc 0
expect_out "Desk break"
rm "$USER_CONTENT/zz-broken.toml"

# --- routine check ----------------------------------------------------------------------

cat >"$T/bad.toml" <<'EOF'
[[exercise]]
id = "my-stretch"
nmae = "Mine"
kind = "stretch"
cues = ["Do it."]

[[routine]]
id = "evening"
name = "Evening"
[[routine.step]]
exercise = "kneling-hip-flexor"
[[routine.step]]
exercise = "my-stretch"
rest = "-1s"
EOF

run routine check "$T/bad.toml"
expect_rc 1
expect_out_eq ""
expect_err "$T/bad.toml:1:1: exercise 'my-stretch' is missing required key 'name'"
expect_err "$T/bad.toml:3:1: unknown key 'nmae' in exercise; did you mean 'name'?"
expect_err "$T/bad.toml:11:12: routine 'evening' step 1 names unknown exercise 'kneling-hip-flexor'; did you mean 'kneeling-hip-flexor'?"
expect_err "$T/bad.toml:14:8: bad duration '-1s' for 'rest'"
expect_err "psoas: routine check: 4 problems found"

run routine check "$USER_CONTENT/mine.toml" "$T/extra/evening.toml"
expect_rc 0
expect_empty_err
expect_out "ok: $USER_CONTENT/mine.toml (1 routine)"
expect_out "ok: $T/extra/evening.toml (1 exercise, 1 routine)"

# A routine may use exercises from another file checked with it.
printf '[[routine]]\nid = "r"\nname = "R"\n[[routine.step]]\nexercise = "legs-up-wall"\n' >"$T/uses.toml"
run routine check "$T/uses.toml"
expect_rc 1
expect_err "names unknown exercise 'legs-up-wall'"
run routine check "$T/uses.toml" "$T/extra/evening.toml"
expect_rc 0

run routine check "$T/bad.toml" "$T/extra/evening.toml"
expect_rc 1
expect_out "ok: $T/extra/evening.toml"
expect_err "psoas: routine check: 4 problems in 1 of 2 files"

printf '[[routine]\nid = "x"\n' >"$T/syntax.toml"
run routine check "$T/syntax.toml"
expect_rc 1
expect_err "$T/syntax.toml:1:"

run routine check "$T/missing.toml"
expect_rc 2
expect_one_line_error
expect_err "psoas: routine check: no such file '$T/missing.toml'"

run routine check "$T"
expect_rc 2
expect_one_line_error
expect_err "psoas: routine check: '$T' is a directory (give the *.toml files in it)"

run routine check
expect_rc 2
expect_one_line_error

# --- routine check warns about a stretch or strength exercise with no stop (exit 0) -------

cat >"$T/nostop.toml" <<'EOF2'
[[exercise]]
id = "my-reach"
name = "My reach"
kind = "stretch"
cues = ["Reach up."]
cautions = ["Stop if it hurts."]
hold = "30s"

[[exercise]]
id = "my-squeeze"
name = "My squeeze"
kind = "strength"
cues = ["Squeeze."]
reps = 5

[[exercise]]
id = "my-safe-reach"
name = "My safe reach"
kind = "stretch"
cues = ["Reach up."]
cautions = ["Stop on numbness, tingling or pain shooting down a leg."]
EOF2
run routine check "$T/nostop.toml"
expect_rc 0
expect_err "$T/nostop.toml:6:12: warning: stretch exercise 'my-reach' has no caution to stop on numbness or tingling; add one such as"
expect_err "$T/nostop.toml:12:8: warning: strength exercise 'my-squeeze' has no caution to stop on numbness or tingling"
check "one warning line each, none for the exercise with the stop" \
  test "$(grep -c ': warning: ' <<<"$ERR")" -eq 2
expect_out_eq "ok: $T/nostop.toml (3 exercises; 2 warnings)"
# A warning does not stop the file loading.
mkdir -p "$T/nostop-dir" && cp "$T/nostop.toml" "$T/nostop-dir/"
run --content "$T/nostop-dir" routine list
expect_rc 0
expect_empty_err

run routine check "$T/bad.toml"
expect_err "$T/bad.toml:4:8: warning: stretch exercise 'my-stretch' has no caution to stop"
expect_err "psoas: routine check: 4 problems found"

# --- step times include every rest, so they add up to the routine's time -----------------

for id in morning desk-break stretch strength massage weekly acute; do
  run routine show "$id" --json
  check "$id: step seconds sum to total_seconds" python3 -c '
import json, sys
r = json.loads(sys.argv[1])
steps = sum(s["seconds"] for s in r["steps"])
assert steps == r["total_seconds"], (steps, r["total_seconds"])
' "$OUT"
done
run routine show strength
expect_rc 0
# glute bridge: 5 s get ready, 2 sets of 10 reps at 4 s, 30 s between sets, 20 s rest after
expect_out "10 reps, 4s per rep, 2 sets, 30s rest between sets (about 2m15s)"

# --- the massage routine's stop list, in show ----------------------------------------------

run routine show massage
expect_rc 0
expect_out "Caution: Skip this if you have a fever or belly pain, or feel sick or faint"
expect_out "Caution: Skip this if you are pregnant, have a hernia"
run routine show massage --json
check "show --json has the routine's cautions" python3 -c '
import json, sys
r = json.loads(sys.argv[1])
assert any("pulse" in c for c in r["cautions"]), r["cautions"]
' "$OUT"
