#include "psoas/timer_status.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "journal_json.hpp"
#include "psoas/error.hpp"
#include "psoas/json.hpp"
#include "psoas/when.hpp"

namespace psoas {
namespace fs = std::filesystem;
using std::chrono::milliseconds;
using std::chrono::seconds;

namespace {

const jsonread::Value* member(const jsonread::Value& o, std::string_view key) {
  for (const auto& m : o.members) {
    if (m.first == key) return &m.second;
  }
  return nullptr;
}

std::optional<std::string> string_of(const jsonread::Value& o, std::string_view key) {
  const auto* v = member(o, key);
  if (!v || v->type != jsonread::Value::Type::string) return std::nullopt;
  return v->text;
}

std::optional<double> number_of(const jsonread::Value& o, std::string_view key) {
  const auto* v = member(o, key);
  if (!v || v->type != jsonread::Value::Type::number) return std::nullopt;
  char* end = nullptr;
  double d = std::strtod(v->text.c_str(), &end);
  if (end != v->text.c_str() + v->text.size()) return std::nullopt;
  return d;
}

std::optional<std::int64_t> integer_of(const jsonread::Value& o, std::string_view key) {
  auto d = number_of(o, key);
  if (!d || *d != static_cast<double>(static_cast<std::int64_t>(*d))) return std::nullopt;
  return static_cast<std::int64_t>(*d);
}

}  // namespace

fs::path status_file(const fs::path& runtime_dir) { return runtime_dir / "timer.json"; }

std::string status_json(const TimerStatus& s) {
  json::Object o;
  o.add("pid", s.pid).add("command", s.command).add("name", s.name).add("phase", s.phase).add("title", s.title);
  o.add("paused", s.paused);
  if (s.deadline) o.add("deadline", static_cast<std::int64_t>(s.deadline->time_since_epoch().count()));
  else o.add_null("deadline");
  o.add("left_ms", static_cast<std::int64_t>(s.left.count())).add("scale", s.scale);
  return o.str();
}

std::optional<TimerStatus> parse_status(std::string_view text) {
  jsonread::Value v;
  try {
    v = jsonread::parse(text);
  } catch (const jsonread::ParseError&) {
    return std::nullopt;
  }
  if (v.type != jsonread::Value::Type::object) return std::nullopt;
  TimerStatus s;
  auto pid = integer_of(v, "pid");
  auto command = string_of(v, "command");
  auto name = string_of(v, "name");
  auto phase = string_of(v, "phase");
  auto title = string_of(v, "title");
  auto left = integer_of(v, "left_ms");
  auto scale = number_of(v, "scale");
  const auto* paused = member(v, "paused");
  const auto* deadline = member(v, "deadline");
  if (!pid || *pid <= 0 || !command || !name || !phase || !title || !left || !scale || !(*scale > 0) || !paused ||
      paused->type != jsonread::Value::Type::boolean || !deadline) {
    return std::nullopt;
  }
  if (deadline->type != jsonread::Value::Type::null) {
    auto ms = integer_of(v, "deadline");
    if (!ms) return std::nullopt;
    s.deadline = WallTime{milliseconds{*ms}};
  }
  s.pid = *pid;
  s.command = *command;
  s.name = *name;
  s.phase = *phase;
  s.title = *title;
  s.paused = paused->boolean;
  s.left = milliseconds{*left};
  s.scale = *scale;
  return s;
}

std::optional<seconds> status_remaining(const TimerStatus& s, WallTime now) {
  milliseconds left = s.left;
  if (!s.paused) {
    if (!s.deadline) return std::nullopt;
    // Real time to the deadline, back in the timer's own time.
    left = milliseconds{static_cast<std::int64_t>(static_cast<double>((*s.deadline - now).count()) / s.scale)};
  }
  if (left < milliseconds{0}) return seconds{0};
  return std::chrono::ceil<seconds>(left);
}

bool status_stale(const TimerStatus& s, WallTime now) {
  return !s.paused && s.deadline && now > *s.deadline + std::chrono::minutes{1};
}

std::string status_line(const TimerStatus& s, WallTime now) {
  std::string line = s.phase;
  if (auto left = status_remaining(s, now)) line += " " + when::format_clock(*left);
  if (s.paused) line += " (paused)";
  if (!s.title.empty()) line += " " + s.title;
  // One line whatever the title holds.
  for (char& c : line) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return line;
}

std::string status_report_json(const TimerStatus& s, WallTime now) {
  std::string body = status_json(s);
  body.pop_back();  // the closing brace
  auto left = status_remaining(s, now);
  return body + fmt::format(",\"remaining\":{}}}", left ? std::to_string(left->count()) : "null");
}

void write_status(const fs::path& file, const TimerStatus& s) {
  std::string tmp = (file.parent_path() / ("." + file.filename().string() + ".XXXXXX")).string();
  int fd = ::mkstemp(tmp.data());  // mode 0600
  if (fd < 0) throw DataError(file.string(), fmt::format("cannot write: {}", std::strerror(errno)));
  const std::string text = status_json(s) + "\n";
  std::size_t done = 0;
  int err = 0;
  while (done < text.size() && !err) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno != EINTR) err = errno;
    if (n > 0) done += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0 && !err) err = errno;
  // No fsync: the file describes this moment only and lives in a tmpfs as a rule.
  if (!err && std::rename(tmp.c_str(), file.c_str()) != 0) err = errno;
  if (err) {
    std::remove(tmp.c_str());
    throw DataError(file.string(), fmt::format("cannot write: {}", std::strerror(err)));
  }
}

std::optional<TimerStatus> read_status(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return parse_status(text.str());
}

void remove_status(const fs::path& file, std::int64_t pid) {
  auto s = read_status(file);
  if (s && s->pid == pid) std::remove(file.c_str());
}

}  // namespace psoas
