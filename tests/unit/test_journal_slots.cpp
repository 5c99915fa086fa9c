// The journal's pain per quarter hour (schema 7's entry_slot) and its entries per UTC day
// (schema 8's entry_day): their triggers keep both equal to the entries through add, edit,
// rm, import, a direct SQL write and the migration. And the walk back over entry_day.
#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <utility>

#include "psoas/error.hpp"
#include "psoas/journal.hpp"
#include "temp_dir.hpp"

using namespace psoas;
using namespace std::chrono;

namespace {

const Instant later = sys_days{year{2100} / January / 1};
const Instant first = sys_days{year{1960} / January / 1};

Instant at(int y, unsigned m, unsigned d, int h = 0, int min = 0, int s = 0) {
  return sys_days{year{y} / month{m} / day{d}} + hours{h} + minutes{min} + seconds{s};
}

Entry make(Instant t, int pain) {
  Entry e;
  e.at = t;
  e.pain = pain;
  return e;
}

using Slots = std::map<std::int64_t, std::pair<int, long long>>;  // start (s) -> entries, pain

// The quarter hours as the journal keeps them.
Slots kept(const Journal& j) {
  Slots out;
  j.each_pain_slot(first, later, [&out](const Journal::PainSlot& s) {
    out[s.start.time_since_epoch().count()] = {s.entries, s.pain};
    return true;
  });
  return out;
}

// The quarter hours recomputed from the entries themselves.
Slots recomputed(const Journal& j) {
  Slots out;
  for (const Entry& e : j.pain_points(first, later)) {
    std::int64_t t = e.at.time_since_epoch().count();
    std::int64_t start = t - ((t % 900) + 900) % 900;
    ++out[start].first;
    out[start].second += e.pain;
  }
  return out;
}

using Days = std::map<std::int64_t, int>;  // UTC day number -> entries

// The days as the file keeps them (those left with no entries are not days with entries).
Days kept_days(const std::filesystem::path& file) {
  SQLite::Database db(file.string(), SQLite::OPEN_READONLY);
  SQLite::Statement q(db, "SELECT day, entries FROM entry_day WHERE entries != 0");
  Days out;
  while (q.executeStep()) out[q.getColumn(0).getInt64()] = q.getColumn(1).getInt();
  return out;
}

// The days recomputed from the entries themselves.
Days recomputed_days(const Journal& j) {
  Days out;
  for (const Entry& e : j.pain_points(first, later)) {
    std::int64_t t = e.at.time_since_epoch().count();
    ++out[(t - ((t % 86400) + 86400) % 86400) / 86400];
  }
  return out;
}

// The days that begin a stretch (schema 8's entry_gap) as the file keeps them.
std::set<std::int64_t> kept_gaps(const std::filesystem::path& file) {
  SQLite::Database db(file.string(), SQLite::OPEN_READONLY);
  SQLite::Statement q(db, "SELECT day FROM entry_gap");
  std::set<std::int64_t> out;
  while (q.executeStep()) out.insert(q.getColumn(0).getInt64());
  return out;
}

// Those days recomputed: a day with entries and none in the day_run_gap (9) days before it.
std::set<std::int64_t> recomputed_gaps(const Days& days) {
  std::set<std::int64_t> out;
  std::optional<std::int64_t> before;
  for (const auto& [day, entries] : days) {
    if (!before || day - *before > Journal::day_run_gap.count()) out.insert(day);
    before = day;
  }
  return out;
}

std::int64_t day_number(int y, unsigned m, unsigned d) { return at(y, m, d).time_since_epoch().count() / 86400; }

// A journal in a file, so that its days can be read beside it.
struct FileJournal {
  test::TempDir dir;
  std::filesystem::path file = dir.path / "journal.db";
  Journal j = Journal::open(file);
  bool sums_kept() const {
    const Days days = recomputed_days(j);
    return kept(j) == recomputed(j) && kept_days(file) == days && kept_gaps(file) == recomputed_gaps(days);
  }
};

}  // namespace

TEST_SUITE("journal slots") {
  TEST_CASE("add, edit and rm keep each quarter hour's count and pain sum, and each day's count") {
    FileJournal f;
    Journal& j = f.j;
    Entry a = j.add(make(at(2026, 3, 1, 9, 0, 0), 3), later);
    Entry b = j.add(make(at(2026, 3, 1, 9, 14, 59), 5), later);  // the same quarter hour
    Entry c = j.add(make(at(2026, 3, 1, 9, 15, 0), 7), later);   // the next
    CHECK(kept(j) == Slots{{a.at.time_since_epoch().count(), {2, 8}}, {c.at.time_since_epoch().count(), {1, 7}}});

    CHECK(kept_days(f.file) == Days{{at(2026, 3, 1).time_since_epoch().count() / 86400, 3}});

    b.pain = 9;  // an edit of the pain
    j.update(b, later);
    CHECK(f.sums_kept());
    c.at = at(2026, 3, 2, 10);  // an edit that moves it to another day
    j.update(c, later);
    CHECK(f.sums_kept());
    CHECK(kept(j).size() == 2);
    CHECK(kept_days(f.file).size() == 2);
    j.remove(a.id);
    CHECK(f.sums_kept());
    j.remove(b.id);
    j.remove(c.id);
    CHECK(kept(j).empty());  // quarter hours left with no entries are not handed out
    CHECK(kept_days(f.file).empty());
  }

  TEST_CASE("import, and an import that fails, keep them too") {
    FileJournal f;
    Journal& j = f.j;
    std::vector<Entry> es;
    for (int i = 0; i < 50; ++i) es.push_back(make(at(2026, 1, 1, 20) + minutes(7 * i), i % 11));
    j.import_entries(es);
    CHECK(f.sums_kept());
    CHECK(kept(j).size() == 23);  // entries over 343 minutes: 23 quarter hours
    CHECK(kept_days(f.file).size() == 2);  // 20:00 to 01:43 the next day
    CHECK_THROWS_AS(j.import_entries(std::vector<Entry>{make(at(2026, 1, 1), 4), make(at(2026, 1, 2), 11)}),
                    UsageError);
    CHECK(f.sums_kept());
  }

  TEST_CASE("an import into quarter hours that hold entries, one that fails half way, and an add after them") {
    FileJournal f;
    Journal& j = f.j;
    j.add(make(at(2026, 1, 1), 3), later);
    std::vector<Entry> es;
    for (int i = 0; i < 10; ++i) es.push_back(make(at(2026, 1, 1) + minutes(4 * i), i));
    j.import_entries(es);
    CHECK(kept(j) == recomputed(j));
    CHECK(kept(j)[at(2026, 1, 1).time_since_epoch().count()] == std::pair<int, long long>{5, 9});  // 3 + 0+1+2+3
    CHECK(kept_days(f.file) == Days{{at(2026, 1, 1).time_since_epoch().count() / 86400, 11}});
    int n = 0;
    CHECK_THROWS_AS(j.import_entries([&]() -> std::optional<CheckedEntry> {
      if (++n == 3) throw DataError("import", "line 3: broken");
      return CheckedEntry::check(make(at(2026, 2, 1) + minutes(n), 5));
    }),
                    DataError);
    CHECK(f.sums_kept());
    j.add(make(at(2026, 3, 1), 7), later);  // the insert trigger is there again
    CHECK(f.sums_kept());
    CHECK(kept(j)[at(2026, 3, 1).time_since_epoch().count()] == std::pair<int, long long>{1, 7});
  }

  TEST_CASE("a direct SQL write, before 1970 too, and the migration from version 6") {
    test::TempDir dir;
    const auto file = dir.path / "journal.db";
    {
      Journal j = Journal::open(file);
      j.add(make(at(2026, 5, 1, 8), 4), later);
      j.add(make(at(1969, 12, 31, 23, 50), 6), later);  // a negative time: its quarter hour starts at 23:45
    }
    {
      SQLite::Database db(file.string(), SQLite::OPEN_READWRITE);
      db.exec("INSERT INTO entry (uuid, at, utc_offset, pain) VALUES ('direct', 1777622400, 0, 2)");
      db.exec("UPDATE entry SET at = at + 3600, pain = 8 WHERE uuid = 'direct'");
      db.exec("UPDATE entry SET note = 'a note' WHERE pain = 4");  // not time or pain: nothing to move
    }
    {
      Journal j = Journal::open(file, Access::read_only);
      CHECK(kept(j) == recomputed(j));
      CHECK(kept(j).count(at(1969, 12, 31, 23, 45).time_since_epoch().count()) == 1);
      CHECK(kept(j).size() == 3);
      CHECK(kept_days(file) == recomputed_days(j));
      CHECK(kept_days(file).count(-1) == 1);  // Dec 31, 1969 is UTC day -1
      CHECK(kept_days(file).size() == 2);  // the direct entry is on May 1 too
    }
    {
      SQLite::Database db(file.string(), SQLite::OPEN_READWRITE);
      db.exec("DELETE FROM entry WHERE uuid = 'direct'");
      // Back to version 6: no slots, no days, no triggers.
      db.exec("DROP TRIGGER entry_sums_insert; DROP TRIGGER entry_sums_delete; DROP TRIGGER entry_sums_update;"
              "DROP TABLE entry_slot; DROP TABLE entry_day; DROP TABLE entry_gap; PRAGMA user_version = 6");
    }
    {
      Journal j = Journal::open(file);
      CHECK(kept(j) == recomputed(j));
      CHECK(kept_days(file) == recomputed_days(j));
      CHECK(kept(j).size() == 2);
      j.add(make(at(2026, 5, 1, 8, 5), 2), later);  // the migration made the triggers too
      CHECK(kept(j)[at(2026, 5, 1, 8).time_since_epoch().count()] == std::pair<int, long long>{2, 6});
      CHECK(kept_days(file)[at(2026, 5, 1).time_since_epoch().count() / 86400] == 2);
    }
    {
      // Back to version 7: the quarter hours and their triggers, no days.
      SQLite::Database db(file.string(), SQLite::OPEN_READWRITE);
      db.exec(R"sql(
        DROP TRIGGER entry_sums_insert; DROP TRIGGER entry_sums_delete; DROP TRIGGER entry_sums_update;
        DROP TABLE entry_day; DROP TABLE entry_gap;
        CREATE TRIGGER entry_slot_insert AFTER INSERT ON entry BEGIN SELECT 1; END;
        CREATE TRIGGER entry_slot_delete AFTER DELETE ON entry BEGIN SELECT 1; END;
        CREATE TRIGGER entry_slot_update AFTER UPDATE OF at, pain ON entry BEGIN SELECT 1; END;
        PRAGMA user_version = 7)sql");
    }
    Journal j = Journal::open(file);
    CHECK(kept_days(file) == recomputed_days(j));
    CHECK(kept_gaps(file) == recomputed_gaps(recomputed_days(j)));
    CHECK(kept_gaps(file).size() == 2);  // Dec 31, 1969 and May 1, 2026
    j.add(make(at(2026, 5, 3, 8), 2), later);
    CHECK(kept_days(file) == recomputed_days(j));
    CHECK(kept_gaps(file) == recomputed_gaps(recomputed_days(j)));
    CHECK(kept(j) == recomputed(j));
  }

  TEST_CASE("first_time_of_day_run goes back over days at most 9 apart, and entry_gap follows every write") {
    FileJournal f;
    Journal& j = f.j;
    // Days: Jan 1 - 5 daily, Jan 14 (9 days after Jan 5), Jan 24 (10 after Jan 14), Jan 25.
    std::map<int, Entry> added;
    for (int d : {1, 2, 3, 4, 5, 14, 24, 25}) added[d] = j.add(make(at(2026, 1, static_cast<unsigned>(d), 13), 4), later);
    j.add(make(at(2026, 1, 1, 6), 4), later);  // the first entry of Jan 1
    CHECK(f.sums_kept());
    CHECK(kept_gaps(f.file) == std::set<std::int64_t>{day_number(2026, 1, 1), day_number(2026, 1, 24)});
    CHECK(j.first_time_of_day_run(at(2026, 1, 25, 13)) == at(2026, 1, 24, 13));
    CHECK(j.first_time_of_day_run(at(2026, 1, 24, 13)) == at(2026, 1, 24, 13));
    CHECK(j.first_time_of_day_run(at(2026, 1, 14, 13)) == at(2026, 1, 1, 6));
    CHECK(j.first_time_of_day_run(at(2026, 1, 3, 23)) == at(2026, 1, 1, 6));
    CHECK_FALSE(j.first_time_of_day_run(at(2026, 1, 20)));  // no entry that day
    CHECK_FALSE(j.first_time_of_day_run(at(2025, 12, 1)));

    SUBCASE("a day losing its last entry, and gaining one again") {
      j.remove(added[14].id);  // Jan 5 to Jan 24: 19 days
      CHECK(f.sums_kept());
      j.remove(added[1].id);  // Jan 1 keeps its 06:00 entry
      CHECK(f.sums_kept());
      CHECK(j.first_time_of_day_run(at(2026, 1, 5, 13)) == at(2026, 1, 1, 6));
      Entry moved = added[24];
      moved.at = at(2026, 1, 12, 8);  // Jan 24 moves to Jan 12: Jan 25 starts a stretch alone
      j.update(moved, later);
      CHECK(f.sums_kept());
      CHECK(kept_gaps(f.file) == std::set<std::int64_t>{day_number(2026, 1, 1), day_number(2026, 1, 25)});
      CHECK(j.first_time_of_day_run(at(2026, 1, 12, 9)) == at(2026, 1, 1, 6));
      j.add(make(at(2026, 1, 18, 7), 2), later);  // bridges Jan 12 and Jan 25
      CHECK(f.sums_kept());
      CHECK(j.first_time_of_day_run(at(2026, 1, 25, 13)) == at(2026, 1, 1, 6));
    }
    SUBCASE("an import, before 1970 too, and a direct SQL delete") {
      std::vector<Entry> es;
      for (int i = 0; i < 40; ++i) es.push_back(make(at(1969, 12, 1, 12) + days(3 * i), 5));  // every 3 days to Mar 1970
      j.import_entries(es);
      CHECK(f.sums_kept());
      CHECK(j.first_time_of_day_run(at(1970, 3, 25, 12)) == at(1969, 12, 1, 12));
      {
        SQLite::Database db(f.file.string(), SQLite::OPEN_READWRITE);
        db.exec("DELETE FROM entry WHERE at < 0 AND at > -86400 * 10");  // Dec 22, 25, 28 and 31
      }
      CHECK(f.sums_kept());
      CHECK(j.first_time_of_day_run(at(1970, 3, 25, 12)) == at(1970, 1, 3, 12));  // Dec 19 to Jan 3: 15 days
    }
    SUBCASE("an empty journal") {
      Journal empty = Journal::in_memory();
      CHECK_FALSE(empty.first_time_of_day_run(at(2026, 1, 1)));
    }
  }

  TEST_CASE("each_pain_slot starts at the quarter hour holding `from` and stops when told") {
    Journal j = Journal::in_memory();
    for (int i = 0; i < 8; ++i) j.add(make(at(2026, 1, 1, 10) + minutes(15 * i), i), later);
    std::vector<int> seen;
    j.each_pain_slot(at(2026, 1, 1, 10, 20), at(2026, 1, 1, 11, 30), [&seen](const Journal::PainSlot& s) {
      seen.push_back(static_cast<int>(s.pain));
      return seen.size() < 3;
    });
    CHECK(seen == std::vector<int>{1, 2, 3});
    seen.clear();
    j.each_pain_slot(at(2026, 1, 1, 10, 20), at(2026, 1, 1, 11, 1), [&seen](const Journal::PainSlot& s) {
      seen.push_back(static_cast<int>(s.pain));
      return true;
    });
    CHECK(seen == std::vector<int>{1, 2, 3, 4});  // 11:00 starts before 11:01, 11:15 not
  }
}
