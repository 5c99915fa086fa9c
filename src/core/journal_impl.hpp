#pragma once
// What a Journal holds, shared by the journal's source files. Internal to the core library.

#include <SQLiteCpp/SQLiteCpp.h>

#include <filesystem>
#include <memory>
#include <string>

#include "psoas/error.hpp"
#include "psoas/journal.hpp"

namespace psoas {

struct Journal::Impl {
  // The DataError to show for a failed SQLite call on this journal (see sqlite_error).
  DataError failure(const SQLite::Exception& e) const;
  // Runs `f`, turning a SQLite::Exception into failure(e): none leaves the journal. A
  // transaction inside `f` has rolled back by then.
  template <class F>
  decltype(auto) guard(F&& f) const {
    try {
      return f();
    } catch (const SQLite::Exception& e) {
      throw failure(e);
    }
  }

  std::filesystem::path path;
  std::unique_ptr<SQLite::Database> db;
  bool read_only = false;
  std::string notice;
  // Prepared on first use and kept (destroyed before `db`, declared after it).
  std::unique_ptr<SQLite::Statement> first_time;
};

namespace journal_detail {

// An instant as the journal stores it: whole seconds since the epoch, UTC.
inline std::int64_t secs(Instant t) { return t.time_since_epoch().count(); }

// Brings a database at `from` (0 = empty) up to Journal::schema_version, one IMMEDIATE
// transaction per version, re-checking the version inside each (another process may
// have migrated meanwhile).
void migrate(SQLite::Database& db);

// The SQL of one version's migration; exposed so tests can build old journals.
const char* migration_sql(int version);

// A DataError naming the journal at `path` for a failed SQLite call. `sys_errno` is the
// system error behind it when SQLite kept one (0 otherwise); a full disk and a read-only
// file, directory or file system are said in plain words. `doing` is "read" or "write".
DataError sqlite_error(const std::filesystem::path& path, const SQLite::Exception& e, int sys_errno, const char* doing);

// Throws DataError("journal", "<path> is read-only ...") when writes are not allowed.
void require_writable(bool read_only, const std::filesystem::path& path);

}  // namespace journal_detail
}  // namespace psoas
