// The journal's pain per quarter hour (schema 7's entry_slot): its triggers keep it equal to
// the entries through add, edit, rm, import, a direct SQL write and the migration.
#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>

#include <map>
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

}  // namespace

TEST_SUITE("journal slots") {
  TEST_CASE("add, edit and rm keep each quarter hour's count and pain sum") {
    Journal j = Journal::in_memory();
    Entry a = j.add(make(at(2026, 3, 1, 9, 0, 0), 3), later);
    Entry b = j.add(make(at(2026, 3, 1, 9, 14, 59), 5), later);  // the same quarter hour
    Entry c = j.add(make(at(2026, 3, 1, 9, 15, 0), 7), later);   // the next
    CHECK(kept(j) == Slots{{a.at.time_since_epoch().count(), {2, 8}}, {c.at.time_since_epoch().count(), {1, 7}}});

    b.pain = 9;  // an edit of the pain
    j.update(b, later);
    CHECK(kept(j) == recomputed(j));
    c.at = at(2026, 3, 2, 10);  // an edit that moves it to another day
    j.update(c, later);
    CHECK(kept(j) == recomputed(j));
    CHECK(kept(j).size() == 2);
    j.remove(a.id);
    CHECK(kept(j) == recomputed(j));
    j.remove(b.id);
    j.remove(c.id);
    CHECK(kept(j).empty());  // quarter hours left with no entries are not handed out
  }

  TEST_CASE("import, and an import that fails, keep them too") {
    Journal j = Journal::in_memory();
    std::vector<Entry> es;
    for (int i = 0; i < 50; ++i) es.push_back(make(at(2026, 1, 1) + minutes(7 * i), i % 11));
    j.import_entries(es);
    CHECK(kept(j) == recomputed(j));
    CHECK(kept(j).size() == 23);  // entries over 343 minutes: 23 quarter hours
    CHECK_THROWS_AS(j.import_entries(std::vector<Entry>{make(at(2026, 1, 1), 4), make(at(2026, 1, 2), 11)}),
                    UsageError);
    CHECK(kept(j) == recomputed(j));
  }

  TEST_CASE("an import into quarter hours that hold entries, one that fails half way, and an add after them") {
    Journal j = Journal::in_memory();
    j.add(make(at(2026, 1, 1), 3), later);
    std::vector<Entry> es;
    for (int i = 0; i < 10; ++i) es.push_back(make(at(2026, 1, 1) + minutes(4 * i), i));
    j.import_entries(es);
    CHECK(kept(j) == recomputed(j));
    CHECK(kept(j)[at(2026, 1, 1).time_since_epoch().count()] == std::pair<int, long long>{5, 9});  // 3 + 0+1+2+3
    int n = 0;
    CHECK_THROWS_AS(j.import_entries([&]() -> std::optional<CheckedEntry> {
      if (++n == 3) throw DataError("import", "line 3: broken");
      return CheckedEntry::check(make(at(2026, 2, 1) + minutes(n), 5));
    }),
                    DataError);
    CHECK(kept(j) == recomputed(j));
    j.add(make(at(2026, 3, 1), 7), later);  // the insert trigger is there again
    CHECK(kept(j) == recomputed(j));
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
    }
    {
      SQLite::Database db(file.string(), SQLite::OPEN_READWRITE);
      db.exec("DELETE FROM entry WHERE uuid = 'direct'");
      // Back to version 6: no slots, no triggers.
      db.exec("DROP TRIGGER entry_slot_insert; DROP TRIGGER entry_slot_delete; DROP TRIGGER entry_slot_update;"
              "DROP TABLE entry_slot; PRAGMA user_version = 6");
    }
    Journal j = Journal::open(file);
    CHECK(kept(j) == recomputed(j));
    CHECK(kept(j).size() == 2);
    j.add(make(at(2026, 5, 1, 8, 5), 2), later);  // the migration made the triggers too
    CHECK(kept(j)[at(2026, 5, 1, 8).time_since_epoch().count()] == std::pair<int, long long>{2, 6});
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
