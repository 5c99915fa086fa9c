#include "psoas/timer_status.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include <fmt/format.h>

#include "psoas/error.hpp"
#include "psoas/files.hpp"
#include "psoas/json.hpp"
#include "psoas/when.hpp"

namespace psoas {
namespace fs = std::filesystem;
using std::chrono::milliseconds;
using std::chrono::seconds;

namespace {

const json::Value* member(const json::Value& o, std::string_view key) { return o.find(key); }

std::optional<std::string> string_of(const json::Value& o, std::string_view key) {
  const auto* v = member(o, key);
  if (!v || v->type != json::Value::Type::string) return std::nullopt;
  return v->text;
}

std::optional<double> number_of(const json::Value& o, std::string_view key) {
  const auto* v = member(o, key);
  if (!v || v->type != json::Value::Type::number) return std::nullopt;
  char* end = nullptr;
  double d = std::strtod(v->text.c_str(), &end);
  if (end != v->text.c_str() + v->text.size()) return std::nullopt;
  return d;
}

std::optional<std::int64_t> integer_of(const json::Value& o, std::string_view key) {
  auto d = number_of(o, key);
  if (!d || *d != static_cast<double>(static_cast<std::int64_t>(*d))) return std::nullopt;
  return static_cast<std::int64_t>(*d);
}

}  // namespace

fs::path status_file(const fs::path& runtime_dir) { return runtime_dir / "timer.json"; }

namespace {
// The status file's members, shared by the file and `timer --status --json`.
json::Object status_object(const TimerStatus& s) {
  json::Object o;
  o.add("pid", s.pid).add("command", s.command).add("name", s.name).add("phase", s.phase).add("title", s.title);
  o.add("paused", s.paused);
  if (s.deadline) o.add("deadline", static_cast<std::int64_t>(s.deadline->time_since_epoch().count()));
  else o.add_null("deadline");
  o.add("left_ms", static_cast<std::int64_t>(s.left.count())).add("scale", s.scale);
  return o;
}
}  // namespace

std::string status_json(const TimerStatus& s) { return status_object(s).str(); }

std::optional<TimerStatus> parse_status(std::string_view text) {
  json::Value v;
  try {
    v = json::parse(text);
  } catch (const json::ParseError&) {
    return std::nullopt;
  }
  if (v.type != json::Value::Type::object) return std::nullopt;
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
      paused->type != json::Value::Type::boolean || !deadline) {
    return std::nullopt;
  }
  if (deadline->type != json::Value::Type::null) {
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
  // left_ms as of now, as `remaining` is (the file's value is from the last pause or phase).
  TimerStatus current = s;
  if (!s.paused && s.deadline) {
    const auto real = std::chrono::duration_cast<milliseconds>(*s.deadline - now);
    current.left = std::max(milliseconds{0}, milliseconds{static_cast<std::int64_t>(static_cast<double>(real.count()) / s.scale)});
  }
  return status_object(current).add("remaining", status_remaining(s, now)).str();
}

void write_status(const fs::path& file, const TimerStatus& s) {
  files::write_atomically(file, status_json(s) + "\n", 0600, file.string(), files::Sync::none);
}

std::optional<TimerStatus> read_status(const fs::path& file) {
  auto text = files::read(file);
  if (!text) return std::nullopt;
  return parse_status(*text);
}

void remove_status(const fs::path& file, std::int64_t pid) {
  auto s = read_status(file);
  if (s && s->pid == pid) std::remove(file.c_str());
}

}  // namespace psoas
