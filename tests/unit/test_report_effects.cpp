// The report's measured effects: each routine's rated sessions, the next-day comparison,
// and the calendar that long reports show (report_effects.cpp, report_render_calendar.cpp).
#include <doctest/doctest.h>

#include <tuple>

#include "psoas/report.hpp"
#include "report_render.hpp"

using namespace std::chrono;
using namespace psoas;
using namespace psoas::report;

namespace {

const when::FixedZone utc{seconds{0}};

Instant at(int d, int h = 12, int min = 0, unsigned m = 11) {
  return sys_days(year{2026} / month{m} / day{static_cast<unsigned>(d)}) + hours(h) + minutes(min);
}

Entry entry(Instant t, int pain) {
  Entry e;
  e.at = t;
  e.pain = pain;
  return e;
}

Session session(Instant start, int minutes_long, std::string routine = "morning", std::string kind = "routine") {
  Session s;
  s.kind = std::move(kind);
  s.routine = std::move(routine);
  s.start = start;
  s.end = start + minutes(minutes_long);
  s.outcome = "completed";
  s.uuid = fmt::format("s-{}", start.time_since_epoch().count());
  return s;
}

// A session with its ratings, as Journal::rated_sessions gives it; `in.sessions` gets it too.
void rated(ReportInput& in, Session s, std::optional<int> before, std::optional<int> after) {
  in.sessions.push_back(s);
  in.rated.push_back({std::move(s), before, after});
}

// Nov 16-22 2026 (Mon-Sun), "now" at the end of Sunday.
ReportInput week() {
  ReportInput in;
  in.range = {at(16, 0), at(23, 0)};
  in.now = at(22, 20);
  in.zone = &utc;
  return in;
}

bool contains(const std::string& s, std::string_view what) { return s.find(what) != std::string::npos; }

// The text report with its wrapping undone: runs of blanks as one space.
std::string text_of(const Report& r) {
  std::string out;
  for (char c : render(r, Format::text)) {
    bool blank = c == ' ' || c == '\n';
    if (!blank || (!out.empty() && out.back() != ' ')) out += blank ? ' ' : c;
  }
  return out;
}

}  // namespace

TEST_SUITE("report effects") {
  TEST_CASE("a routine's rated sessions: mean change and how many fell by 2 or more") {
    auto in = week();
    rated(in, session(at(16, 8), 20), 6, 4);  // -2, fell by 2
    rated(in, session(at(17, 8), 20), 5, 5);  //  0
    rated(in, session(at(18, 8), 20), 7, 4);  // -3, fell by 2
    rated(in, session(at(19, 8), 20), 3, 4);  // +1
    rated(in, session(at(20, 8), 10, "desk", "timer"), 4, 3);
    Report r = compute_report(in);
    REQUIRE(r.routines.size() == 2);
    const RoutineSummary& m = r.routines[0];
    CHECK(m.routine == "morning");
    CHECK(m.rated == 4);
    CHECK(*m.rated_change == doctest::Approx(-1.0));  // (-2 + 0 - 3 + 1) / 4
    CHECK(m.fell_by_2 == 2);
    REQUIRE(m.pairs.size() == 4);
    CHECK(m.pairs[2].before == 7);
    CHECK(m.pairs[2].after == 4);
    std::string text = text_of(r);
    CHECK(contains(text, "rated before and after in 4 of 4 sessions: pain -1.0 from before to after on average,"));
    CHECK(contains(text, "fell by 2 points or more in 2 of 4."));
    CHECK(contains(text, "desk (timer): 1 session, 1 completed, 10 min; 1 of 1 rated before and after so far; rate 2 more sessions of desk"));
    CHECK(contains(text, "not what caused what"));
    std::string json = render(r, Format::json);
    CHECK(contains(json, "\"rated_sessions\":4,\"rated_needed\":0,\"rated_mean_change\":-1,\"fell_by_2\":2"));
    CHECK(contains(json, "{\"date\":\"2026-11-18\",\"before\":7,\"after\":4}"));
    CHECK(contains(json, "\"rated_sessions\":1,\"rated_needed\":2,\"rated_mean_change\":null"));
    CHECK(contains(render(r, Format::markdown), "| morning | routine | 4 | 4 | 80 | rated before and after in 4 of 4"));
  }

  TEST_CASE("fewer than 3 rated sessions: how many more are needed, no figure") {
    auto in = week();
    rated(in, session(at(16, 8), 20), 6, 2);
    rated(in, session(at(17, 8), 20), 5, 1);
    Report r = compute_report(in);
    CHECK(r.routines[0].rated == 2);
    CHECK(r.routines[0].fell_by_2 == 2);
    CHECK_FALSE(r.routines[0].rated_change);
    std::string text = text_of(r);
    CHECK(contains(text, "2 of 2 rated before and after so far; rate 1 more session of morning before and after"));
    CHECK_FALSE(contains(text, "on average"));
  }

  TEST_CASE("a session with only one rating is not rated") {
    auto in = week();
    rated(in, session(at(16, 8), 20), 6, std::nullopt);
    rated(in, session(at(17, 8), 20), std::nullopt, 3);
    rated(in, session(at(18, 8), 20), std::nullopt, std::nullopt);
    rated(in, session(at(19, 8), 20), 6, 5);
    Report r = compute_report(in);
    CHECK(r.routines[0].sessions == 4);
    CHECK(r.routines[0].rated == 1);
    CHECK(r.routines[0].pairs.size() == 1);
    CHECK(contains(text_of(r), "1 of 4 rated before and after so far; rate 2 more sessions of morning"));
  }

  TEST_CASE("a session spanning midnight belongs to the day it started") {
    auto in = week();
    in.calendar.week_start = Monday;
    rated(in, session(at(17, 23, 50), 30), 7, 5);  // Tue 23:50 to Wed 00:20
    in.entries = {entry(at(17, 23, 49), 7), entry(at(18, 0, 21), 5), entry(at(18, 9), 4)};
    Report r = compute_report(in);
    CHECK(r.days[1].sessions == 1);  // Tuesday
    CHECK(r.days[2].sessions == 0);
    CHECK(r.routines[0].pairs[0].day == 2026y / 11 / 17);
    // Wednesday (mean 4.5 of the after rating and 4) is a day after a day with a session;
    // Tuesday (7) a day after one without.
    CHECK(r.next_day.after_session == 1);
    CHECK(r.next_day.after_none == 1);
    SUBCASE("with the day starting at 04:00 the after rating is Tuesday's too") {
      in.calendar.day_start = hours(4);
      in.range = {at(16, 4), at(23, 4)};
      Report r2 = compute_report(in);
      CHECK(r2.days[1].mean == doctest::Approx(6.0));
      CHECK(r2.next_day.after_session == 1);  // Wednesday: 4
      CHECK(r2.next_day.after_none == 1);
    }
  }

  TEST_CASE("next day: days after a day with a session against days after one without") {
    auto in = week();
    // Sessions on Sun 15 (before the range), Mon 16 and Wed 18: the days after are 16, 17, 19.
    for (int d : {15, 16, 18}) in.sessions.push_back(session(at(d, 7), 15));
    in.entries = {entry(at(16, 9), 2), entry(at(17, 9), 3), entry(at(19, 9), 4),   // after a session: 3.0
                  entry(at(18, 9), 5), entry(at(20, 9), 6), entry(at(21, 9), 8)};  // after none: 6.3
    SUBCASE("exactly 3 of each: the means") {
      Report r = compute_report(in);
      CHECK(r.next_day.after_session == 3);
      CHECK(r.next_day.after_none == 3);
      CHECK(*r.next_day.mean_after_session == doctest::Approx(3.0));
      CHECK(*r.next_day.mean_after_none == doctest::Approx(6.3));  // 19 / 3
      std::string text = text_of(r);
      CHECK(contains(text, "On the 3 days after a day with a session, mean pain was 3.0; on the 3 days after a day"));
      CHECK(contains(render(r, Format::json), "\"next_day\":{\"days_after_session\":3,\"days_after_none\":3,"
                                              "\"mean_after_session\":3,\"mean_after_none\":6.3,"
                                              "\"days_needed_after_session\":0,\"days_needed_after_none\":0}"));
    }
    SUBCASE("2 after a day without: how many more days") {
      in.entries.pop_back();
      Report r = compute_report(in);
      CHECK(r.next_day.after_none == 2);
      CHECK_FALSE(r.next_day.mean_after_session);
      CHECK_FALSE(r.next_day.mean_after_none);
      std::string text = text_of(r);
      CHECK(contains(text, "that needs 3 logged days of each, and this range has 3 and 2 (1 more after a day without one)."));
      CHECK(contains(render(r, Format::json), "\"mean_after_session\":null,\"mean_after_none\":null,"
                                              "\"days_needed_after_session\":0,\"days_needed_after_none\":1"));
    }
    SUBCASE("desk breaks are not sessions here") {
      in.sessions.push_back(session(at(19, 7), 1, "break", "break"));
      CHECK(compute_report(in).next_day.after_session == 3);
    }
  }

  TEST_CASE("calendar: weeks as rows, each day's mean as a digit and a mark for a session") {
    ReportInput in;
    in.range = {at(2, 0), at(30, 0)};  // Mon 2 to Sun 29 November: 28 days
    in.now = at(26, 20);               // 27-29 to come
    in.zone = &utc;
    in.entries = {entry(at(2, 9), 4), entry(at(2, 18), 5),    // 4.5 -> 5 (half up)
                  entry(at(3, 9), 9), entry(at(3, 18), 10),   // 9.5 -> X
                  entry(at(5, 9), 2), entry(at(10, 9), 0)};
    in.sessions = {session(at(4, 7), 10), session(at(5, 7), 10)};
    Report r = compute_report(in);
    std::string text = render(r, Format::text);
    CHECK(contains(text, "  week of     Mon Tue Wed Thu Fri Sat Sun\n"
                         "  2026-11-02   5   X    ●  2●\n"
                         "  2026-11-09       0\n"
                         "  2026-11-16\n"
                         "  2026-11-23                   -   -   -\n"));
    CHECK(detail::pain_digit(0.4) == '0');
    CHECK(detail::pain_digit(9.4) == '9');
    CHECK(detail::pain_digit(10) == 'X');
    SUBCASE("colour adds a shade behind the same digit") {
      RenderOptions o;
      o.colour = true;
      std::string c = render(r, Format::text, o);
      CHECK(contains(c, "\x1b[48;5;216m\x1b[38;5;16m 5 \x1b[0m"));
      CHECK(contains(c, "\x1b[48;5;124m\x1b[38;5;231m X \x1b[0m"));
    }
    SUBCASE("the week starts on the configured day") {
      in.calendar.week_start = Sunday;
      std::string t = render(compute_report(in), Format::text);
      CHECK(contains(t, "  week of     Sun Mon Tue Wed Thu Fri Sat\n  2026-11-01       5   X    ●  2●\n"));
    }
    SUBCASE("HTML: a table with shaded cells, titles and a legend") {
      std::string h = render(r, Format::html);
      CHECK(contains(h, "<table class=\"calendar\">"));
      CHECK(contains(h, "<td class=\"p10\" title=\"2026-11-03: mean pain 9.5\">X</td>"));
      CHECK(contains(h, "<td class=\"p2\" title=\"2026-11-05: mean pain 2.0, 1 session\">2<span class=\"mark\">●</span></td>"));
      CHECK(contains(h, "<td class=\"to-come\" title=\"2026-11-29: to come\">-</td>"));
      CHECK(contains(h, "<p class=\"legend\"><span class=\"p0\">0</span>"));
    }
    SUBCASE("shorter ranges have none") {
      in.range = {at(2, 0), at(29, 0)};
      CHECK_FALSE(contains(render(compute_report(in), Format::text), "week of"));
    }
  }

  TEST_CASE("gather fetches the range's sessions with their ratings") {
    Journal j = Journal::in_memory();
    const Instant later = sys_days{year{2100} / January / 1};
    auto add = [&](Instant start, std::optional<int> before, std::optional<int> after) {
      Session x = session(start, 15);
      x.uuid.clear();  // the journal gives it one
      Session s = j.add_session(x);
      for (auto [pain, role, t] : {std::tuple{before, SessionRole::before, start - minutes(1)},
                                   std::tuple{after, SessionRole::after, s.end + minutes(1)}}) {
        if (!pain) continue;
        Entry e = entry(t, *pain);
        e.session = s.uuid;
        e.session_role = role;
        j.add(e, later);
      }
    };
    add(at(15, 8), 9, 1);             // the day before the range: not this range's
    add(at(16, 8), 6, 4);
    add(at(17, 8), 5, std::nullopt);  // one rating: fetched, not rated
    add(at(18, 8), 7, 3);
    add(at(19, 8), 6, 5);
    ReportInput in = gather(j, week().range, week().now, utc, {}, []() -> const std::vector<TriageQuestion>& {
      static const std::vector<TriageQuestion> none;
      return none;
    });
    REQUIRE(in.rated.size() == 4);
    CHECK_FALSE(in.rated[1].after);
    Report r = compute_report(in);
    CHECK(r.routines[0].rated == 3);
    CHECK(*r.routines[0].rated_change == doctest::Approx(-2.3));  // (-2 - 4 - 1) / 3
    CHECK(r.routines[0].fell_by_2 == 2);
  }
}
