// What `psoas sync --status` shows (read only), and a new device id for a copied journal.
#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <map>

#include "psoas/entry.hpp"
#include "psoas/error.hpp"
#include "psoas/sync.hpp"

namespace psoas::sync {
namespace fs = std::filesystem;

namespace {

std::int64_t meta_int(const Journal& j, const std::string& key) {
  auto v = j.meta(key);
  if (!v) return 0;
  try {
    return std::stoll(*v);
  } catch (const std::exception&) {
    return 0;
  }
}

// Complete lines in `path` after `offset` (0 when it cannot be read).
std::int64_t pending_lines(const fs::path& path, std::int64_t offset) {
  try {
    Chunk c = read_lines(path, static_cast<std::uint64_t>(offset), SIZE_MAX);
    if (c.size < static_cast<std::uint64_t>(offset)) c = read_lines(path, 0, SIZE_MAX);
    return static_cast<std::int64_t>(std::count(c.text.begin(), c.text.end(), '\n'));
  } catch (const DataError&) {
    return 0;
  }
}

}  // namespace

Status status(const Journal& journal, const fs::path& dir) {
  Status s;
  s.device = journal.meta("device").value_or("");
  s.dir = dir;
  if (journal.meta("sync_last")) s.last_ms = meta_int(journal, "sync_last");
  s.unsent = s.device.empty() ? 0 : journal.count_changes(s.device, meta_int(journal, "sync_sent"));
  const bool same_dir = journal.meta("sync_dir") == dir_key(dir);
  std::map<std::string, std::int64_t> offsets;
  std::map<std::string, FileStatus> files;
  for (const auto& p : journal.sync_positions()) {
    if (p.file == s.device) continue;
    FileStatus& f = files[p.file];
    f.device = p.file;
    f.lines_applied = p.line;
    f.at_ms = p.at;
    if (same_dir) offsets[p.file] = p.offset;
  }
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    auto device = device_of(e.path().filename().string());
    if (!device || *device == s.device) continue;
    FileStatus& f = files[*device];
    f.device = *device;
    f.present = true;
    f.lines_pending = pending_lines(e.path(), offsets.count(*device) ? offsets[*device] : 0);
  }
  for (auto& [device, f] : files) s.files.push_back(f);
  return s;
}

std::string new_device_id(Journal& journal) {
  std::string hex;
  for (char ch : make_uuid()) {
    if (ch != '-') hex += ch;
  }
  const std::string id = hex.substr(0, 12) + hex.substr(13, 4);  // the version digit left out
  journal.change_device_id(id, meta_int(journal, "sync_sent"));
  return id;
}

}  // namespace psoas::sync
