#pragma once
// The pain journal: one SQLite file holding entries, sessions and triage results.
// Every write is one IMMEDIATE transaction; bad input is rejected before it begins.
// Nothing of SQLite shows here: its errors come out as DataError (naming the file).

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "psoas/clock.hpp"
#include "psoas/entry.hpp"
#include "psoas/error.hpp"
#include "psoas/history.hpp"

namespace psoas {

// One run of a routine, a timer, or a desk break.
struct Session {
  std::int64_t id = 0;
  std::string uuid;
  std::string kind;                    // "routine", "timer", "break"
  std::string routine;                 // routine id, or a timer's label
  Instant start{};
  Instant end{};
  std::chrono::seconds utc_offset{0};
  int phases_done = 0;
  int phases_total = 0;
  std::string outcome;                 // "completed", "stopped", or for breaks "done", "skipped", "snoozed"
  bool operator==(const Session&) const = default;
};

// A session with the pain ratings taken for it, when any.
struct RatedSession {
  Session session;
  std::optional<int> before;
  std::optional<int> after;
  bool operator==(const RatedSession&) const = default;
};

// One completed triage.
struct TriageRecord {
  std::int64_t id = 0;
  std::string uuid;
  Instant at{};
  std::chrono::seconds utc_offset{0};
  std::string outcome;                 // "emergency", "see-clinician", "self-care"
  std::string answers_json;            // {"question-id": "yes"|"no"|"unsure", ...}
  std::string reasons_json;            // ["question-id", ...] that raised the outcome
  std::string routine;                 // suggested routine, may be empty
  bool operator==(const TriageRecord&) const = default;
};

// The result of an import.
struct ImportResult {
  std::size_t added = 0;
  std::size_t skipped = 0;             // already present (same uuid)
};

// Where sync stands in one device file, DIR/<file>.jsonl (the sync_file table).
struct SyncPosition {
  std::string file;         // the file's device id
  std::int64_t offset = 0;  // bytes applied (this device's own file: bytes written)
  std::int64_t line = 0;    // lines applied (written)
  std::int64_t at = 0;      // when, in ms since the epoch
  bool operator==(const SyncPosition&) const = default;
};

// How the journal was opened.
enum class Access { read_write, read_only };

class Journal {
 public:
  // The schema version this binary writes (1: first schema; 2: per-location pain in a
  // `location` table; 3: triggers and helped items in tables of their own; 4: an entry's
  // link to the session it rates; 5: an index of routine and timer sessions; 6: the change
  // log (`meta`, `change`, `sync_file`: docs/history.md); 7: pain summed per quarter hour,
  // kept by triggers; 8: entries counted per UTC day by the same triggers, and the days
  // that begin a stretch of them in `entry_gap`). Older files are migrated forward, one
  // transaction per version.
  static constexpr int schema_version = 8;

  // Opens (creating when `access` is read_write: directory 0700, file 0600) and migrates.
  // Throws DataError for a file that is not a journal (never overwritten), an unwritable
  // directory, or a journal from a newer psoas when read_write is asked (then `open`
  // falls back to read-only and says so through `notice()`).
  static Journal open(const std::filesystem::path& path, Access access = Access::read_write);
  // A private in-memory journal, for tests.
  static Journal in_memory();

  Journal(Journal&&) noexcept;
  Journal& operator=(Journal&&) noexcept;
  ~Journal();

  // Read-only because asked, or because the file is newer than this binary.
  bool read_only() const;
  // A message for the user about how the journal was opened (e.g. read-only because newer), or empty.
  const std::string& notice() const;
  const std::filesystem::path& path() const;
  // Why a journal at `path` could not be written now (a read-only file, directory or file
  // system), in words for the user; empty when nothing stands in the way.
  static std::string unwritable_reason(const std::filesystem::path& path);
  // How the connection is set up, as SQLite reports it now.
  struct Settings {
    std::string journal_mode;  // "wal" for a file opened read-write
    int synchronous = 0;       // 2 = FULL
    int busy_timeout_ms = 0;
    bool foreign_keys = false;
    int schema = 0;            // user_version
  };
  Settings settings() const;

  // Entries. `add` validates once (validate_entry with `now`: pain 0-10, not more than a
  // day after `now`, ...; throws UsageError(entry_subject, ...)), fills id and uuid.
  // The journal never reads the clock: the caller passes the `now` it read.
  Entry add(Entry e, Instant now);
  // Entries with from <= at < to, oldest first; `limit` keeps the newest `limit` of them.
  std::vector<Entry> entries(Instant from, Instant to, std::optional<std::size_t> limit = {}) const;
  // All entries, oldest first.
  std::vector<Entry> all_entries() const;
  // The report's entries (journal_report.cpp): those of entries(from, to), oldest first,
  // with only their id, time, offset, pain, PEG items, places, triggers and helped items
  // (no uuid, note or session link); each child table read by one range query, not per entry.
  std::vector<Entry> report_entries(Instant from, Instant to) const;
  // Looks up by row id or uuid (or a unique uuid prefix of at least 4 characters).
  std::optional<Entry> find(const std::string& id_or_uuid) const;
  // Replaces the entry with e.id after validate_entry(e, now); throws DataError when it
  // does not exist.
  void update(const Entry& e, Instant now);
  // Removes one entry; throws DataError when it does not exist. Every write below logs its
  // change in the same transaction, stamped from `now` (without it: from the last stamp).
  void remove(std::int64_t id, std::optional<Instant> now = {});
  // Adds all entries in one transaction (each checked first); entries whose uuid exists
  // are skipped, and one without a uuid gets content_uuid (importing twice adds it once).
  // The added entries' changes share one batch, so one undo takes the whole import back.
  ImportResult import_entries(const std::vector<Entry>& entries, std::optional<Instant> now = {});
  // The same, streaming checked entries: calls `next` until it returns nothing, inside one
  // transaction. Anything `next` throws rolls the whole import back and propagates.
  ImportResult import_entries(const std::function<std::optional<CheckedEntry>()>& next,
                              std::optional<Instant> now = {});
  // Calls `f` on every entry, oldest first, without holding them all in memory.
  void for_each_entry(const std::function<void(const Entry&)>& f) const;
  // The latest entry strictly before `t`, and the first at or after it.
  std::optional<Entry> last_before(Instant t) const;
  std::optional<Entry> first_at_or_after(Instant t) const;
  // Only the time of the first entry at or after `t`, or the last before it (index-only;
  // the first is one prepared query, reused: the report walks back through a run with it).
  std::optional<Instant> first_time_at_or_after(Instant t) const;
  std::optional<Instant> last_time_before(Instant t) const;
  // The first entry of the earliest UTC day reached back from the day holding `t` through
  // days with entries each at most day_run_gap days before the next (schema 8's entry_gap):
  // every entry from there to `t` is less than day_run_gap + 1 days (24 h each) from the
  // next. Two index lookups however long the stretch; nullopt when t's day holds no entry.
  static constexpr std::chrono::days day_run_gap{9};
  std::optional<Instant> first_time_of_day_run(Instant t) const;
  // Entries in [from, to) with only their time, offset and pain: for trends over days
  // that are judged but not shown.
  std::vector<Entry> pain_points(Instant from, Instant to) const;
  // The same rows from one statement, handed to `f` one at a time (to keep or drop) until
  // it returns false: for a reader that decides where to stop as it goes (the report's
  // first days of a run).
  void each_pain_point(Instant from, Instant to, const std::function<bool(Entry&&)>& f) const;
  // One quarter hour of UTC time with entries (schema 7's entry_slot): where it starts,
  // how many entries it holds and their pain summed.
  struct PainSlot {
    Instant start{};
    int entries = 0;
    long long pain = 0;
  };
  // The quarter hours with entries from the one that holds `from` to the last that starts
  // before `to`, oldest first, handed to `f` until it returns false: the report's first
  // days of a long run without reading their entries.
  void each_pain_slot(Instant from, Instant to, const std::function<bool(const PainSlot&)>& f) const;
  // Runs `f` inside one read transaction (or the one already open): its queries see one
  // snapshot, and SQLite takes its locks and checks the files once instead of once a query
  // (the report's ~15 queries: 92 fcntl calls). `f` must not write.
  void in_one_read(const std::function<void()>& f) const;
  std::size_t entry_count() const;

  // Sessions, stored by the timer (the change is stamped from `now`, else the session's end).
  Session add_session(Session s, std::optional<Instant> now = {});
  std::vector<Session> sessions(Instant from, Instant to) const;  // by start, oldest first
  // Routine and timer sessions (not desk breaks) that started in [from, to).
  std::size_t count_sessions(Instant from, Instant to) const;
  // Routine and timer sessions that started in [from, to), oldest first, with the pain
  // ratings linked to each (the latest of each role when there are several).
  std::vector<RatedSession> rated_sessions(Instant from, Instant to) const;
  // A pain rating linked to a session: the session's uuid, before or after, the pain.
  struct SessionRating {
    std::string session;                 // the session's uuid
    SessionRole role = SessionRole::none;  // before or after
    int pain = 0;                        // 0-10
  };
  // The ratings of the routine and timer sessions that started in [from, to), oldest first
  // (at, then id), from one statement (journal_report.cpp): the report pairs them with the
  // sessions it has read instead of reading those again in rated_sessions.
  std::vector<SessionRating> session_ratings(Instant from, Instant to) const;

  // Triage results (the change is stamped from `now`, else the result's time).
  TriageRecord add_triage(TriageRecord r, std::optional<Instant> now = {});
  std::vector<TriageRecord> triage_results(Instant from, Instant to) const;
  // The most recent triage result before `to` (indexed by time), if any.
  std::optional<TriageRecord> latest_triage_before(Instant to) const;

  // The change log (docs/history.md; journal_history.cpp, journal_undo.cpp).
  // This journal's device id: 16 lower-case hex, made on first call and kept in `meta`
  // (empty for a read-only journal that has none yet).
  std::string device_id();
  // Changes with seq > after_seq, oldest first, at most `limit`.
  std::vector<Change> changes(std::int64_t after_seq, std::size_t limit) const;
  // Every change of one record (by uuid), oldest first by seq.
  std::vector<Change> record_changes(const std::string& uuid) const;
  // The newest `limit` changes, newest first, each with whether it is local and undone.
  std::vector<HistoryItem> history(std::size_t limit);
  // A record's current state as its change JSON, or nothing when it does not exist.
  std::optional<std::string> record_json(const std::string& kind, const std::string& uuid) const;
  // Sets a record to the JSON state `state` (inserted or replaced in place, its row id
  // kept; a new row takes the JSON's "id" when that id is free), or removes it when
  // `state` is empty. Logs nothing. Throws UsageError for an unknown kind or a state that
  // does not read back. Joins the caller's transaction (see transaction()).
  void put_record(const std::string& kind, const std::string& uuid, const std::optional<std::string>& state);
  // Logs a change made elsewhere in this transaction (or in its own): stamp and device
  // are filled in (a stamp newer than any seen, from `now`); returns it with its seq.
  Change log_change(Change c, std::optional<Instant> now);
  // Inserts a change from another device as it is (INSERT OR IGNORE on device and stamp;
  // the clock moves past its stamp). True when it was new.
  bool insert_change(const Change& c);
  // A value kept in `meta` ('device', 'hlc', 'sync_sent', ...), if any.
  std::optional<std::string> meta(const std::string& key) const;
  // Sets a value in `meta` (joins a transaction() that is open).
  void set_meta(const std::string& key, const std::string& value);
  // Runs `f` in one IMMEDIATE transaction (writes inside join it); rolls back if it throws.
  void transaction(const std::function<void()>& f);
  // Reverts this device's latest change (with origin user or redo) not yet undone, or
  // its whole batch; logs the inverse (origin undo). Nothing when there is none.
  std::optional<UndoResult> undo(Instant now);
  // Re-applies the latest undo not yet redone, unless a user change came after it.
  std::optional<UndoResult> redo(Instant now);

  // Sync's bookkeeping (journal_sync.cpp; the sync module decides, psoas/sync.hpp).
  // Positions in device files, by device id; setting one; forgetting all (another folder).
  std::vector<SyncPosition> sync_positions() const;
  void set_sync_position(const SyncPosition& p);
  void clear_sync_positions();
  // The highest seq in the change log, or of one device's changes (0 when none).
  std::int64_t last_seq() const;
  std::int64_t last_seq(const std::string& device) const;
  // How many changes of `device` have seq > after_seq.
  std::int64_t count_changes(const std::string& device, std::int64_t after_seq) const;
  // insert_change for many changes from other devices, with one statement and one clock
  // update (joins the caller's transaction): for each, whether it was new.
  std::vector<bool> insert_changes(const std::vector<Change>& changes);
  // record_changes for each of `uuids` with one statement: `f(uuid, its changes)`.
  void each_record_changes(const std::vector<std::string>& uuids,
                           const std::function<void(const std::string&, std::vector<Change>)>& f) const;
  // The change (device, stamp), when this journal has it.
  std::optional<Change> change_at(const std::string& device, const std::string& stamp) const;
  // (kind, uuid) of the records no `add` change describes (written before the change log).
  std::vector<std::pair<std::string, std::string>> records_without_add() const;
  // Makes `id` this journal's device id; its changes with seq > after_seq (not yet sent)
  // move to it, and the old id's position is forgotten (its file is another device's now).
  void change_device_id(const std::string& id, std::int64_t after_seq);

  // The connection and its state; defined in src/core/journal_impl.hpp, for the core only.
  struct Impl;

 private:
  explicit Journal(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

}  // namespace psoas
