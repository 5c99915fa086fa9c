# psoas sync: journals on three "devices" (each its own file) through one folder: an entry
# travels, concurrent edits resolve by stamp, rm is a tombstone, a half-written line waits,
# kill -9 during a sync, applying twice, a git folder with a bare remote, sync_dir after
# every write, --status, and every bad input (one line, non-zero exit, nothing half-applied).
source "$(dirname "$0")/lib.sh"

D="$T/shared"
mkdir -p "$D"
A="$T/a.db"; B="$T/b.db"; C="$T/c.db"
: >"$T/out"; : >"$T/err"

# on JOURNAL ARGS...: psoas with that journal.
on() { local j=$1; shift; run --journal "$j" "$@"; }
device() { sqlite3 "$1" "SELECT value FROM meta WHERE key = 'device'"; }
entries() { sqlite3 "$1" "SELECT uuid, at, pain, note FROM entry ORDER BY uuid"; }
count() { sqlite3 "$1" "SELECT count(*) FROM entry"; }
digest() { sqlite3 "$1" "SELECT * FROM entry ORDER BY uuid; SELECT * FROM change ORDER BY seq; SELECT * FROM sync_file" | sha256sum; }
same_entries() { [ "$(entries "$1")" == "$(entries "$2")" ]; }

# --- an entry added on A reaches B
on "$A" log 4 --note "from a" --at 2026-11-20T08:00
expect_rc 0
on "$A" sync "$D"
expect_rc 0; expect_out_eq "synced: sent 1 change, applied none"; expect_empty_err
DA=$(device "$A")
check "A's file is DIR/<device>.jsonl, one line" test "$(wc -l <"$D/$DA.jsonl")" == 1
check "the line is a psoas change" grep -q '^{"psoas":1,"device":"'"$DA"'","stamp":"[0-9]\{13\}-[0-9]\{6\}","kind":"entry"' "$D/$DA.jsonl"
expect_file_mode "$D/$DA.jsonl" 600
on "$B" sync "$D"
expect_rc 0; expect_out_eq "synced: sent 0 changes, applied 1 from 1 device"
check "B has A's entry" same_entries "$A" "$B"
on "$B" log list
expect_out "pain  4"; expect_out "note: from a"
on "$B" sync "$D"
expect_rc 0; expect_out_eq "synced: nothing new"
# undo on B undoes only B's own changes: A's entry came by sync, so there is nothing to undo
on "$B" undo
expect_rc 1
check "A's entry stays on B" same_entries "$A" "$B"

# --- --status
on "$B" sync --status "$D"
expect_rc 0; expect_out "this device  $(device "$B")"; expect_out "$DA  1 line applied, 0 pending"
on "$B" sync --status --json "$D"
expect_rc 0; expect_out '"unsent":0'; expect_out '"device":"'"$DA"'","present":true,"applied":1,"pending":0'

# --- a sync with nothing new is known from a stamp without opening the journal; any change
# to the journal or the folder since is still seen (journals E and F, folder Q)
E="$T/e.db"; F="$T/f.db"; Q="$T/quiet"; mkdir -p "$Q"
STAMP="$XDG_RUNTIME_DIR/psoas/sync.stamp"
on "$E" log 4 --at 2026-11-20T08:00
on "$E" sync "$Q"
on "$F" sync "$Q"
expect_rc 0; expect_out_eq "synced: sent 0 changes, applied 1 from 1 device"
on "$F" sync "$Q"
expect_rc 0; expect_out_eq "synced: nothing new"
# the first open after a write makes SQLite set up its WAL index again: stamped the next time
on "$F" sync "$Q"
expect_rc 0; expect_out_eq "synced: nothing new"
expect_file_mode "$STAMP" 600
check "the stamp is F's" grep -q "^$F " "$STAMP"
on "$F" sync "$Q"
expect_rc 0; expect_out_eq "synced: nothing new"
on "$F" log 2 --at 2026-11-20T10:00
on "$F" sync "$Q"
expect_rc 0; expect_out_eq "synced: sent 1 change, applied none"
on "$F" sync "$Q"
on "$E" sync "$Q"
expect_rc 0; expect_out_eq "synced: sent 0 changes, applied 1 from 1 device"
on "$E" log 5 --at 2026-11-20T11:00
on "$E" sync "$Q"
on "$F" sync "$Q"
expect_rc 0; expect_out_eq "synced: sent 0 changes, applied 1 from 1 device"
check "E and F agree after the stamp" same_entries "$E" "$F"
on "$F" sync "$Q"
# a config.toml changed since: read (and its mistakes said) as on any other sync
mkdir -p "$XDG_CONFIG_HOME/psoas"
echo 'ask_pain = "sometimes"' >"$XDG_CONFIG_HOME/psoas/config.toml"
on "$F" sync "$Q"
expect_rc 0; expect_out_eq "synced: nothing new"; expect_err "ask_pain"
rm "$XDG_CONFIG_HOME/psoas/config.toml"

# --- concurrent edits of one entry: each field's latest change by (stamp, device) wins
on "$A" log edit 1 --note "edited on a"
on "$B" log edit 1 --note "edited on b" --pain 6
for j in "$A" "$B" "$A"; do on "$j" sync "$D"; expect_rc 0; done
check "A and B agree" same_entries "$A" "$B"
last_edit() { tail -n 1 "$D/$1.jsonl" | sed 's/.*"stamp":"\([^"]*\)".*/\1/'; }
DB=$(device "$B")
if [[ "$(last_edit "$DA") $DA" > "$(last_edit "$DB") $DB" ]]; then want="edited on a"; else want="edited on b"; fi
check "the note is the later edit's ($want)" test "$(sqlite3 "$A" 'SELECT note FROM entry')" == "$want"
check "B's pain edit stays either way" test "$(sqlite3 "$A" 'SELECT pain FROM entry')" == 6

# --- rm is a tombstone: an edit elsewhere does not bring the entry back
on "$A" log rm 1 --yes
on "$B" log edit 1 --note "edited after the rm"
for j in "$A" "$B" "$A"; do on "$j" sync "$D"; expect_rc 0; done
check "gone on A" test "$(count "$A")" == 0
check "gone on B" test "$(count "$B")" == 0

# --- a half-written last line waits for the next sync
D2="$T/other"; mkdir -p "$D2"
on "$C" log 2 --at 2026-11-21T08:00
on "$C" log 3 --at 2026-11-21T09:00
on "$C" sync "$D2"
DC=$(device "$C")
full="$D2/$DC.jsonl"
first=$(head -n 1 "$full" | wc -c)
head -c $((first + 40)) "$full" >"$D/$DC.jsonl"
on "$A" sync "$D"
expect_rc 0; expect_out "applied 1 from 1 device"
check "one of C's two entries so far" test "$(count "$A")" == 1
on "$A" sync --status "$D"
expect_out "$DC  1 line applied, 0 pending"
cp "$full" "$D/$DC.jsonl"
on "$A" sync "$D"
expect_rc 0; expect_out "applied 1 from 1 device"
check "both of C's entries" test "$(count "$A")" == 2

# --- the same files applied again (another folder with the same files) change nothing
before=$(entries "$A")
cp -r "$D" "$T/copy"
on "$A" sync "$T/copy"
expect_rc 0; expect_out_eq "synced: nothing new"
check "nothing changed" test "$(entries "$A")" == "$before"
on "$A" sync "$D"
expect_rc 0

# --- config sync_dir: every write syncs afterwards; a failed sync is one warning
mkdir -p "$XDG_CONFIG_HOME/psoas"
echo "sync_dir = \"$D\"" >"$XDG_CONFIG_HOME/psoas/config.toml"
lines=$(wc -l <"$D/$DA.jsonl")
on "$A" log 5 --at 2026-11-22T08:00
expect_rc 0; check "log prints the id alone" grep -qx '[0-9]*' "$T/out"; expect_empty_err
check "the new entry went to A's file" test "$(wc -l <"$D/$DA.jsonl")" == $((lines + 1))
on "$A" sync --status
expect_rc 0; expect_out "folder       $D"; expect_out "unsent       0 changes"
echo "sync_dir = \"$T/missing\"" >"$XDG_CONFIG_HOME/psoas/config.toml"
on "$A" log 6 --at 2026-11-22T09:00
expect_rc 0; check "log prints the id alone" grep -qx '[0-9]*' "$T/out"; expect_one_line_error
expect_err "psoas: warning: sync: $T/missing: no such directory; the change is kept here"
check "the entry is kept" test "$(count "$A")" == 4
rm "$XDG_CONFIG_HOME/psoas/config.toml"
on "$A" sync --status "$D"
expect_out "unsent       1 change"
on "$A" sync "$D"
expect_rc 0; expect_out "synced: sent 1 change"

# --- kill -9 during a sync leaves the journal intact; the next sync completes it
BIG="$T/big"; mkdir -p "$BIG"
python3 - "$T/big.jsonl" <<'PY'
import json, sys, uuid
with open(sys.argv[1], "w") as f:
    for i in range(20000):
        f.write(json.dumps({"uuid": str(uuid.UUID(int=i + 1, version=4)), "at": "2026-10-01T08:00:00+00:00",
                            "pain": i % 11, "note": f"n{i}"}) + "\n")
PY
on "$C" log import "$T/big.jsonl"
expect_rc 0
on "$C" sync "$BIG"
expect_rc 0
K="$T/k.db"
"$PSOAS" --journal "$K" sync "$BIG" >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1000); do [ -s "$K-wal" ] && break; sleep 0.01; done
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
check "the journal is intact after kill -9" test "$(sqlite3 "$K" 'PRAGMA integrity_check')" == ok
on "$K" sync "$BIG"
expect_rc 0
check "the next sync completes it" test "$(count "$K")" == "$(count "$C")"
check "the same entries" same_entries "$K" "$C"

# --- a git folder with a bare remote, two clones
if command -v git >/dev/null; then
  export GIT_CONFIG_NOSYSTEM=1
  git init -q --bare "$T/remote.git"
  git clone -q "$T/remote.git" "$T/clone1" 2>/dev/null
  git clone -q "$T/remote.git" "$T/clone2" 2>/dev/null
  G1="$T/g1.db"; G2="$T/g2.db"
  on "$G1" log 7 --at 2026-11-23T08:00 --note "via git"
  on "$G1" sync "$T/clone1"
  expect_rc 0; expect_out_eq "synced: sent 1 change, applied none"; expect_empty_err
  check "the remote has G1's commit" test "$(git -C "$T/remote.git" log --oneline | wc -l)" == 1
  on "$G2" sync "$T/clone2"
  expect_rc 0; expect_out_eq "synced: sent 0 changes, applied 1 from 1 device"
  check "G2 has G1's entry" same_entries "$G1" "$G2"
  on "$G2" log 1 --at 2026-11-23T09:00
  on "$G2" sync "$T/clone2"
  on "$G1" sync "$T/clone1"
  expect_rc 0; expect_out "applied 1 from 1 device"
  check "G1 has G2's entry" test "$(count "$G1")" == 2
  on "$G1" sync --no-git "$T/clone1"
  expect_rc 0; expect_out_eq "synced: nothing new"
  git -C "$T/clone2" remote set-url origin "$T/nowhere.git"
  on "$G2" log 2 --at 2026-11-23T10:00
  on "$G2" sync "$T/clone2"
  expect_rc 0; expect_out "synced: sent 1 change"; expect_one_line_error
  expect_err "psoas: warning: git fetch origin in $T/clone2 failed: "
  expect_err "; the local sync went on"
  # a copied journal in a git folder: its file changes on two sides; said as a copy
  git clone -q "$T/remote.git" "$T/clone3" 2>/dev/null
  cp "$G1" "$T/g3.db"
  on "$T/g3.db" log 3 --at 2026-11-23T11:00
  on "$T/g3.db" sync "$T/clone3"
  expect_rc 0
  on "$G1" log 4 --at 2026-11-23T12:00
  on "$G1" sync "$T/clone1"
  expect_one_line_error
  expect_err "$T/clone1/$(device "$G1").jsonl was written by another journal with the same device id $(device "$G1") (a copied journal?); not pulled or pushed: give this journal a new id with 'psoas sync --new-device-id'"
  check "the rebase was abandoned" test ! -d "$T/clone1/.git/rebase-merge"
  # git may not ask for a password on the terminal (a wrapper on PATH records its setting)
  REAL_GIT=$(command -v git)
  mkdir -p "$T/bin"
  printf '#!/bin/sh\necho "prompt=${GIT_TERMINAL_PROMPT-unset}" >>"%s"\nexec "%s" "$@"\n' "$T/git.env" "$REAL_GIT" >"$T/bin/git"
  chmod +x "$T/bin/git"
  PATH="$T/bin:$PATH" on "$G2" sync "$T/clone2"
  check "git ran" test -s "$T/git.env"
  check "every git run had GIT_TERMINAL_PROMPT=0" test "$(sort -u "$T/git.env")" == "prompt=0"
fi

# --- bad input: one line, non-zero exit, nothing half-applied
bad() {  # bad RC ERR JOURNAL ARGS...
  local rc=$1 err=$2 j=$3; shift 3
  BEFORE=$(digest "$j")
  on "$j" "$@"
  expect_rc "$rc"; expect_one_line_error; expect_err "$err"
  CHECKS=$((CHECKS + 1)); [ "$(digest "$j")" == "$BEFORE" ] || fail "the journal changed"
}
bad 1 "psoas: sync: $T/nope: no such directory (make it, or give the folder" "$B" sync "$T/nope"
bad 1 "psoas: sync: $T/a.db: not a directory" "$B" sync "$A"
bad 2 "psoas: sync: no sync folder given (give one, 'psoas sync DIR', or set sync_dir in config.toml)" "$B" sync
if [ "$(id -u)" != 0 ]; then
  mkdir -p "$T/ro" && chmod 555 "$T/ro"
  bad 1 "psoas: sync: $T/ro: not writable" "$B" sync "$T/ro"
fi

# a file that is not a change log: one warning naming it, the others applied
E="$T/e"; mkdir -p "$E"
cp "$full" "$E/"
echo "shopping list" >"$E/notes.txt"
echo "not json" >"$E/0123456789abcdef.jsonl"
on "$B" sync "$E"
expect_rc 0; expect_out "applied 2 from 1 device"
expect_err "psoas: warning: $E/notes.txt: not a psoas change log; skipped"
expect_err "psoas: warning: $E/0123456789abcdef.jsonl: not a psoas change log; skipped"

# a bad line stops that file there (file:line); the other files go on
F="$T/f"; mkdir -p "$F"
head -n 1 "$D/$DA.jsonl" >"$F/1111111111111111.jsonl"
sed -i "s/$DA/1111111111111111/" "$F/1111111111111111.jsonl"
echo '{"psoas":1,' >>"$F/1111111111111111.jsonl"
sed 's/"kind":"entry"/"kind":"pet"/' "$full" | sed "s/$DC/2222222222222222/g" >"$F/2222222222222222.jsonl"
cp "$full" "$F/"
N=$(count "$B")
on "$B" sync "$F"
expect_rc 1
expect_out "applied 1 from 1 device"
expect_err "psoas: sync: $F/1111111111111111.jsonl:2: not valid JSON"
expect_err "psoas: sync: $F/2222222222222222.jsonl:1: unknown kind \"pet\" (this psoas knows entry, session and triage)"
check "the good lines were applied" test "$(sqlite3 "$B" "SELECT count(*) FROM change WHERE device = '1111111111111111'")" == 1

# a change log from a newer psoas: refused, naming the version
H="$T/h"; mkdir -p "$H"
on "$B" sync "$H"
expect_rc 0
sed 's/"psoas":1/"psoas":2/' "$full" | sed "s/$DC/3333333333333333/g" >"$H/3333333333333333.jsonl"
bad 1 "psoas: sync: $H/3333333333333333.jsonl:1: written by a newer psoas (change log format 2; this psoas reads 1) (update psoas" "$B" sync "$H"

# two devices with the same id (a copied journal): refused, with the way out
cp "$A" "$T/a2.db"
on "$T/a2.db" log 3 --at 2026-11-24T08:00
on "$T/a2.db" sync "$D"
expect_rc 0
on "$A" log 4 --at 2026-11-24T09:00
bad 1 "another journal uses the same device id $DA (a copied journal?); nothing was synced (give this journal a new id with 'psoas sync --new-device-id', then sync again)" "$A" sync "$D"
on "$A" sync --new-device-id
expect_rc 0; expect_out "this journal's device id is now "
check "a new id" test "$(device "$A")" != "$DA"
on "$A" sync "$D"
expect_rc 0; expect_out "synced: sent 1 change"
check "A has the copy's entry" test "$(sqlite3 "$A" "SELECT count(*) FROM entry WHERE at = strftime('%s', '2026-11-24T08:00')")" == 1
