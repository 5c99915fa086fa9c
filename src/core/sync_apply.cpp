// Applying another device's file: its complete lines from the stored position, checked,
// inserted once each (device, stamp), the records they touch folded again from all their
// changes, and the new position, all in one transaction a chunk. A bad line stops that file.
#include <fmt/format.h>

#include <map>

#include "psoas/error.hpp"
#include "psoas/sync.hpp"

namespace psoas::sync {
namespace fs = std::filesystem;

namespace {

constexpr std::size_t chunk_bytes = 4 << 20;

// The changes of one chunk, with the line each came from.
struct Batch {
  std::vector<Change> changes;
  std::vector<std::size_t> lines;
  std::uint64_t end = 0;          // the offset after the last good line
  std::optional<LineError> error; // the line that stopped the file
};

// Reads the lines of `chunk` (starting at `offset`, after `line` lines) until a bad one.
Batch read_batch(const Chunk& chunk, std::uint64_t offset, std::size_t line, const std::string& device) {
  Batch b;
  b.end = offset;
  std::string_view rest = chunk.text;
  while (!rest.empty()) {
    const std::size_t nl = rest.find('\n');
    ++line;
    try {
      b.changes.push_back(parse_line(rest.substr(0, nl), line, device));
    } catch (const LineError& e) {
      b.error = e;
      return b;
    }
    b.lines.push_back(line);
    b.end += nl + 1;
    rest.remove_prefix(nl + 1);
  }
  return b;
}

// A record whose folded state the journal will not take (a hand-edited file).
struct Unreadable {
  std::size_t line;
  std::string why;
};

// Inserts the batch's changes, folds every record they touched and puts it; returns how
// many changes were new.
std::size_t insert_and_fold(Journal& j, const Batch& b) {
  std::size_t added = 0;
  std::map<std::string, std::pair<std::string, std::size_t>> touched;  // uuid -> kind, last line
  const std::vector<bool> inserted = j.insert_changes(b.changes);
  for (std::size_t i = 0; i < b.changes.size(); ++i) {
    if (!inserted[i]) continue;
    ++added;
    touched[b.changes[i].record] = {b.changes[i].kind, b.lines[i]};
  }
  std::vector<std::string> uuids;
  uuids.reserve(touched.size());
  for (const auto& t : touched) uuids.push_back(t.first);
  j.each_record_changes(uuids, [&](const std::string& uuid, std::vector<Change> changes) {
    const auto& [kind, line] = touched[uuid];
    try {
      j.put_record(kind, uuid, fold(changes));
    } catch (const UsageError& e) {
      throw Unreadable{line, fmt::format("the {} {} does not read back: {}", kind, uuid, e.what())};
    }
  });
  return added;
}

}  // namespace

void Run::apply_file(const std::string& device, const fs::path& path, Result& r) {
  SyncPosition pos = m_positions.count(device) ? m_positions[device] : SyncPosition{device, 0, 0, 0};
  Chunk chunk = read_lines(path, static_cast<std::uint64_t>(pos.offset), chunk_bytes);
  if (chunk.size < static_cast<std::uint64_t>(pos.offset)) {  // written again from its start
    pos = SyncPosition{device, 0, 0, 0};
    chunk = read_lines(path, 0, chunk_bytes);
  }
  if (pos.offset == 0 && !chunk.text.empty() && !looks_like_change_log(chunk.text.substr(0, chunk.text.find('\n')))) {
    r.warnings.push_back(fmt::format("{}: not a psoas change log; skipped", path.string()));
    return;
  }
  bool counted = false;
  while (!chunk.text.empty()) {
    Batch b = read_batch(chunk, static_cast<std::uint64_t>(pos.offset), static_cast<std::size_t>(pos.line), device);
    SyncPosition next{device, static_cast<std::int64_t>(b.end), pos.line + static_cast<std::int64_t>(b.changes.size()), millis(m_now)};
    std::size_t added = 0;
    try {
      if (!b.changes.empty()) {
        m_journal.transaction([&] {
          added = insert_and_fold(m_journal, b);
          m_journal.set_sync_position(next);
        });
      }
    } catch (const Unreadable& u) {
      r.errors.push_back(fmt::format("{}:{}: {}", path.string(), u.line, u.why));
      return;
    }
    pos = next;
    m_positions[device] = pos;
    r.applied += added;
    if (added > 0 && !counted) {
      r.devices.push_back(device);
      counted = true;
    }
    if (b.error) {
      r.errors.push_back(fmt::format("{}:{}: {}", path.string(), b.error->line, b.error->why));
      r.newer = r.newer || b.error->newer_version > 0;
      return;
    }
    chunk = read_lines(path, static_cast<std::uint64_t>(pos.offset), chunk_bytes);
  }
}

}  // namespace psoas::sync
