// Reminders without a terminal: settings text, systemd unit and crontab text, and the install
// manifest. Pure functions of their arguments; the scheduler is in remind_schedule.cpp.
#include "psoas/remind.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cctype>

#include "psoas/error.hpp"

namespace psoas::remind {
namespace {

namespace fs = std::filesystem;
using std::chrono::weekday;

constexpr std::array<std::string_view, 7> day_names{"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
constexpr std::array<std::string_view, 7> day_cron{"0", "1", "2", "3", "4", "5", "6"};
constexpr std::array<std::string_view, 7> day_systemd{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};

std::string lower_trimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  std::string s(text);
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::optional<unsigned> day_index(std::string_view name) {
  std::string n = lower_trimmed(name);
  if (n.size() > 3) {  // "monday", "tuesday", ...
    static constexpr std::array<std::string_view, 7> full{"sunday", "monday", "tuesday", "wednesday",
                                                           "thursday", "friday", "saturday"};
    for (unsigned i = 0; i < 7; ++i)
      if (full[i] == n) return i;
    return std::nullopt;
  }
  for (unsigned i = 0; i < 7; ++i)
    if (day_names[i] == n) return i;
  return std::nullopt;
}

std::string exec(const fs::path& binary, std::string_view args) {
  return fmt::format("{} {}", quote_arg(binary.string()), args);
}

std::string unit_file(std::string_view description, std::string_view body, std::string_view install) {
  return fmt::format("{}\n[Unit]\nDescription={}\nDocumentation=man:psoas-remind(1)\n\n{}\n[Install]\nWantedBy={}\n",
                     header, description, body, install);
}

std::string on_calendar(std::string_view days_part, minutes at) {
  return fmt::format("{}*-*-* {}:00", days_part, format_time_of_day(at));
}

}  // namespace

// --- settings text --------------------------------------------------------------------------

minutes parse_time_of_day(std::string_view text, std::string_view subject, bool allow_24) {
  std::string t = lower_trimmed(text);
  auto bad = [&]() -> UsageError {
    return UsageError(std::string(subject), fmt::format("cannot read '{}' as a time of day", text),
                      allow_24 ? "use HH:MM from 00:00 to 24:00" : "use HH:MM from 00:00 to 23:59, e.g. 20:00");
  };
  if (t.size() != 5 || t[2] != ':') throw bad();
  for (int i : {0, 1, 3, 4})
    if (!std::isdigit(static_cast<unsigned char>(t[static_cast<std::size_t>(i)]))) throw bad();
  int h = (t[0] - '0') * 10 + (t[1] - '0');
  int m = (t[3] - '0') * 10 + (t[4] - '0');
  bool ok = m <= 59 && (h <= 23 || (allow_24 && h == 24 && m == 0));
  if (!ok) throw bad();
  return minutes{h * 60 + m};
}

WorkHours parse_work_hours(std::string_view text, std::string_view subject) {
  auto dash = text.find('-');
  if (dash == std::string_view::npos)
    throw UsageError(std::string(subject), fmt::format("cannot read '{}' as work hours", text), "use HH:MM-HH:MM, e.g. 09:00-17:30");
  WorkHours h{parse_time_of_day(text.substr(0, dash), subject), parse_time_of_day(text.substr(dash + 1), subject, true)};
  if (h.end <= h.start)
    throw UsageError(std::string(subject), fmt::format("'{}' ends before it starts", text), "work hours lie within one day, e.g. 09:00-17:30");
  return h;
}

Days parse_days(std::string_view text, std::string_view subject) {
  auto bad = [&](std::string_view part) {
    return UsageError(std::string(subject), fmt::format("unknown day '{}'", part), "use mon, tue, wed, thu, fri, sat, sun: e.g. mon-fri or mon,wed,fri");
  };
  Days mask = 0;
  std::string_view rest = text;
  while (true) {
    auto comma = rest.find(',');
    std::string_view part = rest.substr(0, comma);
    auto dash = part.find('-');
    auto first = day_index(part.substr(0, dash));
    if (!first) throw bad(lower_trimmed(part.substr(0, dash)));
    unsigned last = *first;
    if (dash != std::string_view::npos) {
      auto l = day_index(part.substr(dash + 1));
      if (!l) throw bad(lower_trimmed(part.substr(dash + 1)));
      last = *l;
    }
    for (unsigned i = *first;; i = (i + 1) % 7) {  // "sat-sun" wraps round
      mask |= 1U << i;
      if (i == last) break;
    }
    if (comma == std::string_view::npos) break;
    rest = rest.substr(comma + 1);
  }
  return mask;
}

Weekly parse_weekly(std::string_view text, std::string_view subject) {
  std::string t = lower_trimmed(text);
  auto space = t.find(' ');
  if (space == std::string::npos)
    throw UsageError(std::string(subject), fmt::format("cannot read '{}' as a day and time", text), "e.g. 'sun 18:00'");
  auto d = day_index(t.substr(0, space));
  if (!d) throw UsageError(std::string(subject), fmt::format("unknown day '{}'", t.substr(0, space)), "e.g. 'sun 18:00'");
  return {weekday{*d}, parse_time_of_day(t.substr(space + 1), subject)};
}

std::string format_time_of_day(minutes m) { return fmt::format("{:02}:{:02}", m.count() / 60, m.count() % 60); }

std::string format_work_hours(const WorkHours& h) {
  return format_time_of_day(h.start) + "-" + format_time_of_day(h.end);
}

std::string format_days(Days d) {
  // Runs of consecutive days from Monday: "mon-fri", "mon,wed,fri", "mon-sun".
  std::vector<std::string> parts;
  constexpr std::array<unsigned, 7> order{1, 2, 3, 4, 5, 6, 0};
  for (std::size_t i = 0; i < order.size();) {
    if (!((d >> order[i]) & 1U)) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j + 1 < order.size() && ((d >> order[j + 1]) & 1U)) ++j;
    std::string first(day_names[order[i]]);
    parts.push_back(j == i ? first : first + "-" + std::string(day_names[order[j]]));
    i = j + 1;
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ",") + p;
  return out;
}

std::string format_weekly(const Weekly& w) {
  return fmt::format("{} {}", day_names[w.day.c_encoding()], format_time_of_day(w.at));
}

// --- units and crontab --------------------------------------------------------------------

std::string quote_arg(std::string_view arg) {
  bool plain = !arg.empty() && std::all_of(arg.begin(), arg.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("/._-+:@,").find(c) != std::string_view::npos;
  });
  if (plain) return std::string(arg);
  std::string out = "'";
  for (char c : arg) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::vector<Unit> units(const fs::path& binary, const Settings& s) {
  std::string weekly_days = std::string(day_systemd[s.weekly.day.c_encoding()]) + " ";
  return {
      {"psoas-breaks.service",
       unit_file("psoas desk-break reminders during work hours",
                 fmt::format("[Service]\nType=simple\nExecStart={}\nRestart=on-failure\nRestartSec=60\n",
                             exec(binary, "remind breaks")),
                 "default.target")},
      {"psoas-log-prompt.service",
       fmt::format("{}\n[Unit]\nDescription=psoas log prompt\nDocumentation=man:psoas-remind(1)\n\n"
                   "[Service]\nType=oneshot\nExecStart={}\n",
                   header, exec(binary, "remind log-prompt"))},
      {"psoas-log-prompt.timer",
       unit_file("psoas log prompt, daily",
                 fmt::format("[Timer]\nOnCalendar={}\n", on_calendar("", s.log_at)), "timers.target")},
      {"psoas-weekly.service",
       fmt::format("{}\n[Unit]\nDescription=psoas weekly summary\nDocumentation=man:psoas-remind(1)\n\n"
                   "[Service]\nType=oneshot\nExecStart={}\n",
                   header, exec(binary, "remind weekly"))},
      {"psoas-weekly.timer",
       unit_file("psoas weekly summary",
                 fmt::format("[Timer]\nOnCalendar={}\nPersistent=true\n", on_calendar(weekly_days, s.weekly.at)),
                 "timers.target")},
  };
}

std::vector<std::string> enabled_units() {
  return {"psoas-breaks.service", "psoas-log-prompt.timer", "psoas-weekly.timer"};
}

std::string crontab(const fs::path& binary, const Settings& s, unsigned uid) {
  std::string dow;
  if (s.days == 0b1111111) {
    dow = "*";
  } else {
    for (unsigned i = 0; i < 7; ++i)
      if ((s.days >> i) & 1U) dow += (dow.empty() ? "" : ",") + std::string(day_cron[i]);
  }
  auto last_minute = s.hours.end - minutes{1};
  std::string hours = fmt::format("{}-{}", s.hours.start.count() / 60, last_minute.count() / 60);
  std::string out = fmt::format("{}\n# Add these lines with `crontab -e`; cron has no session bus of its own.\n", header);
  out += fmt::format("DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/{}/bus\n", uid);
  // Its stdout is a log line a minute; cron would mail each one. Errors still reach stderr.
  out += fmt::format("* {} * * {} {} --once >/dev/null\n", hours, dow, exec(binary, "remind breaks"));
  out += fmt::format("{} {} * * * {}\n", s.log_at.count() % 60, s.log_at.count() / 60, exec(binary, "remind log-prompt"));
  out += fmt::format("{} {} * * {} {}\n", s.weekly.at.count() % 60, s.weekly.at.count() / 60,
                     day_cron[s.weekly.day.c_encoding()], exec(binary, "remind weekly"));
  return out;
}

std::string text_hash(std::string_view text) {
  std::uint64_t h = 14695981039346656037ULL;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return fmt::format("{:016x}", h);
}

std::string format_manifest(const Manifest& m) {
  std::string out = "# psoas remind install: the files it wrote (remove deletes these, when unchanged)\n";
  for (const auto& d : m.dirs) out += fmt::format("dir {}\n", d);
  for (const auto& f : m.files) out += fmt::format("file {} {}\n", f.hash, f.name);
  return out;
}

std::optional<Manifest> parse_manifest(std::string_view text) {
  if (!text.starts_with("# psoas remind install")) return std::nullopt;
  Manifest m;
  while (!text.empty()) {
    auto nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    if (line.starts_with("dir /")) m.dirs.emplace_back(line.substr(4));
    if (line.starts_with("file ") && line.size() > 5 + 16 + 1 && line[5 + 16] == ' ') {
      std::string name(line.substr(5 + 17));
      if (name.find('/') == std::string::npos && !name.empty() && name != "." && name != "..")
        m.files.push_back({name, std::string(line.substr(5, 16))});
    }
  }
  return m;
}

namespace {

// The manifest's line for the unit file `name`, or null.
const Manifest::File* listed(const Manifest& m, std::string_view name) {
  auto it = std::find_if(m.files.begin(), m.files.end(), [&](const Manifest::File& f) { return f.name == name; });
  return it == m.files.end() ? nullptr : &*it;
}

}  // namespace

bool as_installed(const Manifest& m, std::string_view name, std::string_view text) {
  const Manifest::File* f = listed(m, name);
  return f && f->hash == text_hash(text);
}

bool changed_since_install(const Manifest& m, std::string_view name, std::string_view text) {
  const Manifest::File* f = listed(m, name);
  return f && f->hash != text_hash(text);
}

bool removable(const Manifest::File& f, std::string_view text) {
  return text.starts_with(header) && text_hash(text) == f.hash;
}

std::vector<std::string> differences(std::string_view a, std::string_view b) {
  auto lines = [](std::string_view t) {
    std::vector<std::string_view> out;
    while (!t.empty()) {
      auto nl = t.find('\n');
      out.push_back(t.substr(0, nl));
      t = nl == std::string_view::npos ? std::string_view{} : t.substr(nl + 1);
    }
    return out;
  };
  auto la = lines(a), lb = lines(b);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < std::max(la.size(), lb.size()); ++i) {
    std::string_view x = i < la.size() ? la[i] : std::string_view{};
    std::string_view y = i < lb.size() ? lb[i] : std::string_view{};
    if (x == y) continue;
    if (i < la.size()) out.push_back(fmt::format("-{}", x));
    if (i < lb.size()) out.push_back(fmt::format("+{}", y));
  }
  return out;
}

}  // namespace psoas::remind
