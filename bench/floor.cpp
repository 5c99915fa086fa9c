// The floor for `psoas log 3 --trigger sitting`: the least a program can do to add one
// entry durably to the same journal file. It opens the file with the same settings psoas
// uses (busy timeout, WAL, synchronous=FULL), inserts one entry row and its trigger row
// (schema 3 on: `entry_trigger`) in one IMMEDIATE transaction, and closes. No argument
// parsing, no validation, no schema checks.
//
//   psoas_floor JOURNAL
#include <sqlite3.h>

#include <cstdio>
#include <random>
#include <string>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: psoas_floor JOURNAL\n");
    return 2;
  }
  std::random_device rd;
  char uuid[37];
  std::snprintf(uuid, sizeof uuid, "%08x-%04x-4%03x-8%03x-%04x%08x", rd(), rd() & 0xffff, rd() & 0xfff, rd() & 0xfff,
                rd() & 0xffff, rd());
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) return 1;
  sqlite3_busy_timeout(db, 10000);
  const std::string sql = std::string(
                              "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; BEGIN IMMEDIATE; "
                              "INSERT INTO entry (uuid, at, utc_offset, pain) VALUES ('") +
                          uuid + "', strftime('%s', 'now'), 0, 3); "
                                 "INSERT INTO entry_trigger (entry_id, pos, name) VALUES (last_insert_rowid(), 0, 'sitting'); "
                                 "COMMIT;";
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) std::fprintf(stderr, "psoas_floor: %s\n", sqlite3_errmsg(db));
  sqlite3_close(db);
  return rc == SQLITE_OK ? 0 : 1;
}
