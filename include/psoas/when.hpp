#pragma once
// Dates, times, durations and ranges as users type them. Every function is a pure
// function of (text, now, zone): nothing here reads the clock. Parsers ignore leading and
// trailing blanks and letter case ("Mon", "2026-w47", "1H30M" all read).

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "psoas/clock.hpp"

namespace psoas::when {

// A time zone: the UTC offset at an instant, and the instant a local time names.
class Zone {
 public:
  virtual ~Zone() = default;
  // The zone's offset from UTC at `t` (e.g. +3600s for CET).
  virtual std::chrono::seconds offset_at(Instant t) const = 0;
  // The instant a local wall time names. In a DST gap it moves forward past the gap by the
  // gap's length (02:30 in a 02:00->03:00 gap is 03:30 new time); in a repeated hour it
  // picks the earlier instant (the first 02:30).
  virtual Instant from_local(std::chrono::local_seconds t) const = 0;
};

// The process's zone through the C library ($TZ, else /etc/localtime). POSIX rule
// strings such as "CET-1CEST,M3.5.0,M10.5.0/3" work without tzdata.
const Zone& system_zone();

// A zone that is always `offset` from UTC.
class FixedZone final : public Zone {
 public:
  explicit FixedZone(std::chrono::seconds offset) : m_offset(offset) {}
  std::chrono::seconds offset_at(Instant) const override { return m_offset; }
  Instant from_local(std::chrono::local_seconds t) const override {
    return Instant{t.time_since_epoch() - m_offset};
  }

 private:
  std::chrono::seconds m_offset;
};

// A half-open span of time [from, to).
struct Range {
  Instant from;
  Instant to;
  bool operator==(const Range&) const = default;
};

// Settings that shape what "a day" and "a week" mean (config: week_start, day_starts_at).
struct Calendar {
  std::chrono::weekday week_start = std::chrono::Monday;
  // A local time of day before which an instant counts toward the previous day.
  std::chrono::seconds day_start{0};
};

// Parses a moment: ISO 8601 date ("2026-11-20", start of that local day) or date-time
// ("2026-11-20T21:00", "2026-11-20 21:00", optional seconds (fractions are dropped), and
// "Z", "+01:00", "+0100" or "+01"), "now", "today", "yesterday", "-3d", "-2h", "-30m", a
// weekday name ("mon", "monday": the most recent one, today included), "HH:MM" (today),
// "yesterday 21:00", "mon 08:30" (also "today 08:00", "HH:MM:SS").
// Days are calendar days from local midnight (Calendar.day_start plays no part here).
// "-3d" and "-2w" keep the wall-clock time (3 local days ago, even across a DST change);
// "-2h", "-30m", "-45s", "-1h30m" are exact durations before `now`. Hours may have one
// digit ("8:30"). Nothing else reads: no "tomorrow" (future dates are refused elsewhere).
// Throws UsageError("time", "cannot read '<text>' as a date or time ...").
Instant parse_instant(std::string_view text, Instant now, const Zone& zone);

// The longest duration parse_duration accepts (366 days), so no caller can overflow.
inline constexpr std::chrono::seconds max_duration = std::chrono::hours{24 * 366};

// Parses a duration: "45s", "2m", "1h30m", "1h", "90" (seconds), "1m30s", "1h0m5s".
// Units h, m, s each appear at most once, in that order; whole numbers only.
// Throws UsageError("duration", ...) for empty, malformed, zero or negative durations,
// units out of order or repeated ("30s1h"), and anything longer than max_duration.
std::chrono::seconds parse_duration(std::string_view text);

// How reading a duration went: parse_duration's reader, for callers (content files) that
// word their own messages and set their own limits.
enum class DurationScan { ok, malformed, fraction, order, zero, negative, too_long };

// A duration read without throwing: the status, and the value when it is ok.
struct ScannedDuration {
  DurationScan status = DurationScan::malformed;
  std::chrono::seconds value{};
};

// Reads `text` as parse_duration does (the same syntax and max_duration), without throwing.
ScannedDuration scan_duration(std::string_view text);

// Parses a range of whole local days: "today", "yesterday", "week" (this whole week,
// starting on cal.week_start), "last-week", "month" (this whole calendar month),
// "last-month", "7d" (the last 7 days ending with today), "2w" (the last 14 days), an ISO
// date (that day), "2026-11" (that month), ISO week "2026-W47" (ISO 8601 weeks always
// start on Monday, whatever cal.week_start says; week 1 holds the year's first Thursday).
// Days begin at cal.day_start, so "today" at 01:30 with day_start 04:00 is the previous
// calendar day, 04:00 to 04:00. A local day is 23 or 25 hours long across a DST change.
// Throws UsageError("range", ...) on anything else.
Range parse_range(std::string_view text, Instant now, const Zone& zone, const Calendar& cal = {});

// Days named by `text`: anything parse_range reads, or a weekday name (that day, the most
// recent, today included), both honouring cal.day_start; nullopt for anything else (such
// as a moment, "-2h"). Throws UsageError for a malformed range ("0d").
std::optional<Range> parse_days(std::string_view text, Instant now, const Zone& zone, const Calendar& cal = {});

// The range from the start of `from`'s day to the end of `to`'s day (both inclusive).
// Each end is anything parse_range reads (`from` takes its start, `to` its end: "2026-11"
// to "2026-12" is two months), a weekday name (its day, honouring cal.day_start), or
// anything else parse_instant reads (the day of that instant).
// Throws UsageError when from > to.
Range range_between(std::string_view from, std::string_view to, Instant now, const Zone& zone,
                    const Calendar& cal = {});

// The local calendar day `t` belongs to (honouring cal.day_start): the day d with
// day_begin(d) <= t < day_begin(d + 1), so it always agrees with parse_range's days.
std::chrono::year_month_day local_day(Instant t, const Zone& zone, const Calendar& cal = {});

// The instant the local day `d` begins (honouring cal.day_start).
Instant day_begin(std::chrono::year_month_day d, const Zone& zone, const Calendar& cal = {});

// "2026-11-20T21:00:00+01:00": the instant in local time with its offset (seconds are
// added only for an offset that has them, "+00:53:28"). parse_instant reads it back.
std::string format_local(Instant t, const Zone& zone);

// "2026-11-20T20:00:00Z".
std::string format_utc(Instant t);

// "2026-11-20": an ISO 8601 date.
std::string format_date(std::chrono::year_month_day d);

// "2026-11-20T21:00:00+01:00": `t` at a fixed UTC `offset` (seconds added only for an offset
// that has them), as the journal stores an entry's time and the exports write it.
std::string format_offset_time(Instant t, std::chrono::seconds offset);

// Reads what format_offset_time writes ("T" or a space between date and time, seconds
// optional, "Z" for UTC): the instant and the offset written with it. Nothing when the text
// is not such a time or has no offset.
std::optional<std::pair<Instant, std::chrono::seconds>> parse_offset_time(std::string_view text);

// "14:05": the local time of day of `t`.
std::string format_time_of_day(Instant t, const Zone& zone);

// "45s", "2m", "1h30m", "1h0m5s" -> canonical short form; 0 -> "0s"; negative -> "-45s".
// parse_duration reads every positive result back.
std::string format_duration(std::chrono::seconds d);

// "00:45", "12:05", "1:02:03": a countdown display; negative -> "-00:05".
std::string format_clock(std::chrono::seconds d);

}  // namespace psoas::when
