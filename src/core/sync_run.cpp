// One sync of a journal with a folder: checking the folder and this device's own file,
// the baseline, sending this device's changes (append, fsync, then the journal records it),
// and applying every other device's file from its stored position, one transaction a chunk.
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>

#include "psoas/error.hpp"
#include "psoas/sync.hpp"

namespace psoas::sync {
namespace fs = std::filesystem;

namespace {

DataError sync_error(std::string what, std::string hint = {}) {
  return DataError(std::string(subject), std::move(what), std::move(hint));
}

std::int64_t meta_int(const Journal& j, const std::string& key) {
  auto v = j.meta(key);
  if (!v) return 0;
  try {
    return std::stoll(*v);
  } catch (const std::exception&) {
    return 0;
  }
}

void check_dir(const fs::path& dir) {
  struct stat st {};
  if (::stat(dir.c_str(), &st) != 0) {
    if (errno == ENOENT) {
      throw sync_error(fmt::format("{}: no such directory", dir.string()),
                       "make it, or give the folder your sync engine keeps in step on every device");
    }
    throw sync_error(fmt::format("{}: {}", dir.string(), std::strerror(errno)));
  }
  if (!S_ISDIR(st.st_mode)) throw sync_error(fmt::format("{}: not a directory", dir.string()), "give the sync folder, not a file in it");
  if (::access(dir.c_str(), W_OK | X_OK) != 0) {
    throw sync_error(fmt::format("{}: not writable", dir.string()), "psoas writes this device's changes there; check its permissions");
  }
}

std::uint64_t size_of(const fs::path& p) {
  struct stat st {};
  if (::stat(p.c_str(), &st) != 0) return 0;
  return static_cast<std::uint64_t>(st.st_size);
}

// The regular, visible files of `dir`, by name (hidden ones are the engines' own: .git,
// .stfolder, .syncthing.*.tmp).
std::vector<std::string> visible_files(const fs::path& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    std::string name = e.path().filename().string();
    if (name.starts_with('.')) continue;
    std::error_code ec2;
    if (e.is_regular_file(ec2)) out.push_back(std::move(name));
  }
  if (ec) throw sync_error(fmt::format("cannot list {}: {}", dir.string(), ec.message()));
  std::sort(out.begin(), out.end());
  return out;
}

void write_all(int fd, const std::string& text, const fs::path& path) {
  std::size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw sync_error(fmt::format("cannot write {}: {}", path.string(), std::strerror(errno)));
    done += static_cast<std::size_t>(n);
  }
}

}  // namespace

std::string dir_key(const fs::path& dir) {
  std::error_code ec;
  fs::path p = fs::weakly_canonical(fs::absolute(dir), ec);
  return (ec ? fs::absolute(dir) : p).string();
}

Run::Run(Journal& journal, fs::path dir, Instant now) : m_journal(journal), m_dir(std::move(dir)), m_now(now) {
  if (journal.read_only()) {
    throw sync_error(fmt::format("journal {} is open read-only", journal.path().string()), "nothing was synced");
  }
  check_dir(m_dir);
  m_device = journal.device_id();
  m_same_dir = journal.meta("sync_dir") == dir_key(m_dir);
  m_sent = m_same_dir ? meta_int(journal, "sync_sent") : 0;
  for (const auto& p : journal.sync_positions()) {
    if (m_same_dir) m_positions[p.file] = p;
  }
  m_stored_sent = m_sent;
  m_stored_own = m_positions[m_device];
  const fs::path own = own_file();
  struct stat st {};
  m_created = ::stat(own.c_str(), &st) != 0;
  m_fd = ::open(own.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (m_fd < 0) throw sync_error(fmt::format("cannot write {}: {}", own.string(), std::strerror(errno)));
  ::flock(m_fd, LOCK_EX);  // another psoas syncing this journal finishes first
  check_own_file();
}

Run::~Run() {
  if (m_fd >= 0) ::close(m_fd);
}

fs::path Run::own_file() const { return m_dir / file_name(m_device); }

void Run::check_own_file() {
  SyncPosition& own = m_positions[m_device];
  own.file = m_device;
  const std::uint64_t size = size_of(own_file());
  if (size < static_cast<std::uint64_t>(own.offset)) {  // the file was lost or cut: write it again
    own = SyncPosition{m_device, 0, 0, 0};
    m_sent = 0;
  }
  Chunk extra = read_lines(own_file(), static_cast<std::uint64_t>(own.offset), SIZE_MAX);
  std::size_t line = static_cast<std::size_t>(own.line);
  std::string_view rest = extra.text;
  while (!rest.empty()) {
    const std::size_t nl = rest.find('\n');
    ++line;
    // Ours when this journal has the change (device, stamp) and writes it as this line: a
    // copy of this journal can have made another change with the same stamp.
    std::optional<std::int64_t> seq;
    try {
      const std::string_view text = rest.substr(0, nl + 1);
      const Change c = parse_line(text.substr(0, nl), line, m_device);
      if (auto ours = m_journal.change_at(c.device, c.stamp); ours && to_line(*ours) == text) seq = ours->seq;
    } catch (const LineError&) {
    }
    if (!seq) {
      throw sync_error(
          fmt::format("{}:{}: this device's file holds changes this journal never made: another journal uses "
                      "the same device id {} (a copied journal?); nothing was synced",
                      own_file().string(), line, m_device),
          "give this journal a new id with 'psoas sync --new-device-id', then sync again");
    }
    m_sent = std::max(m_sent, *seq);  // written by a sync that stopped before recording it
    rest.remove_prefix(nl + 1);
  }
  own.offset = static_cast<std::int64_t>(extra.end);
  own.line = static_cast<std::int64_t>(line);
  m_truncate = extra.end < size;  // a half-written line of its own, from a crash
}

bool Run::nothing_new() const {
  if (!m_same_dir || m_truncate || !m_journal.meta("sync_baseline")) return false;
  if (meta_int(m_journal, "sync_sent") != m_sent || m_journal.last_seq() != m_sent) return false;
  for (const auto& name : visible_files(m_dir)) {
    auto device = device_of(name);
    if (!device) return false;  // its warning is said again
    auto it = m_positions.find(*device);
    const std::int64_t offset = it == m_positions.end() ? 0 : it->second.offset;
    if (size_of(m_dir / name) != static_cast<std::uint64_t>(offset)) return false;
  }
  return true;
}

void Run::baseline(Result& r) {
  if (m_journal.meta("sync_baseline")) return;
  m_journal.transaction([&] {
    for (const auto& [kind, uuid] : m_journal.records_without_add()) {
      Change c;
      c.kind = kind;
      c.record = uuid;
      c.op = "add";
      c.after = m_journal.record_json(kind, uuid);
      c.origin = "baseline";
      if (!c.after) continue;
      m_journal.log_change(std::move(c), m_now);
      ++r.baseline;
    }
    m_journal.set_meta("sync_baseline", std::to_string(millis(m_now)));
  });
}

void Run::sync_to_disk() {
  auto failed = [&] { return sync_error(fmt::format("cannot write {}: {}", own_file().string(), std::strerror(errno))); };
  if (::fsync(m_fd) != 0) throw failed();
  if (!m_created) return;
  int dir = ::open(m_dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);  // the new file's name too
  if (dir < 0 || ::fsync(dir) != 0) {
    if (dir >= 0) ::close(dir);
    throw failed();
  }
  ::close(dir);
  m_created = false;
}

void Run::send(Result& r) {
  baseline(r);
  SyncPosition& own = m_positions[m_device];
  if (m_truncate && ::ftruncate(m_fd, static_cast<off_t>(own.offset)) != 0) {
    throw sync_error(fmt::format("cannot write {}: {}", own_file().string(), std::strerror(errno)));
  }
  std::int64_t seq = m_sent;
  std::size_t bytes = 0;
  for (;;) {
    std::vector<Change> page = m_journal.changes(seq, 2000);
    if (page.empty()) break;
    std::string text;
    for (const auto& c : page) {
      if (c.device != m_device) continue;
      text += to_line(c);
      ++own.line;
      ++r.sent;
    }
    write_all(m_fd, text, own_file());
    bytes += text.size();
    seq = page.back().seq;
  }
  if (bytes > 0) sync_to_disk();
  own.offset += static_cast<std::int64_t>(bytes);
  m_sent = seq;
  own.file = m_device;
  if (m_same_dir && !m_truncate && m_sent == m_stored_sent && own.offset == m_stored_own.offset &&
      own.line == m_stored_own.line) {
    return;  // nothing to record
  }
  own.at = millis(m_now);
  m_journal.transaction([&] {
    if (!m_same_dir) m_journal.clear_sync_positions();
    m_journal.set_sync_position(own);
    m_journal.set_meta("sync_sent", std::to_string(m_sent));
    m_journal.set_meta("sync_dir", dir_key(m_dir));
  });
  m_same_dir = true;
  m_truncate = false;
}

void Run::apply(Result& r) {
  for (const auto& name : visible_files(m_dir)) {
    auto device = device_of(name);
    if (!device) {
      r.warnings.push_back(fmt::format("{}: not a psoas change log; skipped", (m_dir / name).string()));
      continue;
    }
    if (*device == m_device) continue;
    apply_file(*device, m_dir / name, r);
  }
}

void Run::finish() {
  m_journal.transaction([&] {
    // Every change up to the last one is sent or another device's, unless this device made
    // one meanwhile (another psoas), which the next sync sends.
    if (m_journal.last_seq(m_device) <= m_sent) m_sent = m_journal.last_seq();
    m_journal.set_meta("sync_sent", std::to_string(m_sent));
    m_journal.set_meta("sync_last", std::to_string(millis(m_now)));
  });
}

}  // namespace psoas::sync
