#include <doctest/doctest.h>

#include <cstdlib>
#include <ctime>
#include <optional>
#include <string>

#include "tz_guard.hpp"
#include "psoas/error.hpp"
#include "psoas/when.hpp"

using namespace std::chrono;
using psoas::test::TzGuard;
using psoas::Instant;
using psoas::UsageError;
namespace when = psoas::when;

namespace {

// A UTC instant from its parts.
Instant utc(int y, unsigned mo, unsigned d, int h = 0, int mi = 0, int s = 0) {
  return Instant{sys_days{year{y} / month{mo} / day{d}}} + hours{h} + minutes{mi} + seconds{s};
}

// A local wall time from its parts.
local_seconds wall(int y, unsigned mo, unsigned d, int h = 0, int mi = 0, int s = 0) {
  return local_seconds{sys_days{year{y} / month{mo} / day{d}}.time_since_epoch()} + hours{h} +
         minutes{mi} + seconds{s};
}

const when::FixedZone cet_fixed{hours{1}};
const when::FixedZone utc_zone{seconds{0}};

// Friday 2026-11-20, 15:30 local in UTC+1.
const Instant friday = utc(2026, 11, 20, 14, 30);

// parse_instant in UTC+1 at `now`, shown as UTC.
std::string at(std::string_view text, Instant now = friday, const when::Zone& zone = cet_fixed) {
  return when::format_utc(when::parse_instant(text, now, zone));
}

// A range shown in the zone's local time.
std::string show(const when::Range& r, const when::Zone& zone = cet_fixed) {
  return when::format_local(r.from, zone) + " .. " + when::format_local(r.to, zone);
}

std::string range(std::string_view text, Instant now = friday, const when::Calendar& cal = {},
                  const when::Zone& zone = cet_fixed) {
  return show(when::parse_range(text, now, zone, cal), zone);
}

std::string between(std::string_view from, std::string_view to, Instant now = friday,
                    const when::Calendar& cal = {}, const when::Zone& zone = cet_fixed) {
  return show(when::range_between(from, to, now, zone, cal), zone);
}

// The UsageError `f` throws, if any.
template <class F>
std::optional<UsageError> usage_error(F f) {
  try {
    f();
  } catch (const UsageError& e) {
    return e;
  }
  return std::nullopt;
}

constexpr const char* central_europe = "CET-1CEST,M3.5.0,M10.5.0/3";

}  // namespace

TEST_SUITE("when") {
  TEST_CASE("parse_instant reads ISO 8601 dates as the start of the local day") {
    SUBCASE("a date") {
      CHECK(at("2026-11-20") == "2026-11-19T23:00:00Z");
    }
    SUBCASE("in UTC") {
      CHECK(at("2026-11-20", friday, utc_zone) == "2026-11-20T00:00:00Z");
    }
    SUBCASE("west of UTC") {
      const when::FixedZone ny{hours{-5}};
      CHECK(at("2026-11-20", friday, ny) == "2026-11-20T05:00:00Z");
    }
    SUBCASE("new year") {
      CHECK(at("2027-01-01") == "2026-12-31T23:00:00Z");
    }
    SUBCASE("last day of a month") {
      CHECK(at("2026-04-30") == "2026-04-29T23:00:00Z");
    }
    SUBCASE("leap day") {
      CHECK(at("2024-02-29") == "2024-02-28T23:00:00Z");
    }
    SUBCASE("leap day of a century divisible by 400") {
      CHECK(at("2000-02-29") == "2000-02-28T23:00:00Z");
    }
    SUBCASE("blanks around") {
      CHECK(at("  2026-11-20 \t") == "2026-11-19T23:00:00Z");
    }
  }

  TEST_CASE("parse_instant reads ISO 8601 date-times") {
    SUBCASE("T and minutes") {
      CHECK(at("2026-11-20T21:00") == "2026-11-20T20:00:00Z");
    }
    SUBCASE("space and minutes") {
      CHECK(at("2026-11-20 21:00") == "2026-11-20T20:00:00Z");
    }
    SUBCASE("several spaces") {
      CHECK(at("2026-11-20   21:00") == "2026-11-20T20:00:00Z");
    }
    SUBCASE("seconds") {
      CHECK(at("2026-11-20T21:00:15") == "2026-11-20T20:00:15Z");
    }
    SUBCASE("fraction dropped") {
      CHECK(at("2026-11-20T21:00:15.987") == "2026-11-20T20:00:15Z");
    }
    SUBCASE("one-digit hour") {
      CHECK(at("2026-11-20T8:05") == "2026-11-20T07:05:00Z");
    }
    SUBCASE("Z") {
      CHECK(at("2026-11-20T21:00:00Z") == "2026-11-20T21:00:00Z");
    }
    SUBCASE("lower-case t and z") {
      CHECK(at("2026-11-20t21:00z") == "2026-11-20T21:00:00Z");
    }
    SUBCASE("+01:00") {
      CHECK(at("2026-11-20T21:00+01:00") == "2026-11-20T20:00:00Z");
    }
    SUBCASE("-05:30") {
      CHECK(at("2026-11-20T21:00:00-05:30") == "2026-11-21T02:30:00Z");
    }
    SUBCASE("+0100") {
      CHECK(at("2026-11-20T21:00+0100") == "2026-11-20T20:00:00Z");
    }
    SUBCASE("+01") {
      CHECK(at("2026-11-20T21:00+01") == "2026-11-20T20:00:00Z");
    }
    SUBCASE("an offset with seconds") {
      CHECK(at("1890-01-01T12:00:00+00:53:28") == "1890-01-01T11:06:32Z");
    }
    SUBCASE("+00:00") {
      CHECK(at("2026-11-20T21:00+00:00") == "2026-11-20T21:00:00Z");
    }
    SUBCASE("offset crosses midnight and the year") {
      CHECK(at("2026-12-31T23:30-01:00") == "2027-01-01T00:30:00Z");
    }
    SUBCASE("end of a day") {
      CHECK(at("2026-11-20T23:59:59") == "2026-11-20T22:59:59Z");
    }
    SUBCASE("midnight") {
      CHECK(at("2026-11-20T00:00") == "2026-11-19T23:00:00Z");
    }
    SUBCASE("leap day") {
      CHECK(at("2024-02-29T12:00Z") == "2024-02-29T12:00:00Z");
    }
  }

  TEST_CASE("parse_instant reads now, today and yesterday") {
    SUBCASE("now") {
      CHECK(at("now") == "2026-11-20T14:30:00Z");
    }
    SUBCASE("today") {
      CHECK(at("today") == "2026-11-19T23:00:00Z");
    }
    SUBCASE("yesterday") {
      CHECK(at("yesterday") == "2026-11-18T23:00:00Z");
    }
    SUBCASE("any letter case") {
      CHECK(at("NOW") == "2026-11-20T14:30:00Z");
      CHECK(at("Today") == "2026-11-19T23:00:00Z");
      CHECK(at("YesterDay") == "2026-11-18T23:00:00Z");
    }
    SUBCASE("today is the local day, not the UTC day") {
      // 23:30 UTC is already 00:30 on the 21st in UTC+1.
      CHECK(at("today", utc(2026, 11, 20, 23, 30)) == "2026-11-20T23:00:00Z");
      CHECK(at("today", utc(2026, 11, 20, 23, 30), utc_zone) == "2026-11-20T00:00:00Z");
    }
    SUBCASE("yesterday across a month") {
      CHECK(at("yesterday", utc(2026, 3, 1, 12)) == "2026-02-27T23:00:00Z");
    }
    SUBCASE("yesterday across a leap day") {
      CHECK(at("yesterday", utc(2024, 3, 1, 12)) == "2024-02-28T23:00:00Z");
    }
    SUBCASE("yesterday across a year") {
      CHECK(at("yesterday", utc(2027, 1, 1, 12)) == "2026-12-30T23:00:00Z");
    }
    SUBCASE("another now gives another day: nothing reads the clock") {
      CHECK(at("today", utc(2000, 6, 15, 12)) == "2000-06-14T23:00:00Z");
    }
  }

  TEST_CASE("parse_instant reads weekday names as the most recent such day") {
    // friday is Friday 2026-11-20.
    SUBCASE("today's weekday is today") {
      CHECK(at("fri") == "2026-11-19T23:00:00Z");
      CHECK(at("friday") == "2026-11-19T23:00:00Z");
    }
    SUBCASE("earlier this week") {
      CHECK(at("mon") == "2026-11-15T23:00:00Z");
      CHECK(at("monday") == "2026-11-15T23:00:00Z");
      CHECK(at("tue") == "2026-11-16T23:00:00Z");
      CHECK(at("wednesday") == "2026-11-17T23:00:00Z");
      CHECK(at("thu") == "2026-11-18T23:00:00Z");
    }
    SUBCASE("later weekdays are last week's") {
      CHECK(at("sat") == "2026-11-13T23:00:00Z");
      CHECK(at("sunday") == "2026-11-14T23:00:00Z");
    }
    SUBCASE("letter case") {
      CHECK(at("Mon") == "2026-11-15T23:00:00Z");
    }
    SUBCASE("with a time") {
      CHECK(at("mon 08:30") == "2026-11-16T07:30:00Z");
      CHECK(at("Saturday 23:15") == "2026-11-14T22:15:00Z");
    }
    SUBCASE("across a month") {
      // Tuesday 2026-12-01: the most recent Friday is 2026-11-27.
      CHECK(at("fri", utc(2026, 12, 1, 12)) == "2026-11-26T23:00:00Z");
    }
  }

  TEST_CASE("parse_instant reads times of day") {
    SUBCASE("HH:MM is today") {
      CHECK(at("21:00") == "2026-11-20T20:00:00Z");
    }
    SUBCASE("H:MM") {
      CHECK(at("8:30") == "2026-11-20T07:30:00Z");
    }
    SUBCASE("HH:MM:SS") {
      CHECK(at("08:30:15") == "2026-11-20T07:30:15Z");
    }
    SUBCASE("00:00") {
      CHECK(at("00:00") == "2026-11-19T23:00:00Z");
    }
    SUBCASE("23:59") {
      CHECK(at("23:59") == "2026-11-20T22:59:00Z");
    }
    SUBCASE("yesterday 21:00") {
      CHECK(at("yesterday 21:00") == "2026-11-19T20:00:00Z");
    }
    SUBCASE("today 08:00") {
      CHECK(at("today 08:00") == "2026-11-20T07:00:00Z");
    }
    SUBCASE("yesterday 21:00 on the first of the year") {
      CHECK(at("yesterday 21:00", utc(2027, 1, 1, 9)) == "2026-12-31T20:00:00Z");
    }
  }

  TEST_CASE("parse_instant reads times ago") {
    SUBCASE("-3d keeps the time of day") {
      CHECK(at("-3d") == "2026-11-17T14:30:00Z");
    }
    SUBCASE("-1d") {
      CHECK(at("-1d") == "2026-11-19T14:30:00Z");
    }
    SUBCASE("-2w") {
      CHECK(at("-2w") == "2026-11-06T14:30:00Z");
    }
    SUBCASE("-2h") {
      CHECK(at("-2h") == "2026-11-20T12:30:00Z");
    }
    SUBCASE("-30m") {
      CHECK(at("-30m") == "2026-11-20T14:00:00Z");
    }
    SUBCASE("-45s") {
      CHECK(at("-45s") == "2026-11-20T14:29:15Z");
    }
    SUBCASE("-1h30m") {
      CHECK(at("-1h30m") == "2026-11-20T13:00:00Z");
    }
    SUBCASE("-3D") {
      CHECK(at("-3D") == "2026-11-17T14:30:00Z");
    }
    SUBCASE("-30d across months") {
      CHECK(at("-30d") == "2026-10-21T14:30:00Z");
    }
    SUBCASE("-1d across a leap day") {
      CHECK(at("-1d", utc(2024, 3, 1, 10)) == "2024-02-29T10:00:00Z");
    }
    SUBCASE("-365d across a year") {
      CHECK(at("-365d") == "2025-11-20T14:30:00Z");
    }
  }

  TEST_CASE("parse_instant rejects anything else") {
    const char* const bad[] = {
        "",
        "   ",
        "tomorow",
        "tomorrow",
        "next week",
        "now now",
        "nowish",
        "today 8",
        "yesterday 21",
        "yesterday21:00",
        "yesterday 21:00 junk",
        "mo",
        "mond",
        "fri1",
        "mon 25:00",
        "12",
        "1200",
        "12:5",
        "123:00",
        "12:00:5",
        "12:00:00.",
        "24:00",
        "23:60",
        "12:00:60",
        "-",
        "-3",
        "-90",
        "-3x",
        "-3d2h",
        "--3d",
        "+3d",
        "3d",
        "-0d",
        "-0h",
        "-0w",
        "-1.5h",
        "-9999999d",
        "-999999d",
        "-1000000h",
        "26-11-20",
        "2026/11/20",
        "2026-11",
        "2026-W47",
        "2026-1-20",
        "2026-11-2",
        "2026-13-01",
        "2026-00-10",
        "2026-11-00",
        "2026-11-31",
        "2026-02-29",
        "2100-02-29",
        "2026-11-20x",
        "2026-11-20T",
        "2026-11-20T21",
        "2026-11-20T25:00",
        "2026-11-20T21:00:00junk",
        "2026-11-20T21:00Z junk",
        "2026-11-20T21:00+1",
        "2026-11-20T21:00+01:0",
        "2026-11-20T21:00+25:00",
        "2026-11-20T21:00+01:60",
        "2026-11-20T21:00+01:00:6",
        "2026-11-20T21:00+01:00:60",
        "2026-11-20Z",
        "20261120",
    };
    for (const char* text : bad) {
      CAPTURE(text);
      CHECK_THROWS_AS(when::parse_instant(text, friday, cet_fixed), UsageError);
    }
  }

  TEST_CASE("parse_instant errors say what was read and how to fix it") {
    SUBCASE("a typo") {
      auto e = usage_error([] { (void)when::parse_instant("tomorow", friday, cet_fixed); });
      REQUIRE(e);
      CHECK(e->subject() == "time");
      CHECK(std::string(e->what()) == "cannot read 'tomorow' as a date or time");
      CHECK(e->hint() == "try 2026-11-20, yesterday 21:00, -3d or mon");
      CHECK(e->exit_code() == 2);
    }
    SUBCASE("no such day") {
      auto e = usage_error([] { (void)when::parse_instant("2026-02-29", friday, cet_fixed); });
      REQUIRE(e);
      CHECK(std::string(e->what()) ==
            "cannot read '2026-02-29' as a date or time: 2026-02 has no day 29");
    }
    SUBCASE("no such month") {
      auto e = usage_error([] { (void)when::parse_instant("2026-13-01", friday, cet_fixed); });
      REQUIRE(e);
      CHECK(std::string(e->what()) ==
            "cannot read '2026-13-01' as a date or time: there is no month 13");
    }
    SUBCASE("no such hour") {
      auto e = usage_error([] { (void)when::parse_instant("24:00", friday, cet_fixed); });
      REQUIRE(e);
      CHECK(std::string(e->what()) == "cannot read '24:00' as a date or time: there is no hour 24");
    }
    SUBCASE("the text is quoted as typed") {
      auto e = usage_error([] { (void)when::parse_instant(" Tomorrow ", friday, cet_fixed); });
      REQUIRE(e);
      CHECK(std::string(e->what()) == "cannot read ' Tomorrow ' as a date or time");
    }
  }

  TEST_CASE("parse_duration reads durations") {
    SUBCASE("seconds") {
      CHECK(when::parse_duration("45s") == seconds{45});
    }
    SUBCASE("minutes") {
      CHECK(when::parse_duration("2m") == seconds{120});
    }
    SUBCASE("hours") {
      CHECK(when::parse_duration("1h") == seconds{3600});
    }
    SUBCASE("hours and minutes") {
      CHECK(when::parse_duration("1h30m") == seconds{5400});
    }
    SUBCASE("minutes and seconds") {
      CHECK(when::parse_duration("1m30s") == seconds{90});
    }
    SUBCASE("all three") {
      CHECK(when::parse_duration("1h0m5s") == seconds{3605});
    }
    SUBCASE("hours and seconds") {
      CHECK(when::parse_duration("1h5s") == seconds{3605});
    }
    SUBCASE("a bare number is seconds") {
      CHECK(when::parse_duration("90") == seconds{90});
    }
    SUBCASE("upper case") {
      CHECK(when::parse_duration("1H30M") == seconds{5400});
    }
    SUBCASE("leading zeros") {
      CHECK(when::parse_duration("05m") == seconds{300});
    }
    SUBCASE("blanks around") {
      CHECK(when::parse_duration(" 5m ") == seconds{300});
    }
    SUBCASE("a unit over its usual size") {
      CHECK(when::parse_duration("1m90s") == seconds{150});
    }
    SUBCASE("the longest") {
      CHECK(when::parse_duration("8784h") == when::max_duration);
    }
  }

  TEST_CASE("parse_duration rejects bad durations") {
    const char* const bad[] = {
        "",      " ",       "0",       "0s",  "0h0m0s", "-5s",    "-5",
        "-0s",   "1.5h",    "1,5h",    "0.5", "30s1h",  "1m1m",   "1m1h",
        "1s1m",  "5x",      "m",       "h5",  "5 m",    "1h 30m", "5s junk",
        "5sx",   "1h30",    "abc",     "1d",  "+5s",    "5ss",    "99999999999999999999s",
        "8785h", "8784h1s", "527041m",
    };
    for (const char* text : bad) {
      CAPTURE(text);
      CHECK_THROWS_AS((void)when::parse_duration(text), UsageError);
    }
  }

  TEST_CASE("parse_duration errors say why") {
    auto why = [](std::string_view text) {
      auto e = usage_error([&] { (void)when::parse_duration(text); });
      REQUIRE(e);
      CHECK(e->subject() == "duration");
      CHECK(e->hint() == "try 45s, 2m or 1h30m");
      return std::string(e->what());
    };
    SUBCASE("malformed") {
      CHECK(why("5x") == "cannot read '5x' as a duration");
    }
    SUBCASE("empty") {
      CHECK(why("") == "cannot read '' as a duration");
    }
    SUBCASE("zero") {
      CHECK(why("0s") == "cannot read '0s' as a duration: it must be longer than zero");
    }
    SUBCASE("negative") {
      CHECK(why("-5s") == "cannot read '-5s' as a duration: it must be longer than zero");
    }
    SUBCASE("out of order") {
      CHECK(why("30s1h") ==
            "cannot read '30s1h' as a duration: give h, m and s at most once each, in that order");
    }
    SUBCASE("repeated") {
      CHECK(why("1m1m") ==
            "cannot read '1m1m' as a duration: give h, m and s at most once each, in that order");
    }
    SUBCASE("fraction") {
      CHECK(why("1.5h") == "cannot read '1.5h' as a duration: use whole units, such as 1h30m");
    }
    SUBCASE("overflow") {
      CHECK(why("99999999999999999999s") ==
            "cannot read '99999999999999999999s' as a duration: the longest is 8784h");
    }
  }

  TEST_CASE("format_duration writes the canonical short form") {
    SUBCASE("zero") {
      CHECK(when::format_duration(seconds{0}) == "0s");
    }
    SUBCASE("seconds") {
      CHECK(when::format_duration(seconds{45}) == "45s");
    }
    SUBCASE("minutes") {
      CHECK(when::format_duration(seconds{120}) == "2m");
    }
    SUBCASE("minutes and seconds") {
      CHECK(when::format_duration(seconds{65}) == "1m5s");
    }
    SUBCASE("hours") {
      CHECK(when::format_duration(seconds{3600}) == "1h");
    }
    SUBCASE("hours and minutes") {
      CHECK(when::format_duration(seconds{5400}) == "1h30m");
    }
    SUBCASE("hours and seconds keep the minutes") {
      CHECK(when::format_duration(seconds{3605}) == "1h0m5s");
    }
    SUBCASE("more than a day stays in hours") {
      CHECK(when::format_duration(hours{25}) == "25h");
    }
    SUBCASE("negative") {
      CHECK(when::format_duration(seconds{-45}) == "-45s");
    }
    SUBCASE("parse_duration reads it back") {
      for (long long s :
           {1LL, 59LL, 60LL, 61LL, 3599LL, 3600LL, 3601LL, 3660LL, 86399LL, 90061LL}) {
        CAPTURE(s);
        CHECK(when::parse_duration(when::format_duration(seconds{s})) == seconds{s});
      }
    }
  }

  TEST_CASE("format_clock writes a countdown") {
    SUBCASE("seconds") {
      CHECK(when::format_clock(seconds{45}) == "00:45");
    }
    SUBCASE("zero") {
      CHECK(when::format_clock(seconds{0}) == "00:00");
    }
    SUBCASE("minutes") {
      CHECK(when::format_clock(seconds{725}) == "12:05");
    }
    SUBCASE("just under an hour") {
      CHECK(when::format_clock(seconds{3599}) == "59:59");
    }
    SUBCASE("hours") {
      CHECK(when::format_clock(seconds{3723}) == "1:02:03");
    }
    SUBCASE("ten hours") {
      CHECK(when::format_clock(hours{10}) == "10:00:00");
    }
    SUBCASE("negative") {
      CHECK(when::format_clock(seconds{-5}) == "-00:05");
    }
  }

  TEST_CASE("format_utc and format_local") {
    const Instant t = utc(2026, 11, 20, 20);
    SUBCASE("utc") {
      CHECK(when::format_utc(t) == "2026-11-20T20:00:00Z");
    }
    SUBCASE("east of UTC") {
      CHECK(when::format_local(t, cet_fixed) == "2026-11-20T21:00:00+01:00");
    }
    SUBCASE("west of UTC, half hours") {
      const when::FixedZone z{-(hours{5} + minutes{30})};
      CHECK(when::format_local(t, z) == "2026-11-20T14:30:00-05:30");
    }
    SUBCASE("UTC itself") {
      CHECK(when::format_local(t, utc_zone) == "2026-11-20T20:00:00+00:00");
    }
    SUBCASE("an offset with seconds") {
      const when::FixedZone z{seconds{3600 + 15}};
      CHECK(when::format_local(t, z) == "2026-11-20T21:00:15+01:00:15");
      CHECK(when::parse_instant(when::format_local(t, z), friday, utc_zone) == t);
    }
    SUBCASE("across a year") {
      CHECK(when::format_local(utc(2026, 12, 31, 23, 30), cet_fixed) ==
            "2027-01-01T00:30:00+01:00");
    }
    SUBCASE("parse_instant reads both back") {
      for (Instant x :
           {t, utc(2024, 2, 29, 23, 59, 59), utc(1999, 12, 31, 23), utc(2038, 1, 19, 3, 14, 8)}) {
        CHECK(when::parse_instant(when::format_utc(x), friday, cet_fixed) == x);
        CHECK(when::parse_instant(when::format_local(x, cet_fixed), friday, utc_zone) == x);
      }
    }
  }

  TEST_CASE("FixedZone") {
    const when::FixedZone z{-hours{3}};
    CHECK(z.offset_at(utc(2026, 7, 1)) == -hours{3});
    CHECK(z.from_local(wall(2026, 7, 1, 9)) == utc(2026, 7, 1, 12));
  }

  TEST_CASE("local_day and day_begin") {
    SUBCASE("the local day, not the UTC day") {
      CHECK(when::local_day(utc(2026, 11, 20, 23, 30), cet_fixed) == 2026y / November / 21);
      CHECK(when::local_day(utc(2026, 11, 20, 23, 30), utc_zone) == 2026y / November / 20);
    }
    SUBCASE("day_begin is local midnight") {
      CHECK(when::day_begin(2026y / November / 20, cet_fixed) == utc(2026, 11, 19, 23));
    }
    SUBCASE("before day_start an instant belongs to the previous day") {
      const when::Calendar cal{Monday, hours{4}};
      // 01:30 local on the 21st.
      CHECK(when::local_day(utc(2026, 11, 21, 0, 30), cet_fixed, cal) == 2026y / November / 20);
      // 03:59:59 local is still the 20th, 04:00 is the 21st.
      CHECK(when::local_day(utc(2026, 11, 21, 2, 59, 59), cet_fixed, cal) == 2026y / November / 20);
      CHECK(when::local_day(utc(2026, 11, 21, 3), cet_fixed, cal) == 2026y / November / 21);
    }
    SUBCASE("day_begin gives the local day_start") {
      const when::Calendar cal{Monday, hours{4}};
      CHECK(when::day_begin(2026y / November / 20, cet_fixed, cal) == utc(2026, 11, 20, 3));
    }
    SUBCASE("day_start before the new year") {
      const when::Calendar cal{Monday, hours{4}};
      CHECK(when::local_day(utc(2027, 1, 1, 1), cet_fixed, cal) == 2026y / December / 31);
    }
    SUBCASE("day_start with minutes") {
      const when::Calendar cal{Monday, hours{3} + minutes{30}};
      CHECK(when::day_begin(2026y / March / 1, utc_zone, cal) == utc(2026, 3, 1, 3, 30));
      CHECK(when::local_day(utc(2026, 3, 1, 3, 29), utc_zone, cal) == 2026y / February / 28);
    }
  }

  TEST_CASE("parse_range reads named ranges of whole days") {
    // friday: Friday 2026-11-20, 15:30 in UTC+1.
    SUBCASE("today") {
      CHECK(range("today") == "2026-11-20T00:00:00+01:00 .. 2026-11-21T00:00:00+01:00");
    }
    SUBCASE("yesterday") {
      CHECK(range("yesterday") == "2026-11-19T00:00:00+01:00 .. 2026-11-20T00:00:00+01:00");
    }
    SUBCASE("week starts on Monday") {
      CHECK(range("week") == "2026-11-16T00:00:00+01:00 .. 2026-11-23T00:00:00+01:00");
    }
    SUBCASE("last-week") {
      CHECK(range("last-week") == "2026-11-09T00:00:00+01:00 .. 2026-11-16T00:00:00+01:00");
    }
    SUBCASE("month") {
      CHECK(range("month") == "2026-11-01T00:00:00+01:00 .. 2026-12-01T00:00:00+01:00");
    }
    SUBCASE("last-month") {
      CHECK(range("last-month") == "2026-10-01T00:00:00+01:00 .. 2026-11-01T00:00:00+01:00");
    }
    SUBCASE("7d ends with today") {
      CHECK(range("7d") == "2026-11-14T00:00:00+01:00 .. 2026-11-21T00:00:00+01:00");
    }
    SUBCASE("1d is today") {
      CHECK(range("1d") == range("today"));
    }
    SUBCASE("2w is 14 days") {
      CHECK(range("2w") == "2026-11-07T00:00:00+01:00 .. 2026-11-21T00:00:00+01:00");
    }
    SUBCASE("30d across a month") {
      CHECK(range("30d") == "2026-10-22T00:00:00+01:00 .. 2026-11-21T00:00:00+01:00");
    }
    SUBCASE("letter case and blanks") {
      CHECK(range(" Last-Week ") == range("last-week"));
    }
    SUBCASE("on a Monday, week starts today") {
      CHECK(range("week", utc(2026, 11, 16, 9)) ==
            "2026-11-16T00:00:00+01:00 .. 2026-11-23T00:00:00+01:00");
    }
    SUBCASE("on a Sunday, week started six days ago") {
      CHECK(range("week", utc(2026, 11, 22, 9)) ==
            "2026-11-16T00:00:00+01:00 .. 2026-11-23T00:00:00+01:00");
    }
  }

  TEST_CASE("parse_range honours week_start sunday") {
    const when::Calendar sunday{Sunday};
    SUBCASE("week") {
      CHECK(range("week", friday, sunday) ==
            "2026-11-15T00:00:00+01:00 .. 2026-11-22T00:00:00+01:00");
    }
    SUBCASE("last-week") {
      CHECK(range("last-week", friday, sunday) ==
            "2026-11-08T00:00:00+01:00 .. 2026-11-15T00:00:00+01:00");
    }
    SUBCASE("on a Sunday, week starts today") {
      CHECK(range("week", utc(2026, 11, 22, 9), sunday) ==
            "2026-11-22T00:00:00+01:00 .. 2026-11-29T00:00:00+01:00");
    }
    SUBCASE("on a Saturday, week started six days ago") {
      CHECK(range("week", utc(2026, 11, 21, 9), sunday) ==
            "2026-11-15T00:00:00+01:00 .. 2026-11-22T00:00:00+01:00");
    }
    SUBCASE("ISO weeks still start on Monday") {
      CHECK(range("2026-W47", friday, sunday) ==
            "2026-11-16T00:00:00+01:00 .. 2026-11-23T00:00:00+01:00");
    }
  }

  TEST_CASE("parse_range across month and year boundaries") {
    SUBCASE("week across a new year") {
      // Thursday 2026-01-01.
      CHECK(range("week", utc(2026, 1, 1, 12)) ==
            "2025-12-29T00:00:00+01:00 .. 2026-01-05T00:00:00+01:00");
    }
    SUBCASE("last-month in January") {
      CHECK(range("last-month", utc(2026, 1, 10, 12)) ==
            "2025-12-01T00:00:00+01:00 .. 2026-01-01T00:00:00+01:00");
    }
    SUBCASE("month in December") {
      CHECK(range("month", utc(2026, 12, 10, 12)) ==
            "2026-12-01T00:00:00+01:00 .. 2027-01-01T00:00:00+01:00");
    }
    SUBCASE("last-month on the 31st") {
      CHECK(range("last-month", utc(2026, 3, 31, 12)) ==
            "2026-02-01T00:00:00+01:00 .. 2026-03-01T00:00:00+01:00");
    }
    SUBCASE("7d across a leap day") {
      CHECK(range("7d", utc(2024, 3, 2, 12)) ==
            "2024-02-25T00:00:00+01:00 .. 2024-03-03T00:00:00+01:00");
    }
  }

  TEST_CASE("parse_range reads dates, months and ISO weeks") {
    SUBCASE("a date") {
      CHECK(range("2026-11-20") == "2026-11-20T00:00:00+01:00 .. 2026-11-21T00:00:00+01:00");
    }
    SUBCASE("the last day of a year") {
      CHECK(range("2026-12-31") == "2026-12-31T00:00:00+01:00 .. 2027-01-01T00:00:00+01:00");
    }
    SUBCASE("a leap day") {
      CHECK(range("2024-02-29") == "2024-02-29T00:00:00+01:00 .. 2024-03-01T00:00:00+01:00");
    }
    SUBCASE("a month") {
      CHECK(range("2026-11") == "2026-11-01T00:00:00+01:00 .. 2026-12-01T00:00:00+01:00");
    }
    SUBCASE("February") {
      CHECK(range("2026-02") == "2026-02-01T00:00:00+01:00 .. 2026-03-01T00:00:00+01:00");
    }
    SUBCASE("a leap February") {
      CHECK(range("2024-02") == "2024-02-01T00:00:00+01:00 .. 2024-03-01T00:00:00+01:00");
    }
    SUBCASE("December") {
      CHECK(range("2026-12") == "2026-12-01T00:00:00+01:00 .. 2027-01-01T00:00:00+01:00");
    }
    SUBCASE("ISO week 47") {
      CHECK(range("2026-W47") == "2026-11-16T00:00:00+01:00 .. 2026-11-23T00:00:00+01:00");
    }
    SUBCASE("lower-case w") {
      CHECK(range("2026-w47") == range("2026-W47"));
    }
    SUBCASE("2026-W01 starts in 2025") {
      CHECK(range("2026-W01") == "2025-12-29T00:00:00+01:00 .. 2026-01-05T00:00:00+01:00");
    }
    SUBCASE("2010-W01 starts on 4 January") {
      CHECK(range("2010-W01") == "2010-01-04T00:00:00+01:00 .. 2010-01-11T00:00:00+01:00");
    }
    SUBCASE("2020-W53 ends in 2021") {
      CHECK(range("2020-W53") == "2020-12-28T00:00:00+01:00 .. 2021-01-04T00:00:00+01:00");
    }
    SUBCASE("2026 has 53 weeks (it starts on a Thursday)") {
      CHECK(range("2026-W53") == "2026-12-28T00:00:00+01:00 .. 2027-01-04T00:00:00+01:00");
    }
    SUBCASE("2015-W53") {
      CHECK(range("2015-W53") == "2015-12-28T00:00:00+01:00 .. 2016-01-04T00:00:00+01:00");
    }
    SUBCASE("2021-W52 is the last of 2021") {
      CHECK(range("2021-W52") == "2021-12-27T00:00:00+01:00 .. 2022-01-03T00:00:00+01:00");
    }
  }

  TEST_CASE("parse_range honours day_starts_at") {
    const when::Calendar cal{Monday, hours{4}};
    // Saturday 2026-11-21 01:30 local belongs to Friday.
    const Instant late = utc(2026, 11, 21, 0, 30);
    SUBCASE("today is still Friday") {
      CHECK(range("today", late, cal) == "2026-11-20T04:00:00+01:00 .. 2026-11-21T04:00:00+01:00");
    }
    SUBCASE("yesterday is Thursday") {
      CHECK(range("yesterday", late, cal) ==
            "2026-11-19T04:00:00+01:00 .. 2026-11-20T04:00:00+01:00");
    }
    SUBCASE("at 04:00 the new day begins") {
      CHECK(range("today", utc(2026, 11, 21, 3), cal) ==
            "2026-11-21T04:00:00+01:00 .. 2026-11-22T04:00:00+01:00");
    }
    SUBCASE("week") {
      CHECK(range("week", late, cal) == "2026-11-16T04:00:00+01:00 .. 2026-11-23T04:00:00+01:00");
    }
    SUBCASE("a week at 01:30 on Monday is still last week") {
      CHECK(range("week", utc(2026, 11, 23, 0, 30), cal) ==
            "2026-11-16T04:00:00+01:00 .. 2026-11-23T04:00:00+01:00");
    }
    SUBCASE("month at 01:30 on the first is still last month") {
      CHECK(range("month", utc(2026, 12, 1, 0, 30), cal) ==
            "2026-11-01T04:00:00+01:00 .. 2026-12-01T04:00:00+01:00");
    }
    SUBCASE("7d") {
      CHECK(range("7d", late, cal) == "2026-11-14T04:00:00+01:00 .. 2026-11-21T04:00:00+01:00");
    }
    SUBCASE("a date") {
      CHECK(range("2026-11-20", late, cal) ==
            "2026-11-20T04:00:00+01:00 .. 2026-11-21T04:00:00+01:00");
    }
    SUBCASE("an ISO week") {
      CHECK(range("2026-W47", late, cal) ==
            "2026-11-16T04:00:00+01:00 .. 2026-11-23T04:00:00+01:00");
    }
  }

  TEST_CASE("parse_range rejects anything else") {
    const char* const bad[] = {
        "",           "tomorrow",
        "weeks",      "last week",
        "lastweek",   "this-week",
        "next-week",  "mon",
        "now",        "0d",
        "0w",         "-7d",
        "7",          "7x",
        "d",          "7dd",
        "1000000d",   "9999999999d",
        "2026",       "2026-13",
        "2026-00",    "2026-1",
        "2026-02-30", "2026-11-20T10:00",
        "2026-W",     "2026-W5",
        "2026-W5x",   "2026-W00",
        "2026-W54",   "2025-W53",
        "2021-W53",   "2026-W470",
        "2026W47",    "2026-11-20 junk",
    };
    for (const char* text : bad) {
      CAPTURE(text);
      CHECK_THROWS_AS((void)when::parse_range(text, friday, cet_fixed), UsageError);
    }
  }

  TEST_CASE("parse_range errors say what was read") {
    auto why = [](std::string_view text) {
      auto e = usage_error([&] { (void)when::parse_range(text, friday, cet_fixed); });
      REQUIRE(e);
      CHECK(e->subject() == "range");
      CHECK(!e->hint().empty());
      return std::string(e->what());
    };
    SUBCASE("unknown") {
      CHECK(why("fortnight") == "cannot read 'fortnight' as a range of days");
    }
    SUBCASE("no week 53") {
      CHECK(why("2025-W53") ==
            "cannot read '2025-W53' as a range of days: 2025 has ISO weeks 01 to 52");
    }
    SUBCASE("no such day") {
      CHECK(why("2026-02-30") ==
            "cannot read '2026-02-30' as a range of days: 2026-02 has no day 30");
    }
    SUBCASE("zero days") {
      CHECK(why("0d") == "cannot read '0d' as a range of days: a range needs at least one day");
    }
  }

  TEST_CASE("range_between covers whole days, both ends included") {
    SUBCASE("two dates") {
      CHECK(between("2026-11-01", "2026-11-20") ==
            "2026-11-01T00:00:00+01:00 .. 2026-11-21T00:00:00+01:00");
    }
    SUBCASE("one day") {
      CHECK(between("2026-11-20", "2026-11-20") ==
            "2026-11-20T00:00:00+01:00 .. 2026-11-21T00:00:00+01:00");
    }
    SUBCASE("across a year") {
      CHECK(between("2026-12-30", "2027-01-02") ==
            "2026-12-30T00:00:00+01:00 .. 2027-01-03T00:00:00+01:00");
    }
    SUBCASE("months") {
      CHECK(between("2026-10", "2026-11") ==
            "2026-10-01T00:00:00+01:00 .. 2026-12-01T00:00:00+01:00");
    }
    SUBCASE("ISO weeks") {
      CHECK(between("2026-W46", "2026-W47") ==
            "2026-11-09T00:00:00+01:00 .. 2026-11-23T00:00:00+01:00");
    }
    SUBCASE("words") {
      CHECK(between("mon", "today") == "2026-11-16T00:00:00+01:00 .. 2026-11-21T00:00:00+01:00");
      CHECK(between("yesterday", "now") ==
            "2026-11-19T00:00:00+01:00 .. 2026-11-21T00:00:00+01:00");
      CHECK(between("-3d", "yesterday") ==
            "2026-11-17T00:00:00+01:00 .. 2026-11-20T00:00:00+01:00");
    }
    SUBCASE("date-times take their whole days") {
      CHECK(between("2026-11-10T21:00", "yesterday 08:00") ==
            "2026-11-10T00:00:00+01:00 .. 2026-11-20T00:00:00+01:00");
    }
    SUBCASE("day_start moves both ends") {
      const when::Calendar cal{Monday, hours{4}};
      CHECK(between("2026-11-19", "2026-11-20", friday, cal) ==
            "2026-11-19T04:00:00+01:00 .. 2026-11-21T04:00:00+01:00");
    }
    SUBCASE("an instant before day_start belongs to the day before") {
      const when::Calendar cal{Monday, hours{4}};
      CHECK(between("2026-11-20T02:00", "2026-11-20T02:00", friday, cal) ==
            "2026-11-19T04:00:00+01:00 .. 2026-11-20T04:00:00+01:00");
    }
    SUBCASE("a weekday name honours day_start") {
      const when::Calendar cal{Monday, hours{4}};
      // Saturday 01:30 local is still Friday.
      CHECK(between("fri", "fri", utc(2026, 11, 21, 0, 30), cal) ==
            "2026-11-20T04:00:00+01:00 .. 2026-11-21T04:00:00+01:00");
    }
  }

  TEST_CASE("range_between rejects a start after the end and unreadable ends") {
    SUBCASE("start after end") {
      auto e = usage_error(
          [] { (void)when::range_between("2026-11-20", "2026-11-10", friday, cet_fixed); });
      REQUIRE(e);
      CHECK(e->subject() == "range");
      CHECK(std::string(e->what()) == "the start '2026-11-20' is after the end '2026-11-10'");
    }
    SUBCASE("a month after a day in it") {
      CHECK_THROWS_AS((void)when::range_between("2026-12", "2026-11-30", friday, cet_fixed),
                      UsageError);
    }
    SUBCASE("an unreadable start") {
      auto e =
          usage_error([] { (void)when::range_between("tomorow", "today", friday, cet_fixed); });
      REQUIRE(e);
      CHECK(e->subject() == "time");
      CHECK(std::string(e->what()) == "cannot read 'tomorow' as a date or time");
    }
    SUBCASE("an unreadable end") {
      CHECK_THROWS_AS((void)when::range_between("today", "2026-02-30", friday, cet_fixed),
                      UsageError);
    }
  }

  TEST_CASE("system_zone follows a POSIX TZ rule across DST changes") {
    // Central Europe: CET (+1) to CEST (+2) at 02:00 on the last Sunday of March (2026-03-29),
    // back at 03:00 on the last Sunday of October (2026-10-25).
    const TzGuard tz{central_europe};
    const when::Zone& zone = when::system_zone();

    SUBCASE("offsets") {
      CHECK(zone.offset_at(utc(2026, 1, 15)) == hours{1});
      CHECK(zone.offset_at(utc(2026, 7, 15)) == hours{2});
      CHECK(zone.offset_at(utc(2026, 3, 29, 0, 59, 59)) == hours{1});
      CHECK(zone.offset_at(utc(2026, 3, 29, 1)) == hours{2});
      CHECK(zone.offset_at(utc(2026, 10, 25, 0, 59, 59)) == hours{2});
      CHECK(zone.offset_at(utc(2026, 10, 25, 1)) == hours{1});
    }
    SUBCASE("an ordinary local time") {
      CHECK(zone.from_local(wall(2026, 7, 15, 12)) == utc(2026, 7, 15, 10));
      CHECK(zone.from_local(wall(2026, 1, 15, 12)) == utc(2026, 1, 15, 11));
    }
    SUBCASE("the spring-forward gap moves forward by its length") {
      CHECK(zone.from_local(wall(2026, 3, 29, 1, 59, 59)) == utc(2026, 3, 29, 0, 59, 59));
      CHECK(zone.from_local(wall(2026, 3, 29, 2)) == utc(2026, 3, 29, 1));
      CHECK(zone.from_local(wall(2026, 3, 29, 2, 30)) == utc(2026, 3, 29, 1, 30));
      CHECK(zone.from_local(wall(2026, 3, 29, 3)) == utc(2026, 3, 29, 1));
      CHECK(when::format_local(zone.from_local(wall(2026, 3, 29, 2, 30)), zone) ==
            "2026-03-29T03:30:00+02:00");
    }
    SUBCASE("the autumn repeated hour takes the earlier instant") {
      CHECK(zone.from_local(wall(2026, 10, 25, 1, 59, 59)) == utc(2026, 10, 24, 23, 59, 59));
      CHECK(zone.from_local(wall(2026, 10, 25, 2)) == utc(2026, 10, 25, 0));
      CHECK(zone.from_local(wall(2026, 10, 25, 2, 30)) == utc(2026, 10, 25, 0, 30));
      CHECK(zone.from_local(wall(2026, 10, 25, 3)) == utc(2026, 10, 25, 2));
      CHECK(when::format_local(utc(2026, 10, 25, 0, 30), zone) == "2026-10-25T02:30:00+02:00");
      CHECK(when::format_local(utc(2026, 10, 25, 1, 30), zone) == "2026-10-25T02:30:00+01:00");
    }
    SUBCASE("parse_instant in the gap and the repeated hour") {
      CHECK(at("2026-03-29 02:30", utc(2026, 11, 20), zone) == "2026-03-29T01:30:00Z");
      CHECK(at("2026-10-25 02:30", utc(2026, 11, 20), zone) == "2026-10-25T00:30:00Z");
      CHECK(at("2026-10-25T02:30+01:00", utc(2026, 11, 20), zone) == "2026-10-25T01:30:00Z");
    }
    SUBCASE("yesterday 21:00 across the spring change") {
      // 10:00 CEST on the day of the change; yesterday 21:00 was still CET.
      CHECK(at("yesterday 21:00", utc(2026, 3, 29, 8), zone) == "2026-03-28T20:00:00Z");
    }
    SUBCASE("yesterday 21:00 across the autumn change") {
      // 12:00 CET on the day of the change; yesterday 21:00 was still CEST.
      CHECK(at("yesterday 21:00", utc(2026, 10, 25, 11), zone) == "2026-10-24T19:00:00Z");
    }
    SUBCASE("today across the changes") {
      CHECK(at("today", utc(2026, 3, 29, 8), zone) == "2026-03-28T23:00:00Z");
      CHECK(at("today", utc(2026, 10, 25, 11), zone) == "2026-10-24T22:00:00Z");
    }
    SUBCASE("-1d keeps the wall time, -24h does not") {
      // 12:00 CEST on the day of the change.
      CHECK(at("-1d", utc(2026, 3, 29, 10), zone) == "2026-03-28T11:00:00Z");
      CHECK(at("-24h", utc(2026, 3, 29, 10), zone) == "2026-03-28T10:00:00Z");
    }
    SUBCASE("a 7d range across spring is 7 local days of 167 hours") {
      const when::Range r = when::parse_range("7d", utc(2026, 3, 31, 10), zone);
      CHECK(show(r, zone) == "2026-03-25T00:00:00+01:00 .. 2026-04-01T00:00:00+02:00");
      CHECK(r.to - r.from == hours{167});
    }
    SUBCASE("a 7d range across autumn is 7 local days of 169 hours") {
      const when::Range r = when::parse_range("7d", utc(2026, 10, 27, 10), zone);
      CHECK(show(r, zone) == "2026-10-21T00:00:00+02:00 .. 2026-10-28T00:00:00+01:00");
      CHECK(r.to - r.from == hours{169});
    }
    SUBCASE("the days of the changes are 23 and 25 hours") {
      const when::Range spring = when::parse_range("2026-03-29", utc(2026, 11, 20), zone);
      const when::Range autumn = when::parse_range("2026-10-25", utc(2026, 11, 20), zone);
      CHECK(spring.to - spring.from == hours{23});
      CHECK(autumn.to - autumn.from == hours{25});
    }
    SUBCASE("an ISO week holding a change") {
      const when::Range r = when::parse_range("2026-W13", utc(2026, 11, 20), zone);
      CHECK(show(r, zone) == "2026-03-23T00:00:00+01:00 .. 2026-03-30T00:00:00+02:00");
      CHECK(r.to - r.from == hours{167});
    }
    SUBCASE("local_day near midnight in summer time") {
      CHECK(when::local_day(utc(2026, 7, 15, 22, 30), zone) == 2026y / July / 16);
      CHECK(when::local_day(utc(2026, 7, 15, 21, 59), zone) == 2026y / July / 15);
    }
    SUBCASE("day_start inside the gap moves past it") {
      const when::Calendar cal{Monday, hours{2} + minutes{30}};
      CHECK(when::day_begin(2026y / March / 29, zone, cal) == utc(2026, 3, 29, 1, 30));
      CHECK(when::local_day(utc(2026, 3, 29, 1, 0), zone, cal) == 2026y / March / 28);
      CHECK(when::local_day(utc(2026, 3, 29, 1, 30), zone, cal) == 2026y / March / 29);
    }
    SUBCASE("day_start in the repeated hour takes its first pass") {
      const when::Calendar cal{Monday, hours{2} + minutes{30}};
      CHECK(when::day_begin(2026y / October / 25, zone, cal) == utc(2026, 10, 25, 0, 30));
      CHECK(when::local_day(utc(2026, 10, 25, 0, 29), zone, cal) == 2026y / October / 24);
      CHECK(when::local_day(utc(2026, 10, 25, 0, 30), zone, cal) == 2026y / October / 25);
      // 02:15 on the second pass reads as before day_start, but the day began at the first.
      CHECK(when::local_day(utc(2026, 10, 25, 1, 15), zone, cal) == 2026y / October / 25);
    }
    SUBCASE("every instant of a range's days maps back to its day") {
      for (auto ds : {hours{0}, hours{2}, hours{3}, hours{4}}) {
        const when::Calendar cal{Monday, ds};
        for (sys_days d = sys_days{2026y / March / 27}; d < sys_days{2026y / April / 1};
             d += days{1}) {
          const when::Range r = when::parse_range(when::format_utc(Instant{d}).substr(0, 10),
                                                  utc(2026, 11, 20), zone, cal);
          for (Instant t = r.from; t < r.to; t += minutes{15}) {
            CHECK(when::local_day(t, zone, cal) == year_month_day{d});
          }
        }
        for (sys_days d = sys_days{2026y / October / 23}; d < sys_days{2026y / October / 28};
             d += days{1}) {
          const when::Range r = when::parse_range(when::format_utc(Instant{d}).substr(0, 10),
                                                  utc(2026, 11, 20), zone, cal);
          for (Instant t = r.from; t < r.to; t += minutes{15}) {
            CHECK(when::local_day(t, zone, cal) == year_month_day{d});
          }
        }
      }
    }
  }

  TEST_CASE("system_zone in other POSIX TZ rules") {
    SUBCASE("UTC") {
      const TzGuard tz{"UTC0"};
      CHECK(when::system_zone().offset_at(utc(2026, 7, 1)) == seconds{0});
      CHECK(at("2026-07-01 12:00", friday, when::system_zone()) == "2026-07-01T12:00:00Z");
    }
    SUBCASE("North America: spring gap at 02:00 on 2026-03-08") {
      const TzGuard tz{"EST5EDT,M3.2.0,M11.1.0"};
      const when::Zone& zone = when::system_zone();
      CHECK(zone.from_local(wall(2026, 3, 8, 2, 30)) == utc(2026, 3, 8, 7, 30));
      CHECK(when::format_local(utc(2026, 3, 8, 7, 30), zone) == "2026-03-08T03:30:00-04:00");
      CHECK(zone.from_local(wall(2026, 11, 1, 1, 30)) == utc(2026, 11, 1, 5, 30));
    }
    SUBCASE("southern hemisphere: summer time over the new year") {
      const TzGuard tz{"AEST-10AEDT,M10.1.0,M4.1.0/3"};
      const when::Zone& zone = when::system_zone();
      CHECK(zone.offset_at(utc(2026, 1, 15)) == hours{11});
      CHECK(zone.offset_at(utc(2026, 7, 15)) == hours{10});
      // 2026-10-04 02:00 -> 03:00.
      CHECK(zone.from_local(wall(2026, 10, 4, 2, 30)) == utc(2026, 10, 3, 16, 30));
    }
    SUBCASE("a half-hour zone") {
      const TzGuard tz{"IST-5:30"};
      CHECK(when::format_local(utc(2026, 11, 20, 12), when::system_zone()) ==
            "2026-11-20T17:30:00+05:30");
    }
  }

  TEST_CASE("format_offset_time and parse_offset_time: a time with its offset") {
    const Instant t = sys_days{2026y / November / 20} + 20h;
    CHECK(when::format_offset_time(t, 1h) == "2026-11-20T21:00:00+01:00");
    CHECK(when::format_offset_time(t, -5h) == "2026-11-20T15:00:00-05:00");
    CHECK(when::format_offset_time(t, 0s) == "2026-11-20T20:00:00+00:00");
    CHECK(when::format_offset_time(t, 53min + 28s) == "2026-11-20T20:53:28+00:53:28");
    CHECK(when::format_local(t, cet_fixed) == when::format_offset_time(t, 1h));
    for (seconds off : {seconds{3600}, seconds{-18000}, seconds{0}, seconds{3208}}) {
      auto back = when::parse_offset_time(when::format_offset_time(t, off));
      REQUIRE(back);
      CHECK(back->first == t);
      CHECK(back->second == off);
    }
    CHECK(when::parse_offset_time("2026-11-20 21:00Z")->first == t + 1h);
    CHECK_FALSE(when::parse_offset_time("2026-11-20T21:00"));
    CHECK_FALSE(when::parse_offset_time("2026-02-30T21:00:00Z"));
    CHECK_FALSE(when::parse_offset_time("2026-11-20T25:00:00Z"));
    CHECK_FALSE(when::parse_offset_time("2026-11-20T21:00:00+19:00"));
    CHECK_FALSE(when::parse_offset_time(" 2026-11-20T21:00:00Z"));
    CHECK_FALSE(when::parse_offset_time("yesterday"));
    CHECK_FALSE(when::parse_offset_time(""));
  }

  TEST_CASE("format_date: an ISO date") {
    CHECK(when::format_date(2026y / November / 2) == "2026-11-02");
    CHECK(when::format_date(999y / January / 31) == "0999-01-31");
  }

  TEST_CASE("format_time_of_day: the local hours and minutes") {
    const Instant t = sys_days{2026y / November / 20} + 23h + 5min + 59s;
    CHECK(when::format_time_of_day(t, utc_zone) == "23:05");
    CHECK(when::format_time_of_day(t, cet_fixed) == "00:05");
  }

  TEST_CASE("scan_duration: parse_duration's reader, without throwing") {
    CHECK(when::scan_duration("1h30m").status == when::DurationScan::ok);
    CHECK(when::scan_duration("1h30m").value == 90min);
    CHECK(when::scan_duration("0s").status == when::DurationScan::zero);
    CHECK(when::scan_duration("-5s").status == when::DurationScan::negative);
    CHECK(when::scan_duration("30s1m").status == when::DurationScan::order);
    CHECK(when::scan_duration("1.5h").status == when::DurationScan::fraction);
    CHECK(when::scan_duration("9000h").status == when::DurationScan::too_long);
    CHECK(when::scan_duration("3x").status == when::DurationScan::malformed);
    CHECK(when::scan_duration("").status == when::DurationScan::malformed);
  }
}
