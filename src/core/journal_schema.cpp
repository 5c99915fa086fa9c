// The journal's schema: each version's SQL and the forward migration that applies them,
// one IMMEDIATE transaction per version. Opening the file is journal.cpp's job.
#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include "journal_impl.hpp"
#include "psoas/error.hpp"

namespace psoas {
namespace fs = std::filesystem;

namespace journal_detail {

namespace {

// Version 1: entries (locations as a JSON column), sessions, triage results.
constexpr const char* schema_v1 = R"sql(
CREATE TABLE entry (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  at INTEGER NOT NULL,
  utc_offset INTEGER NOT NULL,
  pain INTEGER NOT NULL CHECK (pain BETWEEN 0 AND 10),
  enjoyment INTEGER CHECK (enjoyment BETWEEN 0 AND 10),
  activity INTEGER CHECK (activity BETWEEN 0 AND 10),
  locations TEXT NOT NULL DEFAULT '[]',
  triggers TEXT NOT NULL DEFAULT '[]',
  helped TEXT NOT NULL DEFAULT '[]',
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX entry_at ON entry (at);
CREATE TABLE session (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  routine TEXT NOT NULL DEFAULT '',
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  utc_offset INTEGER NOT NULL,
  phases_done INTEGER NOT NULL DEFAULT 0,
  phases_total INTEGER NOT NULL DEFAULT 0,
  outcome TEXT NOT NULL DEFAULT ''
);
CREATE INDEX session_start ON session (start);
CREATE TABLE triage (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  at INTEGER NOT NULL,
  utc_offset INTEGER NOT NULL,
  outcome TEXT NOT NULL,
  answers TEXT NOT NULL DEFAULT '{}',
  reasons TEXT NOT NULL DEFAULT '[]',
  routine TEXT NOT NULL DEFAULT ''
);
CREATE INDEX triage_at ON triage (at);
)sql";

// Version 2: locations move to their own table with a per-location pain (0-10).
constexpr const char* schema_v2 = R"sql(
CREATE TABLE location (
  entry_id INTEGER NOT NULL REFERENCES entry (id) ON DELETE CASCADE,
  pos INTEGER NOT NULL,
  area TEXT NOT NULL,
  side TEXT NOT NULL DEFAULT '',
  pain INTEGER CHECK (pain BETWEEN 0 AND 10),
  PRIMARY KEY (entry_id, pos)
) WITHOUT ROWID;
INSERT INTO location (entry_id, pos, area, side)
  SELECT e.id, j.key, json_extract(j.value, '$.area'), coalesce(json_extract(j.value, '$.side'), '')
  FROM entry AS e, json_each(e.locations) AS j;
ALTER TABLE entry DROP COLUMN locations;
)sql";

// Version 3: triggers and helped items move from JSON text columns to tables of their own,
// in their order, indexed by name (the report asks which entries name one); deleting an
// entry deletes its rows (foreign_keys is on for every connection).
constexpr const char* schema_v3 = R"sql(
CREATE TABLE entry_trigger (
  entry_id INTEGER NOT NULL REFERENCES entry (id) ON DELETE CASCADE,
  pos INTEGER NOT NULL,
  name TEXT NOT NULL,
  PRIMARY KEY (entry_id, pos)
) WITHOUT ROWID;
CREATE INDEX entry_trigger_name ON entry_trigger (name);
CREATE TABLE entry_helped (
  entry_id INTEGER NOT NULL REFERENCES entry (id) ON DELETE CASCADE,
  pos INTEGER NOT NULL,
  name TEXT NOT NULL,
  PRIMARY KEY (entry_id, pos)
) WITHOUT ROWID;
CREATE INDEX entry_helped_name ON entry_helped (name);
INSERT INTO entry_trigger (entry_id, pos, name)
  SELECT e.id, j.key, j.value FROM entry AS e, json_each(e.triggers) AS j;
INSERT INTO entry_helped (entry_id, pos, name)
  SELECT e.id, j.key, j.value FROM entry AS e, json_each(e.helped) AS j;
ALTER TABLE entry DROP COLUMN triggers;
ALTER TABLE entry DROP COLUMN helped;
)sql";

// Version 4: a rating the timer asked for links to its session by uuid (not a foreign key:
// the session may live in another journal, and removing the rating keeps the session).
constexpr const char* schema_v4 = R"sql(
ALTER TABLE entry ADD COLUMN session TEXT;
ALTER TABLE entry ADD COLUMN session_role TEXT CHECK (session_role IN ('before', 'after'));
CREATE INDEX entry_session ON entry (session) WHERE session IS NOT NULL;
)sql";

// Version 5: routine and timer sessions have an index of their own, so counting them over a
// long run of logging skips the desk breaks (a busy desk holds thousands) without reading
// the table (bench/README.md: 22 ms -> 4.5 ms for the report on a million entries).
constexpr const char* schema_v5 = R"sql(
CREATE INDEX session_counted ON session (start) WHERE kind <> 'break';
)sql";

// Version 6: the change log (docs/history.md). `meta` keeps this journal's device id
// ('device') and the last clock stamp issued or seen ('hlc'); every change to an entry,
// session or triage result is a `change` row with the record's JSON before and after;
// `sync_file` is sync's position in each other device's file. `change_undoes` finds
// whether a change is undone (or an undo redone) without reading the log. Records written before
// version 6 have no change rows (sync gives them a baseline `add` on its first run).
constexpr const char* schema_v6 = R"sql(
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE change (
  seq INTEGER PRIMARY KEY,
  device TEXT NOT NULL,
  stamp TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('entry', 'session', 'triage')),
  record TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('add', 'edit', 'rm')),
  before TEXT,
  after TEXT,
  batch TEXT,
  origin TEXT NOT NULL DEFAULT 'user' CHECK (origin IN ('user', 'undo', 'redo', 'sync', 'baseline')),
  undoes INTEGER,
  UNIQUE (device, stamp)
);
CREATE INDEX change_record ON change (record);
CREATE INDEX change_undoes ON change (undoes) WHERE undoes IS NOT NULL;
CREATE TABLE sync_file (
  file TEXT PRIMARY KEY,
  offset INTEGER NOT NULL,
  line INTEGER NOT NULL,
  at INTEGER NOT NULL
) WITHOUT ROWID;
)sql";

// Version 7: pain summed per quarter hour of UTC time (`slot` = floor(at / 900)), kept by
// triggers through every insert, update and delete of an entry (add, edit, rm, a direct put;
// an import drops the insert trigger inside its transaction and adds its rows' sums in one
// statement: journal_rows.cpp's SlotsAfter). A quarter hour whose entries are all gone stays, with 0 entries: a statement
// less in each trigger (SQLite parses the whole schema at every open). Every zone's offset
// and day_starts_at fall on a quarter hour, so a local day
// is whole slots: the report reads a long run's first days from here, a few hundred rows
// instead of thousands of entries (bench/README.md). Self-contained: one SQL string.
constexpr const char* schema_v7 = R"sql(
CREATE TABLE entry_slot (slot INTEGER PRIMARY KEY, entries INTEGER NOT NULL, pain INTEGER NOT NULL);
INSERT INTO entry_slot SELECT at / 900 - (at % 900 < 0), count(*), sum(pain) FROM entry GROUP BY 1;
CREATE TRIGGER entry_slot_insert AFTER INSERT ON entry BEGIN
  INSERT INTO entry_slot VALUES (new.at / 900 - (new.at % 900 < 0), 1, new.pain)
    ON CONFLICT DO UPDATE SET entries = entries + 1, pain = pain + excluded.pain;
END;
CREATE TRIGGER entry_slot_delete AFTER DELETE ON entry BEGIN
  UPDATE entry_slot SET entries = entries - 1, pain = pain - old.pain WHERE slot = old.at / 900 - (old.at % 900 < 0);
END;
CREATE TRIGGER entry_slot_update AFTER UPDATE OF at, pain ON entry BEGIN
  UPDATE entry_slot SET entries = entries - 1, pain = pain - old.pain WHERE slot = old.at / 900 - (old.at % 900 < 0);
  INSERT INTO entry_slot VALUES (new.at / 900 - (new.at % 900 < 0), 1, new.pain)
    ON CONFLICT DO UPDATE SET entries = entries + 1, pain = pain + excluded.pain;
END;
)sql";

// Version 8: the UTC days that hold entries (`day` = floor(at / 86400)) and how many, and
// the days that begin a stretch of such days (`entry_gap`: a day with entries and none in
// the 9 days before it). The report's walk back to the start of a run of logging then
// starts from one lookup in entry_gap instead of seeking the entry_at index once every 10
// days (a three-year run: 130 seeks, each a page read; bench/README.md). One set of
// triggers on entry keeps both day sums and the quarter hours: the version-7 triggers are
// replaced by ones that also count days. A day whose entries are all gone stays in
// entry_day with 0 entries; entry_day's own triggers keep entry_gap right when a day gains
// its first entry or loses its last (then the next day with entries is looked at again).
// The 9 is Journal::day_run_gap (test_journal_slots.cpp checks gaps of 9 and 10 days).
constexpr const char* schema_v8 = R"sql(
DROP TRIGGER entry_slot_insert;
DROP TRIGGER entry_slot_delete;
DROP TRIGGER entry_slot_update;
CREATE TABLE entry_day (day INTEGER PRIMARY KEY, entries INTEGER NOT NULL);
INSERT INTO entry_day SELECT at / 86400 - (at % 86400 < 0), count(*) FROM entry GROUP BY 1;
CREATE TABLE entry_gap (day INTEGER PRIMARY KEY);
INSERT INTO entry_gap SELECT day FROM (SELECT day, day - lag(day) OVER (ORDER BY day) AS gap FROM entry_day)
  WHERE gap IS NULL OR gap > 9;
CREATE TRIGGER entry_day_insert AFTER INSERT ON entry_day WHEN new.entries > 0 BEGIN
  INSERT OR IGNORE INTO entry_gap SELECT new.day
    WHERE NOT EXISTS (SELECT 1 FROM entry_day WHERE day >= new.day - 9 AND day < new.day AND entries > 0);
  DELETE FROM entry_gap WHERE day = (SELECT day FROM entry_day WHERE day > new.day AND entries > 0 ORDER BY day LIMIT 1)
    AND day <= new.day + 9;
END;
CREATE TRIGGER entry_day_update AFTER UPDATE OF entries ON entry_day WHEN (old.entries > 0) <> (new.entries > 0) BEGIN
  DELETE FROM entry_gap WHERE day = new.day;
  INSERT OR IGNORE INTO entry_gap SELECT new.day WHERE new.entries > 0
    AND NOT EXISTS (SELECT 1 FROM entry_day WHERE day >= new.day - 9 AND day < new.day AND entries > 0);
  DELETE FROM entry_gap WHERE day = (SELECT day FROM entry_day WHERE day > new.day AND entries > 0 ORDER BY day LIMIT 1);
  INSERT OR IGNORE INTO entry_gap SELECT n.day FROM (SELECT day FROM entry_day WHERE day > new.day AND entries > 0
    ORDER BY day LIMIT 1) AS n
    WHERE NOT EXISTS (SELECT 1 FROM entry_day WHERE day >= n.day - 9 AND day < n.day AND entries > 0);
END;
CREATE TRIGGER entry_sums_insert AFTER INSERT ON entry BEGIN
  INSERT INTO entry_slot VALUES (new.at / 900 - (new.at % 900 < 0), 1, new.pain)
    ON CONFLICT DO UPDATE SET entries = entries + 1, pain = pain + excluded.pain;
  INSERT INTO entry_day VALUES (new.at / 86400 - (new.at % 86400 < 0), 1) ON CONFLICT DO UPDATE SET entries = entries + 1;
END;
CREATE TRIGGER entry_sums_delete AFTER DELETE ON entry BEGIN
  UPDATE entry_slot SET entries = entries - 1, pain = pain - old.pain WHERE slot = old.at / 900 - (old.at % 900 < 0);
  UPDATE entry_day SET entries = entries - 1 WHERE day = old.at / 86400 - (old.at % 86400 < 0);
END;
CREATE TRIGGER entry_sums_update AFTER UPDATE OF at, pain ON entry BEGIN
  UPDATE entry_slot SET entries = entries - 1, pain = pain - old.pain WHERE slot = old.at / 900 - (old.at % 900 < 0);
  UPDATE entry_day SET entries = entries - 1 WHERE day = old.at / 86400 - (old.at % 86400 < 0);
  INSERT INTO entry_slot VALUES (new.at / 900 - (new.at % 900 < 0), 1, new.pain)
    ON CONFLICT DO UPDATE SET entries = entries + 1, pain = pain + excluded.pain;
  INSERT INTO entry_day VALUES (new.at / 86400 - (new.at % 86400 < 0), 1) ON CONFLICT DO UPDATE SET entries = entries + 1;
END;
)sql";

}  // namespace

const char* migration_sql(int version) {
  switch (version) {
    case 1: return schema_v1;
    case 2: return schema_v2;
    case 3: return schema_v3;
    case 4: return schema_v4;
    case 5: return schema_v5;
    case 6: return schema_v6;
    case 7: return schema_v7;
    case 8: return schema_v8;
    default: return nullptr;
  }
}

void migrate(SQLite::Database& db) {
  for (int v = 1; v <= Journal::schema_version; ++v) {
    if (db.execAndGet("PRAGMA user_version").getInt() >= v) continue;
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    if (db.execAndGet("PRAGMA user_version").getInt() >= v) continue;  // another process did it
    db.exec(migration_sql(v));
    db.exec(fmt::format("PRAGMA user_version = {}", v));
    tx.commit();
  }
}

void require_writable(bool read_only, const fs::path& path) {
  if (read_only) {
    throw DataError("journal", fmt::format("{} is open read-only; nothing was written", path.string()));
  }
}

}  // namespace journal_detail
}  // namespace psoas
