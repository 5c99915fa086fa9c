// Rows of the journal besides entries: sessions (routine, timer, desk break) and triage
// results. Every write validates first, then runs in one IMMEDIATE transaction, inside
// Impl::guard, so no SQLite::Exception leaves. Each add logs its change (ChangeLog);
// put_session and put_triage set a record to a state for the change log without logging.
#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include "journal_impl.hpp"
#include "psoas/error.hpp"
#include "psoas/journal_io.hpp"

namespace psoas {

namespace {

using namespace std::chrono;
using SQLite::Statement;
using SQLite::Transaction;
using SQLite::TransactionBehavior;

void check_session(const Session& s) {
  if (s.kind.empty()) throw UsageError("session", "a session needs a kind");
  if (s.end < s.start) throw UsageError("session", "a session cannot end before it starts");
  if (s.phases_done < 0 || s.phases_total < 0) throw UsageError("session", "phase counts cannot be negative");
  if (!s.uuid.empty() && !is_uuid(s.uuid)) throw UsageError("session", fmt::format("'{}' is not a uuid", s.uuid));
}

Session session_row(Statement& q) {
  Session s;
  s.id = q.getColumn(0).getInt64();
  s.uuid = q.getColumn(1).getString();
  s.kind = q.getColumn(2).getString();
  s.routine = q.getColumn(3).getString();
  s.start = Instant{seconds{q.getColumn(4).getInt64()}};
  s.end = Instant{seconds{q.getColumn(5).getInt64()}};
  s.utc_offset = seconds{q.getColumn(6).getInt64()};
  s.phases_done = q.getColumn(7).getInt();
  s.phases_total = q.getColumn(8).getInt();
  s.outcome = q.getColumn(9).getString();
  return s;
}

constexpr const char* triage_columns = "SELECT id, uuid, at, utc_offset, outcome, answers, reasons, routine FROM triage ";

TriageRecord triage_row(Statement& q) {
  TriageRecord r;
  r.id = q.getColumn(0).getInt64();
  r.uuid = q.getColumn(1).getString();
  r.at = Instant{seconds{q.getColumn(2).getInt64()}};
  r.utc_offset = seconds{q.getColumn(3).getInt64()};
  r.outcome = q.getColumn(4).getString();
  r.answers_json = q.getColumn(5).getString();
  r.reasons_json = q.getColumn(6).getString();
  r.routine = q.getColumn(7).getString();
  return r;
}

using journal_detail::secs;

using Impl = Journal::Impl;

// The tables a session or a triage result is kept in, with the statements sync and undo run
// once a record (prepared once: see journal_detail::StatementCache).
struct Table {
  const char* has_id;
  const char* id_of_uuid;
  const char* delete_id;
};
constexpr Table entry_table{"SELECT 1 FROM entry WHERE id = ?", "SELECT id FROM entry WHERE uuid = ?",
                            "DELETE FROM entry WHERE id = ?"};
constexpr Table session_table{"SELECT 1 FROM session WHERE id = ?", "SELECT id FROM session WHERE uuid = ?",
                              "DELETE FROM session WHERE id = ?"};
constexpr Table triage_table{"SELECT 1 FROM triage WHERE id = ?", "SELECT id FROM triage WHERE uuid = ?",
                             "DELETE FROM triage WHERE id = ?"};

// A new id for a row of `table`: `hint` when it is free, else SQLite's next.
std::optional<std::int64_t> free_id(Impl& impl, const Table& table, std::optional<std::int64_t> hint) {
  if (!hint) return std::nullopt;
  auto q = impl.prepared(table.has_id);
  q->bind(1, *hint);
  if (q->executeStep()) return std::nullopt;
  return hint;
}

void bind_id(Statement& q, int index, std::optional<std::int64_t> id) {
  if (id) q.bind(index, *id);
  else q.bind(index);
}

// Inserts a session (row id `id` when given) and returns its row id.
std::int64_t insert_session(Impl& impl, const Session& s, std::optional<std::int64_t> id) {
  auto loan = impl.prepared(
      "INSERT INTO session (uuid, kind, routine, start, \"end\", utc_offset, phases_done, phases_total, outcome, id) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  auto& q = *loan;
  q.bind(1, s.uuid);
  q.bind(2, s.kind);
  q.bind(3, s.routine);
  q.bind(4, secs(s.start));
  q.bind(5, secs(s.end));
  q.bind(6, static_cast<std::int64_t>(s.utc_offset.count()));
  q.bind(7, s.phases_done);
  q.bind(8, s.phases_total);
  q.bind(9, s.outcome);
  bind_id(q, 10, id);
  q.exec();
  return impl.db->getLastInsertRowid();
}

// Inserts a triage result (row id `id` when given) and returns its row id.
std::int64_t insert_triage(Impl& impl, const TriageRecord& r, std::optional<std::int64_t> id) {
  auto loan = impl.prepared(
      "INSERT INTO triage (uuid, at, utc_offset, outcome, answers, reasons, routine, id) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  auto& q = *loan;
  q.bind(1, r.uuid);
  q.bind(2, secs(r.at));
  q.bind(3, static_cast<std::int64_t>(r.utc_offset.count()));
  q.bind(4, r.outcome);
  q.bind(5, r.answers_json);
  q.bind(6, r.reasons_json);
  q.bind(7, r.routine);
  bind_id(q, 8, id);
  q.exec();
  return impl.db->getLastInsertRowid();
}

// Deletes the row of `table` with `uuid`; returns its row id, or nothing when absent.
std::optional<std::int64_t> delete_by_uuid(Impl& impl, const Table& table, const std::string& uuid) {
  std::int64_t id = 0;
  {
    auto q = impl.prepared(table.id_of_uuid);
    q->bind(1, uuid);
    if (!q->executeStep()) return std::nullopt;
    id = q->getColumn(0).getInt64();
  }
  auto d = impl.prepared(table.delete_id);
  d->bind(1, id);
  d->exec();
  return id;
}

}  // namespace

using journal_detail::require_writable;

std::optional<Session> journal_detail::session_by_uuid(Impl& impl, const std::string& uuid) {
  auto q = impl.prepared(
      "SELECT id, uuid, kind, routine, start, \"end\", utc_offset, phases_done, phases_total, outcome "
      "FROM session WHERE uuid = ?");
  q->bind(1, uuid);
  if (!q->executeStep()) return std::nullopt;
  return session_row(*q);
}

std::optional<TriageRecord> journal_detail::triage_by_uuid(Impl& impl, const std::string& uuid) {
  static const std::string sql = std::string(triage_columns) + "WHERE uuid = ?";
  auto q = impl.prepared(sql);
  q->bind(1, uuid);
  if (!q->executeStep()) return std::nullopt;
  return triage_row(*q);
}

// A session or triage result is replaced whole: its old row goes, keeping its id for the new.
void journal_detail::put_session(Impl& impl, const Session& s, std::optional<std::int64_t> id_hint) {
  auto old = delete_by_uuid(impl, session_table, s.uuid);
  insert_session(impl, s, old ? old : free_id(impl, session_table, id_hint));
}

void journal_detail::put_triage(Impl& impl, const TriageRecord& r, std::optional<std::int64_t> id_hint) {
  auto old = delete_by_uuid(impl, triage_table, r.uuid);
  insert_triage(impl, r, old ? old : free_id(impl, triage_table, id_hint));
}

bool journal_detail::delete_record(Impl& impl, const std::string& kind, const std::string& uuid) {
  if (kind == "entry") return delete_by_uuid(impl, entry_table, uuid).has_value();
  if (kind == "session") return delete_by_uuid(impl, session_table, uuid).has_value();
  return delete_by_uuid(impl, triage_table, uuid).has_value();
}

Session Journal::add_session(Session s, std::optional<Instant> now) {
  check_session(s);
  if (s.uuid.empty()) s.uuid = make_uuid();
  require_writable(m_impl->read_only, m_impl->path);
  return m_impl->guard([&] {
    auto& db = *m_impl->db;
    Transaction tx(db, TransactionBehavior::IMMEDIATE);
    s.id = insert_session(*m_impl, s, std::nullopt);
    journal_detail::ChangeLog log(*m_impl, now.value_or(s.end));
    Change c{.kind = "session", .record = s.uuid, .op = "add", .after = session_json(s)};
    log.record(c);
    log.finish();
    tx.commit();
    return s;
  });
}

std::size_t Journal::count_sessions(Instant from, Instant to) const {
  return m_impl->guard([&] {
    Statement q(*m_impl->db, "SELECT count(*) FROM session WHERE start >= ? AND start < ? AND kind != 'break'");
    q.bind(1, secs(from));
    q.bind(2, secs(to));
    q.executeStep();
    return static_cast<std::size_t>(q.getColumn(0).getInt64());
  });
}

std::vector<Session> Journal::sessions(Instant from, Instant to) const {
  return m_impl->guard([&] {
    Statement q(*m_impl->db,
                "SELECT id, uuid, kind, routine, start, \"end\", utc_offset, phases_done, phases_total, outcome "
                "FROM session WHERE start >= ? AND start < ? ORDER BY start, id");
    q.bind(1, secs(from));
    q.bind(2, secs(to));
    std::vector<Session> out;
    while (q.executeStep()) out.push_back(session_row(q));
    return out;
  });
}

std::vector<RatedSession> Journal::rated_sessions(Instant from, Instant to) const {
  return m_impl->guard([&] {
    Statement q(*m_impl->db,
                "SELECT s.id, s.uuid, s.kind, s.routine, s.start, s.\"end\", s.utc_offset, s.phases_done, "
                "s.phases_total, s.outcome, "
                "(SELECT pain FROM entry WHERE session = s.uuid AND session_role = 'before' "
                " ORDER BY at DESC, id DESC LIMIT 1), "
                "(SELECT pain FROM entry WHERE session = s.uuid AND session_role = 'after' "
                " ORDER BY at DESC, id DESC LIMIT 1) "
                "FROM session AS s WHERE s.start >= ? AND s.start < ? AND s.kind != 'break' ORDER BY s.start, s.id");
    q.bind(1, secs(from));
    q.bind(2, secs(to));
    std::vector<RatedSession> out;
    while (q.executeStep()) {
      RatedSession r;
      r.session = session_row(q);
      if (!q.getColumn(10).isNull()) r.before = q.getColumn(10).getInt();
      if (!q.getColumn(11).isNull()) r.after = q.getColumn(11).getInt();
      out.push_back(std::move(r));
    }
    return out;
  });
}

TriageRecord Journal::add_triage(TriageRecord r, std::optional<Instant> now) {
  if (r.outcome.empty()) throw UsageError("triage result", "a triage result needs an outcome");
  if (!r.uuid.empty() && !is_uuid(r.uuid)) throw UsageError("triage result", fmt::format("'{}' is not a uuid", r.uuid));
  if (r.uuid.empty()) r.uuid = make_uuid();
  if (r.answers_json.empty()) r.answers_json = "{}";
  if (r.reasons_json.empty()) r.reasons_json = "[]";
  require_writable(m_impl->read_only, m_impl->path);
  return m_impl->guard([&] {
    auto& db = *m_impl->db;
    Transaction tx(db, TransactionBehavior::IMMEDIATE);
    r.id = insert_triage(*m_impl, r, std::nullopt);
    journal_detail::ChangeLog log(*m_impl, now.value_or(r.at));
    Change c{.kind = "triage", .record = r.uuid, .op = "add", .after = triage_json(r)};
    log.record(c);
    log.finish();
    tx.commit();
    return r;
  });
}

std::vector<TriageRecord> Journal::triage_results(Instant from, Instant to) const {
  return m_impl->guard([&] {
    Statement q(*m_impl->db, std::string(triage_columns) + "WHERE at >= ? AND at < ? ORDER BY at, id");
    q.bind(1, secs(from));
    q.bind(2, secs(to));
    std::vector<TriageRecord> out;
    while (q.executeStep()) out.push_back(triage_row(q));
    return out;
  });
}

void Journal::in_one_read(const std::function<void()>& f) const {
  SQLite::Database& db = *m_impl->db;
  if (!sqlite3_get_autocommit(db.getHandle())) return f();  // inside one already
  m_impl->guard([&] { db.exec("BEGIN"); });
  try {
    f();
  } catch (...) {
    if (!sqlite3_get_autocommit(db.getHandle())) sqlite3_exec(db.getHandle(), "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
  m_impl->guard([&] { db.exec("COMMIT"); });
}

std::optional<TriageRecord> Journal::latest_triage_before(Instant to) const {
  return m_impl->guard([&]() -> std::optional<TriageRecord> {
    Statement q(*m_impl->db, std::string(triage_columns) + "WHERE at < ? ORDER BY at DESC, id DESC LIMIT 1");
    q.bind(1, secs(to));
    if (!q.executeStep()) return std::nullopt;
    return triage_row(q);
  });
}

}  // namespace psoas
