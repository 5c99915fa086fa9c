#pragma once
// Dates, times, durations and ranges as users type them. Every function is a pure
// function of (text, now, zone): nothing here reads the clock.

#include <chrono>
#include <string>
#include <string_view>

#include "psoas/clock.hpp"

namespace psoas::when {

// A time zone: the UTC offset at an instant, and the instant a local time names.
class Zone {
 public:
  virtual ~Zone() = default;
  // The zone's offset from UTC at `t` (e.g. +3600s for CET).
  virtual std::chrono::seconds offset_at(Instant t) const = 0;
  // The instant a local wall time names. In a DST gap it moves forward past the gap;
  // in a repeated hour it picks the earlier instant.
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
// ("2026-11-20T21:00", "2026-11-20 21:00", with optional seconds and "Z"/"+01:00"),
// "now", "today", "yesterday", "-3d", "-2h", "-30m", a weekday name ("mon", "monday":
// the most recent one, today included), "HH:MM" (today), "yesterday 21:00", "mon 08:30".
// Throws UsageError("time", "cannot read '<text>' as a date or time ...").
Instant parse_instant(std::string_view text, Instant now, const Zone& zone);

// Parses a duration: "45s", "2m", "1h30m", "1h", "90" (seconds), "1m30s".
// Throws UsageError for empty, malformed, zero or negative durations.
std::chrono::seconds parse_duration(std::string_view text);

// Parses a range of whole local days: "today", "yesterday", "week" (this week),
// "last-week", "month" (this calendar month), "last-month", "7d" (the last 7 days ending
// today), "2w", an ISO date (that day), "2026-11" (that month), ISO week "2026-W47".
// Throws UsageError on anything else.
Range parse_range(std::string_view text, Instant now, const Zone& zone, const Calendar& cal = {});

// The range from the start of `from`'s day to the end of `to`'s day (both inclusive,
// as ISO dates or anything parse_instant reads). Throws UsageError when from > to.
Range range_between(std::string_view from, std::string_view to, Instant now, const Zone& zone,
                    const Calendar& cal = {});

// The local calendar day `t` belongs to (honouring cal.day_start).
std::chrono::year_month_day local_day(Instant t, const Zone& zone, const Calendar& cal = {});

// The instant the local day `d` begins (honouring cal.day_start).
Instant day_begin(std::chrono::year_month_day d, const Zone& zone, const Calendar& cal = {});

// "2026-11-20T21:00:00+01:00": the instant in local time with its offset.
std::string format_local(Instant t, const Zone& zone);

// "2026-11-20T20:00:00Z".
std::string format_utc(Instant t);

// "45s", "2m", "1h30m", "1h0m5s" -> canonical short form; 0 -> "0s".
std::string format_duration(std::chrono::seconds d);

// "00:45", "12:05", "1:02:03": a countdown display.
std::string format_clock(std::chrono::seconds d);

}  // namespace psoas::when
