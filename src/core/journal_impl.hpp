#pragma once
// What a Journal holds, shared by the journal's source files. Internal to the core library.

#include <SQLiteCpp/SQLiteCpp.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include "psoas/hlc.hpp"

#include "psoas/error.hpp"
#include "psoas/journal.hpp"

namespace psoas {

namespace journal_detail {

// Statements prepared once per open journal and kept: an apply of a sync, an undo of an
// import or a report runs the same few statements for every record, and preparing one
// (parsing its SQL) cost more than running it (bench/README.md). Filled only after the
// journal is open, and emptied before its database closes (Impl declares it after `db`).
class StatementCache {
 public:
  // A statement on loan: reset, with its bindings cleared, when the loan ends.
  class Loan {
   public:
    Loan(SQLite::Statement& s, bool* busy) : m_statement(&s), m_busy(busy) {}
    explicit Loan(std::unique_ptr<SQLite::Statement> own) : m_statement(own.get()), m_own(std::move(own)) {}
    Loan(Loan&& other) noexcept;
    Loan& operator=(Loan&&) = delete;
    ~Loan();
    SQLite::Statement& operator*() const { return *m_statement; }
    SQLite::Statement* operator->() const { return m_statement; }

   private:
    SQLite::Statement* m_statement;
    bool* m_busy = nullptr;                     // the cache's flag for it; null for an own one
    std::unique_ptr<SQLite::Statement> m_own;  // prepared for this loan alone
  };

  // The statement for `sql` on `db`, prepared on first use. One already on loan (a query
  // run inside another's loop) gets a fresh statement of its own instead.
  Loan get(SQLite::Database& db, const std::string& sql);

 private:
  struct Slot {
    std::unique_ptr<SQLite::Statement> statement;
    bool busy = false;
  };
  std::unordered_map<std::string, Slot> m_slots;
};

}  // namespace journal_detail

struct Journal::Impl {
  // The DataError to show for a failed SQLite call on this journal (see sqlite_error).
  DataError failure(const SQLite::Exception& e) const;
  // Runs `f`, turning a SQLite::Exception into failure(e): none leaves the journal. A
  // transaction inside `f` has rolled back by then.
  template <class F>
  decltype(auto) guard(F&& f) const {
    try {
      return f();
    } catch (const SQLite::Exception& e) {
      throw failure(e);
    }
  }

  std::filesystem::path path;
  std::unique_ptr<SQLite::Database> db;
  bool read_only = false;
  std::string notice;
  std::string device;  // this journal's device id, once read or made (journal_history.cpp)
  bool spoiled = false;  // an inner journal_detail::Write failed in the open transaction
  // Prepared on first use and kept (destroyed before `db`, declared after it).
  journal_detail::StatementCache statements;
  // The statement for `sql`, prepared once for this journal (see StatementCache).
  journal_detail::StatementCache::Loan prepared(const std::string& sql) { return statements.get(*db, sql); }
};

namespace journal_detail {

// An instant as the journal stores it: whole seconds since the epoch, UTC.
inline std::int64_t secs(Instant t) { return t.time_since_epoch().count(); }

// Brings a database at `from` (0 = empty) up to Journal::schema_version, one IMMEDIATE
// transaction per version, re-checking the version inside each (another process may
// have migrated meanwhile).
void migrate(SQLite::Database& db);

// The SQL of one version's migration; exposed so tests can build old journals.
const char* migration_sql(int version);

// A DataError naming the journal at `path` for a failed SQLite call. `sys_errno` is the
// system error behind it when SQLite kept one (0 otherwise); a full disk and a read-only
// file, directory or file system are said in plain words. `doing` is "read" or "write".
DataError sqlite_error(const std::filesystem::path& path, const SQLite::Exception& e, int sys_errno, const char* doing);

// Throws DataError("journal", "<path> is read-only ...") when writes are not allowed.
void require_writable(bool read_only, const std::filesystem::path& path);

// A write: opens an IMMEDIATE transaction, or joins the one already open. All or nothing:
// an inner Write that ends without commit() spoils the whole transaction, and the outer
// Write's commit() then rolls it all back and throws, even if the exception was caught in
// between. (A savepoint an inner Write made made SQLite copy every page it touched into a
// statement journal first: 27 % of a sync's time, bench/README.md.)
class Write {
 public:
  // Begins, or joins the transaction already open.
  explicit Write(Journal::Impl& impl);
  // Rolls back unless committed (an inner Write: spoils the transaction).
  ~Write();
  Write(const Write&) = delete;
  Write& operator=(const Write&) = delete;
  // Commits (an inner Write: nothing until the outer commits).
  void commit();

 private:
  Journal::Impl& m_impl;
  bool m_nested = false;
  bool m_done = false;
};

// Logs changes inside the caller's write transaction (journal_history.cpp): the device id
// (made on first use) and the clock are read once, each change gets the next stamp.
class ChangeLog {
 public:
  // `now` is the caller's wall time; without it stamps only move on from the last one.
  ChangeLog(Journal::Impl& impl, std::optional<Instant> now);
  // Fills in c.device, c.stamp and c.seq, and inserts it.
  void record(Change& c);
  // Keeps the clock in `meta`; call once before the transaction commits.
  void finish();

 private:
  Journal::Impl& m_impl;
  std::string m_device;
  hlc::Stamp m_last;
  std::int64_t m_now_ms = 0;
};

// Readies `db` for a write of many rows (an import, a sync batch, an undo of an import): a
// 64 MiB page cache (SQLite's default 2 MiB spilled dirty pages into the WAL again and
// again) and statement journals in memory (a delete that cascades wrote each page it touched
// to a temporary file first: 272,566 writes for an undo of 20,000 entries). Both are limits,
// not allocations; they last as long as the connection. Inside a transaction, where SQLite
// cannot change where statement journals go, it does nothing (journal_history.cpp).
void ready_for_bulk(SQLite::Database& db);
// This journal's device id, made and kept in `meta` when there is none (inside a write).
std::string device_id(Journal::Impl& impl);
// The meta value for `key`, if any.
std::optional<std::string> meta_value(Journal::Impl& impl, const std::string& key);
// Sets a meta value (the caller holds a write transaction).
void set_meta_value(Journal::Impl& impl, const std::string& key, const std::string& value);

// A Change from a row whose columns are seq, device, stamp, kind, record, op, before,
// after, batch, origin and, when selected, undoes (journal_history.cpp).
Change read_change(SQLite::Statement& q);
// Binds c's device, stamp, kind, record, op, before, after, batch and origin to ?1-?9, and
// `undoes` to ?10 (NULL when it names a seq of another journal).
void bind_change(SQLite::Statement& q, const Change& c, std::optional<std::int64_t> undoes);

// The entry with `uuid`, if any, for the change log (journal_rows.cpp).
std::optional<Entry> entry_by_uuid(Journal::Impl& impl, const std::string& uuid);
// The entry with row id `id`, if any.
std::optional<Entry> entry_by_id(Journal::Impl& impl, std::int64_t id);
// Replaces the entry with e.uuid in place (keeping its row id), or inserts it, with row id
// `id_hint` when that is free. The caller holds the transaction.
void put_entry(Journal::Impl& impl, const Entry& e, std::optional<std::int64_t> id_hint);
// The session with `uuid`, if any (journal_records.cpp).
std::optional<Session> session_by_uuid(Journal::Impl& impl, const std::string& uuid);
// The triage result with `uuid`, if any.
std::optional<TriageRecord> triage_by_uuid(Journal::Impl& impl, const std::string& uuid);
// Replaces the session with s.uuid (keeping its row id) or inserts it (id_hint when free).
void put_session(Journal::Impl& impl, const Session& s, std::optional<std::int64_t> id_hint);
// The same for a triage result.
void put_triage(Journal::Impl& impl, const TriageRecord& r, std::optional<std::int64_t> id_hint);
// Deletes the record of `kind` with `uuid` (its entry rows cascade); false when absent.
bool delete_record(Journal::Impl& impl, const std::string& kind, const std::string& uuid);

}  // namespace journal_detail
}  // namespace psoas
