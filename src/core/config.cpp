// The user's settings: config.toml read with toml++, every value checked.
#include "psoas/config.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "psoas/content.hpp"
#include "psoas/error.hpp"
#include "psoas/paths.hpp"

namespace psoas {
namespace {

// "config.toml:3:9".
std::string where(std::string_view file, const toml::source_region& r) {
  return fmt::format("{}:{}:{}", file, r.begin.line, r.begin.column);
}

// How a value reads in a message: strings quoted, other scalars as written, else its kind.
std::string describe(const toml::node& n) {
  if (auto s = n.value_exact<std::string>()) return fmt::format("\"{}\"", *s);
  if (auto b = n.value_exact<bool>()) return *b ? "true" : "false";
  if (auto i = n.value_exact<std::int64_t>()) return std::to_string(*i);
  if (auto f = n.value_exact<double>()) return fmt::format("{}", *f);
  if (n.is_table()) return "a table";
  if (n.is_array()) return "an array";
  if (n.is_time()) return "a time";
  if (n.is_date()) return "a date";
  return "a date-time";
}

// One key's value, with what a message about it needs.
struct Setting {
  std::string_view file;
  std::string_view key;
  const toml::node& node;

  // "config.toml:3:9: key: why".
  [[noreturn]] void fail(std::string_view why, std::string hint = {}) const {
    throw UsageError("config", fmt::format("{}: {}: {}", where(file, node.source()), key, why),
                     std::move(hint));
  }
  [[noreturn]] void expected(std::string_view what) const {
    fail(fmt::format("expected {}, got {}", what, describe(node)));
  }
};

bool read_bool(const Setting& s) {
  if (auto b = s.node.value_exact<bool>()) return *b;
  s.expected("true or false");
}

// "5s", "1m30s", or a whole number of seconds.
std::chrono::seconds read_duration(const Setting& s) {
  constexpr std::string_view what = "a duration such as \"45s\", \"2m\" or \"1h30m\"";
  if (auto i = s.node.value_exact<std::int64_t>()) {
    if (*i <= 0 || std::chrono::seconds{*i} > when::max_duration) s.expected(what);
    return std::chrono::seconds{*i};
  }
  auto text = s.node.value_exact<std::string>();
  if (!text) s.expected(what);
  try {
    return when::parse_duration(*text);
  } catch (const UsageError& e) {
    s.fail(e.what(), e.hint());
  }
}

std::chrono::weekday read_week_start(const Setting& s) {
  auto text = s.node.value_exact<std::string>();
  if (text == "monday") return std::chrono::Monday;
  if (text == "sunday") return std::chrono::Sunday;
  s.expected("\"monday\" or \"sunday\"");
}

// "HH:MM" from 00:00 to 23:59 (a TOML local time such as 04:00:00 also reads).
std::chrono::seconds read_day_start(const Setting& s) {
  constexpr std::string_view what = "a time \"HH:MM\" from \"00:00\" to \"23:59\"";
  if (auto t = s.node.value_exact<toml::time>()) {
    if (t->second != 0 || t->nanosecond != 0) s.expected(what);
    return std::chrono::hours{t->hour} + std::chrono::minutes{t->minute};
  }
  auto text = s.node.value_exact<std::string>();
  if (!text || text->size() != 5 || (*text)[2] != ':') s.expected(what);
  const std::string& v = *text;
  for (int i : {0, 1, 3, 4}) {
    if (v[i] < '0' || v[i] > '9') s.expected(what);
  }
  const int h = (v[0] - '0') * 10 + (v[1] - '0');
  const int m = (v[3] - '0') * 10 + (v[4] - '0');
  if (h > 23 || m > 59) s.expected(what);
  return std::chrono::hours{h} + std::chrono::minutes{m};
}

// Digits, optionally after a leading "+": "112", "+441234567890".
std::string read_phone_number(const Setting& s) {
  constexpr std::string_view what = "a phone number of digits such as \"112\" or \"+4499\"";
  auto text = s.node.value_exact<std::string>();
  if (!text) s.expected(what);
  const std::string_view digits = std::string_view(*text).substr(text->starts_with('+') ? 1 : 0);
  if (digits.empty()) s.expected(what);
  for (char c : digits) {
    if (c < '0' || c > '9') s.expected(what);
  }
  return *text;
}

// A text value read by one of remind's parsers, whose UsageError becomes file:line:column.
template <class F>
auto read_text(const Setting& s, std::string_view what, F parse) {
  auto text = s.node.value_exact<std::string>();
  if (!text) s.expected(what);
  try {
    return parse(*text);
  } catch (const UsageError& e) {
    s.fail(e.what(), e.hint());
  }
}

int read_max_snoozes(const Setting& s) {
  auto i = s.node.value_exact<std::int64_t>();
  if (!i || *i < 0 || *i > 20) s.expected("a whole number from 0 to 20");
  return static_cast<int>(*i);
}

// A folder: absolute, or "~/..." (read from $HOME by the CLI); "" turns sync off.
std::string read_sync_dir(const Setting& s) {
  constexpr std::string_view what = "a folder such as \"~/Sync/psoas\" (absolute or under ~)";
  auto text = s.node.value_exact<std::string>();
  if (!text) s.expected(what);
  if (!text->empty() && !text->starts_with('/') && *text != "~" && !text->starts_with("~/")) s.expected(what);
  return *text;
}

using Reader = void (*)(Config&, const Setting&);

struct Key {
  std::string_view name;
  Reader read;
  std::string_view fallback;  // the default as config.toml would write it, for warnings
};

// Every key config.toml may hold.
constexpr std::array<Key, 19> keys{{
    {"bell", [](Config& c, const Setting& s) { c.bell = read_bool(s); }, R"(true)"},
    {"voice", [](Config& c, const Setting& s) { c.voice = read_bool(s); }, R"(false)"},
    {"prepare", [](Config& c, const Setting& s) { c.prepare = read_duration(s); }, R"("5s")"},
    {"switch_sides", [](Config& c, const Setting& s) { c.switch_sides = read_duration(s); }, R"("5s")"},
    {"rest", [](Config& c, const Setting& s) { c.rest = read_duration(s); }, R"("15s")"},
    {"break_every", [](Config& c, const Setting& s) { c.break_every = read_duration(s); }, R"("55m")"},
    {"snooze", [](Config& c, const Setting& s) { c.snooze = read_duration(s); }, R"("5m")"},
    {"emergency_number",
     [](Config& c, const Setting& s) { c.emergency_number = read_phone_number(s); }, ""},  // follows the locale
    {"week_start", [](Config& c, const Setting& s) { c.calendar.week_start = read_week_start(s); }, R"("monday")"},
    {"day_starts_at",
     [](Config& c, const Setting& s) { c.calendar.day_start = read_day_start(s); }, R"("00:00")"},
    {"hook_timeout", [](Config& c, const Setting& s) { c.hook_timeout = read_duration(s); }, R"("5s")"},
    {"work_hours", [](Config& c, const Setting& s) {
       c.work_hours = read_text(s, "work hours \"HH:MM-HH:MM\"", [](std::string_view t) { return remind::parse_work_hours(t, "work_hours"); });
     }, R"("09:00-17:30")"},
    {"work_days", [](Config& c, const Setting& s) {
       c.work_days = read_text(s, "days such as \"mon-fri\"", [](std::string_view t) { return remind::parse_days(t, "work_days"); });
     }, R"("mon-fri")"},
    {"max_snoozes", [](Config& c, const Setting& s) { c.max_snoozes = read_max_snoozes(s); }, R"(2)"},
    {"log_at", [](Config& c, const Setting& s) {
       c.log_at = read_text(s, "a time \"HH:MM\"", [](std::string_view t) { return remind::parse_time_of_day(t, "log_at"); });
     }, R"("20:00")"},
    {"weekly", [](Config& c, const Setting& s) {
       c.weekly = read_text(s, "a day and time such as \"sun 18:00\"", [](std::string_view t) { return remind::parse_weekly(t, "weekly"); });
     }, R"("sun 18:00")"},
    {"terminal", [](Config& c, const Setting& s) {
       c.terminal = read_text(s, "a command such as \"x-terminal-emulator -e\"", [&s](std::string_view t) {
         if (t.find_first_not_of(" \t") == std::string_view::npos) s.expected("a command such as \"x-terminal-emulator -e\"");
         return std::string(t);
       });
     }, R"("x-terminal-emulator -e")"},
    {"ask_pain", [](Config& c, const Setting& s) { c.ask_pain = read_bool(s); }, R"(true)"},
    {"sync_dir", [](Config& c, const Setting& s) { c.sync_dir = read_sync_dir(s); }, R"("")"},
}};

// The default `key` keeps, as config.toml would write it.
std::string fallback_of(const Key& key, const Config& defaults) {
  if (key.name == "emergency_number") return fmt::format("\"{}\"", defaults.emergency_number);
  return std::string(key.fallback);
}

const Key* find_key(std::string_view name) {
  const auto* k = std::find_if(keys.begin(), keys.end(), [&](const Key& candidate) { return candidate.name == name; });
  return k == keys.end() ? nullptr : k;
}

// "did you mean X?" (strict); lenient, also the default X keeps.
UsageError unknown_key(std::string_view file, const toml::key& key, const Config& defaults, bool strict) {
  std::vector<std::string> names;
  for (const Key& k : keys) names.emplace_back(k.name);
  const std::string guess = closest_match(key.str(), names);
  std::string hint;
  if (!guess.empty()) hint = fmt::format("did you mean {}?", guess);
  if (!guess.empty() && !strict) hint += fmt::format(" it keeps its default {}", fallback_of(*find_key(guess), defaults));
  return UsageError("config", fmt::format("{}: {}: unknown key", where(file, key.source()), key.str()), std::move(hint));
}

toml::table parse_toml(std::string_view text, std::string_view name) {
  try {
    return toml::parse(text, name);
  } catch (const toml::parse_error& e) {
    throw UsageError("config", fmt::format("{}: {}", where(name, e.source()), e.description()));
  }
}

// "what (hint)".
std::string line_of(const UsageError& e) {
  return e.hint().empty() ? std::string(e.what()) : fmt::format("{} ({})", e.what(), e.hint());
}

// Every key of `text` over `defaults`. Strict: the first problem throws. Lenient: each
// problem is a warning and the key keeps its default.
Config parse(std::string_view text, std::string_view name, Config config, bool strict) {
  toml::table table;
  try {
    table = parse_toml(text, name);
  } catch (const UsageError& e) {
    if (strict) throw;
    config.warnings.push_back(line_of(e) + "; using the defaults for every key");
    return config;
  }
  // toml++ keeps keys sorted; the warnings follow the file's order.
  std::vector<std::pair<std::pair<std::uint32_t, std::uint32_t>, std::string>> found;
  for (const auto& [key, node] : table) {
    const std::pair<std::uint32_t, std::uint32_t> at{key.source().begin.line, key.source().begin.column};
    const Key* k = find_key(key.str());
    if (!k) {
      UsageError e = unknown_key(name, key, config, strict);
      if (strict) throw e;
      found.emplace_back(at, fmt::format("{}; ignored{}", e.what(), e.hint().empty() ? "" : fmt::format(" ({})", e.hint())));
      continue;
    }
    try {
      k->read(config, Setting{name, key.str(), node});
    } catch (const UsageError& e) {
      if (strict) throw;
      found.emplace_back(at, fmt::format("{}; using {}", line_of(e), fallback_of(*k, config)));
    }
  }
  std::sort(found.begin(), found.end());
  for (auto& f : found) config.warnings.push_back(std::move(f.second));
  return config;
}

}  // namespace

Config parse_config(std::string_view text, std::string_view name, Config defaults) {
  return parse(text, name, std::move(defaults), true);
}

Config read_config(std::string_view text, std::string_view name, Config defaults) {
  return parse(text, name, std::move(defaults), false);
}

std::string set_config_keys(std::string_view text, const std::vector<std::pair<std::string, std::string>>& values) {
  std::vector<std::string> lines;
  while (!text.empty()) {
    auto nl = text.find('\n');
    lines.emplace_back(text.substr(0, nl));
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
  }
  std::size_t first_table = lines.size();
  for (std::size_t i = 0; i < lines.size(); ++i) {
    auto start = lines[i].find_first_not_of(" \t");
    if (start != std::string::npos && lines[i][start] == '[') {
      first_table = i;
      break;
    }
  }
  for (const auto& [key, value] : values) {
    std::string line = key + " = " + value;
    bool replaced = false;
    for (std::size_t i = 0; i < first_table && !replaced; ++i) {
      std::string_view l = lines[i];
      auto start = l.find_first_not_of(" \t");
      if (start == std::string_view::npos || !l.substr(start).starts_with(key)) continue;
      auto rest = l.substr(start + key.size());
      auto eq = rest.find_first_not_of(" \t");
      if (eq != std::string_view::npos && rest[eq] == '=') {
        lines[i] = line;
        replaced = true;
      }
    }
    if (!replaced) lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(first_table++), line);
  }
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

Config load_config(const std::filesystem::path& file, Config defaults) {
  std::error_code ec;
  const auto status = std::filesystem::status(file, ec);
  if (status.type() == std::filesystem::file_type::not_found) return defaults;
  auto unreadable = [&](std::string why) {
    defaults.warnings.push_back(fmt::format("cannot read {}: {}; using the defaults for every key", file.string(), why));
    return defaults;
  };
  if (std::filesystem::is_directory(status)) return unreadable("it is a directory");
  std::ifstream in(file, std::ios::binary);
  if (!in) return unreadable(std::strerror(errno));
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) return unreadable("a read failed");
  return read_config(text, file.string(), std::move(defaults));
}

std::string default_emergency_number(const Environment& env) {
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const auto v = env.get(name);
    if (!v) continue;
    // language[_TERRITORY][.codeset][@modifier]
    const auto underscore = v->find('_');
    if (underscore == std::string::npos) return "112";
    const std::string territory = v->substr(underscore + 1, v->find_first_of(".@", underscore) - underscore - 1);
    if (territory == "US" || territory == "CA") return "911";
    if (territory == "GB") return "999";
    return "112";
  }
  return "112";
}

}  // namespace psoas
