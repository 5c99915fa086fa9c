// The change log (docs/history.md): every write logs its change in the same transaction,
// put_record sets a record without logging, undo and redo revert and re-apply, and a v5
// journal opens as v6. Times come from a fake clock; nothing sleeps.
#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>

#include "journal_impl.hpp"
#include "psoas/clock.hpp"
#include "psoas/history.hpp"
#include "psoas/hlc.hpp"
#include "psoas/journal.hpp"
#include "psoas/journal_io.hpp"
#include "temp_dir.hpp"

using namespace psoas;
using namespace std::chrono;
namespace fs = std::filesystem;

namespace {

using test::TempDir;

const Instant start = sys_days{year{2026} / November / 30} + hours{8};

Entry entry(int pain, minutes after = minutes{10}) {
  Entry e;
  e.at = start + after;
  e.utc_offset = hours{1};
  e.pain = pain;
  e.where = {{"groin", Side::left, pain}};
  e.triggers = {"sitting"};
  e.note = "desk day";
  return e;
}

Session session() {
  Session s;
  s.kind = "timer";
  s.routine = "1s";
  s.start = start;
  s.end = start + seconds{1};
  s.phases_done = s.phases_total = 1;
  s.outcome = "completed";
  return s;
}

TriageRecord triage() {
  TriageRecord r;
  r.at = start;
  r.outcome = "self-care";
  r.answers_json = R"({"age":"no"})";
  r.reasons_json = "[]";
  r.routine = "gentle";
  return r;
}

std::vector<int> pains(const Journal& j) {
  std::vector<int> out;
  for (const auto& e : j.all_entries()) out.push_back(e.pain);
  return out;
}

}  // namespace

TEST_SUITE("history") {
  TEST_CASE("every write logs its change with this device, a newer stamp and the record before and after") {
    FakeClock clock(start + hours{1});
    Journal j = Journal::in_memory();
    Entry a = j.add(entry(5), clock.wall_now());
    Entry b = a;
    b.pain = 3;
    j.update(b, clock.wall_now());
    j.remove(a.id, clock.wall_now());
    Session s = j.add_session(session(), clock.wall_now());
    TriageRecord t = j.add_triage(triage(), clock.wall_now());
    auto log = j.changes(0, 100);
    REQUIRE(log.size() == 5);
    const std::string device = j.device_id();
    CHECK(device.size() == 16);
    CHECK(device.find_first_not_of("0123456789abcdef") == std::string::npos);
    for (std::size_t i = 0; i < log.size(); ++i) {
      CAPTURE(i);
      CHECK(log[i].device == device);
      CHECK(log[i].origin == "user");
      CHECK(log[i].seq == static_cast<std::int64_t>(i + 1));
      if (i) CHECK(log[i - 1].stamp < log[i].stamp);
    }
    CHECK(log[0].stamp == "1796029200000-000000");  // 2026-11-30 09:00 UTC, the first of that ms
    CHECK(log[1].stamp == "1796029200000-000001");
    CHECK((log[0].op == "add" && !log[0].before && log[0].after == entry_json(a, true)));
    CHECK((log[1].op == "edit" && log[1].before == entry_json(a, true) && log[1].after == entry_json(b, true)));
    CHECK((log[2].op == "rm" && log[2].before == entry_json(b, true) && !log[2].after));
    CHECK((log[3].kind == "session" && log[3].record == s.uuid && log[3].after == session_json(s)));
    CHECK((log[4].kind == "triage" && log[4].record == t.uuid && log[4].after == triage_json(t)));
    CHECK(j.meta("hlc") == log[4].stamp);
  }

  TEST_CASE("an import's changes share one batch; entries already there log nothing") {
    Journal j = Journal::in_memory();
    Entry a = j.add(entry(4), start + hours{1}), b = entry(6, minutes{20});
    CHECK(j.import_entries(std::vector<Entry>{a, b, entry(2, minutes{30})}, start + hours{2}).added == 2);
    auto log = j.changes(1, 100);
    REQUIRE(log.size() == 2);
    CHECK(!log[0].batch.empty());
    CHECK(log[0].batch == log[1].batch);
    CHECK(j.changes(0, 1).front().batch.empty());
  }

  TEST_CASE("a write that fails logs nothing") {
    Journal j = Journal::in_memory();
    CHECK_THROWS_AS(j.remove(99, start), DataError);
    Entry ghost = entry(3);
    ghost.id = 42;
    CHECK_THROWS_AS(j.update(ghost, start + hours{1}), DataError);
    CHECK(j.changes(0, 10).empty());
  }

  TEST_CASE("the device id is made once and kept in the file") {
    TempDir tmp;
    const fs::path file = tmp.path / "journal.db";
    std::string first;
    {
      Journal j = Journal::open(file);
      first = j.device_id();
      CHECK(j.device_id() == first);
    }
    CHECK(Journal::open(file).device_id() == first);
    CHECK(Journal::open(file, Access::read_only).device_id() == first);
  }

  TEST_CASE("put_record sets a record to a state, or removes it, and logs nothing") {
    Journal j = Journal::in_memory();
    Entry a = j.add(entry(5), start + hours{1});
    Entry changed = a;
    changed.pain = 9;
    changed.helped = {"heat"};
    j.put_record("entry", a.uuid, entry_json(changed, true));
    CHECK(j.find(a.uuid) == changed);
    j.put_record("entry", a.uuid, std::nullopt);
    CHECK(!j.find(a.uuid));
    j.put_record("entry", a.uuid, entry_json(changed, true));
    CHECK(j.find(a.uuid) == changed);  // back with its row id
    Session s = session();
    s.uuid = make_uuid();
    s.id = 7;
    j.put_record("session", s.uuid, session_json(s));
    CHECK(j.sessions(start, start + hours{1}) == std::vector<Session>{s});
    TriageRecord t = triage();
    t.uuid = make_uuid();
    t.id = 3;
    j.put_record("triage", t.uuid, triage_json(t));
    CHECK(j.triage_results(start, start + hours{1}) == std::vector<TriageRecord>{t});
    CHECK(j.changes(0, 10).size() == 1);
    CHECK_THROWS_AS(j.put_record("note", t.uuid, std::nullopt), UsageError);
    CHECK_THROWS_AS(j.put_record("entry", a.uuid, std::string(R"({"pain":12})")), UsageError);
  }

  TEST_CASE("a transaction is all or nothing even when a failed write inside it is caught") {
    Journal j = Journal::in_memory();
    Entry a = entry(5);
    a.uuid = make_uuid();
    bool caught = false;
    CHECK_THROWS_AS(j.transaction([&] {
      j.put_record("entry", a.uuid, entry_json(a, true));
      try {
        j.log_change(Change{.kind = "entry", .record = a.uuid, .op = "bogus"}, start);  // the table's CHECK refuses it
      } catch (const DataError&) {
        caught = true;
      }
    }), DataError);
    CHECK(caught);
    CHECK(j.all_entries().empty());  // the put before the failure went too
    CHECK(j.changes(0, 10).empty());
    j.transaction([&] { j.put_record("entry", a.uuid, entry_json(a, true)); });  // the next one is not spoiled
    CHECK(j.all_entries().size() == 1);
  }

  TEST_CASE("undo reverts the latest change; redo re-applies it") {
    FakeClock clock(start + hours{1});
    Journal j = Journal::in_memory();
    Entry a = j.add(entry(5), clock.wall_now());
    Entry b = j.add(entry(7, minutes{40}), clock.wall_now());

    SUBCASE("an add is removed, and comes back with its id on redo") {
      auto u = j.undo(clock.wall_now());
      REQUIRE(u);
      CHECK(u->reverted.size() == 1);
      CHECK(u->reverted[0].record == b.uuid);
      CHECK((u->written[0].op == "rm" && u->written[0].origin == "undo" && u->written[0].undoes == u->reverted[0].seq));
      CHECK(pains(j) == std::vector<int>{5});
      auto r = j.redo(clock.wall_now());
      REQUIRE(r);
      CHECK(r->written[0].op == "add");
      CHECK(j.find(b.uuid) == b);
    }
    SUBCASE("an edit gets its old values back") {
      Entry edited = a;
      edited.pain = 2;
      edited.note = "better";
      j.update(edited, clock.wall_now());
      REQUIRE(j.undo(clock.wall_now()));
      CHECK(j.find(a.uuid) == a);
      REQUIRE(j.redo(clock.wall_now()));
      CHECK(j.find(a.uuid) == edited);
    }
    SUBCASE("a removed entry comes back with the same uuid and id") {
      j.remove(a.id, clock.wall_now());
      auto u = j.undo(clock.wall_now());
      REQUIRE(u);
      CHECK(u->written[0].op == "add");
      CHECK(j.find(a.uuid) == a);
      CHECK(j.find(std::to_string(a.id)) == a);
    }
    SUBCASE("undo twice takes the two latest, newest first; redo goes forward again") {
      REQUIRE(j.undo(clock.wall_now()));
      REQUIRE(j.undo(clock.wall_now()));
      CHECK(j.all_entries().empty());
      CHECK(!j.undo(clock.wall_now()));
      REQUIRE(j.redo(clock.wall_now()));
      CHECK(pains(j) == std::vector<int>{5});
      REQUIRE(j.redo(clock.wall_now()));
      CHECK(pains(j) == std::vector<int>{5, 7});
      CHECK(!j.redo(clock.wall_now()));
      // what was redone can be undone again
      REQUIRE(j.undo(clock.wall_now()));
      CHECK(pains(j) == std::vector<int>{5});
    }
    SUBCASE("a new change after an undo leaves nothing to redo") {
      REQUIRE(j.undo(clock.wall_now()));
      j.add(entry(1, minutes{50}), clock.wall_now());
      CHECK(!j.redo(clock.wall_now()));
      CHECK(pains(j) == std::vector<int>{5, 1});
    }
  }

  TEST_CASE("undo of an import takes its whole batch back in one step") {
    Journal j = Journal::in_memory();
    j.add(entry(5), start + hours{1});
    j.import_entries(std::vector<Entry>{entry(1, minutes{20}), entry(2, minutes{30}), entry(3, minutes{40})},
                     start + hours{2});
    auto u = j.undo(start + hours{3});
    REQUIRE(u);
    CHECK(u->reverted.size() == 3);
    CHECK(u->written.size() == 3);
    CHECK(!u->written[0].batch.empty());
    CHECK(u->written[0].batch == u->written[2].batch);
    CHECK(pains(j) == std::vector<int>{5});
    REQUIRE(j.redo(start + hours{4}));
    CHECK(pains(j) == std::vector<int>{5, 1, 2, 3});
  }

  TEST_CASE("session and triage adds can be undone") {
    Journal j = Journal::in_memory();
    Session s = j.add_session(session(), start);
    TriageRecord t = j.add_triage(triage(), start);
    REQUIRE(j.undo(start + hours{1}));
    CHECK(j.triage_results(start, start + hours{1}).empty());
    REQUIRE(j.undo(start + hours{1}));
    CHECK(j.sessions(start, start + hours{1}).empty());
    REQUIRE(j.redo(start + hours{1}));
    CHECK(j.sessions(start, start + hours{1}) == std::vector<Session>{s});
  }

  TEST_CASE("nothing to undo or redo on an empty journal") {
    Journal j = Journal::in_memory();
    CHECK(!j.undo(start));
    CHECK(!j.redo(start));
    CHECK(j.changes(0, 10).empty());
  }

  TEST_CASE("undo of an edit that another device changed since reverts only this edit's fields") {
    Journal j = Journal::in_memory();
    Entry a = j.add(entry(5), start + hours{1});
    Entry mine = a;
    mine.pain = 8;
    j.update(mine, start + hours{2});
    // another device then changes the note (as sync would apply it: a change row and the state)
    Entry theirs = mine;
    theirs.note = "written at home";
    Change remote{.device = "0123456789abcdef", .stamp = hlc::format({1796034600000, 0}), .kind = "entry",
                  .record = a.uuid, .op = "edit", .before = entry_json(mine, true), .after = entry_json(theirs, true),
                  .origin = "sync"};
    CHECK(j.insert_change(remote));
    CHECK(!j.insert_change(remote));  // the same change twice is one row
    j.put_record("entry", a.uuid, remote.after);
    auto u = j.undo(start + hours{3});
    REQUIRE(u);
    CHECK(u->others_changed);
    CHECK(u->reverted[0].origin == "user");
    Entry expected = theirs;
    expected.pain = 5;  // this device's edit reverted, the other device's note kept
    CHECK(j.find(a.uuid) == expected);
    CHECK(u->written[0].stamp > remote.stamp);  // newer than anything seen
  }

  TEST_CASE("history lists the newest changes with whether each is undone") {
    Journal j = Journal::in_memory();
    j.add(entry(5), start);
    j.add(entry(6, minutes{20}), start);
    REQUIRE(j.undo(start));
    auto h = j.history(10);
    REQUIRE(h.size() == 3);
    CHECK(h[0].change.origin == "undo");
    CHECK_FALSE(h[0].undone);
    CHECK(h[1].undone);
    CHECK_FALSE(h[2].undone);
    CHECK(h[0].local);
    REQUIRE(j.redo(start));
    h = j.history(10);
    CHECK(h[0].change.origin == "redo");
    CHECK(h[1].undone);      // the undo, re-applied by the redo
    CHECK_FALSE(h[2].undone);  // the add stands again
    CHECK(j.history(1).size() == 1);
  }

  TEST_CASE("changed_fields and with_fields work on top-level keys") {
    CHECK(history::changed_fields(R"({"a":1,"b":[1,2],"c":"x"})", R"({"a":1,"b":[1,3],"d":null})") ==
          std::vector<std::string>{"b", "d", "c"});
    CHECK(history::with_fields(R"({"a":1,"b":2,"c":3})", R"({"b":20,"d":40})", {"b", "d"}) ==
          R"({"a":1,"b":20,"c":3,"d":40})");
  }

  TEST_CASE("a schema-5 journal opens as the current schema with its rows, and logs from then on") {
    TempDir tmp;
    const fs::path file = tmp.path / "v5.db";
    {
      SQLite::Database db(file.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
      for (int v = 1; v <= 5; ++v) db.exec(journal_detail::migration_sql(v));
      db.exec("PRAGMA user_version = 5");
      db.exec("INSERT INTO entry (uuid, at, utc_offset, pain, note) VALUES "
              "('6b3f1c2e-0d4a-4e8b-9f1a-2c3d4e5f6a7b', 1796029200, 3600, 4, 'before v6')");
      db.exec("INSERT INTO session (uuid, kind, routine, start, \"end\", utc_offset) VALUES "
              "('7c4a2d3f-1e5b-4f9c-8a2b-3d4e5f6a7b8c', 'timer', '1s', 1796029200, 1796029201, 3600)");
    }
    Journal j = Journal::open(file);
    CHECK(j.settings().schema == Journal::schema_version);
    REQUIRE(j.all_entries().size() == 1);
    CHECK(j.all_entries()[0].note == "before v6");
    CHECK(j.sessions(start, start + hours{2}).size() == 1);
    CHECK(j.changes(0, 10).empty());
    CHECK(!j.undo(start + hours{2}));  // nothing logged before v6 is undone
    j.remove(j.all_entries()[0].id, start + hours{2});
    REQUIRE(j.undo(start + hours{2}));
    CHECK(j.all_entries().size() == 1);
    SQLite::Database db(file.string(), SQLite::OPEN_READONLY);
    CHECK(db.execAndGet("SELECT count(*) FROM sqlite_master WHERE name IN ('meta', 'change', 'sync_file')").getInt() == 3);
  }
}
