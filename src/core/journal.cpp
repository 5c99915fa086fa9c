// Opening the journal: file checks before SQLite touches anything, pragmas, read-only and
// immutable fallbacks. The schema and its migrations live in journal_schema.cpp, reads and
// writes of rows in journal_rows.cpp and journal_records.cpp.
#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/SQLiteCpp.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <thread>

#include "journal_impl.hpp"
#include "psoas/error.hpp"
#include "psoas/paths.hpp"

namespace psoas {
namespace fs = std::filesystem;


namespace {

using journal_detail::migrate;

[[noreturn]] void not_a_journal(const fs::path& path, const std::string& why) {
  throw DataError("journal", fmt::format("{} is not a psoas journal ({})", path.string(), why));
}

enum class FileState { missing, empty, sqlite };

// Looks at the file's first bytes without writing anything.
FileState inspect(const fs::path& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return FileState::missing;
    throw DataError("journal", fmt::format("cannot read {}: {}", path.string(), std::strerror(errno)));
  }
  struct stat st {};
  char header[16] = {};
  ssize_t n = 0;
  bool is_dir = ::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode);
  if (!is_dir) n = ::read(fd, header, sizeof header);
  int read_errno = errno;
  ::close(fd);
  if (is_dir) throw DataError("journal", fmt::format("{} is a directory", path.string()));
  if (n < 0) throw DataError("journal", fmt::format("cannot read {}: {}", path.string(), std::strerror(read_errno)));
  if (n == 0) return FileState::empty;
  if (n < 16 || std::memcmp(header, "SQLite format 3", 16) != 0) not_a_journal(path, "file is not a database");
  return FileState::sqlite;
}

// Creates the journal file 0600 (and its directory 0700) before SQLite opens it, so
// SQLite's -wal and -shm files, which copy the database's mode, are 0600 too.
void create_file(const fs::path& path) {
  if (path.has_parent_path()) make_private_dir(path.parent_path());
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return;  // another psoas created it first
    throw DataError("journal", fmt::format("cannot create {}: {}", path.string(), std::strerror(errno)));
  }
  ::fchmod(fd, 0600);
  ::close(fd);
}

// Why SQLite could not write the journal at `path`, as the system sees it now; empty when
// nothing stands out. SQLite keeps a -wal and a -shm file beside the journal, so it needs
// the directory as well as the file, unless both of those files are already there.
std::string unwritable_reason(const fs::path& path) {
  fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
  auto read_only_fs = [&] { return fmt::format("{} is on a read-only file system", dir.string()); };
  if (::access(path.c_str(), W_OK) != 0 && errno != ENOENT) {
    return errno == EROFS ? read_only_fs() : "the file is read-only";
  }
  if (::access(dir.c_str(), W_OK) != 0) {
    if (errno == ENOENT) return {};  // made when the first entry is written
    if (errno == EROFS) return read_only_fs();
    const std::string p = path.string();
    if (::access((p + "-wal").c_str(), W_OK) == 0 && ::access((p + "-shm").c_str(), W_OK) == 0) return {};
    return fmt::format("its directory {} is not writable", dir.string());
  }
  return {};
}

// True when the file system holding `path` has (almost) no room left for this user.
bool disk_full(const fs::path& path) {
  fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
  struct statvfs st {};
  return ::statvfs(dir.c_str(), &st) == 0 && st.f_bavail * st.f_frsize < 64 * 1024;
}

DataError unwritable(const fs::path& path, const std::string& why, const char* doing) {
  return DataError("journal", fmt::format("cannot {} {}: {}; nothing was changed", doing, path.string(), why),
                   "SQLite writes two files beside the journal, so both it and its directory must be writable");
}

DataError describe_failure(const fs::path& path, const SQLite::Exception& e, int sys_errno, const char* doing) {
  const int code = e.getErrorCode() & 0xff;
  switch (code) {
    case SQLITE_NOTADB: return DataError("journal", fmt::format("{} is not a psoas journal (file is not a database)", path.string()));
    case SQLITE_CORRUPT: return DataError("journal", fmt::format("{} is damaged: {}", path.string(), e.what()), "restore it from a backup or an export");
    default: break;
  }
  const bool io = code == SQLITE_IOERR || code == SQLITE_FULL || code == SQLITE_CANTOPEN || code == SQLITE_READONLY;
  if (code == SQLITE_FULL || sys_errno == ENOSPC || sys_errno == EDQUOT || (io && sys_errno == 0 && disk_full(path))) {
    return DataError("journal", fmt::format("cannot {} {}: the disk is full; nothing was changed", doing, path.string()),
                     "free some space and try again");
  }
  if (io) {
    std::string why = unwritable_reason(path);
    if (!why.empty()) return unwritable(path, why, doing);
  }
  if (sys_errno != 0 && code == SQLITE_IOERR) {
    return DataError("journal", fmt::format("cannot {} {}: {}", doing, path.string(), std::strerror(sys_errno)));
  }
  return DataError("journal", fmt::format("cannot {} {}: {}", doing, path.string(), e.what()));
}

int system_errno(const std::unique_ptr<SQLite::Database>& db) { return db ? sqlite3_system_errno(db->getHandle()) : 0; }

struct Probe {
  int version = 0;
  int objects = 0;  // rows in sqlite_master
  int tables = 0;   // how many of entry, session, triage exist
};

// Reads what the file holds; only reads.
Probe probe(SQLite::Database& db) {
  Probe p;
  SQLite::Statement q(db,
                      "SELECT count(*), coalesce(sum(type = 'table' AND name IN ('entry', 'session', 'triage')), 0) "
                      "FROM sqlite_master");
  q.executeStep();
  p.objects = q.getColumn(0).getInt();
  p.tables = q.getColumn(1).getInt();
  p.version = db.execAndGet("PRAGMA user_version").getInt();
  return p;
}

// A migrated in-memory copy of `source` (or an empty journal), for reading old files read-only.
std::unique_ptr<SQLite::Database> memory_copy(SQLite::Database* source) {
  auto db = std::make_unique<SQLite::Database>(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  if (source) SQLite::Backup(*db, *source).executeStep();
  migrate(*db);
  db->exec("PRAGMA foreign_keys = ON");
  return db;
}

// True when `path`-wal holds transactions not yet copied into the journal file itself.
bool wal_has_frames(const fs::path& path) {
  struct stat st {};
  return ::stat((path.string() + "-wal").c_str(), &st) == 0 && st.st_size > 0;
}

// An SQLite URI that opens `path` as immutable: no locks, and no -wal or -shm created.
std::string immutable_uri(const fs::path& path) {
  std::string uri = "file:";
  for (unsigned char c : path.string()) {
    if (std::isalnum(c) || std::strchr("/-._~", c)) {
      uri += static_cast<char>(c);
    } else {
      uri += fmt::format("%{:02X}", c);
    }
  }
  return uri + "?immutable=1";
}

constexpr int busy_timeout_ms = 10000;

// The -wal and -shm files stay when the last connection closes (the WAL checkpointed and
// truncated to 0 bytes, as journal_size_limit makes it), instead of being deleted and made
// again by the next command: creating and unlinking them was about 8 % of the samples of
// `psoas sync` with nothing new (bench/README.md). What reaches the disk, and when, is the
// same. Set only once the file is known to be a journal: a refused file gets no -wal.
void keep_wal_files(SQLite::Database& db) {
  db.exec("PRAGMA journal_size_limit = 4194304");  // also what a long WAL shrinks back to
  int keep = 1;
  sqlite3_file_control(db.getHandle(), "main", SQLITE_FCNTL_PERSIST_WAL, &keep);
}

// Checks what a freshly opened `db` holds and makes it ready: a newer journal is reopened
// read-only with a notice; an older one opened read-only is migrated in a memory copy;
// otherwise WAL, synchronous=FULL and the migrations. Foreign keys on (after migrating,
// as SQLite advises for schema changes), except on a newer journal's read-only connection.
void settle(const fs::path& path, std::unique_ptr<SQLite::Database>& db, bool& read_only, std::string& notice) {
  Probe p = probe(*db);
  if (p.version == 0 && p.objects > 0) not_a_journal(path, "it holds other tables");
  if (p.version > 0 && p.tables < 3) not_a_journal(path, "its tables are missing");
  if (p.version > Journal::schema_version) {
    notice = fmt::format("journal {} was written by a newer psoas (schema {}); opened read-only", path.string(), p.version);
    if (!read_only) {
      db = std::make_unique<SQLite::Database>(path.string(), SQLite::OPEN_READONLY, busy_timeout_ms);
      read_only = true;
    }
    return;
  }
  if (read_only) {
    if (p.version < Journal::schema_version) db = memory_copy(p.version == 0 ? nullptr : db.get());
    db->exec("PRAGMA foreign_keys = ON");
    return;
  }
  std::string mode = db->execAndGet("PRAGMA journal_mode").getString();
  if (mode != "wal") db->execAndGet("PRAGMA journal_mode = WAL");
  db->exec("PRAGMA synchronous = FULL");
  if (p.version < Journal::schema_version) migrate(*db);  // a version never goes back
  db->exec("PRAGMA foreign_keys = ON");
  keep_wal_files(*db);
}

// Before SQLite's first use: psoas uses a connection from one thread only, and keeps no
// memory statistics, so SQLite can skip its mutexes and counters (about 5% of an import).
void configure_sqlite() {
  static const bool done = [] {
    sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    // No page cache set up in advance: SQLite would otherwise allocate 20 pages' worth
    // (88 KiB) at the first read and write a header into each, a page fault apiece, for a
    // command that reads a dozen pages (bench/README.md). Pages are allocated as read.
    sqlite3_config(SQLITE_CONFIG_PAGECACHE, nullptr, 0, 0);
    return true;
  }();
  (void)done;
}

}  // namespace

Journal::Journal(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Journal::Journal(Journal&&) noexcept = default;
Journal& Journal::operator=(Journal&&) noexcept = default;
Journal::~Journal() = default;

bool Journal::read_only() const { return m_impl->read_only; }
const std::string& Journal::notice() const { return m_impl->notice; }
const fs::path& Journal::path() const { return m_impl->path; }
std::string Journal::unwritable_reason(const fs::path& path) { return psoas::unwritable_reason(path); }

DataError journal_detail::sqlite_error(const fs::path& path, const SQLite::Exception& e, int sys_errno, const char* doing) {
  return describe_failure(path, e, sys_errno, doing);
}

DataError Journal::Impl::failure(const SQLite::Exception& e) const {
  return describe_failure(path, e, system_errno(db), read_only ? "read" : "write");
}

Journal::Settings Journal::settings() const {
  return m_impl->guard([&] {
    auto& db = *m_impl->db;
    Settings s;
    s.journal_mode = db.execAndGet("PRAGMA journal_mode").getString();
    s.synchronous = db.execAndGet("PRAGMA synchronous").getInt();
    s.busy_timeout_ms = db.execAndGet("PRAGMA busy_timeout").getInt();
    s.foreign_keys = db.execAndGet("PRAGMA foreign_keys").getInt() != 0;
    s.schema = db.execAndGet("PRAGMA user_version").getInt();
    return s;
  });
}

Journal Journal::in_memory() {
  configure_sqlite();
  auto impl = std::make_unique<Impl>();
  impl->path = ":memory:";
  impl->db = memory_copy(nullptr);
  return Journal(std::move(impl));
}

Journal Journal::open(const fs::path& path, Access access) {
  configure_sqlite();
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->read_only = access == Access::read_only;
  FileState state = inspect(path);
  if (state == FileState::missing) {
    if (impl->read_only) {  // nothing to read: an empty journal, and no file is created
      impl->db = memory_copy(nullptr);
      return Journal(std::move(impl));
    }
    create_file(path);
  }
  const char* doing = impl->read_only ? "read" : "write";
  // Refused before SQLite starts, which would otherwise leave -wal and -shm files behind.
  if (!impl->read_only) {
    if (std::string why = unwritable_reason(path); !why.empty()) throw unwritable(path, why, doing);
  }
  // Reading where SQLite cannot keep its WAL index beside the journal (a read-only file,
  // directory or file system, or a full disk) opens the file as immutable, which creates
  // nothing. That is exact only while no -wal file holds transactions the file lacks, and
  // nothing can write there meanwhile (it is not writable), so it is used only then.
  const bool wal_frames = wal_has_frames(path);
  bool immutable = impl->read_only && !wal_frames && !unwritable_reason(path).empty();
  // SQLite waits on a busy lock for busy_timeout_ms, except in a few cases it reports at
  // once (a WAL being set up or recovered by another process, a journal-mode change): while
  // several processes open a new journal together, those are tried again for as long again.
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::milliseconds(busy_timeout_ms);
  auto connect = [&]() -> bool {
    try {
      if (immutable) {
        impl->db = std::make_unique<SQLite::Database>(immutable_uri(path), SQLite::OPEN_READONLY | SQLite::OPEN_URI);
      } else {
        int flags = impl->read_only ? SQLite::OPEN_READONLY : SQLite::OPEN_READWRITE;
        impl->db = std::make_unique<SQLite::Database>(path.string(), flags, busy_timeout_ms);
      }
      settle(path, impl->db, impl->read_only, impl->notice);
    } catch (const SQLite::Exception& e) {
      const int code = e.getErrorCode() & 0xff;
      if (impl->read_only && !immutable && !wal_frames &&
          (code == SQLITE_IOERR || code == SQLITE_FULL || code == SQLITE_CANTOPEN || code == SQLITE_READONLY)) {
        immutable = true;  // e.g. no room for the -shm file on a full disk
        return false;
      }
      if (code != SQLITE_BUSY || std::chrono::steady_clock::now() >= give_up) {
        throw describe_failure(path, e, system_errno(impl->db), doing);
      }
      return false;
    }
    return true;
  };
  while (!connect()) {
    impl->db.reset();
    if (!immutable) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return Journal(std::move(impl));
}

}  // namespace psoas
