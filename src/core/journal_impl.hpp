#pragma once
// What a Journal holds, shared by the journal's source files. Internal to the core library.

#include <SQLiteCpp/SQLiteCpp.h>

#include <filesystem>
#include <memory>
#include <string>

#include "psoas/journal.hpp"

namespace psoas {

struct Journal::Impl {
  std::filesystem::path path;
  std::unique_ptr<SQLite::Database> db;
  bool read_only = false;
  std::string notice;
  // Prepared on first use and kept (destroyed before `db`, declared after it).
  std::unique_ptr<SQLite::Statement> first_time;
};

namespace journal_detail {

// Brings a database at `from` (0 = empty) up to Journal::schema_version, one IMMEDIATE
// transaction per version, re-checking the version inside each (another process may
// have migrated meanwhile).
void migrate(SQLite::Database& db);

// The SQL of one version's migration; exposed so tests can build old journals.
const char* migration_sql(int version);

// Throws DataError("journal", "<path> is read-only ...") when writes are not allowed.
void require_writable(bool read_only, const std::filesystem::path& path);

}  // namespace journal_detail
}  // namespace psoas
