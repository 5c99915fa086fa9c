# Faults around the journal file (issue 8): a full disk, a read-only journal, a missing
# journal directory, a journal of random bytes. Each failing command exits 1 with one
# 'psoas: ...' line on stderr, and the journal's bytes are the same afterwards (sha256sum).
#
# - Full disk: a file-size limit (ulimit -f, any user), and a real full file system (a
#   1 MiB tmpfs) when this process may mount one (root outside a locked-down container).
# - Read-only: writes say why (the file, its directory, the file system); reads work.
#   File permissions do not stop root, so as root the commands run as 'nobody'
#   (setpriv) on a journal owned by nobody; as any other user they run as that user. A
#   read-only bind mount (which stops root too) is tried when mounting works.
# Parts that cannot run here print "skipped: ..." and do not fail.
source "$(dirname "$0")/lib.sh"
export PSOAS_TIME_SCALE=0.01

sum() { sha256sum <"$1" | cut -d' ' -f1; }
q() { sqlite3 "$1" "$2"; }
# runx COMMAND...: like run, for a command line that is not just psoas ARGS.
runx() {
  CURRENT="$*"
  "$@" >"$T/out" 2>"$T/err" </dev/null
  RC=$?
  OUT=$(cat "$T/out"); ERR=$(cat "$T/err")
}
# failed RC TEXT: the command exited RC with one error line containing TEXT.
failed() { expect_rc "$1"; expect_one_line_error; expect_err "$2"; }
unchanged() { check "$1 unchanged" test "$(sum "$1")" == "$2"; }

MOUNTS=()
cleanup() { for m in "${MOUNTS[@]}"; do umount "$m" 2>/dev/null; done; }
trap 'cleanup; finish' EXIT
# try_mount DIR ARGS...: mounts with ARGS on DIR; false (and nothing to undo) when not allowed.
try_mount() { local d=$1; shift; mkdir -p "$d" && mount "$@" "$d" 2>/dev/null && MOUNTS+=("$d"); }

# A journal with a few entries, to copy for each fault.
SEED="$T/seed.db"
for p in 3 5 2; do run --journal "$SEED" log $p --where groin --trigger sitting; expect_rc 0; done
# An import of 2,000 entries (about 400 KiB of journal pages).
awk 'BEGIN {
  print "uuid,at,pain,enjoyment,activity,where,triggers,helped,note"
  for (i = 1; i <= 2000; i++)
    printf "%08x-0000-4000-8000-%012x,2025-06-%02dT%02d:00:00Z,%d,,,left groin,sitting,heat,a note long enough to take some room %d\n",
      i, i, (i % 28) + 1, i % 24, i % 11, i
}' >"$T/import.csv"
WRITES=("log 4" "log import $T/import.csv" "log edit 1 --pain 6" "log rm 2 --yes" "timer 2s")

# --- a journal of random bytes ------------------------------------------------------------

head -c 65536 /dev/urandom >"$T/random.db"
printf 'SQLite format 3\0' >"$T/header.db"; head -c 65520 /dev/urandom >>"$T/header.db"
for f in random header; do
  J="$T/$f.db"; S=$(sum "$J")
  for cmd in "log 4" "log list" "log export" "log import $T/import.csv" "log edit 1 --pain 6" "log rm 1 --yes" \
    "report" "timer 2s" "routine run desk-break"; do
    run --journal "$J" $cmd
    failed 1 "psoas: journal: $J is not a psoas journal"
  done
  # Triage still shows an emergency result (that matters more than storing it), and says
  # in one line that it was not stored.
  run --journal "$J" triage --yes urine-retention
  expect_rc 4; expect_out "112"; expect_one_line_error
  expect_err "psoas: warning: the result was not stored in the journal: $J is not a psoas journal"
  unchanged "$J" "$S"
  check "no -wal or -shm beside $f.db" test ! -e "$J-wal" -a ! -e "$J-shm"
done

# --- a missing journal directory ----------------------------------------------------------

# Reading a journal that is not there creates nothing; a write to a path the user chose
# whose directory is missing is refused (it may be a typo; issue 18), and makes nothing.
# In an existing directory the first write creates the file 0600 (DESIGN.md: Data).
J="$T/not/there/yet/journal.db"
for cmd in "log list" "log export" "report"; do
  run --journal "$J" $cmd
  expect_rc 0
  check "$cmd creates nothing" test ! -e "$T/not"
done
run --journal "$J" log 4
failed 1 "psoas: journal: $T/not/there/yet does not exist"
check "a refused write creates nothing" test ! -e "$T/not"
mkdir -p "$T/not/there/yet"
run --journal "$J" log 4
expect_rc 0; expect_out_eq 1
expect_file_mode "$J" 600
# The same through $PSOAS_JOURNAL.
CURRENT="PSOAS_JOURNAL=$T/env/dir/journal.db psoas log 4"
PSOAS_JOURNAL="$T/env/dir/journal.db" "$PSOAS" log 4 >/dev/null 2>&1 </dev/null
check "PSOAS_JOURNAL in a missing directory is refused" test "$?" -eq 1
check "and makes nothing" test ! -e "$T/env"
# A directory that cannot be made: a file is in the way, or the journal is a directory.
echo "not a directory" >"$T/blocker"; S=$(sum "$T/blocker")
run --journal "$T/blocker/journal.db" log 4
failed 1 "$T/blocker"
unchanged "$T/blocker" "$S"
mkdir "$T/adir"
run --journal "$T/adir" log 4
failed 1 "psoas: journal: $T/adir is a directory"
run --journal "$T/adir" report
failed 1 "is a directory"

# --- a full disk: a file-size limit --------------------------------------------------------

# limited BLOCKS ARGS...: psoas ARGS with a file-size limit of BLOCKS KiB. SIGXFSZ is left
# as psoas gets it from its parent (default: terminate) unless XFSZ=ignore.
limited() {
  local blocks=$1; shift
  if [ "${XFSZ:-}" == ignore ]; then
    runx bash -c 'trap "" XFSZ; ulimit -f "$1"; shift; exec "$@"' limit "$blocks" "$PSOAS" "$@"
  else
    runx bash -c 'ulimit -f "$1"; shift; exec "$@"' limit "$blocks" "$PSOAS" "$@"
  fi
}
for xfsz in ignore default; do
  J="$T/limit-$xfsz.db"; cp "$SEED" "$J"; S=$(sum "$J")
  # 64 KiB: the journal fits, a 2,000-entry import's WAL does not.
  XFSZ=$xfsz limited 64 --journal "$J" log import "$T/import.csv"
  failed 1 "psoas: "
  unchanged "$J" "$S"
  check "integrity_check ok" test "$(q "$J" 'PRAGMA integrity_check')" == ok
  check "none of the import (SIGXFSZ $xfsz)" test "$(q "$J" 'SELECT count(*) FROM entry')" -eq 3
  # 1 KiB: not even one entry's WAL frame fits.
  XFSZ=$xfsz limited 1 --journal "$J" log 4 --note "does not fit"
  failed 1 "psoas: "
  unchanged "$J" "$S"
  check "no entry written" test "$(q "$J" "SELECT count(*) FROM entry WHERE note = 'does not fit'")" -eq 0
done
run --journal "$J" log import "$T/import.csv"
expect_rc 0; expect_out "imported 2000"

# --- a full disk: a full file system -------------------------------------------------------

if try_mount "$T/full" -t tmpfs -o size=1m,mode=0755 psoas-test-full; then
  J="$T/full/journal.db"; cp "$SEED" "$J"
  # Fill the rest but 16 KiB: a single entry may still fit; the import cannot.
  dd if=/dev/zero of="$T/full/filler" bs=1k count=$((1024 - 16 - $(du -k "$J" | cut -f1))) 2>/dev/null
  S=$(sum "$J")
  run --journal "$J" log import "$T/import.csv"
  failed 1 "psoas: journal: cannot write $J: the disk is full; nothing was changed"
  unchanged "$J" "$S"
  # Nothing left at all: every write says the disk is full; reading still works (SQLite
  # cannot make its -shm file, so psoas reads the unchanged file as it is).
  dd if=/dev/zero of="$T/full/filler2" bs=1k 2>/dev/null
  for cmd in "log 4" "log edit 1 --pain 6" "log rm 2 --yes" "timer 2s"; do
    run --journal "$J" $cmd
    failed 1 "psoas: journal: "
    expect_err "$J: the disk is full; nothing was changed"
    unchanged "$J" "$S"
  done
  for cmd in "log list" "report" "log export"; do
    run --journal "$J" $cmd
    expect_rc 0
    unchanged "$J" "$S"
  done
  run --journal "$J" log list
  expect_out "pain  3"
  rm -f "$T/full/filler" "$T/full/filler2"
  check "integrity_check ok once there is room" test "$(q "$J" 'PRAGMA integrity_check')" == ok
  check "none of the import" test "$(q "$J" 'SELECT count(*) FROM entry')" -eq 3
  run --journal "$J" log 4
  expect_rc 0; expect_out_eq 4
else
  echo "skipped: a full tmpfs (cannot mount one here)"
fi

# --- a read-only journal -------------------------------------------------------------------

# readonly_checks WHY PREFIX...: the journal $J cannot be written by PREFIX psoas: every
# write fails with one line that says WHY and changes nothing, --paths says WHY too; every
# read works and leaves no -wal or -shm file behind (SQLite cannot keep them there, so
# psoas reads the file as it is).
readonly_checks() {
  local why=$1 cmd S; shift; S=$(sum "$J")
  for cmd in "${WRITES[@]}"; do
    runx "$@" "$PSOAS" --journal "$J" $cmd
    failed 1 "psoas: journal: cannot "
    expect_err "$J: $why; nothing was changed"
    unchanged "$J" "$S"
  done
  runx "$@" "$PSOAS" --journal "$J" --paths
  expect_rc 0; expect_out "cannot be written: $why"
  for cmd in "log export --format json" "log list" "report"; do
    runx "$@" "$PSOAS" --journal "$J" $cmd
    expect_rc 0
    expect_empty_err
    [ "$cmd" == "log list" ] && expect_out "pain  3"
    unchanged "$J" "$S"
    check "no -wal or -shm left by $cmd" test ! -e "$J-wal" -a ! -e "$J-shm"
  done
}

if [ "$(id -u)" -ne 0 ]; then
  mkdir -p "$T/ro"; J="$T/ro/journal.db"; cp "$SEED" "$J"
  chmod 0400 "$J"; readonly_checks "the file is read-only"
  chmod 0600 "$J"; chmod 0500 "$T/ro"; readonly_checks "its directory $T/ro is not writable"
  chmod 0700 "$T/ro"
elif command -v setpriv >/dev/null && getent passwd nobody >/dev/null; then
  # As root, the same as 'nobody': a 0400 journal owned by nobody, then its directory 0500.
  chmod 0711 "$T"
  mkdir -p "$T/ro"; J="$T/ro/journal.db"; cp "$SEED" "$J"
  chown -R nobody "$T/ro"; chmod 0400 "$J"
  NOBODY=(setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups)
  if "${NOBODY[@]}" true 2>/dev/null; then
    readonly_checks "the file is read-only" env HOME="$T/ro" "${NOBODY[@]}"
    chmod 0600 "$J"; chmod 0500 "$T/ro"
    readonly_checks "its directory $T/ro is not writable" env HOME="$T/ro" "${NOBODY[@]}"
    chmod 0700 "$T/ro"
  else
    echo "skipped: a read-only journal as root (setpriv cannot run as nobody)"
  fi
else
  echo "skipped: a read-only journal as root (no setpriv or no user nobody)"
fi

# A read-only bind mount stops root as well.
mkdir -p "$T/rw"; cp "$SEED" "$T/rw/journal.db"
if try_mount "$T/robind" --bind "$T/rw" && mount -o remount,bind,ro "$T/robind" 2>/dev/null; then
  J="$T/robind/journal.db"
  readonly_checks "$T/robind is on a read-only file system"
else
  echo "skipped: a read-only bind mount (cannot mount here)"
fi
