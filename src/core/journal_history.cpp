// The change log's rows (docs/history.md): the device id and clock in `meta`, logging a
// change inside a write's transaction, reading changes back, and setting a record to a JSON
// state without logging (put_record, for undo, redo and sync's fold). Undo and redo
// themselves are in journal_undo.cpp.
#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstdint>

#include "journal_impl.hpp"
#include "psoas/error.hpp"
#include "psoas/hlc.hpp"
#include "psoas/journal_io.hpp"

namespace psoas {

namespace {

using SQLite::Statement;

constexpr const char* change_columns =
    "SELECT seq, device, stamp, kind, record, op, before, after, batch, origin, undoes FROM change ";
// Whether the change `c` stands reverted: an undo of it that no redo has re-applied (for an
// undo: a redo of it).
constexpr const char* reverted_sql =
    "CASE WHEN c.origin = 'undo' THEN EXISTS (SELECT 1 FROM change AS r WHERE r.undoes = c.seq AND r.origin = 'redo') "
    "ELSE EXISTS (SELECT 1 FROM change AS u WHERE u.undoes = c.seq AND u.origin = 'undo' AND NOT EXISTS "
    "(SELECT 1 FROM change AS r WHERE r.undoes = u.seq AND r.origin = 'redo')) END";

std::optional<std::string> optional_text(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return c.getString();
}

// 16 lower-case hex from a random uuid (its version digit left out).
std::string new_device_id() {
  std::string hex;
  for (char ch : make_uuid()) {
    if (ch != '-') hex += ch;
  }
  return hex.substr(0, 12) + hex.substr(13, 4);
}

void check_kind(const std::string& kind) {
  if (kind != "entry" && kind != "session" && kind != "triage") {
    throw UsageError("change", fmt::format("unknown record kind '{}'", kind));
  }
}

}  // namespace

namespace journal_detail {

Change read_change(Statement& q) {
  Change c;
  c.seq = q.getColumn(0).getInt64();
  c.device = q.getColumn(1).getString();
  c.stamp = q.getColumn(2).getString();
  c.kind = q.getColumn(3).getString();
  c.record = q.getColumn(4).getString();
  c.op = q.getColumn(5).getString();
  c.before = optional_text(q.getColumn(6));
  c.after = optional_text(q.getColumn(7));
  c.batch = q.getColumn(8).getString();
  c.origin = q.getColumn(9).getString();
  if (q.getColumnCount() > 10 && !q.getColumn(10).isNull()) c.undoes = q.getColumn(10).getInt64();
  return c;
}

void bind_change(Statement& q, const Change& c, std::optional<std::int64_t> undoes) {
  q.bind(1, c.device);
  q.bind(2, c.stamp);
  q.bind(3, c.kind);
  q.bind(4, c.record);
  q.bind(5, c.op);
  if (c.before) q.bind(6, *c.before); else q.bind(6);
  if (c.after) q.bind(7, *c.after); else q.bind(7);
  if (c.batch.empty()) q.bind(8); else q.bind(8, c.batch);
  q.bind(9, c.origin);
  if (undoes) q.bind(10, *undoes); else q.bind(10);
}

Write::Write(Journal::Impl& impl) : m_impl(impl), m_nested(sqlite3_get_autocommit(impl.db->getHandle()) == 0) {
  if (m_nested) return;
  m_impl.prepared("BEGIN IMMEDIATE")->exec();
  m_impl.spoiled = false;
}

Write::~Write() {
  if (m_done) return;
  if (m_nested) {
    m_impl.spoiled = true;
    return;
  }
  try {
    m_impl.db->exec("ROLLBACK");
  } catch (...) {  // a failed rollback leaves SQLite to roll back when the connection closes
  }
}

void Write::commit() {
  if (m_nested) {
    m_done = true;
    return;
  }
  if (m_impl.spoiled) {  // the destructor rolls back
    throw DataError("journal", fmt::format("a write to {} failed part way; nothing was changed", m_impl.path.string()));
  }
  m_impl.prepared("COMMIT")->exec();
  m_done = true;
}

void ready_for_bulk(SQLite::Database& db) {
  if (sqlite3_get_autocommit(db.getHandle()) == 0) return;
  db.exec("PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY");
}

std::optional<std::string> meta_value(Journal::Impl& impl, const std::string& key) {
  auto q = impl.prepared("SELECT value FROM meta WHERE key = ?");
  q->bind(1, key);
  if (!q->executeStep()) return std::nullopt;
  return q->getColumn(0).getString();
}

void set_meta_value(Journal::Impl& impl, const std::string& key, const std::string& value) {
  auto q = impl.prepared("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  q->bind(1, key);
  q->bind(2, value);
  q->exec();
}

std::string device_id(Journal::Impl& impl) {
  if (!impl.device.empty()) return impl.device;
  if (auto d = meta_value(impl, "device")) return impl.device = *d;
  if (impl.read_only) return {};
  Write w(impl);
  if (auto d = meta_value(impl, "device")) return impl.device = *d;  // another process made it first
  impl.device = new_device_id();
  set_meta_value(impl, "device", impl.device);
  w.commit();
  return impl.device;
}

ChangeLog::ChangeLog(Journal::Impl& impl, std::optional<Instant> now) : m_impl(impl) {
  m_device = device_id(impl);
  if (auto h = meta_value(impl, "hlc")) m_last = hlc::parse(*h).value_or(hlc::Stamp{});
  if (now) m_now_ms = now->time_since_epoch().count() * 1000;
}

void ChangeLog::record(Change& c) {
  m_last = hlc::issue(m_last, m_now_ms);
  c.device = m_device;
  c.stamp = hlc::format(m_last);
  auto q = m_impl.prepared(
      "INSERT INTO change (device, stamp, kind, record, op, before, after, batch, origin, undoes) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  bind_change(*q, c, c.undoes);
  q->exec();
  c.seq = m_impl.db->getLastInsertRowid();
}

void ChangeLog::finish() { set_meta_value(m_impl, "hlc", hlc::format(m_last)); }

}  // namespace journal_detail

using journal_detail::require_writable;

std::string Journal::device_id() {
  return m_impl->guard([&] { return journal_detail::device_id(*m_impl); });
}

std::vector<Change> Journal::changes(std::int64_t after_seq, std::size_t limit) const {
  return m_impl->guard([&] {
    Statement q(*m_impl->db, std::string(change_columns) + "WHERE seq > ? ORDER BY seq LIMIT ?");
    q.bind(1, after_seq);
    q.bind(2, static_cast<std::int64_t>(std::min<std::size_t>(limit, INT64_MAX)));
    std::vector<Change> out;
    while (q.executeStep()) out.push_back(journal_detail::read_change(q));
    return out;
  });
}

std::vector<Change> Journal::record_changes(const std::string& uuid) const {
  return m_impl->guard([&] {
    Statement q(*m_impl->db, std::string(change_columns) + "WHERE record = ? ORDER BY seq");
    q.bind(1, uuid);
    std::vector<Change> out;
    while (q.executeStep()) out.push_back(journal_detail::read_change(q));
    return out;
  });
}

std::vector<HistoryItem> Journal::history(std::size_t limit) {
  const std::string me = device_id();  // read-only: the kept one, or none
  return m_impl->guard([&] {
    Statement q(*m_impl->db,
                fmt::format("SELECT c.seq, c.device, c.stamp, c.kind, c.record, c.op, c.before, c.after, c.batch, "
                            "c.origin, c.undoes, {} FROM change AS c ORDER BY c.seq DESC LIMIT ?",
                            reverted_sql));
    q.bind(1, static_cast<std::int64_t>(std::min<std::size_t>(limit, INT64_MAX)));
    std::vector<HistoryItem> out;
    while (q.executeStep()) {
      HistoryItem h{journal_detail::read_change(q), false, q.getColumn(11).getInt() != 0};
      h.local = h.change.device == me;
      out.push_back(std::move(h));
    }
    return out;
  });
}

std::optional<std::string> Journal::record_json(const std::string& kind, const std::string& uuid) const {
  check_kind(kind);
  return m_impl->guard([&]() -> std::optional<std::string> {
    auto& impl = *m_impl;
    if (kind == "entry") {
      if (auto e = journal_detail::entry_by_uuid(impl, uuid)) return entry_json(*e, true);
    } else if (kind == "session") {
      if (auto s = journal_detail::session_by_uuid(impl, uuid)) return session_json(*s);
    } else if (auto r = journal_detail::triage_by_uuid(impl, uuid)) {
      return triage_json(*r);
    }
    return std::nullopt;
  });
}

void Journal::put_record(const std::string& kind, const std::string& uuid, const std::optional<std::string>& state) {
  check_kind(kind);
  require_writable(m_impl->read_only, m_impl->path);
  // Read (and checked) before anything is written.
  std::optional<Entry> entry;
  std::optional<Session> session;
  std::optional<TriageRecord> triage;
  std::optional<std::int64_t> hint;
  auto id_of = [](std::int64_t id) { return id > 0 ? std::optional<std::int64_t>(id) : std::nullopt; };
  if (state) {  // the state's "id" (a row id is never 0) is the row id to keep where it is free
    if (kind == "entry") {
      entry = entry_from_json(*state);
      validate_entry(*entry, std::nullopt);
      hint = id_of(entry->id);
    } else if (kind == "session") {
      session = session_from_json(*state);
      hint = id_of(session->id);
    } else {
      triage = triage_from_json(*state);
      hint = id_of(triage->id);
    }
  }
  m_impl->guard([&] {
    journal_detail::Write w(*m_impl);
    if (entry) {
      entry->uuid = uuid;
      journal_detail::put_entry(*m_impl, *entry, hint);
    } else if (session) {
      session->uuid = uuid;
      journal_detail::put_session(*m_impl, *session, hint);
    } else if (triage) {
      triage->uuid = uuid;
      journal_detail::put_triage(*m_impl, *triage, hint);
    } else {
      journal_detail::delete_record(*m_impl, kind, uuid);
    }
    w.commit();
  });
}

Change Journal::log_change(Change c, std::optional<Instant> now) {
  check_kind(c.kind);
  require_writable(m_impl->read_only, m_impl->path);
  return m_impl->guard([&] {
    journal_detail::Write w(*m_impl);
    journal_detail::ChangeLog log(*m_impl, now);
    log.record(c);
    log.finish();
    w.commit();
    return c;
  });
}

bool Journal::insert_change(const Change& c) {
  check_kind(c.kind);
  auto stamp = hlc::parse(c.stamp);
  if (!stamp) throw UsageError("change", fmt::format("'{}' is not a clock stamp", c.stamp));
  require_writable(m_impl->read_only, m_impl->path);
  return m_impl->guard([&] {
    journal_detail::Write w(*m_impl);
    auto q = m_impl->prepared(
        "INSERT OR IGNORE INTO change (device, stamp, kind, record, op, before, after, batch, origin, undoes) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    journal_detail::bind_change(*q, c, std::nullopt);  // `undoes` names a seq of the other journal
    const bool added = q->exec() > 0;
    auto last = hlc::parse(journal_detail::meta_value(*m_impl, "hlc").value_or("")).value_or(hlc::Stamp{});
    if (*stamp > last) journal_detail::set_meta_value(*m_impl, "hlc", hlc::format(*stamp));
    w.commit();
    return added;
  });
}

std::optional<std::string> Journal::meta(const std::string& key) const {
  return m_impl->guard([&] { return journal_detail::meta_value(*m_impl, key); });
}

void Journal::set_meta(const std::string& key, const std::string& value) {
  require_writable(m_impl->read_only, m_impl->path);
  m_impl->guard([&] {
    journal_detail::Write w(*m_impl);
    journal_detail::set_meta_value(*m_impl, key, value);
    w.commit();
  });
}

void Journal::transaction(const std::function<void()>& f) {
  require_writable(m_impl->read_only, m_impl->path);
  m_impl->guard([&] {
    journal_detail::ready_for_bulk(*m_impl->db);  // sync applies its batches this way
    journal_detail::Write w(*m_impl);
    f();
    w.commit();
  });
}

}  // namespace psoas
