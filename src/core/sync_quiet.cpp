// A sync with nothing new, known without opening the journal (sync::Quiet): a fingerprint of
// the files such a sync depends on, kept in a stamp after a sync that found nothing new.
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <fstream>
#include <sstream>

#include "psoas/error.hpp"
#include "psoas/paths.hpp"
#include "psoas/sync.hpp"

namespace psoas::sync {
namespace fs = std::filesystem;

namespace {

// One line for a file: its device, inode, size and modification time to the nanosecond; "-"
// when it is missing. Not its status-change time: SQLite truncates the empty -wal to its size
// again at every close, which moves only that.
std::string stat_line(const fs::path& p) {
  struct stat st {};
  if (::stat(p.c_str(), &st) != 0) return fmt::format("{} -\n", p.string());
  return fmt::format("{} {} {} {} {}.{:09}\n", p.string(), st.st_dev, st.st_ino, st.st_size, st.st_mtim.tv_sec,
                     st.st_mtim.tv_nsec);
}

// The WAL-index header at the start of `shm` as hex: SQLite rewrites it on every commit, its
// change counter and last frame with it (https://www.sqlite.org/walformat.html, 2.2).
std::string wal_index_header(const fs::path& shm) {
  int fd = ::open(shm.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return "shm -\n";
  unsigned char header[48] = {};
  const ssize_t n = ::pread(fd, header, sizeof header, 0);
  ::close(fd);
  std::string out = "shm ";
  for (ssize_t i = 0; i < n; ++i) out += fmt::format("{:02x}", header[i]);
  return out + "\n";
}

}  // namespace

std::string Quiet::fingerprint() const {
  const std::string j = m_journal.string();
  std::string out = stat_line(m_journal) + stat_line(j + "-wal") + wal_index_header(j + "-shm") + stat_line(m_config);
  out += stat_line(m_dir);
  std::vector<std::string> names;
  std::error_code ec;
  for (fs::directory_iterator it(m_dir, ec), end; !ec && it != end; it.increment(ec)) {
    names.push_back(it->path().filename().string());
  }
  if (ec) return {};  // unreadable: never quiet
  std::sort(names.begin(), names.end());
  for (const auto& name : names) out += stat_line(m_dir / name);
  return out;
}

Quiet::Quiet(fs::path journal, fs::path dir, fs::path config, fs::path stamp)
    : m_journal(std::move(journal)), m_dir(std::move(dir)), m_config(std::move(config)), m_stamp(std::move(stamp)) {
  m_before = fingerprint();
}

bool Quiet::known() const {
  if (m_before.empty()) return false;
  std::ifstream in(m_stamp, std::ios::binary);
  if (!in) return false;
  std::ostringstream kept;
  kept << in.rdbuf();
  return kept.str() == m_before;
}

void Quiet::remember() const {
  if (m_before.empty() || fingerprint() != m_before) return;  // something changed meanwhile: no stamp
  std::error_code ec;
  try {
    make_private_dir(m_stamp.parent_path());
  } catch (const Error&) {
    return;  // only a cache: the next sync takes the long way
  }
  const fs::path tmp = m_stamp.string() + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return;  // only a cache: the next sync takes the long way
  const bool written = ::write(fd, m_before.data(), m_before.size()) == static_cast<ssize_t>(m_before.size());
  ::close(fd);
  if (!written || ::rename(tmp.c_str(), m_stamp.c_str()) != 0) fs::remove(tmp, ec);
}

void Quiet::forget() const {
  std::error_code ec;
  fs::remove(m_stamp, ec);
}

}  // namespace psoas::sync
