// Sync's bookkeeping in the journal (docs/history.md): positions in device files
// (`sync_file`), the change log's counts and lookups sync needs, the records a baseline
// describes, and a new device id. The decisions are the sync module's (psoas/sync.hpp).
#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include "journal_impl.hpp"
#include "psoas/hlc.hpp"

namespace psoas {

using SQLite::Statement;
using journal_detail::require_writable;

namespace {

constexpr const char* change_columns = "SELECT seq, device, stamp, kind, record, op, before, after, batch, origin FROM change ";

}  // namespace

std::vector<bool> Journal::insert_changes(const std::vector<Change>& changes) {
  require_writable(m_impl->read_only, m_impl->path);
  return m_impl->guard([&] {
    journal_detail::Write w(*m_impl);
    auto loan = m_impl->prepared(
        "INSERT OR IGNORE INTO change (device, stamp, kind, record, op, before, after, batch, origin, undoes) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    auto& q = *loan;
    hlc::Stamp top;
    std::vector<bool> added;
    added.reserve(changes.size());
    for (const Change& c : changes) {
      auto stamp = hlc::parse(c.stamp);
      if (!stamp) throw UsageError("change", fmt::format("'{}' is not a clock stamp", c.stamp));
      top = std::max(top, *stamp);
      journal_detail::bind_change(q, c, std::nullopt);
      added.push_back(q.exec() > 0);
      q.reset();
    }
    auto last = hlc::parse(journal_detail::meta_value(*m_impl, "hlc").value_or("")).value_or(hlc::Stamp{});
    if (top > last) journal_detail::set_meta_value(*m_impl, "hlc", hlc::format(top));  // the clock moves past them
    w.commit();
    return added;
  });
}

void Journal::each_record_changes(const std::vector<std::string>& uuids,
                                  const std::function<void(const std::string&, std::vector<Change>)>& f) const {
  m_impl->guard([&] {
    Statement q(*m_impl->db, std::string(change_columns) + "WHERE record = ? ORDER BY seq");
    for (const auto& uuid : uuids) {
      q.bind(1, uuid);
      std::vector<Change> out;
      while (q.executeStep()) out.push_back(journal_detail::read_change(q));
      q.reset();
      f(uuid, std::move(out));
    }
  });
}

std::vector<SyncPosition> Journal::sync_positions() const {
  return m_impl->guard([&] {
    Statement q(*m_impl->db, R"(SELECT file, "offset", line, at FROM sync_file ORDER BY file)");
    std::vector<SyncPosition> out;
    while (q.executeStep()) {
      out.push_back({q.getColumn(0).getString(), q.getColumn(1).getInt64(), q.getColumn(2).getInt64(),
                     q.getColumn(3).getInt64()});
    }
    return out;
  });
}

void Journal::set_sync_position(const SyncPosition& p) {
  require_writable(m_impl->read_only, m_impl->path);
  m_impl->guard([&] {
    auto q = m_impl->prepared(
        R"(INSERT INTO sync_file (file, "offset", line, at) VALUES (?, ?, ?, ?) )"
        R"(ON CONFLICT (file) DO UPDATE SET "offset" = excluded."offset", line = excluded.line, at = excluded.at)");
    q->bind(1, p.file);
    q->bind(2, p.offset);
    q->bind(3, p.line);
    q->bind(4, p.at);
    q->exec();
  });
}

void Journal::clear_sync_positions() {
  require_writable(m_impl->read_only, m_impl->path);
  m_impl->guard([&] { m_impl->db->exec("DELETE FROM sync_file"); });
}

std::int64_t Journal::last_seq() const {
  return m_impl->guard([&] { return m_impl->db->execAndGet("SELECT coalesce(max(seq), 0) FROM change").getInt64(); });
}

std::int64_t Journal::last_seq(const std::string& device) const {
  return m_impl->guard([&] {
    Statement q(*m_impl->db, "SELECT coalesce(max(seq), 0) FROM change WHERE device = ?");
    q.bind(1, device);
    q.executeStep();
    return q.getColumn(0).getInt64();
  });
}

std::int64_t Journal::count_changes(const std::string& device, std::int64_t after_seq) const {
  return m_impl->guard([&] {
    Statement q(*m_impl->db, "SELECT count(*) FROM change WHERE device = ? AND seq > ?");
    q.bind(1, device);
    q.bind(2, after_seq);
    q.executeStep();
    return q.getColumn(0).getInt64();
  });
}

std::optional<Change> Journal::change_at(const std::string& device, const std::string& stamp) const {
  return m_impl->guard([&]() -> std::optional<Change> {
    Statement q(*m_impl->db, std::string(change_columns) + "WHERE device = ? AND stamp = ?");
    q.bind(1, device);
    q.bind(2, stamp);
    if (!q.executeStep()) return std::nullopt;
    return journal_detail::read_change(q);
  });
}

std::vector<std::pair<std::string, std::string>> Journal::records_without_add() const {
  return m_impl->guard([&] {
    Statement q(*m_impl->db,
                "WITH added AS (SELECT record FROM change WHERE op = 'add') "
                "SELECT 'entry', uuid FROM entry WHERE uuid NOT IN added "
                "UNION ALL SELECT 'session', uuid FROM session WHERE uuid NOT IN added "
                "UNION ALL SELECT 'triage', uuid FROM triage WHERE uuid NOT IN added");
    std::vector<std::pair<std::string, std::string>> out;
    while (q.executeStep()) out.emplace_back(q.getColumn(0).getString(), q.getColumn(1).getString());
    return out;
  });
}

void Journal::change_device_id(const std::string& id, std::int64_t after_seq) {
  require_writable(m_impl->read_only, m_impl->path);
  const std::string old = device_id();
  m_impl->guard([&] {
    journal_detail::Write w(*m_impl);
    Statement move(*m_impl->db, "UPDATE change SET device = ? WHERE device = ? AND seq > ?");
    move.bind(1, id);
    move.bind(2, old);
    move.bind(3, after_seq);
    move.exec();
    // The old id's file is another device's now, read from its start (nothing is lost:
    // each change is applied once).
    Statement forget(*m_impl->db, "DELETE FROM sync_file WHERE file = ?");
    forget.bind(1, old);
    forget.exec();
    journal_detail::set_meta_value(*m_impl, "device", id);
    w.commit();
  });
  m_impl->device = id;
}

}  // namespace psoas
