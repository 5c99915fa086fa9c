// Dates, times, durations and ranges as users type them: parsing and formatting.
// Over 400 lines on purpose: one reader (Cursor and its read_* steps, normalize, the
// zone conversions) serves instants, durations, days and ranges alike, and each public
// function is a few lines over it; the formatters at the end share format_wall with it.
#include "psoas/when.hpp"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <ctime>
#include <optional>
#include <string>

#include "psoas/error.hpp"

namespace psoas::when {

using namespace std::chrono;

namespace {

// What a parser was reading, for its error messages.
struct Kind {
  std::string_view subject;
  std::string_view noun;
  std::string_view hint;
};

constexpr Kind time_kind{"time", "a date or time", "try 2026-11-20, yesterday 21:00, -3d or mon"};
constexpr Kind duration_kind{"duration", "a duration", "try 45s, 2m or 1h30m"};
constexpr Kind range_kind{"range", "a range of days",
                          "try today, week, last-week, month, 7d, 2026-11-20, 2026-11 or 2026-W47"};

// The most days "-Nd" or "7d" may reach back (about 270 years).
constexpr long long max_days = 100000;

[[noreturn]] void fail(const Kind& kind, std::string_view text, std::string_view detail = {}) {
  std::string why = fmt::format("cannot read '{}' as {}", text, kind.noun);
  if (!detail.empty()) why += fmt::format(": {}", detail);
  throw UsageError(std::string(kind.subject), why, std::string(kind.hint));
}

// Trimmed, lower-case, blanks inside collapsed to one space.
std::string normalize(std::string_view text) {
  std::string out;
  bool blank = false;
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (std::isspace(c)) {
      blank = !out.empty();
      continue;
    }
    if (blank) out += ' ';
    blank = false;
    out += static_cast<char>(std::tolower(c));
  }
  return out;
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// Reads text left to right.
class Cursor {
 public:
  explicit Cursor(std::string_view s) : m_s(s) {}
  bool at_end() const { return m_pos == m_s.size(); }
  char peek() const { return at_end() ? '\0' : m_s[m_pos]; }
  bool eat(char c) {
    if (at_end() || m_s[m_pos] != c) return false;
    ++m_pos;
    return true;
  }
  // Exactly `n` digits.
  std::optional<int> fixed(std::size_t n) {
    if (count_digits() < n) return std::nullopt;
    return take(n);
  }
  // One to `max` digits, as many as there are.
  std::optional<int> upto(std::size_t max) {
    std::size_t n = count_digits();
    if (n == 0 || n > max) return std::nullopt;
    return take(n);
  }
  // Skips any number of digits; true when there was at least one.
  bool skip_digits() {
    std::size_t n = count_digits();
    m_pos += n;
    return n > 0;
  }

 private:
  std::size_t count_digits() const {
    std::size_t n = 0;
    while (m_pos + n < m_s.size() && std::isdigit(static_cast<unsigned char>(m_s[m_pos + n]))) ++n;
    return n;
  }
  int take(std::size_t n) {
    int v = 0;
    for (std::size_t i = 0; i < n; ++i) v = v * 10 + (m_s[m_pos++] - '0');
    return v;
  }

  std::string_view m_s;
  std::size_t m_pos = 0;
};

// A validated calendar date, or a UsageError naming what is wrong with it.
year_month_day checked_date(int y, int m, int d, const Kind& kind, std::string_view text) {
  const year_month ym{year{y}, month{static_cast<unsigned>(m)}};
  if (!ym.month().ok()) fail(kind, text, fmt::format("there is no month {}", m));
  const year_month_day ymd{ym / day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) fail(kind, text, fmt::format("{:04}-{:02} has no day {}", y, m, d));
  return ymd;
}

// "2026-11-20" at the cursor.
std::optional<year_month_day> read_date(Cursor& c, const Kind& kind, std::string_view text) {
  auto y = c.fixed(4);
  if (!y || !c.eat('-')) return std::nullopt;
  auto m = c.fixed(2);
  if (!m || !c.eat('-')) return std::nullopt;
  auto d = c.fixed(2);
  if (!d) return std::nullopt;
  return checked_date(*y, *m, *d, kind, text);
}

// "8:30", "08:30", "08:30:15", "08:30:15.250" (fraction dropped) -> time since midnight.
std::optional<seconds> read_clock(Cursor& c, std::string_view text) {
  auto h = c.upto(2);
  if (!h || !c.eat(':')) return std::nullopt;
  auto m = c.fixed(2);
  if (!m) return std::nullopt;
  int s = 0;
  if (c.eat(':')) {
    auto sec = c.fixed(2);
    if (!sec) return std::nullopt;
    s = *sec;
    if (c.eat('.') && !c.skip_digits()) return std::nullopt;
  }
  if (*h > 23) fail(time_kind, text, fmt::format("there is no hour {}", *h));
  if (*m > 59) fail(time_kind, text, fmt::format("there is no minute {}", *m));
  if (s > 59) fail(time_kind, text, fmt::format("there is no second {}", s));
  return hours{*h} + minutes{*m} + seconds{s};
}

// "z", "+01:00", "-0530", "+01", "+00:53:28" -> the offset from UTC; nullopt when none.
std::optional<seconds> read_offset(Cursor& c, std::string_view text) {
  if (c.eat('z')) return seconds{0};
  const char sign = c.peek();
  if (sign != '+' && sign != '-') return std::nullopt;
  c.eat(sign);
  auto h = c.fixed(2);
  if (!h) fail(time_kind, text, "a UTC offset looks like +01:00");
  int m = 0;
  int s = 0;
  if (c.eat(':')) {
    auto mm = c.fixed(2);
    if (!mm) fail(time_kind, text, "a UTC offset looks like +01:00");
    m = *mm;
    if (c.eat(':')) {  // "+00:53:28", as format_local writes a historic local mean time
      auto ss = c.fixed(2);
      if (!ss) fail(time_kind, text, "a UTC offset looks like +01:00");
      s = *ss;
    }
  } else if (auto mm = c.fixed(2)) {
    m = *mm;
  }
  if (*h > 23 || m > 59 || s > 59) fail(time_kind, text, "the UTC offset is out of range");
  const seconds off = hours{*h} + minutes{m} + seconds{s};
  return sign == '-' ? -off : off;
}

// "mon"/"monday" ... "sun"/"sunday".
std::optional<weekday> read_weekday(std::string_view w) {
  static constexpr std::array<std::string_view, 7> names{
      "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};
  for (unsigned i = 0; i < names.size(); ++i) {
    if (w == names[i] || w == names[i].substr(0, 3)) return weekday{i};
  }
  return std::nullopt;
}

// "today", "yesterday" or a weekday name (the most recent, today included).
std::optional<sys_days> read_day_word(std::string_view w, sys_days today) {
  if (w == "today") return today;
  if (w == "yesterday") return today - days{1};
  if (auto wd = read_weekday(w)) return today - (weekday{today} - *wd);
  return std::nullopt;
}

// The local wall time of `t`.
local_seconds to_local(Instant t, const Zone& zone) {
  return local_seconds{t.time_since_epoch() + zone.offset_at(t)};
}

// The instant a local date and time of day name.
Instant at_local(sys_days d, seconds tod, const Zone& zone) {
  return zone.from_local(local_seconds{d.time_since_epoch()} + tod);
}

// The calendar day (from midnight) `now` falls on.
sys_days calendar_today(Instant now, const Zone& zone) {
  return sys_days{floor<days>(to_local(now, zone)).time_since_epoch()};
}

using Scan = DurationScan;
using Scanned = ScannedDuration;

// "90", "45s", "1h30m" -> seconds, without throwing; `s` is normalized.
Scanned scan_normalized_duration(std::string_view s) {
  if (s.empty()) return {Scan::malformed};
  if (s.front() == '-') {
    Scanned rest = scan_normalized_duration(s.substr(1));
    return {rest.status == Scan::ok || rest.status == Scan::zero ? Scan::negative : rest.status};
  }
  long long total = 0;
  std::size_t pos = 0;
  int last_rank = 3;  // h = 2, m = 1, s = 0
  while (pos < s.size()) {
    std::size_t start = pos;
    while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]))) ++pos;
    if (pos == start) return {Scan::malformed};
    if (pos - start > 12) return {Scan::too_long};
    const long long n = std::stoll(std::string(s.substr(start, pos - start)));
    if (pos == s.size()) {  // a bare number: seconds, only on its own
      if (start != 0) return {Scan::malformed};
      total = n;
      break;
    }
    const char unit = s[pos++];
    if (unit == '.' || unit == ',') return {Scan::fraction};
    const int rank = unit == 'h' ? 2 : unit == 'm' ? 1 : unit == 's' ? 0 : -1;
    if (rank < 0) return {Scan::malformed};
    if (rank >= last_rank) return {Scan::order};
    last_rank = rank;
    total += n * (rank == 2 ? 3600 : rank == 1 ? 60 : 1);
  }
  if (total == 0) return {Scan::zero};
  if (seconds{total} > max_duration) return {Scan::too_long};
  return {Scan::ok, seconds{total}};
}

// "3d", "2w", "2h", "1h30m" after the minus sign.
std::optional<Instant> read_ago(std::string_view body, std::string_view text, Instant now,
                                const Zone& zone) {
  if (body.size() >= 2 && (body.back() == 'd' || body.back() == 'w') &&
      all_digits(body.substr(0, body.size() - 1))) {
    const std::string_view digits = body.substr(0, body.size() - 1);
    if (digits.size() > 6) fail(time_kind, text, "that is too long ago");
    long long n = std::stoll(std::string(digits)) * (body.back() == 'w' ? 7 : 1);
    if (n == 0) fail(time_kind, text, "say now for now");
    if (n > max_days) fail(time_kind, text, "that is too long ago");
    return zone.from_local(to_local(now, zone) - days{n});
  }
  if (all_digits(body)) return std::nullopt;  // "-90": no unit
  const Scanned d = scan_normalized_duration(body);
  switch (d.status) {
    case Scan::ok:
      return now - d.value;
    case Scan::zero:
      fail(time_kind, text, "say now for now");
    case Scan::too_long:
      fail(time_kind, text, "that is too long ago");
    default:
      return std::nullopt;
  }
}

// A date, with an optional time and offset: "2026-11-20", "2026-11-20t21:00:00+01:00".
std::optional<Instant> read_iso(Cursor& c, std::string_view text, const Zone& zone) {
  auto date = read_date(c, time_kind, text);
  if (!date) return std::nullopt;
  if (c.at_end()) return at_local(sys_days{*date}, seconds{0}, zone);
  if (!c.eat('t') && !c.eat(' ')) return std::nullopt;
  auto tod = read_clock(c, text);
  if (!tod) return std::nullopt;
  auto offset = read_offset(c, text);
  if (!c.at_end()) return std::nullopt;
  if (offset) return Instant{sys_days{*date}} + *tod - *offset;
  return at_local(sys_days{*date}, *tod, zone);
}

std::optional<Instant> read_instant(std::string_view s, std::string_view text, Instant now,
                                    const Zone& zone) {
  if (s == "now") return now;
  if (s.starts_with('-')) return read_ago(s.substr(1), text, now, zone);
  Cursor c(s);
  if (std::isdigit(static_cast<unsigned char>(c.peek())) && s.size() > 4 && s[4] == '-') {
    return read_iso(c, text, zone);
  }
  const sys_days today = calendar_today(now, zone);
  const auto space = s.find(' ');
  if (auto day = read_day_word(s.substr(0, space), today)) {
    if (space == std::string_view::npos) return at_local(*day, seconds{0}, zone);
    Cursor rest(s.substr(space + 1));
    auto tod = read_clock(rest, text);
    if (!tod || !rest.at_end()) return std::nullopt;
    return at_local(*day, *tod, zone);
  }
  auto tod = read_clock(c, text);
  if (!tod || !c.at_end()) return std::nullopt;
  return at_local(today, *tod, zone);
}

// The Monday that starts ISO week 1 of `y`: the week holding 4 January.
sys_days iso_week_one(year y) {
  const sys_days jan4{y / January / 4};
  return jan4 - (weekday{jan4} - Monday);
}

// Whole local days [first, end).
Range days_range(sys_days first, sys_days end, const Zone& zone, const Calendar& cal) {
  return {at_local(first, cal.day_start, zone), at_local(end, cal.day_start, zone)};
}

// The whole month holding `ym`.
Range month_range(year_month ym, const Zone& zone, const Calendar& cal) {
  return days_range(sys_days{ym / 1}, sys_days{(ym + months{1}) / 1}, zone, cal);
}

// "2026-11-20", "2026-11", "2026-w47".
std::optional<Range> read_dated_range(std::string_view s, std::string_view text, const Zone& zone,
                                      const Calendar& cal) {
  Cursor c(s);
  auto y = c.fixed(4);
  if (!y || !c.eat('-')) return std::nullopt;
  if (c.eat('w')) {
    auto w = c.fixed(2);
    if (!w || !c.at_end()) return std::nullopt;
    const sys_days monday = iso_week_one(year{*y}) + weeks{*w - 1};
    const long long count = (iso_week_one(year{*y + 1}) - iso_week_one(year{*y})).count() / 7;
    if (*w < 1 || *w > count) {
      fail(range_kind, text, fmt::format("{:04} has ISO weeks 01 to {}", *y, count));
    }
    return days_range(monday, monday + weeks{1}, zone, cal);
  }
  auto m = c.fixed(2);
  if (!m) return std::nullopt;
  if (c.at_end()) {
    checked_date(*y, *m, 1, range_kind, text);
    return month_range(year{*y} / month{static_cast<unsigned>(*m)}, zone, cal);
  }
  if (!c.eat('-')) return std::nullopt;
  auto d = c.fixed(2);
  if (!d || !c.at_end()) return std::nullopt;
  const sys_days day{checked_date(*y, *m, *d, range_kind, text)};
  return days_range(day, day + days{1}, zone, cal);
}

// "7d", "2w": that many days ending with today.
std::optional<Range> read_last_days(std::string_view s, std::string_view text, sys_days today,
                                    const Zone& zone, const Calendar& cal) {
  if (s.size() < 2 || (s.back() != 'd' && s.back() != 'w')) return std::nullopt;
  const std::string_view digits = s.substr(0, s.size() - 1);
  if (!all_digits(digits)) return std::nullopt;
  if (digits.size() > 6) fail(range_kind, text, "that is too many days");
  const long long n = std::stoll(std::string(digits)) * (s.back() == 'w' ? 7 : 1);
  if (n == 0) fail(range_kind, text, "a range needs at least one day");
  if (n > max_days) fail(range_kind, text, "that is too many days");
  return days_range(today - days{n - 1}, today + days{1}, zone, cal);
}

// Every range form; nullopt when `s` is none of them.
std::optional<Range> read_range(std::string_view s, std::string_view text, Instant now,
                                const Zone& zone, const Calendar& cal) {
  const sys_days today{local_day(now, zone, cal)};
  const sys_days week = today - (weekday{today} - cal.week_start);
  const year_month this_month{year_month_day{today}.year(), year_month_day{today}.month()};
  if (s == "today") return days_range(today, today + days{1}, zone, cal);
  if (s == "yesterday") return days_range(today - days{1}, today, zone, cal);
  if (s == "week") return days_range(week, week + weeks{1}, zone, cal);
  if (s == "last-week") return days_range(week - weeks{1}, week, zone, cal);
  if (s == "month") return month_range(this_month, zone, cal);
  if (s == "last-month") return month_range(this_month - months{1}, zone, cal);
  if (auto r = read_last_days(s, text, today, zone, cal)) return r;
  return read_dated_range(s, text, zone, cal);
}

// One end of range_between: a range, a weekday's day or an instant's day.
Range read_end(std::string_view text, Instant now, const Zone& zone, const Calendar& cal) {
  if (auto r = parse_days(text, now, zone, cal)) return *r;
  const sys_days day{local_day(parse_instant(text, now, zone), zone, cal)};
  return days_range(day, day + days{1}, zone, cal);
}

// "2026-11-20T21:00:00" for a wall time.
std::string format_wall(local_seconds t) {
  const auto day = floor<days>(t);
  const hh_mm_ss hms{t - day};
  return fmt::format("{}T{:02}:{:02}:{:02}", format_date(year_month_day{sys_days{day.time_since_epoch()}}),
                     hms.hours().count(), hms.minutes().count(), hms.seconds().count());
}

// The process's zone, through localtime_r.
class SystemZone final : public Zone {
 public:
  seconds offset_at(Instant t) const override {
    const auto tt = static_cast<std::time_t>(t.time_since_epoch().count());
    std::tm tm{};
    if (localtime_r(&tt, &tm) == nullptr) return seconds{0};
    return seconds{tm.tm_gmtoff};
  }

  // The offsets a day either side cover any single change near `t`. A candidate is right
  // when the zone agrees with it at the instant it gives; two right ones mean a repeated
  // hour (take the earlier), none means a gap (keep the old offset: past the gap).
  Instant from_local(local_seconds t) const override {
    const Instant naive{t.time_since_epoch()};
    const seconds before = offset_at(naive - days{1});
    const seconds after = offset_at(naive + days{1});
    std::optional<Instant> best;
    for (seconds off : {before, after}) {
      const Instant candidate = naive - off;
      if (offset_at(candidate) == off && (!best || candidate < *best)) best = candidate;
    }
    return best ? *best : naive - before;
  }
};

}  // namespace

const Zone& system_zone() {
  static const SystemZone zone;
  return zone;
}

Instant parse_instant(std::string_view text, Instant now, const Zone& zone) {
  if (auto t = read_instant(normalize(text), text, now, zone)) return *t;
  fail(time_kind, text);
}

ScannedDuration scan_duration(std::string_view text) { return scan_normalized_duration(normalize(text)); }

seconds parse_duration(std::string_view text) {
  const Scanned d = scan_duration(text);
  switch (d.status) {
    case Scan::ok:
      return d.value;
    case Scan::malformed:
      fail(duration_kind, text);
    case Scan::fraction:
      fail(duration_kind, text, "use whole units, such as 1h30m");
    case Scan::order:
      fail(duration_kind, text, "give h, m and s at most once each, in that order");
    case Scan::zero:
      fail(duration_kind, text, "it must be longer than zero");
    case Scan::negative:
      fail(duration_kind, text, "it must be longer than zero");
    case Scan::too_long:
      fail(duration_kind, text, fmt::format("the longest is {}", format_duration(max_duration)));
  }
  fail(duration_kind, text);
}

std::optional<Range> parse_days(std::string_view text, Instant now, const Zone& zone, const Calendar& cal) {
  const std::string s = normalize(text);
  if (auto r = read_range(s, text, now, zone, cal)) return r;
  const sys_days today{local_day(now, zone, cal)};
  if (auto day = read_day_word(s, today)) return days_range(*day, *day + days{1}, zone, cal);
  return std::nullopt;
}

Range parse_range(std::string_view text, Instant now, const Zone& zone, const Calendar& cal) {
  if (auto r = read_range(normalize(text), text, now, zone, cal)) return *r;
  fail(range_kind, text);
}

Range range_between(std::string_view from, std::string_view to, Instant now, const Zone& zone,
                    const Calendar& cal) {
  const Range first = read_end(from, now, zone, cal);
  const Range last = read_end(to, now, zone, cal);
  if (first.from >= last.to) {
    throw UsageError("range", fmt::format("the start '{}' is after the end '{}'", from, to),
                     "give the earlier date first");
  }
  return {first.from, last.to};
}

// The wall clock names the day; only near a DST change can day_begin disagree with it (a
// day_start inside a gap or a repeated hour), and then day_begin decides, so that every
// instant of parse_range's days maps back to its day.
year_month_day local_day(Instant t, const Zone& zone, const Calendar& cal) {
  const seconds off = zone.offset_at(t);
  const local_seconds wall{t.time_since_epoch() + off - cal.day_start};
  sys_days d{floor<days>(wall).time_since_epoch()};
  const Instant begin = Instant{d} + cal.day_start - off;
  if (zone.offset_at(begin) == off && zone.offset_at(begin + days{1}) == off) return d;
  if (t < at_local(d, cal.day_start, zone)) {
    d -= days{1};
  } else if (t >= at_local(d + days{1}, cal.day_start, zone)) {
    d += days{1};
  }
  return year_month_day{d};
}

Instant day_begin(year_month_day d, const Zone& zone, const Calendar& cal) {
  return at_local(sys_days{d}, cal.day_start, zone);
}

std::string format_local(Instant t, const Zone& zone) { return format_offset_time(t, zone.offset_at(t)); }

std::string format_utc(Instant t) {
  return format_wall(local_seconds{t.time_since_epoch()}) + "Z";
}

std::string format_date(year_month_day d) {
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                     static_cast<unsigned>(d.day()));
}

std::string format_offset_time(Instant t, seconds offset) {
  const seconds mag = offset < seconds{0} ? -offset : offset;
  const hh_mm_ss hms{mag};
  std::string out = fmt::format("{}{}{:02}:{:02}", format_wall(local_seconds{t.time_since_epoch() + offset}),
                                offset < seconds{0} ? '-' : '+', hms.hours().count(), hms.minutes().count());
  if (hms.seconds().count() != 0) out += fmt::format(":{:02}", hms.seconds().count());
  return out;
}

std::optional<std::pair<Instant, seconds>> parse_offset_time(std::string_view text) {
  const std::string s = normalize(text);
  if (s.size() != text.size()) return std::nullopt;  // no surrounding or doubled blanks
  Cursor c(s);
  try {
    auto date = read_date(c, time_kind, text);
    if (!date || (!c.eat('t') && !c.eat(' '))) return std::nullopt;
    auto tod = read_clock(c, text);
    if (!tod) return std::nullopt;
    auto offset = read_offset(c, text);
    if (!offset || !c.at_end() || *offset > hours{18} || *offset < -hours{18}) return std::nullopt;
    return std::pair{Instant{sys_days{*date}} + *tod - *offset, *offset};
  } catch (const UsageError&) {
    return std::nullopt;
  }
}

std::string format_time_of_day(Instant t, const Zone& zone) {
  const local_seconds local = to_local(t, zone);
  const hh_mm_ss hms{local - floor<days>(local)};
  return fmt::format("{:02}:{:02}", hms.hours().count(), hms.minutes().count());
}

std::string format_duration(seconds d) {
  if (d < seconds{0}) return fmt::format("-{}", format_duration(-d));
  const hh_mm_ss hms{d};
  const auto h = hms.hours().count();
  const auto m = hms.minutes().count();
  const auto s = hms.seconds().count();
  std::string out;
  if (h > 0) out += fmt::format("{}h", h);
  if (m > 0 || (h > 0 && s > 0)) out += fmt::format("{}m", m);
  if (s > 0 || out.empty()) out += fmt::format("{}s", s);
  return out;
}

std::string format_clock(seconds d) {
  if (d < seconds{0}) return fmt::format("-{}", format_clock(-d));
  const hh_mm_ss hms{d};
  if (hms.hours().count() > 0) {
    return fmt::format("{}:{:02}:{:02}", hms.hours().count(), hms.minutes().count(),
                       hms.seconds().count());
  }
  return fmt::format("{:02}:{:02}", hms.minutes().count(), hms.seconds().count());
}

}  // namespace psoas::when
