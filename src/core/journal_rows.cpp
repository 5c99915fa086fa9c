// Rows of the journal: entries (with their locations, triggers and helped items), sessions
// and triage results. Every write validates first, then runs in one IMMEDIATE transaction.
// Every public function runs inside Impl::guard, so no SQLite::Exception leaves.
// Every write logs its change (journal_detail::ChangeLog) in the same transaction.
// An import sums its entries' quarter hours and days once (SlotsAfter) instead of through
// the per-row insert trigger.
// Over 400 lines on purpose: EntryReader and EntryWriter (an entry with its places,
// triggers and helped items) serve every entry query and write here, and would otherwise
// need an internal header of their own.
#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <limits>

#include "journal_impl.hpp"
#include "psoas/error.hpp"
#include "psoas/journal_io.hpp"

namespace psoas {

namespace {

using namespace std::chrono;
using SQLite::Statement;
using SQLite::Transaction;
using SQLite::TransactionBehavior;

// An entry query: "SELECT <an entry's columns> FROM entry <rest>", one string literal, so it
// is the same text (the statement cache's key) every call without formatting it each time.
#define PSOAS_ENTRY_QUERY(rest) \
  "SELECT id, uuid, at, utc_offset, pain, enjoyment, activity, note, session, session_role FROM entry " rest

// An entry's rows in the tables beside `entry`, each in its stored order (the primary key's,
// so no sort: one UNION ALL ... ORDER BY built three temporary B-trees an entry).
constexpr const char* entry_locations = "SELECT area, side, pain FROM location WHERE entry_id = ? ORDER BY pos";
constexpr const char* entry_triggers = "SELECT name FROM entry_trigger WHERE entry_id = ? ORDER BY pos";
constexpr const char* entry_helped = "SELECT name FROM entry_helped WHERE entry_id = ? ORDER BY pos";

std::optional<int> optional_int(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return c.getInt();
}

void bind_optional(Statement& s, int index, std::optional<int> v) {
  if (v) s.bind(index, *v);
  else s.bind(index);
}

using Loan = journal_detail::StatementCache::Loan;
using Impl = Journal::Impl;

// Reads entries from a PSOAS_ENTRY_QUERY, then fills in their places and tags.
class EntryReader {
 public:
  explicit EntryReader(Impl& impl)
      : m_locations(impl.prepared(entry_locations)),
        m_triggers(impl.prepared(entry_triggers)),
        m_helped(impl.prepared(entry_helped)) {}

  Entry read(Statement& q) {
    Entry e;
    e.id = q.getColumn(0).getInt64();
    e.uuid = q.getColumn(1).getString();
    e.at = Instant{seconds{q.getColumn(2).getInt64()}};
    e.utc_offset = seconds{q.getColumn(3).getInt64()};
    e.pain = q.getColumn(4).getInt();
    e.enjoyment = optional_int(q.getColumn(5));
    e.activity = optional_int(q.getColumn(6));
    e.note = q.getColumn(7).getString();
    e.session = q.getColumn(8).getString();  // "" for NULL
    e.session_role = session_role_from_string(q.getColumn(9).getString()).value_or(SessionRole::none);
    read_children(e);
    return e;
  }

 private:
  void read_children(Entry& e) {
    auto& q = *m_locations;
    q.bind(1, e.id);
    while (q.executeStep()) {
      Location l;
      l.area = q.getColumn(0).getString();
      l.side = side_from_string(q.getColumn(1).getString()).value_or(Side::none);
      l.pain = optional_int(q.getColumn(2));
      e.where.push_back(std::move(l));
    }
    q.reset();
    e.triggers = names(*m_triggers, e.id);
    e.helped = names(*m_helped, e.id);
  }

  static std::vector<std::string> names(Statement& q, std::int64_t id) {
    std::vector<std::string> out;
    q.bind(1, id);
    while (q.executeStep()) out.push_back(q.getColumn(0).getString());
    q.reset();
    return out;
  }

  Loan m_locations;
  Loan m_triggers;
  Loan m_helped;
};

std::vector<Entry> read_all(Impl& impl, Statement& q) {
  EntryReader reader(impl);
  std::vector<Entry> out;
  while (q.executeStep()) out.push_back(reader.read(q));
  return out;
}

// Inserts or replaces an entry's rows; the caller holds the transaction.
class EntryWriter {
 public:
  explicit EntryWriter(Impl& impl)
      : m_db(*impl.db),
        m_insert(impl.prepared(
            "INSERT INTO entry (uuid, at, utc_offset, pain, enjoyment, activity, note, session, session_role) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (uuid) DO NOTHING")),
        m_location(impl.prepared("INSERT INTO location (entry_id, pos, area, side, pain) VALUES (?, ?, ?, ?, ?)")),
        m_trigger(impl.prepared("INSERT INTO entry_trigger (entry_id, pos, name) VALUES (?, ?, ?)")),
        m_helped(impl.prepared("INSERT INTO entry_helped (entry_id, pos, name) VALUES (?, ?, ?)")) {}

  // Returns the new row id, or 0 when the uuid is already present.
  std::int64_t insert(const Entry& e) {
    bind_fields(*m_insert, e);
    m_insert->exec();
    m_insert->reset();
    if (m_db.getChanges() == 0) return 0;
    std::int64_t id = m_db.getLastInsertRowid();
    insert_children(id, e);
    return id;
  }

  // Inserts e's places, triggers and helped items under row `id`.
  void insert_children(std::int64_t id, const Entry& e) {
    insert_locations(id, e.where);
    insert_names(*m_trigger, id, e.triggers);
    insert_names(*m_helped, id, e.helped);
  }

  // Binds uuid, at, ..., note, session, session_role to parameters 1-9 (NULL for no session).
  static void bind_fields(Statement& s, const Entry& e) {
    s.bind(1, e.uuid);
    s.bind(2, static_cast<std::int64_t>(e.at.time_since_epoch().count()));
    s.bind(3, static_cast<std::int64_t>(e.utc_offset.count()));
    s.bind(4, e.pain);
    bind_optional(s, 5, e.enjoyment);
    bind_optional(s, 6, e.activity);
    s.bind(7, e.note);
    if (e.session.empty()) {
      s.bind(8);
      s.bind(9);
    } else {
      s.bind(8, e.session);
      s.bind(9, to_string(e.session_role));
    }
  }

 private:
  void insert_names(Statement& q, std::int64_t id, const std::vector<std::string>& names) {
    for (std::size_t i = 0; i < names.size(); ++i) {
      q.bind(1, id);
      q.bind(2, static_cast<std::int64_t>(i));
      q.bind(3, names[i]);
      q.exec();
      q.reset();
    }
  }

  void insert_locations(std::int64_t id, const std::vector<Location>& where) {
    auto& q = *m_location;
    for (std::size_t i = 0; i < where.size(); ++i) {
      q.bind(1, id);
      q.bind(2, static_cast<std::int64_t>(i));
      q.bind(3, where[i].area);
      q.bind(4, to_string(where[i].side));
      bind_optional(q, 5, where[i].pain);
      q.exec();
      q.reset();
    }
  }

  SQLite::Database& m_db;
  Loan m_insert;
  Loan m_location;
  Loan m_trigger;
  Loan m_helped;
};

Entry normalised(Entry e, std::optional<Instant> now = {}) {
  validate_entry(e, now);
  if (e.uuid.empty()) e.uuid = make_uuid();
  return e;
}

// The entries a PSOAS_ENTRY_QUERY finds, with `bind` setting its parameters.
template <class Bind>
std::vector<Entry> query_entries(Impl& impl, const std::string& sql, Bind&& bind) {
  auto q = impl.prepared(sql);
  bind(*q);
  return read_all(impl, *q);
}

std::optional<Entry> first_of(std::vector<Entry> found) {
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

// Replaces the entry with e.id (its fields, places, triggers and helped items).
void replace_entry(Impl& impl, const Entry& e) {
  auto u = impl.prepared(
      "UPDATE entry SET at = ?2, utc_offset = ?3, pain = ?4, enjoyment = ?5, activity = ?6, note = ?7, "
      "session = ?8, session_role = ?9 WHERE id = ?10");
  EntryWriter::bind_fields(*u, e);
  u->bind(10, e.id);
  u->exec();
  for (const char* sql : {"DELETE FROM location WHERE entry_id = ?", "DELETE FROM entry_trigger WHERE entry_id = ?",
                          "DELETE FROM entry_helped WHERE entry_id = ?"}) {
    auto d = impl.prepared(sql);
    d->bind(1, e.id);
    d->exec();
  }
  EntryWriter(impl).insert_children(e.id, e);
}

// For a bulk insert: the insert trigger that keeps entry_slot and entry_day (schema
// version 8) is dropped inside the caller's transaction and the new entries' quarter hours
// and days summed at once, then the trigger re-created from its own stored SQL. Per-row, the
// trigger's random-ish updates cost +59 % CPU at a million rows (bench/README.md); a
// rollback restores the trigger with the rest.
class SlotsAfter {
 public:
  explicit SlotsAfter(SQLite::Database& db) : m_db(db) {
    Statement q(db, "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = 'entry_sums_insert'");
    if (!q.executeStep()) return;  // no trigger: nothing to keep right
    m_trigger = q.getColumn(0).getString();
    q.reset();
    m_first_id = db.execAndGet("SELECT coalesce(max(id), 0) + 1 FROM entry").getInt64();
    db.exec("DROP TRIGGER entry_sums_insert");
  }

  // Sums the entries added since construction into entry_slot and entry_day and re-creates
  // the trigger.
  void add_new_entries() {
    if (m_trigger.empty()) return;
    for (const char* sql :
         {"INSERT INTO entry_slot (slot, entries, pain) "
          "SELECT at / 900 - (at % 900 < 0), count(*), sum(pain) FROM entry WHERE id >= ? GROUP BY 1 "
          "ON CONFLICT DO UPDATE SET entries = entries + excluded.entries, pain = pain + excluded.pain",
          "INSERT INTO entry_day (day, entries) "
          "SELECT at / 86400 - (at % 86400 < 0), count(*) FROM entry WHERE id >= ? GROUP BY 1 "
          "ON CONFLICT DO UPDATE SET entries = entries + excluded.entries"}) {
      Statement q(m_db, sql);
      q.bind(1, m_first_id);
      q.exec();
    }
    m_db.exec(m_trigger);
    m_trigger.clear();
  }

 private:
  SQLite::Database& m_db;
  std::string m_trigger;  // the trigger's CREATE statement, or empty when there is none
  std::int64_t m_first_id = 0;
};

}  // namespace

std::optional<Entry> journal_detail::entry_by_uuid(Impl& impl, const std::string& uuid) {
  return first_of(query_entries(impl, PSOAS_ENTRY_QUERY("WHERE uuid = ?"), [&](Statement& q) { q.bind(1, uuid); }));
}

std::optional<Entry> journal_detail::entry_by_id(Impl& impl, std::int64_t id) {
  return first_of(query_entries(impl, PSOAS_ENTRY_QUERY("WHERE id = ?"), [&](Statement& q) { q.bind(1, id); }));
}

void journal_detail::put_entry(Impl& impl, const Entry& e, std::optional<std::int64_t> id_hint) {
  if (auto old = entry_by_uuid(impl, e.uuid)) {
    Entry stored = e;
    stored.id = old->id;
    replace_entry(impl, stored);
    return;
  }
  auto q = impl.prepared(
      "INSERT INTO entry (uuid, at, utc_offset, pain, enjoyment, activity, note, session, session_role, id) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT ?10 WHERE NOT EXISTS (SELECT 1 FROM entry WHERE id = ?10)))");
  EntryWriter::bind_fields(*q, e);
  if (id_hint) q->bind(10, *id_hint);
  else q->bind(10);
  q->exec();
  EntryWriter(impl).insert_children(impl.db->getLastInsertRowid(), e);
}

using journal_detail::require_writable;
using journal_detail::secs;

Entry Journal::add(Entry e, Instant now) {
  e = normalised(std::move(e), now);
  require_writable(m_impl->read_only, m_impl->path);
  return m_impl->guard([&] {
    auto& db = *m_impl->db;
    Transaction tx(db, TransactionBehavior::IMMEDIATE);
    EntryWriter w(*m_impl);
    e.id = w.insert(e);
    if (e.id == 0) throw DataError("journal", fmt::format("an entry with uuid {} already exists", e.uuid));
    journal_detail::ChangeLog log(*m_impl, now);
    Change c{.kind = "entry", .record = e.uuid, .op = "add", .after = entry_json(e, true)};
    log.record(c);
    log.finish();
    tx.commit();
    return e;
  });
}

std::vector<Entry> Journal::entries(Instant from, Instant to, std::optional<std::size_t> limit) const {
  auto max = static_cast<std::int64_t>(std::min<std::size_t>(limit.value_or(std::numeric_limits<std::int64_t>::max()),
                                                             std::numeric_limits<std::int64_t>::max()));
  auto out = m_impl->guard([&] {
    return query_entries(
        *m_impl, PSOAS_ENTRY_QUERY("WHERE at >= ? AND at < ? ORDER BY at DESC, id DESC LIMIT ?"),
        [&](Statement& q) {
          q.bind(1, secs(from));
          q.bind(2, secs(to));
          q.bind(3, max);
        });
  });
  std::reverse(out.begin(), out.end());
  return out;
}

void Journal::for_each_entry(const std::function<void(const Entry&)>& f) const {
  m_impl->guard([&] {
    Statement q(*m_impl->db, PSOAS_ENTRY_QUERY("ORDER BY at, id"));  // long-lived: not from the cache
    EntryReader reader(*m_impl);
    while (q.executeStep()) f(reader.read(q));
  });
}

std::vector<Entry> Journal::all_entries() const {
  std::vector<Entry> out;
  for_each_entry([&](const Entry& e) { out.push_back(e); });
  return out;
}

std::optional<Entry> Journal::find(const std::string& id_or_uuid) const {
  const bool digits = !id_or_uuid.empty() && id_or_uuid.size() <= 18 &&
                      std::all_of(id_or_uuid.begin(), id_or_uuid.end(), [](char c) { return c >= '0' && c <= '9'; });
  std::string lower = id_or_uuid;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  auto found = m_impl->guard([&] {
    if (digits) {
      auto by_id = query_entries(*m_impl, PSOAS_ENTRY_QUERY("WHERE id = ?"),
                                 [&](Statement& q) { q.bind(1, static_cast<std::int64_t>(std::stoll(id_or_uuid))); });
      if (!by_id.empty() || id_or_uuid.size() < 4) return by_id;
    }
    if (id_or_uuid.size() < 4) return std::vector<Entry>{};
    // uuid >= prefix AND uuid < prefix + '\x7f' uses the unique index.
    return query_entries(
        *m_impl, PSOAS_ENTRY_QUERY("WHERE uuid >= ? AND uuid < ? ORDER BY uuid LIMIT 2"),
        [&](Statement& q) {
          q.bind(1, lower);
          q.bind(2, lower + '\x7f');
        });
  });
  if (found.size() > 1) {
    throw UsageError(entry_subject, fmt::format("'{}' matches more than one entry", id_or_uuid), "give more of the uuid");
  }
  return first_of(std::move(found));
}

void Journal::update(const Entry& e, Instant now) {
  validate_entry(e, now);
  require_writable(m_impl->read_only, m_impl->path);
  m_impl->guard([&] {
    auto& db = *m_impl->db;
    Transaction tx(db, TransactionBehavior::IMMEDIATE);
    auto old = journal_detail::entry_by_id(*m_impl, e.id);
    if (!old) throw DataError(entry_subject, fmt::format("no entry {}", e.id));
    Entry stored = e;
    stored.uuid = old->uuid;  // the row keeps its uuid
    replace_entry(*m_impl, stored);
    journal_detail::ChangeLog log(*m_impl, now);
    Change c{.kind = "entry", .record = old->uuid, .op = "edit", .before = entry_json(*old, true),
             .after = entry_json(stored, true)};
    log.record(c);
    log.finish();
    tx.commit();
  });
}

// An entry's locations, triggers and helped items go with it (ON DELETE CASCADE).
void Journal::remove(std::int64_t id, std::optional<Instant> now) {
  require_writable(m_impl->read_only, m_impl->path);
  m_impl->guard([&] {
    auto& db = *m_impl->db;
    Transaction tx(db, TransactionBehavior::IMMEDIATE);
    auto old = journal_detail::entry_by_id(*m_impl, id);
    if (!old) throw DataError(entry_subject, fmt::format("no entry {}", id));
    Statement e(db, "DELETE FROM entry WHERE id = ?");
    e.bind(1, id);
    e.exec();
    journal_detail::ChangeLog log(*m_impl, now);
    Change c{.kind = "entry", .record = old->uuid, .op = "rm", .before = entry_json(*old, true)};
    log.record(c);
    log.finish();
    tx.commit();
  });
}

ImportResult Journal::import_entries(const std::vector<Entry>& entries, std::optional<Instant> now) {
  std::vector<CheckedEntry> checked;
  checked.reserve(entries.size());
  for (const auto& e : entries) checked.push_back(CheckedEntry::check(e));
  std::size_t i = 0;
  return import_entries([&]() -> std::optional<CheckedEntry> {
    if (i == checked.size()) return std::nullopt;
    return std::move(checked[i++]);
  }, now);
}

// Entries arrive checked (CheckedEntry); a failure in `next` rolls all of them back.
ImportResult Journal::import_entries(const std::function<std::optional<CheckedEntry>()>& next,
                                     std::optional<Instant> now) {
  require_writable(m_impl->read_only, m_impl->path);
  return m_impl->guard([&] {
    auto& db = *m_impl->db;
    // A large import touches much of the uuid indexes. Without entry_slot's per-row trigger
    // (SlotsAfter) 128-512 MiB won nothing over 64 MiB at a million rows (bench/README.md).
    journal_detail::ready_for_bulk(db);
    ImportResult result;
    Transaction tx(db, TransactionBehavior::IMMEDIATE);
    SlotsAfter slots(db);
    EntryWriter w(*m_impl);
    journal_detail::ChangeLog log(*m_impl, now);
    Change c{.kind = "entry", .op = "add", .batch = make_uuid()};  // one batch: one undo
    while (auto checked = next()) {
      Entry e = std::move(*checked).take();
      if (e.uuid.empty()) e.uuid = content_uuid(e);  // so a second import adds nothing
      e.id = w.insert(e);
      if (e.id == 0) {
        ++result.skipped;
        continue;
      }
      ++result.added;
      c.record = e.uuid;
      c.after = entry_json(e, true);
      log.record(c);
    }
    log.finish();
    slots.add_new_entries();
    tx.commit();
    return result;
  });
}

std::optional<Entry> Journal::last_before(Instant t) const {
  return first_of(m_impl->guard([&] {
    return query_entries(*m_impl, PSOAS_ENTRY_QUERY("WHERE at < ? ORDER BY at DESC, id DESC LIMIT 1"),
                         [&](Statement& q) { q.bind(1, secs(t)); });
  }));
}

std::optional<Entry> Journal::first_at_or_after(Instant t) const {
  return first_of(m_impl->guard([&] {
    return query_entries(*m_impl, PSOAS_ENTRY_QUERY("WHERE at >= ? ORDER BY at, id LIMIT 1"),
                         [&](Statement& q) { q.bind(1, secs(t)); });
  }));
}

std::vector<Entry> Journal::pain_points(Instant from, Instant to) const {
  return m_impl->guard([&] {
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
  });
}

void Journal::each_pain_point(Instant from, Instant to, const std::function<bool(Entry&&)>& f) const {
  m_impl->guard([&] {
    Statement q(*m_impl->db, "SELECT at, utc_offset, pain FROM entry WHERE at >= ? AND at < ? ORDER BY at, id");
    q.bind(1, secs(from));
    q.bind(2, secs(to));
    while (q.executeStep()) {
      Entry e;
      e.at = Instant{seconds{q.getColumn(0).getInt64()}};
      e.utc_offset = seconds{q.getColumn(1).getInt64()};
      e.pain = q.getColumn(2).getInt();
      if (!f(std::move(e))) break;
    }
  });
}

void Journal::each_pain_slot(Instant from, Instant to, const std::function<bool(const PainSlot&)>& f) const {
  constexpr std::int64_t slot = 900;
  auto first_slot = [](std::int64_t t) { return t / slot + (t % slot > 0 ? 1 : 0); };  // the first starting at or after t
  auto holding = [](std::int64_t t) { return t / slot - (t % slot < 0 ? 1 : 0); };     // the one that holds t
  m_impl->guard([&] {
    Statement q(*m_impl->db,
                "SELECT slot, entries, pain FROM entry_slot WHERE slot >= ? AND slot < ? AND entries > 0 ORDER BY slot");
    q.bind(1, holding(secs(from)));
    q.bind(2, first_slot(secs(to)));
    while (q.executeStep()) {
      PainSlot s{Instant{seconds{q.getColumn(0).getInt64() * slot}}, q.getColumn(1).getInt(), q.getColumn(2).getInt64()};
      if (!f(s)) break;
    }
  });
}

std::optional<Instant> Journal::first_time_at_or_after(Instant t) const {
  return m_impl->guard([&] {
    auto q = m_impl->prepared("SELECT at FROM entry WHERE at >= ? ORDER BY at, id LIMIT 1");
    q->bind(1, secs(t));
    if (!q->executeStep()) return std::optional<Instant>{};
    return std::optional<Instant>{Instant{std::chrono::seconds{q->getColumn(0).getInt64()}}};
  });
}

std::optional<Instant> Journal::first_time_of_day_run(Instant t) const {
  constexpr std::int64_t day = 86400;
  const std::int64_t of_t = secs(t) / day - (secs(t) % day < 0 ? 1 : 0);  // the UTC day holding t
  // The latest day at or before it that begins a stretch (schema 8's entry_gap), if t's own
  // day holds entries: two index lookups however long the stretch.
  const std::optional<std::int64_t> first_day = m_impl->guard([&]() -> std::optional<std::int64_t> {
    auto q = m_impl->prepared(
        "SELECT (SELECT entries FROM entry_day WHERE day = ?1), (SELECT max(day) FROM entry_gap WHERE day <= ?1)");
    q->bind(1, of_t);
    q->executeStep();
    if (q->getColumn(0).isNull() || q->getColumn(0).getInt64() <= 0 || q->getColumn(1).isNull()) return std::nullopt;
    return q->getColumn(1).getInt64();
  });
  if (!first_day) return std::nullopt;
  return first_time_at_or_after(Instant{seconds{*first_day * day}});
}

std::optional<Instant> Journal::last_time_before(Instant t) const {
  return m_impl->guard([&]() -> std::optional<Instant> {
    Statement q(*m_impl->db, "SELECT at FROM entry WHERE at < ? ORDER BY at DESC LIMIT 1");
    q.bind(1, secs(t));
    if (!q.executeStep()) return std::nullopt;
    return Instant{seconds{q.getColumn(0).getInt64()}};
  });
}

std::size_t Journal::entry_count() const {
  return m_impl->guard(
      [&] { return static_cast<std::size_t>(m_impl->db->execAndGet("SELECT count(*) FROM entry").getInt64()); });
}

}  // namespace psoas
