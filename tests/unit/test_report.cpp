#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <optional>
#include <stdexcept>
#include <string>

#include "tz_guard.hpp"
#include "psoas/report.hpp"

using namespace std::chrono;
using psoas::test::TzGuard;
using namespace psoas;
using namespace psoas::report;

namespace {

// "Now" for adding entries: after every entry these tests write.
const Instant later = sys_days{year{2100} / January / 1};

const when::FixedZone utc{seconds{0}};

Instant at(int y, unsigned m, unsigned d, int h = 12, int min = 0) {
  return sys_days(year{y} / month{m} / day{d}) + hours(h) + minutes(min);
}

Entry entry(Instant t, int pain, std::vector<std::string> triggers = {}, std::vector<std::string> helped = {}) {
  Entry e;
  e.at = t;
  e.pain = pain;
  e.triggers = std::move(triggers);
  e.helped = std::move(helped);
  return e;
}

Session session(Instant start, int minutes_long, std::string routine = "morning", std::string kind = "routine",
                std::string outcome = "completed") {
  Session s;
  s.kind = std::move(kind);
  s.routine = std::move(routine);
  s.start = start;
  s.end = start + minutes(minutes_long);
  s.outcome = std::move(outcome);
  return s;
}

// Nov 16-22 2026 (Mon-Sun) as the range, "now" at the end of Sunday.
ReportInput week() {
  ReportInput in;
  in.range = {at(2026, 11, 16, 0), at(2026, 11, 23, 0)};
  in.now = at(2026, 11, 22, 20);
  in.zone = &utc;
  return in;
}

// One entry a day with `pain[i]` on day i of the range starting `first`.
void daily(ReportInput& in, sys_days first, const std::vector<int>& pain) {
  for (std::size_t i = 0; i < pain.size(); ++i) in.entries.push_back(entry(first + days(i) + hours(9), pain[i]));
}

const sys_days nov16 = sys_days(2026y / 11 / 16);
const sys_days nov9 = sys_days(2026y / 11 / 9);

bool has(const Report& r, Warning w) { return std::find(r.warnings.begin(), r.warnings.end(), w) != r.warnings.end(); }

std::size_t count(const std::string& s, std::string_view what) {
  std::size_t n = 0;
  for (auto i = s.find(what); i != std::string::npos; i = s.find(what, i + 1)) ++n;
  return n;
}

}  // namespace

TEST_SUITE("report") {
  TEST_CASE("ranges: the previous range has the same number of days") {
    auto in = week();
    when::Range p = previous_range(in.range, utc);
    CHECK(p.from == at(2026, 11, 9, 0));
    CHECK(p.to == at(2026, 11, 16, 0));
    when::Range w = entry_window(in.range, utc);
    CHECK(w.from == at(2026, 11, 8, 0));  // 14 days before the last day, for a flare
    CHECK(w.to == in.range.to);  // the pain change around a session comes from its ratings now
  }

  TEST_CASE("days: entries, mean, lowest and highest per local day") {
    auto in = week();
    in.entries = {entry(at(2026, 11, 16, 8), 3), entry(at(2026, 11, 16, 20), 6), entry(at(2026, 11, 18, 9), 5),
                  entry(at(2026, 11, 23, 1), 9) /* after the range */, entry(at(2026, 11, 15, 23), 9) /* before */};
    Report r = compute_report(in);
    REQUIRE(r.days.size() == 7);
    CHECK(date_label(r.days[0].date) == "2026-11-16");
    CHECK(r.days[0].entries == 2);
    CHECK(*r.days[0].mean == doctest::Approx(4.5));
    CHECK(*r.days[0].min == 3);
    CHECK(*r.days[0].max == 6);
    CHECK(r.days[1].entries == 0);
    CHECK_FALSE(r.days[1].mean);
    CHECK(r.entries == 3);
    CHECK(r.days_with_entries == 2);
    CHECK(*r.mean == doctest::Approx(4.8));  // mean of daily means 4.5 and 5, rounded
    CHECK(*r.min == 3);
    CHECK(*r.max == 6);
    CHECK(range_label(r) == "2026-11-16 to 2026-11-22 (7 days)");
  }

  TEST_CASE("days are local days") {
    when::FixedZone plus_two{hours(2)};
    auto in = week();
    in.zone = &plus_two;
    in.range = {at(2026, 11, 15, 22), at(2026, 11, 22, 22)};  // Nov 16-22 local
    in.entries = {entry(at(2026, 11, 15, 23), 4)};              // 01:00 local on the 16th
    Report r = compute_report(in);
    REQUIRE(r.days.size() == 7);
    CHECK(date_label(r.days[0].date) == "2026-11-16");
    CHECK(r.days[0].entries == 1);
  }

  TEST_CASE("a day boundary after midnight counts early entries toward the previous day") {
    auto in = week();
    in.calendar.day_start = hours(4);
    in.range = {at(2026, 11, 16, 4), at(2026, 11, 23, 4)};
    in.entries = {entry(at(2026, 11, 17, 1, 30), 7)};
    Report r = compute_report(in);
    REQUIRE(r.days.size() == 7);
    CHECK(r.days[0].entries == 1);
  }

  TEST_CASE("trend") {
    auto in = week();
    in.run_start = at(2026, 10, 1);  // well past the first weeks
    SUBCASE("improving: down by 2 points") {
      daily(in, nov9, {6, 6, 6, 6, 6, 6, 6});
      daily(in, nov16, {4, 4, 4, 4, 4, 4, 4});
      Report r = compute_report(in);
      CHECK(r.pain.trend == Trend::improving);
      CHECK(*r.pain.change == doctest::Approx(-2.0));
      CHECK(*r.pain.percent == doctest::Approx(-33));
      CHECK(r.warnings.empty());
      CHECK(trend_sentence(r).starts_with("Improving: mean pain from 6.0 to 4.0 (-2.0 points, -33%)"));
    }
    SUBCASE("improving: down by 30% though less than 2 points") {
      daily(in, nov9, {3, 3, 3, 3});
      daily(in, nov16, {2, 2, 2, 2});
      CHECK(compute_report(in).pain.trend == Trend::improving);
    }
    SUBCASE("may be improving in the first weeks") {
      in.run_start = at(2026, 11, 9);
      daily(in, nov9, {6, 6, 6, 6});
      daily(in, nov16, {3, 3, 3, 3});
      Report r = compute_report(in);
      CHECK(r.pain.trend == Trend::may_be_improving);
      CHECK(trend_sentence(r).find("less certain") != std::string::npos);
    }
    SUBCASE("no clear change, and the 4-week rule") {
      daily(in, nov9, {5, 5, 5, 5, 5});
      daily(in, nov16, {5, 4, 5, 4, 5});
      Report r = compute_report(in);
      CHECK(r.pain.trend == Trend::no_clear_change);
      CHECK(*r.days_logged == 53);  // Oct 1 to Nov 22
      CHECK(has(r, Warning::no_improvement_4_weeks));
      CHECK_FALSE(has(r, Warning::no_improvement_8_weeks));
    }
    SUBCASE("worsening: up by 2 points") {
      daily(in, nov9, {5, 5, 5, 5});
      daily(in, nov16, {7, 7, 7, 7});
      Report r = compute_report(in);
      CHECK(r.pain.trend == Trend::worsening);
      REQUIRE_FALSE(r.warnings.empty());
      CHECK(r.warnings.front() == Warning::worsening);
      CHECK(warning_text(Warning::worsening, r).find("psoas triage") != std::string::npos);
    }
    SUBCASE("worsening: up by 30%") {
      daily(in, nov9, {3, 3, 3, 3});
      daily(in, nov16, {4, 4, 4, 4});
      CHECK(compute_report(in).pain.trend == Trend::worsening);
    }
    SUBCASE("fewer than 4 days in the previous range: the run's first days against its last decide") {
      daily(in, nov9, {6, 6, 6});
      daily(in, nov16, {2, 2, 2, 2, 2});
      Report r = compute_report(in);
      CHECK(r.pain.trend == Trend::not_enough_data);
      CHECK(r.pain.days == 5);
      CHECK(r.pain.previous_days == 3);
      REQUIRE(r.run);
      CHECK(r.run->trend == Trend::improving);
      CHECK(*r.run->baseline == doctest::Approx(6.0));
      CHECK(*r.run->latest == doctest::Approx(2.0));
      CHECK(r.trend == Trend::improving);
    }
    SUBCASE("not enough data: fewer than 6 logged days and fewer than 4 in the previous range") {
      in.run_start.reset();
      daily(in, nov9 + days(4), {6, 6});
      daily(in, nov16, {2, 2, 2});
      Report r = compute_report(in);
      CHECK(r.trend == Trend::not_enough_data);
      CHECK(r.days_needed == 1);
      CHECK(trend_sentence(r).starts_with("Not enough data yet for a trend: log your pain on 1 more day."));
    }
    SUBCASE("the run's first days say worsening while the previous range says no change: worsening wins") {
      daily(in, nov9 - days(3), {2, 2, 2});
      daily(in, nov9, {5, 5, 5, 5, 5, 5, 5});
      daily(in, nov16, {5, 5, 5, 5, 5, 5, 5});
      Report r = compute_report(in);
      CHECK(r.pain.trend == Trend::no_clear_change);
      CHECK(r.run->trend == Trend::worsening);
      CHECK(r.trend == Trend::worsening);
      CHECK(r.warnings.front() == Warning::worsening);
    }
    SUBCASE("several entries on one day count as one day") {
      for (int h = 8; h < 20; ++h) in.entries.push_back(entry(at(2026, 11, 16, h), 5));
      daily(in, nov9, {5, 5, 5, 5});
      CHECK(compute_report(in).pain.trend == Trend::not_enough_data);
    }
  }

  TEST_CASE("the 7-day, 4-week, 8-week and 12-week rules") {
    auto in = week();
    daily(in, nov9, {5, 5, 5, 5});
    daily(in, nov16, {5, 5, 5, 5});
    SUBCASE("fewer than 7 days: nothing yet") {
      in.run_start = at(2026, 11, 17);
      in.entries.erase(in.entries.begin(), in.entries.begin() + 5);  // keep Nov 17-19
      Report r = compute_report(in);
      CHECK(*r.days_logged == 6);
      CHECK(r.warnings.empty());
    }
    SUBCASE("7 days: suggest a clinician") {
      in.run_start = at(2026, 11, 16);
      in.entries.erase(in.entries.begin(), in.entries.begin() + 4);
      Report r = compute_report(in);
      CHECK(*r.days_logged == 7);
      CHECK(r.warnings == std::vector{Warning::no_improvement_1_week});
      CHECK(warning_text(Warning::no_improvement_1_week, r).find("clinician") != std::string::npos);
    }
    SUBCASE("8 weeks: a specialist") {
      in.run_start = at(2026, 9, 28);
      Report r = compute_report(in);
      CHECK(*r.days_logged == 56);
      CHECK(r.warnings == std::vector{Warning::no_improvement_8_weeks});
      CHECK(warning_text(Warning::no_improvement_8_weeks, r).find("specialist") != std::string::npos);
    }
    SUBCASE("12 weeks: chronic") {
      in.run_start = at(2026, 8, 1);
      Report r = compute_report(in);
      CHECK(r.warnings == std::vector{Warning::no_improvement_8_weeks, Warning::chronic_12_weeks});
    }
    SUBCASE("improving: no duration warning") {
      in.run_start = at(2026, 8, 1);
      for (Entry& e : in.entries)
        if (e.at >= at(2026, 11, 16, 0)) e.pain = 2;
      CHECK(compute_report(in).warnings.empty());
    }
    SUBCASE("no pain left to improve: no duration warning") {
      in.run_start = at(2026, 8, 1);
      for (Entry& e : in.entries) e.pain = 0;
      CHECK(compute_report(in).warnings.empty());
    }
  }

  TEST_CASE("a red flag in the range overrides any trend") {
    auto in = week();
    in.run_start = at(2026, 8, 1);
    daily(in, nov9, {6, 6, 6, 6});
    daily(in, nov16, {9, 9, 9, 9});
    TriageRecord t;
    t.at = at(2026, 11, 18, 10);
    t.outcome = "emergency";
    t.reasons_json = R"(["urine-retention","both-legs"])";
    in.triage = {t};
    Report r = compute_report(in);
    CHECK(r.trend_overridden);
    CHECK(r.warnings == std::vector{Warning::red_flag_emergency});
    REQUIRE(r.red_flags.size() == 1);
    CHECK(r.red_flags[0].reasons == std::vector<std::string>{"urine-retention", "both-legs"});
    std::string text = warning_text(Warning::red_flag_emergency, r);
    CHECK(text.find("2026-11-18") != std::string::npos);
    CHECK(text.find("Call 112") != std::string::npos);
    CHECK(trend_sentence(r).find("follow its advice") != std::string::npos);
    SUBCASE("a self-care triage is not a red flag") {
      in.triage[0].outcome = "self-care";
      CHECK(compute_report(in).red_flags.empty());
    }
  }

  TEST_CASE("sessions, adherence and streak") {
    auto in = week();
    in.sessions = {session(at(2026, 11, 14, 8), 10), session(at(2026, 11, 15, 8), 10),  // previous range
                   session(at(2026, 11, 16, 8), 12), session(at(2026, 11, 17, 8), 10),
                   session(at(2026, 11, 19, 8), 10, "desk", "timer", "stopped"),
                   session(at(2026, 11, 20, 8), 10), session(at(2026, 11, 21, 8), 10),
                   session(at(2026, 11, 21, 18), 20, "evening"),
                   session(at(2026, 11, 21, 15), 1, "break", "break", "done"),
                   session(at(2026, 11, 21, 16), 1, "break", "break", "skipped")};
    Report r = compute_report(in);
    CHECK(r.sessions == 6);
    CHECK(r.session_time == minutes(72));
    CHECK(r.days_with_session == 5);
    CHECK(r.days_judged == 7);
    CHECK(*r.adherence == doctest::Approx(5.0 / 7));
    CHECK(r.streak == 3);  // Thu-Sat; Sunday (today) is still open
    CHECK_FALSE(r.streak_may_be_longer);
    CHECK(r.breaks_done == 1);
    CHECK(r.breaks_skipped == 1);
    CHECK(r.days[5].breaks_done == 1);
    REQUIRE(r.routines.size() == 3);
    CHECK(r.routines[0].routine == "morning");
    CHECK(r.routines[0].sessions == 4);
    CHECK(r.routines[0].completed == 4);
    CHECK(r.routines[0].time == minutes(42));
    SUBCASE("missed and idle breaks (psoas remind) are counted beside the others") {
      in.sessions.push_back(session(at(2026, 11, 21, 17), 0, "desk-break", "break", "missed"));
      in.sessions.push_back(session(at(2026, 11, 20, 11), 0, "desk-break", "break", "idle"));
      in.sessions.push_back(session(at(2026, 11, 20, 12), 0, "desk-break", "break", "idle"));
      Report r2 = compute_report(in);
      CHECK(r2.breaks_missed == 1);
      CHECK(r2.breaks_idle == 2);
      CHECK(r2.breaks_snoozed == 0);
      CHECK(r2.sessions == 6);  // breaks are not self-care sessions
      CHECK(r2.days[4].breaks_idle == 2);
      CHECK(render(r2, Format::text).find("Desk breaks: 1 done, 1 skipped, 0 snoozed, 1 missed, 2 idle.") != std::string::npos);
      CHECK(render(r2, Format::json).find("\"breaks\":{\"done\":1,\"skipped\":1,\"snoozed\":0,\"missed\":1,\"idle\":2}") !=
            std::string::npos);
    }
    SUBCASE("a streak reaching the start of the data may be longer") {
      for (int d = 9; d <= 22; ++d) in.sessions.push_back(session(at(2026, 11, d, 7), 5));
      Report r2 = compute_report(in);
      CHECK(r2.streak == 14);
      CHECK(r2.streak_may_be_longer);
      CHECK(render(r2, Format::text).find("Current streak: at least 14 days.") != std::string::npos);
    }
    SUBCASE("days to come are not judged") {
      in.now = at(2026, 11, 18, 12);
      Report r2 = compute_report(in);
      CHECK(r2.days_judged == 3);
      CHECK(r2.days[3].to_come);
      CHECK(r2.streak == 4);  // Sat-Tue, across the range's start; Wednesday is still open
    }
  }

  TEST_CASE("triggers and helpers seen on at least 3 days") {
    auto in = week();
    in.entries = {entry(at(2026, 11, 16, 9), 7, {"sitting"}, {"heat"}), entry(at(2026, 11, 17, 9), 6, {"sitting"}),
                  entry(at(2026, 11, 17, 10), 8, {"sitting"}),  // same day: one day
                  entry(at(2026, 11, 18, 9), 5, {"sitting", "stress"}, {"heat"}),
                  entry(at(2026, 11, 19, 9), 2, {}, {"walk"}), entry(at(2026, 11, 20, 9), 3, {}, {"heat"})};
    Report r = compute_report(in);
    REQUIRE(r.triggers.size() == 1);
    CHECK(r.triggers[0].name == "sitting");
    CHECK(r.triggers[0].days_with == 3);
    CHECK(r.triggers[0].days_without == 2);
    CHECK(r.triggers[0].mean_with == doctest::Approx(6.3));  // (7 + 7 + 5) / 3
    CHECK(*r.triggers[0].mean_without == doctest::Approx(2.5));
    REQUIRE(r.helpers.size() == 1);
    CHECK(r.helpers[0].name == "heat");
    CHECK(r.helpers[0].days_with == 3);
  }

  TEST_CASE("PEG and pain per place") {
    auto in = week();
    in.run_start = at(2026, 8, 1);
    auto peg = [](Instant t, int p, int e, int a) {
      Entry x = entry(t, p);
      x.enjoyment = e;
      x.activity = a;
      x.where = {{"groin", Side::left, p}, {"lower-back", Side::none, 3}};
      return x;
    };
    for (int d = 9; d <= 12; ++d) in.entries.push_back(peg(at(2026, 11, d), 6, 6, 6));
    for (int d = 16; d <= 19; ++d) in.entries.push_back(peg(at(2026, 11, d), 5, 4, 4));
    Report r = compute_report(in);
    REQUIRE(r.peg);
    CHECK(*r.peg->mean == doctest::Approx(4.3));
    CHECK(*r.peg->previous_mean == doctest::Approx(6.0));
    CHECK(r.peg->trend == Trend::improving);  // down by more than 1 point
    CHECK(r.pain.trend == Trend::no_clear_change);
    REQUIRE(r.locations.size() == 2);
    CHECK(r.locations[0].name == "left groin");
    CHECK(*r.locations[0].trend.mean == doctest::Approx(5.0));
    CHECK(r.locations[1].name == "lower-back");
    CHECK(r.locations[1].trend.trend == Trend::no_clear_change);
  }

  TEST_CASE("empty range and one entry") {
    auto in = week();
    Report empty = compute_report(in);
    CHECK(is_empty(empty));
    CHECK(empty.days.size() == 7);
    CHECK_FALSE(empty.mean);
    CHECK(empty.pain.trend == Trend::not_enough_data);
    for (Format f : {Format::text, Format::markdown, Format::json, Format::csv, Format::html})
      CHECK_FALSE(render(empty, f).empty());

    in.entries = {entry(at(2026, 11, 20, 9), 4)};
    Report one = compute_report(in);
    CHECK_FALSE(is_empty(one));
    CHECK(one.entries == 1);
    CHECK(*one.mean == doctest::Approx(4.0));
    CHECK(*one.days_logged == 3);  // Nov 20-22
    CHECK(one.warnings.empty());
  }

  TEST_CASE("renderers") {
    auto in = week();
    in.run_start = at(2026, 10, 1);
    daily(in, nov9, {5, 5, 5, 5});
    daily(in, nov16, {5, 4, 5, 4, 5});
    in.sessions = {session(at(2026, 11, 16, 8), 15, "morning & <evening>")};
    Report r = compute_report(in);

    std::string text = render(r, Format::text);
    CHECK(text.starts_with("psoas report: 2026-11-16 to 2026-11-22 (7 days)\n"));
    CHECK(text.find("No clear change") != std::string::npos);
    CHECK(text.find("Seek emergency care now") != std::string::npos);
    CHECK(text.find("both legs") != std::string::npos);
    CHECK(text.find("not a diagnosis") != std::string::npos);
    CHECK(text.find("\x1b[") == std::string::npos);
    CHECK(text.find("you are fine") == std::string::npos);
    CHECK(render(r, Format::text, {true, {}}).find("\x1b[") != std::string::npos);

    std::string json = render(r, Format::json);
    CHECK(json.starts_with("{\"first_day\":\"2026-11-16\""));
    CHECK(json.find("\"trend\":{\"trend\":\"no_clear_change\"") != std::string::npos);
    CHECK(json.find("\"routine\":\"morning & <evening>\"") != std::string::npos);
    CHECK(json.ends_with("}\n"));

    std::string csv = render(r, Format::csv);
    CHECK(count(csv, "\n") == 8);  // header + 7 days
    CHECK(csv.find("2026-11-16,1,5.0,5,5,1,15,0,0,0\n") != std::string::npos);

    std::string html = render(r, Format::html);
    CHECK(count(html, "<circle") == 5);
    CHECK(html.find("morning &amp; &lt;evening&gt;") != std::string::npos);
    CHECK(count(html, "http") == 2);  // the XHTML and SVG namespaces: nothing is fetched
    CHECK(count(html, "src=") + count(html, "href=") + count(html, "<script") == 0);

    std::string md = render(r, Format::markdown);
    CHECK(md.starts_with("# psoas report"));
    CHECK(md.find("morning & \\<evening\\>") != std::string::npos);
  }

  TEST_CASE("episode_start walks back over entries until a gap of 14 local days") {
    std::vector<Instant> times = {at(2026, 1, 1), at(2026, 9, 1), at(2026, 9, 14), at(2026, 9, 27),
                                  at(2026, 10, 21), at(2026, 11, 3), at(2026, 11, 16)};
    int lookups = 0;
    auto lookup = [&](Instant t) -> std::optional<Instant> {
      ++lookups;
      auto it = std::lower_bound(times.begin(), times.end(), t);
      return it == times.end() ? std::nullopt : std::optional<Instant>(*it);
    };
    CHECK(episode_start(at(2026, 11, 16), at(2026, 1, 1), utc, {}, lookup) == at(2026, 10, 21));
    CHECK(lookups == 3);
    SUBCASE("stops at the horizon") {
      CHECK(episode_start(at(2026, 11, 16), at(2026, 11, 10), utc, {}, lookup) == at(2026, 11, 3));
    }
    SUBCASE("14 local days apart starts a new run, whatever the hours") {
      times = {at(2026, 11, 2, 8), at(2026, 11, 16, 23)};
      CHECK(episode_start(at(2026, 11, 16, 23), at(2026, 1, 1), utc, {}, lookup) == at(2026, 11, 16, 23));
      times = {at(2026, 11, 2, 23), at(2026, 11, 15, 8)};  // 13 local days: one run
      CHECK(episode_start(at(2026, 11, 15, 8), at(2026, 1, 1), utc, {}, lookup) == at(2026, 11, 2, 23));
    }
    SUBCASE("a jump that stays in the run finds the same start with fewer lookups") {
      times.clear();
      for (sys_days d = 2026y / 8 / 1; d <= sys_days(2026y / 8 / 5); d += days(1)) times.push_back(d + hours(9));
      times.push_back(sys_days(2026y / 8 / 19) + hours(9));  // 14 days after Aug 5: a new run
      for (sys_days d = 2026y / 9 / 1; d <= sys_days(2026y / 11 / 16); d += days(1)) times.push_back(d + hours(9));
      // Back from t through entries at most 9 days apart, as Journal::first_time_of_day_run.
      int jumps = 0;
      auto jump = [&](Instant t) {
        ++jumps;
        auto it = std::lower_bound(times.begin(), times.end(), t);
        while (it != times.begin() && *it - *std::prev(it) <= days(9)) --it;
        return *it;
      };
      lookups = 0;
      const Instant walked = episode_start(times.back(), at(2026, 1, 1), utc, {}, lookup);
      const int walked_lookups = lookups;
      lookups = 0;
      CHECK(episode_start(times.back(), at(2026, 1, 1), utc, {}, lookup, jump) == walked);
      CHECK(walked == at(2026, 8, 19, 9));
      CHECK(lookups == 2);  // from Sep 1 to Aug 19, and from Aug 19 to nothing nearer than 14 days
      CHECK(jumps == 2);
      CHECK(walked_lookups > 6);
    }
  }

  TEST_CASE("format names") {
    CHECK(format_from_string("json") == Format::json);
    CHECK(format_from_string("md") == Format::markdown);
    CHECK_FALSE(format_from_string("pdf"));
  }

  TEST_CASE("the emergency number is configurable") {
    // Wording rule 2: 911 and 999 are named beside whichever number is configured.
    CHECK(cauda_equina_card("112").back().starts_with("Call 112 (911 in the US and Canada, 999 in the UK)"));
    CHECK(cauda_equina_card("999").back().starts_with("Call 999 (911 in the US and Canada, 112 across Europe)"));
  }
}

TEST_SUITE("report gather") {
  TEST_CASE("gather fetches the run's first and last logged days, and not the days between") {
    Journal j = Journal::in_memory();
    std::vector<sys_days> logged{sys_days(2026y / 1 / 1), sys_days(2026y / 1 / 8), sys_days(2026y / 1 / 15)};
    while (logged.back() < sys_days(2026y / 11 / 30)) logged.push_back(logged.back() + days(10));
    for (sys_days d : logged) j.add(entry(d + hours(9), d < sys_days(2026y / 2 / 1) ? 8 : 3), later);
    const sys_days last = logged.back();  // Nov 30 or just after
    when::Range range{last - days(6), last + days(1)};
    ReportInput in = gather(j, range, last + hours(20), utc, {},
                            []() -> const std::vector<TriageQuestion>& { throw std::logic_error("no triage: no content"); });
    REQUIRE(in.run_start);
    CHECK(*in.run_start == sys_days(2026y / 1 / 1) + hours(9));
    CHECK(in.entries.size() < 10);  // not the 36 entries of the whole run
    Report r = compute_report(in);
    REQUIRE(r.run);
    CHECK(r.run->first_days == std::vector<year_month_day>{2026y / 1 / 1, 2026y / 1 / 8, 2026y / 1 / 15});
    CHECK(r.run->last_days.back() == year_month_day(last));
    CHECK(r.run->last_days.size() == 3);
    CHECK(r.run->trend == Trend::improving);  // 8 -> 3, well past the first weeks
    CHECK(r.trend == Trend::improving);
  }

  TEST_CASE("gather's run start and first days are those of a day-by-day walk, across DST and a late day start") {
    // Five entries a day (those before the 04:00 day start count toward the day before), a
    // run split from an older one by a gap of 14 local days and joined across gaps of 12
    // and 13, CEST beginning inside its third logged day: gather (the walk mostly in jumps
    // over days, the first days in one query) must find what the local-day walk and a query a day found.
    TzGuard tz("CET-1CEST,M3.5.0,M10.5.0/3");
    const when::Zone& zone = when::system_zone();
    when::Calendar cal;
    cal.day_start = hours(4);
    Journal j = Journal::in_memory();
    auto add_days = [&](sys_days from, sys_days to, int pain) {
      for (sys_days d = from; d < to; d += days(1))
        for (int h : {1, 3, 9, 22, 23}) j.add(entry(d + hours(h), (pain + h) % 11), later);
    };
    add_days(sys_days(2026y / 3 / 1), sys_days(2026y / 3 / 13), 2);   // local days Feb 28 - Mar 12
    add_days(sys_days(2026y / 3 / 27), sys_days(2026y / 4 / 1), 3);   // Mar 26 - 31: 14 days on, a new run
    add_days(sys_days(2026y / 4 / 14), sys_days(2026y / 4 / 15), 4);  // Apr 13 - 14: 13 days on
    add_days(sys_days(2026y / 4 / 27), sys_days(2026y / 4 / 28), 5);  // Apr 26 - 27: 12 days on
    add_days(sys_days(2026y / 5 / 10), sys_days(2026y / 5 / 21), 6);  // May 9 - 20: 12 days on
    const Instant now = at(2026, 5, 20);
    const when::Range range = when::parse_range("2026-W20", now, zone, cal);  // May 11 - 17
    ReportInput in = gather(j, range, now, zone, cal,
                            []() -> const std::vector<TriageQuestion>& { throw std::logic_error("no triage"); });

    // The walk one local day at a time, and the first days one query each.
    const Instant latest = *j.last_time_before(range.to);
    const Instant start = episode_start(latest, Instant::min() + episode_gap, zone, cal,
                                        [&j](Instant t) { return j.first_time_at_or_after(t); });
    CHECK(start == sys_days(2026y / 3 / 27) + hours(1));
    REQUIRE(in.run_start);
    CHECK(*in.run_start == start);
    std::vector<Entry> head;
    Instant next = start;
    for (int n = 0; n < run_days; ++n) {
      const year_month_day d = when::local_day(next, zone, cal);
      const Instant to = when::day_begin(sys_days(d) + days(1), zone, cal);
      for (Entry& e : j.pain_points(when::day_begin(d, zone, cal), to)) head.push_back(std::move(e));
      std::optional<Instant> after = j.first_time_at_or_after(to);
      if (!after) break;
      next = *after;
    }
    CHECK(head.size() == 1 + 5 + 5);  // Mar 26 (one entry), 27, 28 (23 hours long)
    // gather sums them per local day from the journal's quarter-hour sums.
    std::vector<DayPain> sums;
    for (const Entry& e : head) {
      const year_month_day d = when::local_day(e.at, zone, cal);
      if (sums.empty() || sums.back().day != d) sums.push_back({d, 0, 0});
      sums.back().sum += e.pain;
      ++sums.back().entries;
    }
    REQUIRE(in.run_head.size() == sums.size());
    for (std::size_t i = 0; i < sums.size(); ++i) {
      CHECK(in.run_head[i].day == sums[i].day);
      CHECK(in.run_head[i].sum == sums[i].sum);
      CHECK(in.run_head[i].entries == sums[i].entries);
    }
    REQUIRE(!in.entries.empty());
    CHECK(in.entries.front().at >= when::day_begin(2026y / 4 / 13, zone, cal));
    Report r = compute_report(in);
    REQUIRE(r.run);
    CHECK(r.run->first_days == std::vector<year_month_day>{2026y / 3 / 26, 2026y / 3 / 27, 2026y / 3 / 28});
  }

  TEST_CASE("gather's mentions come from the latest triage before the range's end, in the range or before it") {
    std::vector<TriageQuestion> qs(2);
    qs[0].id = "eight-weeks";
    qs[0].urgency = Urgency::mention;
    qs[1].id = "age";
    qs[1].urgency = Urgency::mention;
    auto questions = [&qs]() -> const std::vector<TriageQuestion>& { return qs; };
    auto triage_at = [](Instant t, const char* answers) {
      TriageRecord r;
      r.at = t;
      r.outcome = "self-care";
      r.answers_json = answers;
      r.reasons_json = "[]";
      return r;
    };
    Journal j = Journal::in_memory();
    j.add(entry(at(2026, 11, 20, 9), 4), later);
    j.add_triage(triage_at(at(2026, 11, 2, 10), R"({"eight-weeks":"yes"})"));
    ReportInput before = gather(j, week().range, week().now, utc, {}, questions);
    REQUIRE(before.mentions.size() == 1);  // none in the range: the one before it
    CHECK(before.mentions[0].id == "eight-weeks");
    CHECK(before.mentions_at == at(2026, 11, 2, 10));
    j.add_triage(triage_at(at(2026, 11, 18, 10), R"({"age":"yes"})"));
    j.add_triage(triage_at(at(2026, 11, 18, 10), R"({"eight-weeks":"yes"})"));  // same time, later id
    j.add_triage(triage_at(at(2026, 11, 23, 10), R"({"age":"yes"})"));          // after the range
    ReportInput in = gather(j, week().range, week().now, utc, {}, questions);
    CHECK(in.triage.size() == 2);
    REQUIRE(in.mentions.size() == 1);
    CHECK(in.mentions[0].id == "eight-weeks");
    CHECK(in.mentions_at == at(2026, 11, 18, 10));
  }

  TEST_CASE("gather lists the latest triage's mention answers with their advice") {
    Journal j = Journal::in_memory();
    j.add(entry(at(2026, 11, 20, 9), 4), later);
    TriageRecord t;
    t.at = at(2026, 11, 19, 10);
    t.outcome = "self-care";
    t.answers_json = R"({"eight-weeks":"yes","night-pain":"no"})";
    t.reasons_json = "[]";
    j.add_triage(t);
    std::vector<TriageQuestion> qs(2);
    qs[0].id = "eight-weeks";
    qs[0].text = "Has it lasted 8 weeks?";
    qs[0].urgency = Urgency::mention;
    qs[0].advice = "Ask about a specialist.";
    qs[1].id = "night-pain";
    qs[1].urgency = Urgency::see_clinician;
    ReportInput in = gather(j, week().range, week().now, utc, {}, [&qs]() -> const std::vector<TriageQuestion>& { return qs; });
    REQUIRE(in.mentions.size() == 1);
    CHECK(in.mentions[0].id == "eight-weeks");
    CHECK(in.mentions[0].advice == "Ask about a specialist.");
    Report r = compute_report(in);
    CHECK(render(r, Format::text).find("Has it lasted 8 weeks? Ask about a specialist.") != std::string::npos);
    CHECK(render(r, Format::json).find(R"("mentions":[{"id":"eight-weeks")") != std::string::npos);
  }
}
