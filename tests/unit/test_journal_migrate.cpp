// Schema 3: a schema-2 journal written by psoas itself (tests/fixtures/journal/v2.sql, made
// by make_v2.sh beside it) migrates with every row intact; foreign keys hold afterwards.
#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>

#include "psoas/journal.hpp"
#include "temp_dir.hpp"

using namespace psoas;
using namespace std::chrono;
namespace fs = std::filesystem;

namespace {

using test::TempDir;

const Instant later = sys_days{year{2100} / January / 1};

// Writes the fixture into a journal file at `file`.
void load_v2(const fs::path& file) {
  std::ifstream in(fs::path(PSOAS_SOURCE_DIR) / "tests/fixtures/journal/v2.sql");
  REQUIRE(in);
  const std::string sql{std::istreambuf_iterator<char>(in), {}};
  SQLite::Database db(file.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  db.exec(sql);
}

// What a schema-2 file holds, read with SQLite alone (its own JSON functions for the lists).
struct Raw {
  std::vector<Entry> entries;  // by at, id
  std::vector<Session> sessions;
  std::vector<TriageRecord> triage;
};

std::optional<int> opt(const SQLite::Column& c) { return c.isNull() ? std::nullopt : std::optional<int>(c.getInt()); }

std::map<std::int64_t, std::vector<std::string>> raw_list(SQLite::Database& db, const char* column) {
  std::map<std::int64_t, std::vector<std::string>> out;
  SQLite::Statement q(db, fmt::format("SELECT e.id, j.value FROM entry AS e, json_each(e.{}) AS j ORDER BY e.id, j.key", column));
  while (q.executeStep()) out[q.getColumn(0).getInt64()].push_back(q.getColumn(1).getString());
  return out;
}

std::vector<Entry> raw_entries(SQLite::Database& db) {
  auto triggers = raw_list(db, "triggers");
  auto helped = raw_list(db, "helped");
  std::vector<Entry> out;
  SQLite::Statement q(db, "SELECT id, uuid, at, utc_offset, pain, enjoyment, activity, note FROM entry ORDER BY at, id");
  SQLite::Statement l(db, "SELECT area, side, pain FROM location WHERE entry_id = ? ORDER BY pos");
  while (q.executeStep()) {
    Entry e;
    e.id = q.getColumn(0).getInt64();
    e.uuid = q.getColumn(1).getString();
    e.at = Instant{seconds{q.getColumn(2).getInt64()}};
    e.utc_offset = seconds{q.getColumn(3).getInt64()};
    e.pain = q.getColumn(4).getInt();
    e.enjoyment = opt(q.getColumn(5));
    e.activity = opt(q.getColumn(6));
    e.note = q.getColumn(7).getString();
    e.triggers = triggers[e.id];
    e.helped = helped[e.id];
    l.bind(1, e.id);
    while (l.executeStep()) {
      e.where.push_back({l.getColumn(0).getString(), side_from_string(l.getColumn(1).getString()).value(), opt(l.getColumn(2))});
    }
    l.reset();
    out.push_back(std::move(e));
  }
  return out;
}

Raw read_raw(const fs::path& file) {
  SQLite::Database db(file.string(), SQLite::OPEN_READONLY);
  Raw r;
  r.entries = raw_entries(db);
  SQLite::Statement s(db, "SELECT id, uuid, kind, routine, start, \"end\", utc_offset, phases_done, phases_total, outcome "
                          "FROM session ORDER BY start, id");
  while (s.executeStep()) {
    r.sessions.push_back({s.getColumn(0).getInt64(), s.getColumn(1).getString(), s.getColumn(2).getString(),
                          s.getColumn(3).getString(), Instant{seconds{s.getColumn(4).getInt64()}},
                          Instant{seconds{s.getColumn(5).getInt64()}}, seconds{s.getColumn(6).getInt64()},
                          s.getColumn(7).getInt(), s.getColumn(8).getInt(), s.getColumn(9).getString()});
  }
  SQLite::Statement t(db, "SELECT id, uuid, at, utc_offset, outcome, answers, reasons, routine FROM triage ORDER BY at, id");
  while (t.executeStep()) {
    r.triage.push_back({t.getColumn(0).getInt64(), t.getColumn(1).getString(), Instant{seconds{t.getColumn(2).getInt64()}},
                        seconds{t.getColumn(3).getInt64()}, t.getColumn(4).getString(), t.getColumn(5).getString(),
                        t.getColumn(6).getString(), t.getColumn(7).getString()});
  }
  return r;
}

const Instant dawn = sys_days{year{1900} / January / 1};

// The fixture as the journal reads it.
Raw read_journal(const Journal& j) { return {j.all_entries(), j.sessions(dawn, later), j.triage_results(dawn, later)}; }

Instant utc(int d, int h, int min) { return sys_days{year{2026} / November / d} + hours{h} + minutes{min}; }

}  // namespace

TEST_SUITE("journal") {
  TEST_CASE("the schema-2 fixture holds what make_v2.sh wrote") {
    TempDir tmp;
    load_v2(tmp.path / "v2.db");
    Raw raw = read_raw(tmp.path / "v2.db");
    REQUIRE(raw.entries.size() == 5);  // six logged, one removed
    const Entry& first = raw.entries[0];
    CHECK(first.at == utc(1, 8, 0));
    CHECK(first.utc_offset == hours{1});
    CHECK(first.where == std::vector<Location>{{"groin", Side::left, 6}, {"lower-back", Side::none, std::nullopt}});
    CHECK(first.triggers == std::vector<std::string>{"sitting", "long drive; then stairs"});
    CHECK(first.helped == std::vector<std::string>{"heat", "stretch"});
    CHECK(first.note == "line one\nline \"two\" \u2713");
    CHECK(raw.entries[3].where == std::vector<Location>{{"leg", Side::both, 8}, {"buttock", Side::right, std::nullopt}});
    CHECK(raw.entries[4].helped == std::vector<std::string>{"walk", "breathing"});
    CHECK(raw.entries[4].id == 6);
    CHECK(raw.sessions.size() == 2);
    CHECK(raw.triage.size() == 2);
  }

  TEST_CASE("a schema-2 journal migrates to the current schema with every row intact") {
    TempDir tmp;
    const fs::path file = tmp.path / "v2.db";
    load_v2(file);
    const Raw before = read_raw(file);
    Journal j = Journal::open(file);
    CHECK(j.settings().schema == Journal::schema_version);
    CHECK(Journal::schema_version == 8);
    CHECK(j.changes(0, 10).empty());  // version 6: rows written before it have no change
    const Raw after = read_journal(j);
    CHECK(after.entries == before.entries);
    CHECK(after.sessions == before.sessions);
    CHECK(after.triage == before.triage);
    SQLite::Database db(file.string(), SQLite::OPEN_READONLY);
    CHECK(db.execAndGet("SELECT count(*) FROM pragma_table_info('entry') WHERE name IN ('triggers', 'helped')").getInt() == 0);
    CHECK(db.execAndGet("SELECT count(*) FROM entry_trigger").getInt() == 7);
    CHECK(db.execAndGet("SELECT count(*) FROM entry_helped").getInt() == 6);
    CHECK(db.execAndGet("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN "
                        "('entry_trigger_name', 'entry_helped_name', 'entry_session', 'session_counted')").getInt() == 4);
    // Version 5: counting routine and timer sessions reads only their index.
    SQLite::Statement plan(db, "EXPLAIN QUERY PLAN SELECT count(*) FROM session WHERE start >= 0 AND start < 9 "
                               "AND kind != 'break'");
    REQUIRE(plan.executeStep());
    CHECK(plan.getColumn(3).getString().find("session_counted") != std::string::npos);
    // Version 4: no entry of a v2 journal rates a session.
    CHECK(db.execAndGet("SELECT count(*) FROM entry WHERE session IS NOT NULL OR session_role IS NOT NULL").getInt() == 0);
  }

  TEST_CASE("a schema-2 journal opened read-only reads the same and stays schema 2 on disk") {
    TempDir tmp;
    const fs::path file = tmp.path / "v2.db";
    load_v2(file);
    const Raw before = read_raw(file);
    Journal ro = Journal::open(file, Access::read_only);
    const Raw after = read_journal(ro);
    CHECK(after.entries == before.entries);
    CHECK(after.sessions == before.sessions);
    CHECK(after.triage == before.triage);
    CHECK(SQLite::Database(file.string(), SQLite::OPEN_READONLY).execAndGet("PRAGMA user_version").getInt() == 2);
  }

  TEST_CASE("with foreign keys on, removing an entry removes its places, triggers and helped items") {
    TempDir tmp;
    const fs::path file = tmp.path / "journal.db";
    Journal j = Journal::open(file);
    CHECK(j.settings().foreign_keys);
    Entry e;
    e.at = utc(20, 9, 0);
    e.pain = 4;
    e.where = {{"groin", Side::left, 5}};
    e.triggers = {"sitting", "stress"};
    e.helped = {"heat"};
    Entry kept = e;
    kept.at = utc(21, 9, 0);
    e = j.add(e, later);
    kept = j.add(kept, later);
    j.remove(e.id);
    SQLite::Database db(file.string(), SQLite::OPEN_READONLY);
    for (const char* table : {"location", "entry_trigger", "entry_helped"}) {
      CAPTURE(table);
      CHECK(db.execAndGet(fmt::format("SELECT count(*) FROM {} WHERE entry_id = {}", table, e.id)).getInt() == 0);
      CHECK(db.execAndGet(fmt::format("SELECT count(*) FROM {} WHERE entry_id = {}", table, kept.id)).getInt() > 0);
    }
    CHECK(j.all_entries() == std::vector<Entry>{kept});
  }
}
