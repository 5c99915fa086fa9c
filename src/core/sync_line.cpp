// The device file: its name, one change a line (written and read back, checked), and the
// reader that takes a file's complete lines from an offset (a half-written tail waits).
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

#include "psoas/error.hpp"
#include "psoas/hlc.hpp"
#include "psoas/json.hpp"
#include "psoas/sync.hpp"

namespace psoas::sync {
namespace fs = std::filesystem;

namespace {

constexpr std::array<std::string_view, 3> kinds{"entry", "session", "triage"};
constexpr std::array<std::string_view, 3> ops{"add", "edit", "rm"};
constexpr std::array<std::string_view, 5> origins{"user", "undo", "redo", "sync", "baseline"};

template <std::size_t N>
bool one_of(const std::array<std::string_view, N>& names, std::string_view s) {
  for (auto n : names) {
    if (n == s) return true;
  }
  return false;
}

[[noreturn]] void bad(std::size_t line, std::string why) { throw LineError{line, std::move(why), 0}; }

// The string member `key`, or a LineError saying what is wrong with it.
std::string text_of(const json::Value& o, std::string_view key, std::size_t line) {
  const json::Value* v = o.find(key);
  if (!v) bad(line, fmt::format("'{}' is missing", key));
  if (v->type != json::Value::Type::string) bad(line, fmt::format("'{}' must be a string, not {}", key, json::describe(v->type)));
  return v->text;
}

// The object member `key` as JSON text, nothing for null or a missing member.
std::optional<std::string> state_of(const json::Value& o, std::string_view key, std::size_t line) {
  const json::Value* v = o.find(key);
  if (!v || v->type == json::Value::Type::null) return std::nullopt;
  if (v->type != json::Value::Type::object) bad(line, fmt::format("'{}' must be an object or null, not {}", key, json::describe(v->type)));
  return history::text(*v);
}

// The format version of a line's object: throws LineError for a missing or newer one.
void check_version(const json::Value& o, std::size_t line) {
  const json::Value* v = o.find("psoas");
  if (!v) bad(line, "not a psoas change ('psoas' is missing)");
  int version = 0;
  if (v->type == json::Value::Type::number && v->text.size() < 6 && v->text.find_first_not_of("0123456789") == std::string::npos) {
    version = std::stoi(v->text);
  }
  if (version < 1) bad(line, fmt::format("'psoas' must be a format version such as 1, not {}", history::text(*v)));
  if (version > format_version) {
    throw LineError{line, fmt::format("written by a newer psoas (change log format {}; this psoas reads {})", version, format_version), version};
  }
}

// The op's needs: an add has `after`, an edit both, an rm `before`.
void check_states(const Change& c, std::size_t line) {
  if (c.op != "rm" && !c.after) bad(line, fmt::format("an {} needs 'after'", c.op));
  if (c.op != "add" && !c.before) bad(line, fmt::format("an {} needs 'before'", c.op == "rm" ? "rm" : "edit"));
}

}  // namespace

bool is_device_id(std::string_view id) {
  return id.size() == 16 && id.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

std::string file_name(std::string_view device) { return fmt::format("{}.jsonl", device); }

std::optional<std::string> device_of(std::string_view name) {
  if (!name.ends_with(".jsonl")) return std::nullopt;
  std::string_view stem = name.substr(0, name.size() - 6);
  if (!is_device_id(stem)) return std::nullopt;
  return std::string(stem);
}

std::string to_line(const Change& c) {
  json::Object o;
  o.add("psoas", format_version).add("device", c.device).add("stamp", c.stamp).add("kind", c.kind);
  o.add("record", c.record).add("op", c.op);
  o.add_raw("before", c.before ? std::string_view(*c.before) : std::string_view("null"));
  o.add_raw("after", c.after ? std::string_view(*c.after) : std::string_view("null"));
  if (c.batch.empty()) o.add_null("batch");
  else o.add("batch", c.batch);
  o.add("origin", c.origin);
  return o.str() + "\n";
}

Change parse_line(std::string_view text, std::size_t line, std::string_view device) {
  json::Value o;
  try {
    o = json::parse(text, line);
  } catch (const json::ParseError& e) {
    bad(line, fmt::format("not valid JSON ({})", e.what()));
  }
  if (o.type != json::Value::Type::object) bad(line, fmt::format("a change is an object, not {}", json::describe(o.type)));
  check_version(o, line);
  Change c;
  c.device = text_of(o, "device", line);
  if (c.device != device) bad(line, fmt::format("the change names device {}, not the file's {}", c.device, device));
  c.stamp = text_of(o, "stamp", line);
  if (!hlc::parse(c.stamp)) bad(line, fmt::format("'stamp' {} is not a clock stamp such as 1764547200000-000003", json::quote(c.stamp)));
  c.kind = text_of(o, "kind", line);
  if (!one_of(kinds, c.kind)) bad(line, fmt::format("unknown kind {} (this psoas knows entry, session and triage)", json::quote(c.kind)));
  c.record = text_of(o, "record", line);
  if (c.record.empty()) bad(line, "'record' is empty");
  c.op = text_of(o, "op", line);
  if (!one_of(ops, c.op)) bad(line, fmt::format("unknown op {} (this psoas knows add, edit and rm)", json::quote(c.op)));
  c.before = state_of(o, "before", line);
  c.after = state_of(o, "after", line);
  check_states(c, line);
  if (const json::Value* b = o.find("batch"); b && b->type != json::Value::Type::null) c.batch = text_of(o, "batch", line);
  if (o.find("origin")) c.origin = text_of(o, "origin", line);
  if (!one_of(origins, c.origin)) bad(line, fmt::format("unknown origin {}", json::quote(c.origin)));
  return c;
}

bool looks_like_change_log(std::string_view first_line) {
  try {
    json::Value v = json::parse(first_line);
    return v.type == json::Value::Type::object && v.find("psoas") != nullptr;
  } catch (const json::ParseError&) {
    return false;
  }
}

Chunk read_lines(const fs::path& path, std::uint64_t offset, std::size_t max_bytes) {
  auto fail = [&](int err) {
    return DataError(std::string(subject), fmt::format("cannot read {}: {}", path.string(), std::strerror(err)));
  };
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw fail(errno);
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    throw fail(err);
  }
  Chunk c;
  c.size = static_cast<std::uint64_t>(st.st_size);
  c.end = offset;
  std::uint64_t at = offset;
  std::size_t want = max_bytes;
  while (at < c.size) {
    const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(want, c.size - at));
    const std::size_t old = c.text.size();
    c.text.resize(old + n);
    ssize_t got = ::pread(fd, c.text.data() + old, n, static_cast<off_t>(at));
    if (got < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      throw fail(err);
    }
    c.text.resize(old + static_cast<std::size_t>(got));
    at += static_cast<std::uint64_t>(got);
    if (got == 0) break;  // the file shrank meanwhile
    if (c.text.find('\n', old) != std::string::npos && c.text.size() >= max_bytes) break;
    want = std::max<std::size_t>(max_bytes / 4, 4096);  // a line longer than max_bytes: read on
  }
  ::close(fd);
  // Whole lines within max_bytes, or the one line that is longer.
  std::size_t last = c.text.rfind('\n', c.text.size() <= max_bytes ? std::string::npos : max_bytes - 1);
  if (last == std::string::npos && c.text.size() > max_bytes) last = c.text.find('\n', max_bytes - 1);
  c.text.resize(last == std::string::npos ? 0 : last + 1);
  c.end = offset + c.text.size();
  return c;
}

}  // namespace psoas::sync
