// The journal: schema and migrations, entries, range queries, de-duplication, validation,
// and what happens to files that are not (or not yet) ours.
#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "psoas/error.hpp"
#include "journal_impl.hpp"
#include "psoas/journal.hpp"
#include "temp_dir.hpp"

using namespace psoas;
using namespace std::chrono;
namespace fs = std::filesystem;

namespace {

// "Now" for adding entries: after every entry these tests write.
const Instant later = sys_days{year{2100} / January / 1};

using test::TempDir;

Instant at(int y, unsigned m, unsigned d, int h = 0, int min = 0) {
  return sys_days{year{y} / month{m} / day{d}} + hours{h} + minutes{min};
}

Entry make(Instant t, int pain) {
  Entry e;
  e.at = t;
  e.pain = pain;
  return e;
}

std::string read_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

unsigned mode_of(const fs::path& p) {
  struct stat st {};
  ::stat(p.c_str(), &st);
  return st.st_mode & 0777;
}

// A version-1 journal with two entries, written by raw SQL as psoas 0.1 wrote it.
void make_v1(const fs::path& file) {
  SQLite::Database db(file.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  db.exec(R"sql(
        CREATE TABLE entry (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, at INTEGER NOT NULL,
          utc_offset INTEGER NOT NULL, pain INTEGER NOT NULL CHECK (pain BETWEEN 0 AND 10),
          enjoyment INTEGER CHECK (enjoyment BETWEEN 0 AND 10), activity INTEGER CHECK (activity BETWEEN 0 AND 10),
          locations TEXT NOT NULL DEFAULT '[]', triggers TEXT NOT NULL DEFAULT '[]',
          helped TEXT NOT NULL DEFAULT '[]', note TEXT NOT NULL DEFAULT '');
        CREATE INDEX entry_at ON entry (at);
        CREATE TABLE session (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, kind TEXT NOT NULL,
          routine TEXT NOT NULL DEFAULT '', start INTEGER NOT NULL, "end" INTEGER NOT NULL,
          utc_offset INTEGER NOT NULL, phases_done INTEGER NOT NULL DEFAULT 0,
          phases_total INTEGER NOT NULL DEFAULT 0, outcome TEXT NOT NULL DEFAULT '');
        CREATE INDEX session_start ON session (start);
        CREATE TABLE triage (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, at INTEGER NOT NULL,
          utc_offset INTEGER NOT NULL, outcome TEXT NOT NULL, answers TEXT NOT NULL DEFAULT '{}',
          reasons TEXT NOT NULL DEFAULT '[]', routine TEXT NOT NULL DEFAULT '');
        CREATE INDEX triage_at ON triage (at);
        INSERT INTO entry (uuid, at, utc_offset, pain, locations, triggers, helped, note) VALUES
          ('11111111-1111-4111-8111-111111111111', 1795204800, 3600, 6,
           '[{"area":"groin","side":"left"},{"area":"lower-back","side":""}]', '["sitting"]', '["heat"]', 'v1'),
          ('22222222-2222-4222-8222-222222222222', 1795291200, 0, 2, '[]', '[]', '[]', '');
        PRAGMA user_version = 1;
  )sql");
}

}  // namespace

TEST_SUITE("journal") {
  TEST_CASE("an entry round-trips with every field") {
    Journal j = Journal::in_memory();
    Entry e = make(at(2026, 11, 20, 21), 6);
    e.utc_offset = hours{1};
    e.enjoyment = 5;
    e.activity = 7;
    e.where = {{"groin", Side::left, 6}, {"lower-back", Side::none, std::nullopt}};
    e.triggers = {"sitting", "long drive; then stairs"};
    e.helped = {"heat"};
    e.note = "line one\nline \"two\" \\ ok";
    Entry added = j.add(e, later);
    CHECK(added.id > 0);
    CHECK(is_uuid(added.uuid));
    auto all = j.all_entries();
    REQUIRE(all.size() == 1);
    CHECK(all.front() == added);
    CHECK(j.find(std::to_string(added.id)) == added);
    CHECK(j.find(added.uuid.substr(0, 6)) == added);
    CHECK_FALSE(j.find("999"));
    CHECK(j.entry_count() == 1);
    CHECK(peg_score(added) == doctest::Approx(6.0));
  }

  TEST_CASE("range queries are half-open, oldest first, and the limit keeps the newest") {
    Journal j = Journal::in_memory();
    for (int d = 1; d <= 10; ++d) j.add(make(at(2026, 11, static_cast<unsigned>(d), 12), d % 11), later);
    auto week = j.entries(at(2026, 11, 3), at(2026, 11, 10));
    REQUIRE(week.size() == 7);
    CHECK(week.front().at == at(2026, 11, 3, 12));
    CHECK(week.back().at == at(2026, 11, 9, 12));
    auto last3 = j.entries(at(2026, 11, 1), at(2026, 12, 1), 3);
    REQUIRE(last3.size() == 3);
    CHECK(last3[0].at == at(2026, 11, 8, 12));
    CHECK(last3[2].at == at(2026, 11, 10, 12));
    CHECK(j.entries(at(2026, 11, 3, 12), at(2026, 11, 3, 12)).empty());
    CHECK(j.last_before(at(2026, 11, 3, 12))->at == at(2026, 11, 2, 12));
    CHECK(j.first_at_or_after(at(2026, 11, 3, 12))->at == at(2026, 11, 3, 12));
    CHECK_FALSE(j.last_before(at(2026, 11, 1)));
    CHECK_FALSE(j.first_at_or_after(at(2026, 12, 1)));
    CHECK(j.first_time_at_or_after(at(2026, 11, 3, 12)) == at(2026, 11, 3, 12));
    CHECK(j.first_time_at_or_after(at(2026, 11, 3, 12)) == at(2026, 11, 3, 12));  // reused
    CHECK_FALSE(j.first_time_at_or_after(at(2026, 12, 1)));
  }

  TEST_CASE("pain points one at a time until the reader stops") {
    Journal j = Journal::in_memory();
    for (int d = 1; d <= 10; ++d) j.add(make(at(2026, 11, static_cast<unsigned>(d), 12), d % 11), later);
    std::vector<Instant> seen;
    j.each_pain_point(at(2026, 11, 3), at(2026, 11, 9), [&](Entry&& e) {
      seen.push_back(e.at);
      CHECK(e.pain == static_cast<int>(seen.size()) + 2);
      return seen.size() < 4;
    });
    CHECK(seen == std::vector<Instant>{at(2026, 11, 3, 12), at(2026, 11, 4, 12), at(2026, 11, 5, 12), at(2026, 11, 6, 12)});
    seen.clear();
    j.each_pain_point(at(2026, 11, 8), at(2026, 12, 1), [&](Entry&& e) {
      seen.push_back(e.at);
      return true;
    });
    CHECK(seen == std::vector<Instant>{at(2026, 11, 8, 12), at(2026, 11, 9, 12), at(2026, 11, 10, 12)});
  }

  TEST_CASE("update and remove") {
    Journal j = Journal::in_memory();
    Entry e = j.add(make(at(2026, 1, 1), 3), later);
    e.pain = 4;
    e.where = {{"thigh", Side::right, std::nullopt}};
    j.update(e, later);
    CHECK(j.find(e.uuid) == e);
    e.where.clear();
    j.update(e, later);
    CHECK(j.find(e.uuid)->where.empty());
    j.remove(e.id);
    CHECK(j.entry_count() == 0);
    CHECK_THROWS_AS(j.remove(e.id), DataError);
    CHECK_THROWS_AS(j.update(e, later), DataError);
  }

  TEST_CASE("import skips uuids already present, and is all or nothing") {
    Journal j = Journal::in_memory();
    Entry a = j.add(make(at(2026, 1, 1), 3), later);
    Entry b = make(at(2026, 1, 2), 4);
    b.uuid = make_uuid();
    auto r = j.import_entries(std::vector<Entry>{a, b, b});
    CHECK(r.added == 1);
    CHECK(r.skipped == 2);
    CHECK(j.entry_count() == 2);
    r = j.import_entries(std::vector<Entry>{a, b});
    CHECK(r.added == 0);
    CHECK(r.skipped == 2);

    SUBCASE("a bad entry rejects the whole import") {
      Entry c = make(at(2026, 1, 3), 5);
      Entry bad = make(at(2026, 1, 4), 11);
      CHECK_THROWS_AS(j.import_entries(std::vector<Entry>{c, bad}), UsageError);
      CHECK(j.entry_count() == 2);
    }
    SUBCASE("a failure while streaming rolls back") {
      int n = 0;
      CHECK_THROWS_AS(j.import_entries([&]() -> std::optional<CheckedEntry> {
        if (++n > 3) throw DataError("import", "f:4: broken");
        return CheckedEntry::check(make(at(2026, 2, 1), n));
      }),
                      DataError);
      CHECK(j.entry_count() == 2);
    }
  }

  TEST_CASE("entries imported without a uuid are added once however often they are imported") {
    Journal j = Journal::in_memory();
    Entry a = make(at(2026, 3, 1, 8), 5);
    a.note = "after the drive";
    a.triggers = {"sitting"};
    Entry b = a;
    b.pain = 6;  // another entry at the same moment
    CHECK(j.import_entries(std::vector<Entry>{a, b}).added == 2);
    auto again = j.import_entries(std::vector<Entry>{a, b});
    CHECK(again.added == 0);
    CHECK(again.skipped == 2);
    CHECK(j.entry_count() == 2);
    CHECK(content_uuid(a) == content_uuid(a));
    CHECK(content_uuid(a) != content_uuid(b));
    CHECK(is_uuid(content_uuid(a)));
    CHECK(content_uuid(a)[14] == '8');  // version 8
    Entry c = a;
    c.triggers = {"sitting", "stress"};
    CHECK(content_uuid(a) != content_uuid(c));
    Entry d = a;
    d.note = "";
    d.helped = {"after the drive"};  // the same text in another field is another entry
    CHECK(content_uuid(a) != content_uuid(d));
  }

  TEST_CASE("validation happens before any write") {
    Journal j = Journal::in_memory();
    const Instant now = at(2026, 11, 20, 12);
    SUBCASE("pain and PEG are 0-10") {
      CHECK_THROWS_WITH_AS(j.add(make(now, 11), later), "pain must be from 0 to 10, not 11", UsageError);
      CHECK_THROWS_AS(j.add(make(now, -1), later), UsageError);
      Entry e = make(now, 3);
      e.enjoyment = 12;
      CHECK_THROWS_AS(j.add(e, later), UsageError);
      e.enjoyment = 2;
      e.where = {{"groin", Side::left, 11}};
      CHECK_THROWS_AS(j.add(e, later), UsageError);
    }
    SUBCASE("uuid form") {
      Entry e = make(now, 3);
      e.uuid = "not-a-uuid";
      CHECK_THROWS_AS(j.add(e, later), UsageError);
      e.uuid = "6F9619FF-8B86-D011-B42D-00C04FC964FF";
      CHECK_THROWS_AS(j.add(e, later), UsageError);
    }
    SUBCASE("not more than a day in the future, given now") {
      CHECK_NOTHROW(validate_entry(make(now + hours{24}, 3), now));
      CHECK_THROWS_WITH_AS(validate_entry(make(now + hours{24} + seconds{1}, 3), now),
                           "the time is more than a day in the future", UsageError);
      CHECK_THROWS_WITH_AS(j.add(make(now + hours{25}, 3), now), "the time is more than a day in the future", UsageError);
      Entry e = j.add(make(now + hours{24}, 3), now);
      e.at = now + hours{30};
      CHECK_THROWS_WITH_AS(j.update(e, now), "the time is more than a day in the future", UsageError);
      CHECK(j.all_entries().front().at == now + hours{24});
      j.remove(e.id);
    }
    SUBCASE("areas, triggers and text") {
      Entry e = make(now, 3);
      e.where = {{"left groin", Side::none, std::nullopt}};
      CHECK_THROWS_AS(j.add(e, later), UsageError);
      e.where = {};
      e.triggers = {""};
      CHECK_THROWS_AS(j.add(e, later), UsageError);
      e.triggers = {"bad\x01"};
      CHECK_THROWS_AS(j.add(e, later), UsageError);
      e.triggers = {};
      e.note = "\xff\xfe";
      CHECK_THROWS_AS(j.add(e, later), UsageError);
    }
    CHECK(j.entry_count() == 0);
  }

  TEST_CASE("sessions and triage results by range") {
    Journal j = Journal::in_memory();
    Session s;
    s.kind = "routine";
    s.routine = "morning";
    s.start = at(2026, 11, 20, 8);
    s.end = s.start + minutes{12};
    s.phases_done = 10;
    s.phases_total = 10;
    s.outcome = "completed";
    Session added = j.add_session(s);
    CHECK(added.id > 0);
    CHECK(j.sessions(at(2026, 11, 20), at(2026, 11, 21)) == std::vector<Session>{added});
    CHECK(j.sessions(at(2026, 11, 21), at(2026, 11, 22)).empty());
    s.end = s.start - seconds{1};
    CHECK_THROWS_AS(j.add_session(s), UsageError);

    TriageRecord r;
    r.at = at(2026, 11, 20, 9);
    r.outcome = "self-care";
    r.answers_json = R"({"fever":"no"})";
    r.reasons_json = "[]";
    TriageRecord tr = j.add_triage(r);
    CHECK(j.triage_results(at(2026, 11, 20), at(2026, 11, 21)) == std::vector<TriageRecord>{tr});
  }

  TEST_CASE("rated sessions: each routine or timer session with its latest before and after rating") {
    Journal j = Journal::in_memory();
    auto session = [&](const char* kind, Instant start) {
      Session s;
      s.kind = kind;
      s.routine = "acute";
      s.start = start;
      s.end = start + minutes{10};
      s.outcome = "completed";
      return j.add_session(s);
    };
    auto rate = [&](const Session& s, SessionRole role, int pain, Instant t) {
      Entry e = make(t, pain);
      e.session = s.uuid;
      e.session_role = role;
      return j.add(e, t);
    };
    const Session one = session("routine", at(2026, 11, 20, 8));
    const Session two = session("timer", at(2026, 11, 21, 23, 55));  // runs past midnight
    const Session desk = session("break", at(2026, 11, 21, 10));
    const Session unrated = session("routine", at(2026, 11, 22, 8));
    rate(one, SessionRole::before, 6, at(2026, 11, 20, 8));
    rate(one, SessionRole::after, 5, at(2026, 11, 20, 8, 9));
    rate(one, SessionRole::after, 3, at(2026, 11, 20, 8, 11));  // asked again: the latest counts
    Entry only_after = rate(two, SessionRole::after, 2, at(2026, 11, 22, 0, 5));
    rate(desk, SessionRole::before, 9, at(2026, 11, 21, 10));
    j.add(make(at(2026, 11, 20, 12), 8), at(2026, 11, 20, 12));  // an ordinary entry rates nothing

    auto rated = j.rated_sessions(at(2026, 11, 20), at(2026, 11, 23));
    REQUIRE(rated.size() == 3);  // desk breaks are not rated sessions
    CHECK(rated[0] == RatedSession{one, 6, 3});
    CHECK(rated[1] == RatedSession{two, std::nullopt, 2});
    CHECK(rated[2] == RatedSession{unrated, std::nullopt, std::nullopt});
    CHECK(j.rated_sessions(at(2026, 11, 21), at(2026, 11, 22)).size() == 1);

    // Removing a rating keeps its session.
    j.remove(only_after.id);
    rated = j.rated_sessions(at(2026, 11, 21), at(2026, 11, 22));
    REQUIRE(rated.size() == 1);
    CHECK(rated[0] == RatedSession{two, std::nullopt, std::nullopt});
    CHECK(j.find(std::to_string(only_after.id)) == std::nullopt);
  }

  TEST_CASE("a new journal file is 0600 in a 0700 directory, WAL, current schema") {
    TempDir tmp;
    fs::path file = tmp.path / "data" / "psoas" / "journal.db";
    {
      Journal j = Journal::open(file);
      j.add(make(at(2026, 1, 1), 2), later);
      CHECK(mode_of(file) == 0600);
      CHECK(mode_of(file.parent_path()) == 0700);
      CHECK(mode_of(fs::path(file.string() + "-wal")) == 0600);
      CHECK(mode_of(fs::path(file.string() + "-shm")) == 0600);
      const Journal::Settings s = j.settings();
      CHECK(s.journal_mode == "wal");
      CHECK(s.synchronous == 2);
      CHECK(s.busy_timeout_ms >= 5000);
      CHECK(s.foreign_keys);
      CHECK(s.schema == Journal::schema_version);
      CHECK(j.notice().empty());
    }
    Journal again = Journal::open(file);
    CHECK(again.entry_count() == 1);
  }

  TEST_CASE("-wal and -shm stay beside a closed journal, 0600, the -wal empty (checkpointed)") {
    TempDir tmp;
    fs::path file = tmp.path / "journal.db";
    const fs::path wal = file.string() + "-wal";
    const fs::path shm = file.string() + "-shm";
    { Journal::open(file).add(make(at(2026, 1, 1), 2), later); }
    REQUIRE(fs::exists(wal));
    REQUIRE(fs::exists(shm));
    CHECK(fs::file_size(wal) == 0);
    CHECK(mode_of(wal) == 0600);
    CHECK(mode_of(shm) == 0600);
    CHECK(Journal::open(file, Access::read_only).entry_count() == 1);
    { Journal::open(file).add(make(at(2026, 1, 2), 3), later); }
    CHECK(fs::file_size(wal) == 0);
    // What the file itself holds, without the -wal: both entries were checkpointed into it.
    fs::copy_file(file, tmp.path / "copy.db");
    CHECK(Journal::open(tmp.path / "copy.db", Access::read_only).entry_count() == 2);
  }

  TEST_CASE("a version-1 journal migrates to the current schema") {
    TempDir tmp;
    fs::path file = tmp.path / "old.db";
    make_v1(file);
    Journal j = Journal::open(file);
    CHECK(j.settings().schema == Journal::schema_version);
    CHECK(j.notice().empty());
    auto all = j.all_entries();
    REQUIRE(all.size() == 2);
    CHECK(all[0].uuid == "11111111-1111-4111-8111-111111111111");
    CHECK(all[0].at == Instant{seconds{1795204800}});
    CHECK(all[0].utc_offset == hours{1});
    CHECK(all[0].where == std::vector<Location>{{"groin", Side::left, std::nullopt}, {"lower-back", Side::none, std::nullopt}});
    CHECK(all[0].triggers == std::vector<std::string>{"sitting"});
    CHECK(all[0].note == "v1");
    CHECK(all[1].where.empty());
    Entry e = all[1];
    e.where = {{"thigh", Side::both, 4}};
    j.update(e, later);
    CHECK(j.find(e.uuid)->where == e.where);
  }

  TEST_CASE("a version-1 journal opened read-only is migrated in memory, not on disk") {
    TempDir tmp;
    fs::path file = tmp.path / "old.db";
    make_v1(file);
    std::string before = read_bytes(file);
    Journal ro = Journal::open(file, Access::read_only);
    CHECK(ro.read_only());
    CHECK(ro.entry_count() == 2);
    CHECK(ro.all_entries()[0].where.size() == 2);
    CHECK(read_bytes(file) == before);
    CHECK_THROWS_AS(ro.add(make(at(2026, 1, 2), 2), later), DataError);
  }

  TEST_CASE("a failed SQLite call is told with the journal's name, and a full disk in plain words") {
    TempDir tmp;
    fs::path file = tmp.path / "journal.db";
    using journal_detail::sqlite_error;
    auto failure = [&](const SQLite::Exception& e) { return sqlite_error(file, e, 0, "write"); };
    Journal j = Journal::open(file);
    DataError full = failure(SQLite::Exception("database or disk is full", SQLITE_FULL));
    CHECK(std::string(full.what()) == "cannot write " + file.string() + ": the disk is full; nothing was changed");
    CHECK(full.hint() == "free some space and try again");
    DataError other = failure(SQLite::Exception("constraint failed", SQLITE_CONSTRAINT));
    CHECK(std::string(other.what()) == "cannot write " + file.string() + ": constraint failed");
    DataError damaged = failure(SQLite::Exception("database disk image is malformed", SQLITE_CORRUPT));
    CHECK(std::string(damaged.what()).find(file.string() + " is damaged") == 0);
  }

  TEST_CASE("a SQLite failure inside the journal comes out as a DataError naming the file") {
    TempDir tmp;
    fs::path file = tmp.path / "journal.db";
    Journal j = Journal::open(file);
    Entry e = make(at(2026, 1, 1), 2);
    e.triggers = {"sitting"};
    j.add(e, later);
    SQLite::Database(file.string(), SQLite::OPEN_READWRITE).exec("DROP TABLE entry_trigger");
    e.at = at(2026, 1, 2);
    CHECK_THROWS_WITH_AS(j.add(e, later), ("cannot write " + file.string() + ": no such table: entry_trigger").c_str(),
                         DataError);
    CHECK_THROWS_AS(j.all_entries(), DataError);
    CHECK(j.entry_count() == 1);  // the failed add was rolled back
  }

  TEST_CASE("a missing journal opened read-only is empty and not created") {
    TempDir tmp;
    Journal j = Journal::open(tmp.path / "none" / "journal.db", Access::read_only);
    CHECK(j.entry_count() == 0);
    CHECK_FALSE(fs::exists(tmp.path / "none"));
  }

  TEST_CASE("a journal from a newer psoas opens read-only with a notice") {
    TempDir tmp;
    fs::path file = tmp.path / "new.db";
    {
      Journal j = Journal::open(file);
      j.add(make(at(2026, 1, 1), 2), later);
    }
    SQLite::Database(file.string(), SQLite::OPEN_READWRITE).exec("PRAGMA user_version = 99");
    Journal j = Journal::open(file);
    CHECK(j.read_only());
    CHECK(j.notice() == "journal " + file.string() + " was written by a newer psoas (schema 99); opened read-only");
    CHECK(j.entry_count() == 1);
    CHECK_THROWS_AS(j.add(make(at(2026, 1, 2), 2), later), DataError);
    CHECK(j.settings().schema == 99);
  }

  TEST_CASE("a file that is not a database is refused and left byte for byte") {
    TempDir tmp;
    fs::path file = tmp.path / "notes.txt";
    std::string text(5000, 'x');
    std::ofstream(file, std::ios::binary) << text;
    CHECK_THROWS_WITH_AS(Journal::open(file),
                         (file.string() + " is not a psoas journal (file is not a database)").c_str(),
                         DataError);
    CHECK(read_bytes(file) == text);
    CHECK_FALSE(fs::exists(file.string() + "-wal"));
    std::ofstream(tmp.path / "short", std::ios::binary) << "abc";
    CHECK_THROWS_AS(Journal::open(tmp.path / "short"), DataError);
    CHECK(read_bytes(tmp.path / "short") == "abc");
  }

  TEST_CASE("a SQLite database that is not a journal is refused and untouched") {
    TempDir tmp;
    fs::path file = tmp.path / "other.db";
    {
      SQLite::Database db(file.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
      db.exec("CREATE TABLE songs (title TEXT); INSERT INTO songs VALUES ('x')");
    }
    std::string before = read_bytes(file);
    CHECK_THROWS_WITH_AS(Journal::open(file), (file.string() + " is not a psoas journal (it holds other tables)").c_str(),
                         DataError);
    CHECK(read_bytes(file) == before);
    CHECK_FALSE(fs::exists(file.string() + "-wal"));
  }

  TEST_CASE("an unwritable location is a DataError") {
    TempDir tmp;
    std::ofstream(tmp.path / "file") << "x";
    CHECK_THROWS_AS(Journal::open(tmp.path / "file" / "journal.db"), DataError);
    CHECK_THROWS_AS(Journal::open(tmp.path), DataError);  // a directory
  }

  TEST_CASE("uuids and sides") {
    std::string u = make_uuid();
    CHECK(is_uuid(u));
    CHECK(u[14] == '4');
    CHECK(make_uuid() != u);
    CHECK_FALSE(is_uuid("1234"));
    CHECK(side_from_string(to_string(Side::both)) == Side::both);
    CHECK(side_from_string("") == Side::none);
    CHECK_FALSE(side_from_string("up"));
  }
}
