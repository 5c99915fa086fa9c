// The report's own journal queries: a range of entries with their places, triggers and
// helped items, each child table read by one range query for the whole range instead of one
// query stepped per entry (Journal::report_entries); and the pain ratings of a range's
// sessions (Journal::session_ratings).
#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <utility>

#include "journal_impl.hpp"

namespace psoas {

namespace {

using journal_detail::secs;

constexpr const char* report_entries_sql =
    "SELECT id, at, utc_offset, pain, enjoyment, activity FROM entry WHERE at >= ? AND at < ? ORDER BY at, id";
// The children of the same range's entries. No ORDER BY (a sort in a temporary B-tree): an
// entry's children come in its primary key's order (entry_id, pos) whichever table the
// join reads first.
constexpr const char* report_locations_sql =
    "SELECT c.entry_id, c.area, c.side, c.pain FROM entry e JOIN location c ON c.entry_id = e.id "
    "WHERE e.at >= ? AND e.at < ?";
constexpr const char* report_triggers_sql =
    "SELECT c.entry_id, c.name FROM entry e JOIN entry_trigger c ON c.entry_id = e.id "
    "WHERE e.at >= ? AND e.at < ?";
constexpr const char* report_helped_sql =
    "SELECT c.entry_id, c.name FROM entry e JOIN entry_helped c ON c.entry_id = e.id "
    "WHERE e.at >= ? AND e.at < ?";

// Only ratings (the role is 'before' or 'after'), by the partial index entry_session.
constexpr const char* session_ratings_sql =
    "SELECT session, session_role, pain FROM entry WHERE session IN "
    "(SELECT uuid FROM session WHERE start >= ? AND start < ? AND kind <> 'break') "
    "AND session_role IN ('before', 'after') ORDER BY at, id";

std::optional<int> optional_int(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return c.getInt();
}

// Entry ids to their place in the result, sorted by id.
using ById = std::vector<std::pair<std::int64_t, std::size_t>>;

// The entry with row id `id` in `out`, or null.
Entry* by_id(std::vector<Entry>& out, const ById& ids, std::int64_t id) {
  auto it = std::lower_bound(ids.begin(), ids.end(), std::pair<std::int64_t, std::size_t>{id, 0});
  return it == ids.end() || it->first != id ? nullptr : &out[it->second];
}

// Runs one child query over [from, to) and hands each row to `add` with its entry.
template <class Add>
void each_child(SQLite::Database& db, const char* sql, Instant from, Instant to, std::vector<Entry>& out,
                const ById& ids, Add&& add) {
  SQLite::Statement q(db, sql);
  q.bind(1, secs(from));
  q.bind(2, secs(to));
  while (q.executeStep())
    if (Entry* e = by_id(out, ids, q.getColumn(0).getInt64())) add(*e, q);
}

}  // namespace

std::vector<Entry> Journal::report_entries(Instant from, Instant to) const {
  return m_impl->guard([&] {
    SQLite::Database& db = *m_impl->db;
    std::vector<Entry> out;
    {
      SQLite::Statement q(db, report_entries_sql);
      q.bind(1, secs(from));
      q.bind(2, secs(to));
      while (q.executeStep()) {
        Entry& e = out.emplace_back();
        e.id = q.getColumn(0).getInt64();
        e.at = Instant{std::chrono::seconds{q.getColumn(1).getInt64()}};
        e.utc_offset = std::chrono::seconds{q.getColumn(2).getInt64()};
        e.pain = q.getColumn(3).getInt();
        e.enjoyment = optional_int(q.getColumn(4));
        e.activity = optional_int(q.getColumn(5));
      }
    }
    if (out.empty()) return out;
    ById ids;
    ids.reserve(out.size());
    for (std::size_t i = 0; i < out.size(); ++i) ids.emplace_back(out[i].id, i);
    std::sort(ids.begin(), ids.end());
    each_child(db, report_locations_sql, from, to, out, ids, [](Entry& e, SQLite::Statement& q) {
      Location l;
      l.area = q.getColumn(1).getString();
      l.side = side_from_string(q.getColumn(2).getString()).value_or(Side::none);
      l.pain = optional_int(q.getColumn(3));
      e.where.push_back(std::move(l));
    });
    each_child(db, report_triggers_sql, from, to, out, ids,
               [](Entry& e, SQLite::Statement& q) { e.triggers.push_back(q.getColumn(1).getString()); });
    each_child(db, report_helped_sql, from, to, out, ids,
               [](Entry& e, SQLite::Statement& q) { e.helped.push_back(q.getColumn(1).getString()); });
    return out;
  });
}

std::vector<Journal::SessionRating> Journal::session_ratings(Instant from, Instant to) const {
  return m_impl->guard([&] {
    SQLite::Statement q(*m_impl->db, session_ratings_sql);
    q.bind(1, secs(from));
    q.bind(2, secs(to));
    std::vector<SessionRating> out;
    while (q.executeStep()) {
      SessionRating& r = out.emplace_back();
      r.session = q.getColumn(0).getString();
      r.role = session_role_from_string(q.getColumn(1).getString()).value_or(SessionRole::none);
      r.pain = q.getColumn(2).getInt();
    }
    return out;
  });
}

}  // namespace psoas
