#pragma once
// One journal across devices through a folder a sync engine keeps in step (docs/history.md):
// each device appends its own changes to DIR/<device>.jsonl and reads the others' files
// from where it last stopped. This header holds the pure parts (the line format, the
// reader of complete lines, the fold) and the steps `psoas sync` runs on a Journal
// (sync_run.cpp); it never prints, never reads the clock, and writes no other device's file.

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "psoas/clock.hpp"
#include "psoas/history.hpp"
#include "psoas/journal.hpp"

namespace psoas::sync {

// The device file's format version, the "psoas" member of every line.
inline constexpr int format_version = 1;

// The subject of sync's error lines.
inline constexpr std::string_view subject = "sync";

// --- The device file (sync_line.cpp) ----------------------------------------------------

// True for a device id as psoas makes them: 16 lower-case hex digits.
bool is_device_id(std::string_view id);
// "<device>.jsonl".
std::string file_name(std::string_view device);
// The device a file name belongs to ("<16 hex>.jsonl"), or nothing for any other name.
std::optional<std::string> device_of(std::string_view file_name);

// One change as a line of its device's file, LF-terminated: {"psoas":1,"device":...,
// "stamp":...,"kind":...,"record":...,"op":...,"before":{...}|null,"after":{...}|null,
// "batch":...|null,"origin":...}. The local seq and undoes are not written.
std::string to_line(const Change& c);

// Why a line could not be read: its 1-based number in the file and the reason.
struct LineError {
  std::size_t line = 0;
  std::string why;
  int newer_version = 0;  // the line's "psoas" when it is newer than format_version, else 0
};

// A line read back (its seq 0), checked: the format version, a stamp in hlc's form, a known
// kind, op and origin, a record, and before/after as the op needs them; `device` must be
// the file's. Throws LineError (with `line`) when it is none of that.
Change parse_line(std::string_view text, std::size_t line, std::string_view device);

// True when `first_line` looks like the start of a psoas change log (a JSON object with a
// "psoas" member), so a file that is something else can be skipped with a warning.
bool looks_like_change_log(std::string_view first_line);

// Complete lines of a file from a byte offset.
struct Chunk {
  std::string text;          // whole lines, each ending in LF (empty when none)
  std::uint64_t end = 0;     // the offset just after the last complete line
  std::uint64_t size = 0;    // the file's size when read
};

// Reads `path` from `offset` up to its last LF, at most about `max_bytes` (always whole
// lines; more than max_bytes when one line is longer). A half-written last line is left
// for next time. Throws DataError(subject, ...) when the file cannot be read.
Chunk read_lines(const std::filesystem::path& path, std::uint64_t offset, std::size_t max_bytes);

// --- The fold (sync_fold.cpp) -----------------------------------------------------------

// A record's state from its changes, in any order: sorted by (stamp, device), an add sets
// every field and existence, an edit the fields whose values differ between before and
// after, an rm clears existence (field values stay known). Each field takes the value of the
// last change that set it. Nothing when the record does not exist (last existence change an
// rm, or none an add). Keys come in the order they were first set.
std::optional<std::string> fold(const std::vector<Change>& changes);

// --- A sync on a journal (sync_run.cpp) -------------------------------------------------

// One device file's standing, for --status.
struct FileStatus {
  std::string device;
  std::int64_t lines_applied = 0;
  std::int64_t lines_pending = 0;   // complete lines in the file not yet applied
  std::optional<std::int64_t> at_ms; // when its lines were last applied
  bool present = false;             // the file is in DIR now
};

// What --status shows.
struct Status {
  std::string device;
  std::filesystem::path dir;
  std::vector<FileStatus> files;    // other devices, by id
  std::int64_t unsent = 0;          // this device's changes not yet in its file
  std::optional<std::int64_t> last_ms;  // when the last sync finished
};

// What one sync did.
struct Result {
  std::size_t sent = 0;                 // this device's changes written to its file
  std::size_t baseline = 0;             // records given a baseline add on the first sync
  std::size_t applied = 0;              // changes new to this journal
  std::vector<std::string> devices;     // the devices they came from
  std::vector<std::string> warnings;    // files skipped, each a line naming the file
  std::vector<std::string> errors;      // "file:line: why" for each file that stopped early
  bool newer = false;                   // one of the errors is a newer psoas's file
};

// A sync of `journal` with the folder `dir`, in the steps `psoas sync` runs (the CLI puts
// git's pull and push between them).
class Run {
 public:
  // Checks `dir` (an existing, writable directory) and this device's own file there: when
  // it holds changes this journal never made (a copied journal with the same device id)
  // throws DataError naming it; lines of its own left by a crash are taken as sent.
  // Nothing is written by a refusal. `now` is the command's reading of the clock.
  Run(Journal& journal, std::filesystem::path dir, Instant now);
  ~Run();
  Run(const Run&) = delete;
  Run& operator=(const Run&) = delete;

  // True when there is nothing to do: no unsent change, every file in DIR at its stored
  // size, the same DIR as last time. Reads only sizes and a few meta values.
  bool nothing_new() const;
  // On the first sync with this DIR: a baseline add for every record without one; then
  // this device's unsent changes appended to its file (fsync before the journal records it).
  void send(Result& r);
  // Every other device's file applied from where it stopped, one transaction per chunk.
  void apply(Result& r);
  // Records when this sync finished.
  void finish();

  const std::filesystem::path& dir() const { return m_dir; }
  const std::string& device() const { return m_device; }
  // This device's file.
  std::filesystem::path own_file() const;

 private:
  void check_own_file();
  void baseline(Result& r);
  void sync_to_disk();
  void apply_file(const std::string& device, const std::filesystem::path& path, Result& r);
  Journal& m_journal;
  std::filesystem::path m_dir;
  Instant m_now;
  std::string m_device;
  bool m_same_dir = false;                          // DIR is the one the positions are for
  std::int64_t m_sent = 0;                          // meta sync_sent, as this run sees it
  std::map<std::string, SyncPosition> m_positions;  // by device; this device's own file too
  bool m_truncate = false;                          // own file ends in a half-written line
  int m_fd = -1;                                    // own file, locked while the run lasts
  bool m_created = false;                           // ... made by this run
  std::int64_t m_stored_sent = 0;                   // what the journal held when the run began
  SyncPosition m_stored_own;
};

// The folder as the journal remembers it (meta 'sync_dir'): absolute, canonical.
std::string dir_key(const std::filesystem::path& dir);

// What --status shows about `journal` and `dir` (read only).
Status status(const Journal& journal, const std::filesystem::path& dir);

// Gives this journal a new device id (a copied journal's way out): its changes not yet sent
// move to the new id, and the old id's file becomes another device's, read from its start.
// Returns the new id.
std::string new_device_id(Journal& journal);

// --- A sync with nothing new, known without opening the journal (sync_quiet.cpp) ---------
// Opening SQLite (its schema parsed, its WAL index mapped) was most of such a sync's time. A
// fingerprint covers what the sync depends on: the journal and its -wal (device, inode, size,
// modification time to the nanosecond), the WAL-index header in its -shm
// (SQLite rewrites it, change counter included, on every commit), config.toml, and DIR with
// each file in it. It is kept (remember) only when it is the same before and after a sync
// that found nothing new, so a write by another process during that sync leaves no stamp.
// (The first open after a write sets up the WAL index in -shm again, so the stamp is kept from
// the second sync with nothing new on.)
class Quiet {
 public:
  // Reads the fingerprint now, before the journal is opened. `stamp` is where it is kept.
  Quiet(std::filesystem::path journal, std::filesystem::path dir, std::filesystem::path config,
        std::filesystem::path stamp);
  // True when the kept stamp equals the fingerprint read at construction.
  bool known() const;
  // Keeps the fingerprint read at construction when it still holds (call with the journal
  // closed, after a sync that found nothing new). A failure to write it is ignored.
  void remember() const;
  // Removes the stamp.
  void forget() const;

 private:
  std::string fingerprint() const;
  std::filesystem::path m_journal, m_dir, m_config, m_stamp;
  std::string m_before;
};

// --- A git work tree as the folder (sync_git.cpp) ----------------------------------------
namespace git {
// True when `dir` is in a git work tree (a .git above it, and git says so).
bool is_work_tree(const std::filesystem::path& dir);
// Commits `file` (a name in `dir`) when it changed; the warning's text when git failed.
std::optional<std::string> commit(const std::filesystem::path& dir, const std::string& file, const std::string& device);
// When the repository has a remote: fetch, rebase onto the remote branch (device files
// never conflict), push (once more after a rejected push); the warning's text on failure.
std::optional<std::string> pull_push(const std::filesystem::path& dir, const std::string& device);
}  // namespace git

// The milliseconds of an instant (stamps and sync_file's `at` count in them).
inline std::int64_t millis(Instant t) { return static_cast<std::int64_t>(t.time_since_epoch().count()) * 1000; }

}  // namespace psoas::sync
