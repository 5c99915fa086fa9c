// The entry flags of `psoas log` and `psoas log edit`: parsing, checking, and one-line
// display; and the selection (range and filters) of `log list` and `log export`.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <limits>
#include <optional>

#include "app.hpp"
#include "log.hpp"
#include "psoas/content.hpp"
#include "psoas/entry.hpp"
#include "psoas/error.hpp"
#include "psoas/journal_io.hpp"
#include "psoas/when.hpp"

namespace psoas::cli::logcmd {

namespace {

Location parse_where(const std::string& text) {
  Location l;
  try {
    l = parse_location(text);
  } catch (const UsageError& u) {
    throw UsageError("--where", u.what(), u.hint());
  }
  const auto& areas = known_areas();
  if (std::find(areas.begin(), areas.end(), l.area) != areas.end()) return l;
  std::string guess = closest_match(l.area, areas);
  throw UsageError("--where", fmt::format("unknown area '{}'", text),
                   guess.empty() ? fmt::format("areas: {}; add left, right or both, and =N for its pain",
                                               fmt::join(areas, ", "))
                                 : fmt::format("did you mean '{}'?", guess));
}

std::vector<std::string> parse_tags(const std::vector<std::string>& given, const std::vector<std::string>& known,
                                    const char* what, const Terminal& terminal) {
  std::vector<std::string> out;
  for (const auto& g : given) {
    std::string tag = normalise_tag(g, known);
    if (tag.empty()) continue;
    if (std::find(known.begin(), known.end(), tag) == known.end()) {
      if (std::string guess = closest_match(tag, known); !guess.empty()) {
        terminal.warn(fmt::format("{} '{}' kept as written (did you mean '{}'?)", what, tag, guess));
      }
    }
    if (std::find(out.begin(), out.end(), tag) == out.end()) out.push_back(std::move(tag));
  }
  return out;
}

std::optional<int> optional_scale(const std::string& text, const std::string& what) {
  if (text.empty()) return std::nullopt;
  return parse_scale(text, what);
}

bool given(const CLI::App& cmd, const char* name) { return cmd.count(name) > 0; }

}  // namespace

void add_entry_flags(CLI::App& cmd, EntryFlags& f) {
  cmd.add_option("-w,--where", f.where,
                 "Where it hurts: lower-back, groin, front-of-hip, buttock, thigh, leg; "
                 "with left/right/both and =N for that spot's pain (\"left groin=6\")")
      ->type_name("PLACE")
      ->delimiter(',');
  cmd.add_option("-t,--trigger", f.triggers, "What set it off: sitting, stress, running, core-workout, poor-sleep, "
                                             "dehydration, ... or your own words")
      ->type_name("TEXT")
      ->delimiter(',');
  cmd.add_option("--helped", f.helped, "What helped: heat, ice, stretch, massage, walk, rest, ... or your own words")
      ->type_name("TEXT")
      ->delimiter(',');
  cmd.add_option("-n,--note", f.note, "A note")->type_name("TEXT");
  cmd.add_option("--at", f.at, "When (default now): 21:00, yesterday 21:00, -2h, 2026-11-20T21:00, mon 08:30")
      ->type_name("WHEN");
  cmd.add_option("--enjoyment", f.enjoyment, "PEG: how much pain interfered with enjoyment of life, 0-10")
      ->type_name("0-10");
  cmd.add_option("--activity", f.activity, "PEG: how much pain interfered with general activity, 0-10")
      ->type_name("0-10");
}

int parse_scale(const std::string& text, const std::string& what) {
  int v = -1;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc{} || p != text.data() + text.size() || v < 0 || v > 10) {
    throw UsageError("log", fmt::format("{} must be a whole number from 0 to 10, not '{}'", what, text));
  }
  return v;
}

bool apply_entry_flags(const CLI::App& cmd, const EntryFlags& f, Entry& e, Services& services, Instant now) {
  bool any = false;
  if (given(cmd, "--at")) {
    try {
      e.at = when::parse_instant(f.at, now, services.zone());
    } catch (const UsageError& u) {
      throw UsageError("--at", u.what(), u.hint());
    }
    if (e.at > now + std::chrono::hours{24}) {
      throw UsageError("--at", fmt::format("'{}' is more than a day in the future", f.at));
    }
    e.utc_offset = services.zone().offset_at(e.at);
    any = true;
  }
  if (given(cmd, "--where")) {
    e.where.clear();
    for (const auto& w : f.where) {
      if (w.find_first_not_of(' ') != std::string::npos) e.where.push_back(parse_where(w));
    }
    any = true;
  }
  if (given(cmd, "--trigger")) {
    e.triggers = parse_tags(f.triggers, known_triggers(), "trigger", services.terminal());
    any = true;
  }
  if (given(cmd, "--helped")) {
    e.helped = parse_tags(f.helped, known_helped(), "helped", services.terminal());
    any = true;
  }
  if (given(cmd, "--note")) e.note = f.note, any = true;
  if (given(cmd, "--enjoyment")) e.enjoyment = optional_scale(f.enjoyment, "--enjoyment"), any = true;
  if (given(cmd, "--activity")) e.activity = optional_scale(f.activity, "--activity"), any = true;
  return any;
}

std::string describe(const Entry& e) {
  std::string stamp = when::format_offset_time(e.at, e.utc_offset);  // 2026-11-20T21:00:00+01:00
  std::string line = fmt::format("{:>4}  {} {}  pain {:>2}", e.id, stamp.substr(0, 10), stamp.substr(11, 5), e.pain);
  if (auto peg = peg_score(e)) line += fmt::format("  PEG {:.1f}", *peg);
  else if (e.enjoyment || e.activity) line += "  PEG -";
  if (!e.where.empty()) {
    std::vector<std::string> w;
    for (const auto& l : e.where) w.push_back(format_location(l));
    line += fmt::format("  where: {}", fmt::join(w, ", "));
  }
  if (!e.triggers.empty()) line += fmt::format("  triggers: {}", fmt::join(e.triggers, ", "));
  if (!e.helped.empty()) line += fmt::format("  helped: {}", fmt::join(e.helped, ", "));
  if (!e.note.empty()) {
    std::string note = e.note;
    std::replace(note.begin(), note.end(), '\n', ' ');
    std::replace(note.begin(), note.end(), '\r', ' ');
    std::replace(note.begin(), note.end(), '\t', ' ');
    line += fmt::format("  note: {}", note);
  }
  return line;
}

when::Calendar calendar(Services& services) {
  try {
    return services.config().calendar;
  } catch (const Error& e) {
    services.terminal().warn(fmt::format("{}: {} (days start at midnight, weeks on Monday)", e.subject(), e.what()));
  }
  return {};
}

// The days `text` names ("today", "mon", "week", "2026-11-20"), honouring week_start and
// day_starts_at so they start where the report's days do; nothing for a moment ("-2h",
// "21:00", "mon 08:30") or text that is not a date at all.
namespace {
std::optional<when::Range> named_days(const std::string& text, Instant now, const when::Calendar& cal,
                                      Services& services) {
  try {
    return when::parse_days(text, now, services.zone(), cal);
  } catch (const UsageError&) {
    return std::nullopt;  // "0d" and the like: parse_instant gives the error
  }
}
}  // namespace

// --since: from the start of the named days, or from a moment.
Instant parse_since(const std::string& text, const when::Calendar& cal, Services& services) {
  const Instant now = services.clock().wall_now();
  if (auto days = named_days(text, now, cal, services)) return days->from;
  try {
    return when::parse_instant(text, now, services.zone());
  } catch (const UsageError& u) {
    throw UsageError("--since", u.what(), u.hint());
  }
}

// --until: up to the end of the named days, or up to a moment.
Instant parse_until(const std::string& text, const when::Calendar& cal, Services& services) {
  const Instant now = services.clock().wall_now();
  if (auto days = named_days(text, now, cal, services)) return days->to;
  try {
    return when::parse_instant(text, now, services.zone());
  } catch (const UsageError& u) {
    throw UsageError("--until", u.what(), u.hint());
  }
}

namespace {

// Whether one of the entry's places is `want` (its side too, when `want` names one).
bool has_place(const Entry& e, const std::vector<Location>& wanted) {
  if (wanted.empty()) return true;
  for (const Location& w : wanted) {
    for (const Location& l : e.where) {
      if (l.area == w.area && (w.side == Side::none || l.side == w.side)) return true;
    }
  }
  return false;
}

// Whether `tags` holds one of `wanted` (none wanted: any).
bool has_tag(const std::vector<std::string>& tags, const std::vector<std::string>& wanted) {
  if (wanted.empty()) return true;
  return std::any_of(wanted.begin(), wanted.end(),
                     [&](const std::string& w) { return std::find(tags.begin(), tags.end(), w) != tags.end(); });
}

std::vector<std::string> tags_of(const std::vector<std::string>& given, const std::vector<std::string>& known) {
  std::vector<std::string> out;
  for (const auto& g : given) {
    if (std::string t = normalise_tag(g, known); !t.empty()) out.push_back(std::move(t));
  }
  return out;
}

}  // namespace

void add_selection(CLI::App& cmd, Selection& s) {
  cmd.add_option("--since", s.since, "From this moment or day (week, -7d, 2026-11-01, mon)")->type_name("WHEN");
  cmd.add_option("--until", s.until, "Up to this moment, or to the end of this day")->type_name("WHEN");
  cmd.add_option("--range", s.range, "These days: today, week, last-week, month, 7d, 2w, 2026-11, 2026-W47")
      ->type_name("DAYS")
      ->excludes(cmd.get_option("--since"))
      ->excludes(cmd.get_option("--until"));
  cmd.add_option("-n,--limit", s.limit, "Only the newest N entries that match")->type_name("N")->check(whole_number(1, 999'999'999));
  cmd.add_option("-w,--where", s.where, "Only entries with this place (groin, left groin, ...)")
      ->type_name("PLACE")
      ->delimiter(',');
  cmd.add_option("-t,--trigger", s.triggers, "Only entries with one of these triggers")->type_name("TEXT")->delimiter(',');
  cmd.add_option("--helped", s.helped, "Only entries where one of these helped")->type_name("TEXT")->delimiter(',');
}

bool selects_all(const Selection& s) {
  return s.since.empty() && s.until.empty() && s.range.empty() && !s.limit && s.where.empty() &&
         s.triggers.empty() && s.helped.empty();
}

std::vector<Entry> select_entries(const Selection& s, const Journal& journal, Services& services,
                                  const std::string& command) {
  const bool dated = !(s.since.empty() && s.until.empty() && s.range.empty());
  const when::Calendar cal = dated ? calendar(services) : when::Calendar{};
  Instant from{std::chrono::seconds{std::numeric_limits<std::int64_t>::min() / 2}};
  Instant to{std::chrono::seconds{std::numeric_limits<std::int64_t>::max() / 2}};
  if (!s.range.empty()) {
    try {
      const when::Range r = when::parse_range(s.range, services.clock().wall_now(), services.zone(), cal);
      from = r.from, to = r.to;
    } catch (const UsageError& u) {
      throw UsageError("--range", u.what(), u.hint());
    }
  }
  if (!s.since.empty()) from = parse_since(s.since, cal, services);
  if (!s.until.empty()) to = parse_until(s.until, cal, services);
  if (to < from) throw UsageError(command, "--until is before --since");
  std::vector<Location> places;
  for (const auto& w : s.where) places.push_back(parse_where(w));
  const auto triggers = tags_of(s.triggers, known_triggers());
  const auto helped = tags_of(s.helped, known_helped());
  const bool filtered = !places.empty() || !triggers.empty() || !helped.empty();
  auto entries = journal.entries(from, to, filtered ? std::nullopt : s.limit);
  if (!filtered) return entries;
  std::erase_if(entries, [&](const Entry& e) {
    return !has_place(e, places) || !has_tag(e.triggers, triggers) || !has_tag(e.helped, helped);
  });
  if (s.limit && entries.size() > *s.limit) entries.erase(entries.begin(), entries.end() - static_cast<std::ptrdiff_t>(*s.limit));
  return entries;
}

}  // namespace psoas::cli::logcmd
