// Rows of the journal: entries (with their locations), sessions and triage results.
// Every write validates first, then runs in one IMMEDIATE transaction.
#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <limits>

#include "journal_impl.hpp"
#include "psoas/error.hpp"
#include "psoas/json.hpp"

namespace psoas {

namespace {

using namespace std::chrono;
using SQLite::Statement;
using SQLite::Transaction;
using SQLite::TransactionBehavior;

constexpr const char* entry_columns = "id, uuid, at, utc_offset, pain, enjoyment, activity, triggers, helped, note";

std::vector<std::string> list_column(const SQLite::Column& c) {
  try {
    return json::parse_string_array(c.getString());
  } catch (const json::ParseError&) {
    throw DataError("journal", fmt::format("a stored list is damaged: {}", c.getString()));
  }
}

std::optional<int> optional_int(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return c.getInt();
}

void bind_optional(Statement& s, int index, std::optional<int> v) {
  if (v) s.bind(index, *v);
  else s.bind(index);
}

// Reads entries from a query over `entry_columns`, then fills in their locations.
class EntryReader {
 public:
  explicit EntryReader(SQLite::Database& db)
      : m_locations(db, "SELECT area, side, pain FROM location WHERE entry_id = ? ORDER BY pos") {}

  Entry read(Statement& q) {
    Entry e;
    e.id = q.getColumn(0).getInt64();
    e.uuid = q.getColumn(1).getString();
    e.at = Instant{seconds{q.getColumn(2).getInt64()}};
    e.utc_offset = seconds{q.getColumn(3).getInt64()};
    e.pain = q.getColumn(4).getInt();
    e.enjoyment = optional_int(q.getColumn(5));
    e.activity = optional_int(q.getColumn(6));
    e.triggers = list_column(q.getColumn(7));
    e.helped = list_column(q.getColumn(8));
    e.note = q.getColumn(9).getString();
    m_locations.bind(1, e.id);
    while (m_locations.executeStep()) {
      Location l;
      l.area = m_locations.getColumn(0).getString();
      l.side = side_from_string(m_locations.getColumn(1).getString()).value_or(Side::none);
      l.pain = optional_int(m_locations.getColumn(2));
      e.where.push_back(std::move(l));
    }
    m_locations.reset();
    return e;
  }

 private:
  Statement m_locations;
};

std::vector<Entry> read_all(SQLite::Database& db, Statement& q) {
  EntryReader reader(db);
  std::vector<Entry> out;
  while (q.executeStep()) out.push_back(reader.read(q));
  return out;
}

// Inserts or replaces an entry's rows; the caller holds the transaction.
class EntryWriter {
 public:
  explicit EntryWriter(SQLite::Database& db)
      : m_db(db),
        m_insert(db,
                 "INSERT INTO entry (uuid, at, utc_offset, pain, enjoyment, activity, triggers, helped, note) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (uuid) DO NOTHING"),
        m_location(db, "INSERT INTO location (entry_id, pos, area, side, pain) VALUES (?, ?, ?, ?, ?)") {}

  // Returns the new row id, or 0 when the uuid is already present.
  std::int64_t insert(const Entry& e) {
    bind_fields(m_insert, e);
    m_insert.exec();
    m_insert.reset();
    if (m_db.getChanges() == 0) return 0;
    std::int64_t id = m_db.getLastInsertRowid();
    insert_locations(id, e.where);
    return id;
  }

  void insert_locations(std::int64_t id, const std::vector<Location>& where) {
    for (std::size_t i = 0; i < where.size(); ++i) {
      m_location.bind(1, id);
      m_location.bind(2, static_cast<std::int64_t>(i));
      m_location.bind(3, where[i].area);
      m_location.bind(4, to_string(where[i].side));
      bind_optional(m_location, 5, where[i].pain);
      m_location.exec();
      m_location.reset();
    }
  }

  // Binds uuid, at, ..., note to parameters 1-9.
  static void bind_fields(Statement& s, const Entry& e) {
    s.bind(1, e.uuid);
    s.bind(2, static_cast<std::int64_t>(e.at.time_since_epoch().count()));
    s.bind(3, static_cast<std::int64_t>(e.utc_offset.count()));
    s.bind(4, e.pain);
    bind_optional(s, 5, e.enjoyment);
    bind_optional(s, 6, e.activity);
    s.bind(7, json::array(e.triggers));
    s.bind(8, json::array(e.helped));
    s.bind(9, e.note);
  }

 private:
  SQLite::Database& m_db;
  Statement m_insert;
  Statement m_location;
};

Entry normalised(Entry e) {
  validate_entry(e);
  if (e.uuid.empty()) e.uuid = make_uuid();
  return e;
}

std::int64_t secs(Instant t) { return t.time_since_epoch().count(); }

}  // namespace

using journal_detail::require_writable;

Entry Journal::add(Entry e) {
  e = normalised(std::move(e));
  require_writable(m_impl->read_only, m_impl->path);
  auto& db = *m_impl->db;
  Transaction tx(db, TransactionBehavior::IMMEDIATE);
  EntryWriter w(db);
  e.id = w.insert(e);
  if (e.id == 0) throw DataError("journal", fmt::format("an entry with uuid {} already exists", e.uuid));
  tx.commit();
  return e;
}

std::vector<Entry> Journal::entries(Instant from, Instant to, std::optional<std::size_t> limit) const {
  auto& db = *m_impl->db;
  Statement q(db, fmt::format("SELECT {} FROM entry WHERE at >= ? AND at < ? ORDER BY at DESC, id DESC LIMIT ?",
                              entry_columns));
  q.bind(1, secs(from));
  q.bind(2, secs(to));
  auto max = static_cast<std::int64_t>(std::min<std::size_t>(limit.value_or(std::numeric_limits<std::int64_t>::max()),
                                                             std::numeric_limits<std::int64_t>::max()));
  q.bind(3, max);
  auto out = read_all(db, q);
  std::reverse(out.begin(), out.end());
  return out;
}

void Journal::for_each_entry(const std::function<void(const Entry&)>& f) const {
  auto& db = *m_impl->db;
  Statement q(db, fmt::format("SELECT {} FROM entry ORDER BY at, id", entry_columns));
  EntryReader reader(db);
  while (q.executeStep()) f(reader.read(q));
}

std::vector<Entry> Journal::all_entries() const {
  std::vector<Entry> out;
  for_each_entry([&](const Entry& e) { out.push_back(e); });
  return out;
}

std::optional<Entry> Journal::find(const std::string& id_or_uuid) const {
  auto& db = *m_impl->db;
  const bool digits = !id_or_uuid.empty() && id_or_uuid.size() <= 18 &&
                      std::all_of(id_or_uuid.begin(), id_or_uuid.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (digits) {
    Statement q(db, fmt::format("SELECT {} FROM entry WHERE id = ?", entry_columns));
    q.bind(1, static_cast<std::int64_t>(std::stoll(id_or_uuid)));
    auto found = read_all(db, q);
    if (!found.empty()) return found.front();
  }
  if (id_or_uuid.size() < 4) return std::nullopt;
  std::string lower = id_or_uuid;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  // uuid >= prefix AND uuid < prefix + '\x7f' uses the unique index.
  Statement q(db, fmt::format("SELECT {} FROM entry WHERE uuid >= ? AND uuid < ? ORDER BY uuid LIMIT 2", entry_columns));
  q.bind(1, lower);
  q.bind(2, lower + '\x7f');
  auto found = read_all(db, q);
  if (found.size() > 1) {
    throw UsageError("log", fmt::format("'{}' matches more than one entry", id_or_uuid), "give more of the uuid");
  }
  if (found.empty()) return std::nullopt;
  return found.front();
}

void Journal::update(const Entry& given) {
  Entry e = given;
  validate_entry(e);
  require_writable(m_impl->read_only, m_impl->path);
  auto& db = *m_impl->db;
  Transaction tx(db, TransactionBehavior::IMMEDIATE);
  Statement u(db,
              "UPDATE entry SET at = ?2, utc_offset = ?3, pain = ?4, enjoyment = ?5, activity = ?6, triggers = ?7, "
              "helped = ?8, note = ?9 WHERE id = ?10");
  EntryWriter::bind_fields(u, e);
  u.bind(10, e.id);
  u.exec();
  if (db.getChanges() == 0) throw DataError("log", fmt::format("no entry {}", e.id));
  Statement d(db, "DELETE FROM location WHERE entry_id = ?");
  d.bind(1, e.id);
  d.exec();
  EntryWriter(db).insert_locations(e.id, e.where);
  tx.commit();
}

void Journal::remove(std::int64_t id) {
  require_writable(m_impl->read_only, m_impl->path);
  auto& db = *m_impl->db;
  Transaction tx(db, TransactionBehavior::IMMEDIATE);
  Statement d(db, "DELETE FROM location WHERE entry_id = ?");
  d.bind(1, id);
  d.exec();
  Statement e(db, "DELETE FROM entry WHERE id = ?");
  e.bind(1, id);
  e.exec();
  if (db.getChanges() == 0) throw DataError("log", fmt::format("no entry {}", id));
  tx.commit();
}

ImportResult Journal::import_entries(const std::vector<Entry>& entries) {
  for (const auto& e : entries) validate_entry(e);
  std::size_t i = 0;
  return import_entries([&]() -> std::optional<Entry> {
    if (i == entries.size()) return std::nullopt;
    return entries[i++];
  });
}

ImportResult Journal::import_entries(const std::function<std::optional<Entry>()>& next) {
  require_writable(m_impl->read_only, m_impl->path);
  auto& db = *m_impl->db;
  db.exec("PRAGMA cache_size = -65536");  // a large import touches much of the uuid index
  ImportResult result;
  Transaction tx(db, TransactionBehavior::IMMEDIATE);
  EntryWriter w(db);
  while (auto e = next()) {
    if (e->uuid.empty()) e->uuid = content_uuid(*e);  // so a second import adds nothing
    if (w.insert(normalised(std::move(*e))) != 0) ++result.added;
    else ++result.skipped;
  }
  tx.commit();
  return result;
}

std::optional<Entry> Journal::last_before(Instant t) const {
  auto& db = *m_impl->db;
  Statement q(db, fmt::format("SELECT {} FROM entry WHERE at < ? ORDER BY at DESC, id DESC LIMIT 1", entry_columns));
  q.bind(1, secs(t));
  auto found = read_all(db, q);
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::optional<Entry> Journal::first_at_or_after(Instant t) const {
  auto& db = *m_impl->db;
  Statement q(db, fmt::format("SELECT {} FROM entry WHERE at >= ? ORDER BY at, id LIMIT 1", entry_columns));
  q.bind(1, secs(t));
  auto found = read_all(db, q);
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::vector<Entry> Journal::pain_points(Instant from, Instant to) const {
  Statement q(*m_impl->db, "SELECT at, utc_offset, pain FROM entry WHERE at >= ? AND at < ? ORDER BY at, id");
  q.bind(1, secs(from));
  q.bind(2, secs(to));
  std::vector<Entry> out;
  while (q.executeStep()) {
    Entry e;
    e.at = Instant{seconds{q.getColumn(0).getInt64()}};
    e.utc_offset = seconds{q.getColumn(1).getInt64()};
    e.pain = q.getColumn(2).getInt();
    out.push_back(std::move(e));
  }
  return out;
}

std::optional<Instant> Journal::first_time_at_or_after(Instant t) const {
  auto& q = m_impl->first_time;
  if (!q) q = std::make_unique<Statement>(*m_impl->db, "SELECT at FROM entry WHERE at >= ? ORDER BY at, id LIMIT 1");
  q->bind(1, secs(t));
  std::optional<Instant> found;
  if (q->executeStep()) found = Instant{std::chrono::seconds{q->getColumn(0).getInt64()}};
  q->reset();  // ends the read at once, as a finished statement would
  return found;
}

std::optional<Instant> Journal::last_time_before(Instant t) const {
  Statement q(*m_impl->db, "SELECT at FROM entry WHERE at < ? ORDER BY at DESC LIMIT 1");
  q.bind(1, secs(t));
  if (!q.executeStep()) return std::nullopt;
  return Instant{seconds{q.getColumn(0).getInt64()}};
}

std::size_t Journal::entry_count() const {
  return static_cast<std::size_t>(m_impl->db->execAndGet("SELECT count(*) FROM entry").getInt64());
}

Session Journal::add_session(Session s) {
  if (s.kind.empty()) throw UsageError("session", "a session needs a kind");
  if (s.end < s.start) throw UsageError("session", "a session cannot end before it starts");
  if (s.phases_done < 0 || s.phases_total < 0) throw UsageError("session", "phase counts cannot be negative");
  if (!s.uuid.empty() && !is_uuid(s.uuid)) throw UsageError("session", fmt::format("'{}' is not a uuid", s.uuid));
  if (s.uuid.empty()) s.uuid = make_uuid();
  require_writable(m_impl->read_only, m_impl->path);
  auto& db = *m_impl->db;
  Transaction tx(db, TransactionBehavior::IMMEDIATE);
  Statement q(db,
              "INSERT INTO session (uuid, kind, routine, start, \"end\", utc_offset, phases_done, phases_total, outcome) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  q.bind(1, s.uuid);
  q.bind(2, s.kind);
  q.bind(3, s.routine);
  q.bind(4, secs(s.start));
  q.bind(5, secs(s.end));
  q.bind(6, static_cast<std::int64_t>(s.utc_offset.count()));
  q.bind(7, s.phases_done);
  q.bind(8, s.phases_total);
  q.bind(9, s.outcome);
  q.exec();
  s.id = db.getLastInsertRowid();
  tx.commit();
  return s;
}

std::size_t Journal::count_sessions(Instant from, Instant to) const {
  Statement q(*m_impl->db, "SELECT count(*) FROM session WHERE start >= ? AND start < ? AND kind != 'break'");
  q.bind(1, secs(from));
  q.bind(2, secs(to));
  q.executeStep();
  return static_cast<std::size_t>(q.getColumn(0).getInt64());
}

std::vector<Session> Journal::sessions(Instant from, Instant to) const {
  Statement q(*m_impl->db,
              "SELECT id, uuid, kind, routine, start, \"end\", utc_offset, phases_done, phases_total, outcome "
              "FROM session WHERE start >= ? AND start < ? ORDER BY start, id");
  q.bind(1, secs(from));
  q.bind(2, secs(to));
  std::vector<Session> out;
  while (q.executeStep()) {
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
    out.push_back(std::move(s));
  }
  return out;
}

TriageRecord Journal::add_triage(TriageRecord r) {
  if (r.outcome.empty()) throw UsageError("triage", "a triage result needs an outcome");
  if (!r.uuid.empty() && !is_uuid(r.uuid)) throw UsageError("triage", fmt::format("'{}' is not a uuid", r.uuid));
  if (r.uuid.empty()) r.uuid = make_uuid();
  if (r.answers_json.empty()) r.answers_json = "{}";
  if (r.reasons_json.empty()) r.reasons_json = "[]";
  require_writable(m_impl->read_only, m_impl->path);
  auto& db = *m_impl->db;
  Transaction tx(db, TransactionBehavior::IMMEDIATE);
  Statement q(db,
              "INSERT INTO triage (uuid, at, utc_offset, outcome, answers, reasons, routine) VALUES (?, ?, ?, ?, ?, ?, ?)");
  q.bind(1, r.uuid);
  q.bind(2, secs(r.at));
  q.bind(3, static_cast<std::int64_t>(r.utc_offset.count()));
  q.bind(4, r.outcome);
  q.bind(5, r.answers_json);
  q.bind(6, r.reasons_json);
  q.bind(7, r.routine);
  q.exec();
  r.id = db.getLastInsertRowid();
  tx.commit();
  return r;
}

namespace {

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

}  // namespace

std::vector<TriageRecord> Journal::triage_results(Instant from, Instant to) const {
  Statement q(*m_impl->db, std::string(triage_columns) + "WHERE at >= ? AND at < ? ORDER BY at, id");
  q.bind(1, secs(from));
  q.bind(2, secs(to));
  std::vector<TriageRecord> out;
  while (q.executeStep()) out.push_back(triage_row(q));
  return out;
}

std::optional<TriageRecord> Journal::latest_triage_before(Instant to) const {
  Statement q(*m_impl->db, std::string(triage_columns) + "WHERE at < ? ORDER BY at DESC, id DESC LIMIT 1");
  q.bind(1, secs(to));
  if (!q.executeStep()) return std::nullopt;
  return triage_row(q);
}

}  // namespace psoas
