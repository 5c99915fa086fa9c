// psoas today: the dashboard's value from a journal and a fake clock (no sleeping).
#include <doctest/doctest.h>

#include <algorithm>

#include "psoas/clock.hpp"
#include "psoas/today.hpp"

using namespace std::chrono;
using namespace psoas;

namespace {

const when::FixedZone utc{seconds{0}};

Instant at(int y, unsigned m, unsigned d, int h = 12, int min = 0) {
  return sys_days(year{y} / month{m} / day{d}) + hours(h) + minutes(min);
}

// Central Europe in 2026: +1, +2 from 2026-03-29 01:00Z to 2026-10-25 01:00Z.
class CentralEurope2026 final : public when::Zone {
 public:
  seconds offset_at(Instant t) const override {
    return t >= at(2026, 3, 29, 1) && t < at(2026, 10, 25, 1) ? hours(2) : hours(1);
  }
  Instant from_local(local_seconds t) const override {
    Instant summer{t.time_since_epoch() - hours(2)};
    if (offset_at(summer) == hours(2)) return summer;  // the earlier of a repeated hour
    Instant winter{t.time_since_epoch() - hours(1)};
    return offset_at(winter) == hours(1) ? winter : winter + hours(1);  // in the gap: forward
  }
};
const CentralEurope2026 cet;

Entry entry(Instant t, int pain) {
  Entry e;
  e.at = t;
  e.pain = pain;
  return e;
}

Session session(Instant start, std::string routine = "stretch", std::string kind = "routine") {
  Session s;
  s.kind = std::move(kind);
  s.routine = std::move(routine);
  s.start = start;
  s.end = start + minutes(12);
  s.phases_done = s.phases_total = 4;
  s.outcome = "completed";
  return s;
}

TriageRecord triage_at(Instant t, std::string outcome, std::string routine = "") {
  TriageRecord r;
  r.at = t;
  r.outcome = std::move(outcome);
  r.routine = std::move(routine);
  r.answers_json = "{}";
  r.reasons_json = "[]";
  return r;
}

// The flare care a test hands in, and whether it was asked for.
struct Care {
  int asked = 0;
  std::function<today::FlareCare()> fn() {
    return [this] {
      ++asked;
      return today::FlareCare{"gentle", {"cold"}};
    };
  }
};

// Journal -> gather -> compute at the fake clock's now.
today::Today look(const Journal& j, const FakeClock& clock, const std::function<today::FlareCare()>& care,
                  const when::Zone& zone = utc) {
  static const std::vector<TriageQuestion> none;
  today::Input in = today::gather(j, clock.wall_now(), zone, {}, [&]() -> const std::vector<TriageQuestion>& { return none; });
  return today::compute(in, care);
}

bool has(const today::Today& t, today::Nudge n) { return std::count(t.nudges.begin(), t.nudges.end(), n) > 0; }

report::RoutineSummary rated(std::string routine, int n, std::optional<double> change, int fell = 0,
                             std::string kind = "routine") {
  report::RoutineSummary s;
  s.routine = std::move(routine);
  s.kind = std::move(kind);
  s.sessions = s.rated = n;
  s.rated_change = change;
  s.fell_by_2 = fell;
  return s;
}

}  // namespace

TEST_SUITE("today") {
  TEST_CASE("an empty journal is empty: the CLI shows its welcome") {
    Journal j = Journal::in_memory();
    FakeClock clock{at(2026, 11, 30, 9)};
    Care care;
    today::Today t = look(j, clock, care.fn());
    CHECK(t.empty);
    CHECK(t.streak == 0);
    CHECK(t.next.from == today::NextFrom::none);
    CHECK(care.asked == 0);
  }

  TEST_CASE("the latest pain, today's sessions and the report's judgement") {
    Journal j = Journal::in_memory();
    FakeClock clock{at(2026, 11, 30, 9)};
    for (int d = 0; d < 10; ++d) j.add(entry(at(2026, 11, 20 + static_cast<unsigned>(d), 8), 4), clock.wall_now());
    j.add_session(session(at(2026, 11, 30, 7)));
    Session desk = session(at(2026, 11, 30, 7, 30), "break", "break");
    desk.outcome = "done";
    j.add_session(desk);
    clock.advance(hours(1));
    Care care;
    today::Today t = look(j, clock, care.fn());
    CHECK_FALSE(t.empty);
    REQUIRE(t.latest);
    CHECK(t.latest->pain == 4);
    CHECK(t.latest->at == at(2026, 11, 29, 8));
    CHECK(t.report.days.size() == 7);
    CHECK(t.report.trend == report::Trend::no_clear_change);
    REQUIRE(t.sessions.size() == 1);
    CHECK(t.sessions[0].routine == "stretch");
    CHECK(t.sessions[0].time == minutes(12));
    CHECK(t.breaks_today == 1);
    CHECK(t.streak == 1);
    CHECK(has(t, today::Nudge::never));
    CHECK(care.asked == 0);
  }

  TEST_CASE("a flare: the acute routine and cold, and a nudge to triage again") {
    Journal j = Journal::in_memory();
    FakeClock clock{at(2026, 11, 30, 20)};
    for (unsigned d = 10; d < 30; ++d) j.add(entry(at(2026, 11, d, 9), 3), clock.wall_now());
    j.add_triage(triage_at(at(2026, 11, 25), "self-care", "stretch,strength"));
    j.add(entry(at(2026, 11, 30, 9), 8), clock.wall_now());
    Care care;
    today::Today t = look(j, clock, care.fn());
    REQUIRE(t.report.flare);
    CHECK(t.next.from == today::NextFrom::flare);
    CHECK(t.next.routine == "gentle");
    CHECK(t.next.advice == std::vector<std::string>{"cold"});
    CHECK(care.asked == 1);
    CHECK(has(t, today::Nudge::flare));

    SUBCASE("without a flare the triage's first routine comes next") {
      report::Report calm = t.report;
      calm.flare.reset();
      today::NextRoutine n = today::next_routine(calm, t.triage, false, care.fn());
      CHECK(n.from == today::NextFrom::triage);
      CHECK(n.routine == "stretch");
    }
  }

  TEST_CASE("flare_care takes the routine and the cold advice from content") {
    Content c = load_content();
    today::FlareCare care = today::flare_care(c.questions, c.advice, c.triage);
    CHECK(care.routine == "acute");
    CHECK(care.advice == std::vector<std::string>{"cold"});
    // What `psoas` alone uses when there is no user content: the same, without parsing it.
    CHECK(today::builtin_flare_care().routine == care.routine);
    CHECK(today::builtin_flare_care().advice == care.advice);
  }

  TEST_CASE("the emergency card: an emergency triage less than 7 days old") {
    const Instant now = at(2026, 11, 30, 12);
    Care care;
    CHECK(today::shows_emergency_card(triage_at(now - days(6) - hours(23), "emergency"), now));
    CHECK_FALSE(today::shows_emergency_card(triage_at(now - days(7), "emergency"), now));
    CHECK_FALSE(today::shows_emergency_card(triage_at(now - days(1), "see-clinician"), now));
    CHECK_FALSE(today::shows_emergency_card(std::nullopt, now));

    Journal j = Journal::in_memory();
    FakeClock clock{now - days(7)};
    j.add(entry(now - days(8), 5), clock.wall_now());
    j.add_triage(triage_at(now - days(7), "emergency"));
    clock.advance(days(7) - seconds(1));
    today::Today shown = look(j, clock, care.fn());
    CHECK(shown.emergency_card);
    CHECK(shown.next.from == today::NextFrom::none);  // care first, no routine
    CHECK(shown.nudges.empty());                      // and no "within days" beside "now"
    clock.advance(seconds(1));
    CHECK_FALSE(look(j, clock, care.fn()).emergency_card);
  }

  TEST_CASE("a triage 4 weeks old while the pain goes on: run it again") {
    report::Report r;
    r.range = {at(2026, 11, 24, 0), at(2026, 12, 1, 0)};
    std::optional<Entry> latest = entry(at(2026, 11, 30, 9), 3);
    TriageRecord t = triage_at(at(2026, 11, 2), "self-care", "stretch");
    auto day = year_month_day(sys_days(2026y / 11 / 2));
    CHECK(today::nudges(r, latest, t, 28, day) == std::vector<today::Nudge>{today::Nudge::stale});
    CHECK(today::nudges(r, latest, t, 27, day).empty());
    SUBCASE("not when the latest pain is 0") {
      latest->pain = 0;
      CHECK(today::nudges(r, latest, t, 40, day).empty());
    }
    SUBCASE("not when the latest entry is older than the week") {
      latest->at = at(2026, 11, 20, 9);
      CHECK(today::nudges(r, latest, t, 40, day).empty());
    }
    SUBCASE("worsening comes first") {
      r.trend = report::Trend::worsening;
      CHECK(today::nudges(r, latest, t, 28, day) == std::vector<today::Nudge>{today::Nudge::worsening, today::Nudge::stale});
    }
  }

  TEST_CASE("the next routine from measured effects") {
    report::Report r;
    Care care;
    SUBCASE("the one whose rated sessions helped most, with its n") {
      r.routines = {rated("stretch", 4, -1.0, 1), rated("massage", 3, -2.5, 2), rated("desk", 9, -3.0, 5, "timer")};
      today::NextRoutine n = today::next_routine(r, std::nullopt, false, care.fn());
      CHECK(n.from == today::NextFrom::measured);
      CHECK(n.routine == "massage");
      CHECK(n.rated == 3);
      CHECK(n.rated_change == doctest::Approx(-2.5));
      CHECK(n.fell_by_2 == 2);
    }
    SUBCASE("a tie goes to more rated sessions") {
      r.routines = {rated("stretch", 3, -1.5), rated("morning", 5, -1.5)};
      CHECK(today::next_routine(r, std::nullopt, false, care.fn()).routine == "morning");
    }
    SUBCASE("fewer than min_rated_sessions, or no fall in pain: none") {
      r.routines = {rated("stretch", report::min_rated_sessions - 1, std::nullopt), rated("morning", 6, 0.5)};
      CHECK(today::next_routine(r, std::nullopt, false, care.fn()).from == today::NextFrom::none);
    }
    SUBCASE("none while a recent triage asked for care") {
      r.routines = {rated("massage", 3, -2.5, 2)};
      CHECK(today::next_routine(r, std::nullopt, true, care.fn()).from == today::NextFrom::none);
      const Instant now = at(2026, 11, 30);
      CHECK(today::recent(triage_at(now - days(3), "see-clinician"), "see-clinician", now));
      CHECK_FALSE(today::recent(triage_at(now - days(7), "see-clinician"), "see-clinician", now));
    }
    SUBCASE("the last triage's suggestion comes before measured effects") {
      r.routines = {rated("massage", 3, -2.5, 2)};
      TriageRecord t = triage_at(at(2026, 11, 2), "self-care", "morning");
      CHECK(today::next_routine(r, t, false, care.fn()).routine == "morning");
    }
    CHECK(care.asked == 0);
  }

  TEST_CASE("the streak counts local days across a DST change") {
    SUBCASE("autumn: a 25-hour day") {
      std::vector<Session> s;
      for (unsigned d = 23; d <= 27; ++d) s.push_back(session(cet.from_local(local_days(2026y / 10 / d) + minutes(30))));
      // 00:30 local each day: Oct 25 00:30 CEST is Oct 24 22:30Z, Oct 26 00:30 CET is Oct 25 23:30Z.
      const Instant now = cet.from_local(local_days(2026y / 10 / 27) + hours(12));
      bool longer = true;
      CHECK(today::streak(s, now, at(2026, 10, 1, 0), true, cet, {}, &longer) == 5);
      CHECK_FALSE(longer);
      CHECK(today::streak(s, now, cet.from_local(local_days(2026y / 10 / 25)), false, cet, {}, &longer) == 3);
      CHECK(longer);
    }
    SUBCASE("spring: a 23-hour day, late sessions") {
      std::vector<Session> s;
      for (unsigned d = 28; d <= 30; ++d) s.push_back(session(cet.from_local(local_days(2026y / 3 / d) + hours(23) + minutes(30))));
      // Not yet one today (Mar 31 at 08:00): the streak ends yesterday.
      const Instant now = cet.from_local(local_days(2026y / 3 / 31) + hours(8));
      CHECK(today::streak(s, now, at(2026, 3, 1, 0), true, cet, {}) == 3);
      // A day without a session ends it; desk breaks do not count.
      s.erase(s.begin() + 1);
      s.push_back(session(cet.from_local(local_days(2026y / 3 / 29) + hours(10)), "break", "break"));
      CHECK(today::streak(s, now, at(2026, 3, 1, 0), true, cet, {}) == 1);
    }
    SUBCASE("gather fetches further back while the streak goes on") {
      Journal j = Journal::in_memory();
      for (int d = 0; d < 50; ++d) j.add_session(session(at(2026, 11, 30, 8) - days(d)));
      FakeClock clock{at(2026, 11, 30, 20)};
      Care care;
      today::Today t = look(j, clock, care.fn());
      CHECK(t.streak == 50);
      CHECK_FALSE(t.streak_may_be_longer);
    }
    SUBCASE("a streak of exactly the report's 14 days of sessions, and one of 15") {
      for (int n : {13, 14, 15}) {
        Journal j = Journal::in_memory();
        for (int d = 0; d < n; ++d) j.add_session(session(at(2026, 11, 30, 8) - days(d)));
        FakeClock clock{at(2026, 11, 30, 20)};
        Care care;
        CHECK(look(j, clock, care.fn()).streak == n);
      }
    }
  }

  // gather takes the latest entry and the streak's first sessions from what the report read.
  TEST_CASE("the latest entry is the journal's latest before tomorrow, whole, however old") {
    FakeClock clock{at(2026, 11, 30, 20)};
    Care care;
    SUBCASE("two entries at the same second: the later row, as Journal::last_before has it") {
      Journal j = Journal::in_memory();
      Entry first = entry(at(2026, 11, 29, 8), 3);
      Entry second = entry(at(2026, 11, 29, 8), 7);
      second.note = "the second";
      j.add(first, clock.wall_now());
      j.add(second, clock.wall_now());
      today::Today t = look(j, clock, care.fn());
      REQUIRE(t.latest);
      CHECK(t.latest->pain == 7);
      CHECK(t.latest->note == "the second");
      CHECK(t.latest->id == j.last_before(at(2026, 12, 1, 0))->id);
    }
    SUBCASE("an entry before the report's two weeks, in a run the report reads only the pain of") {
      Journal j = Journal::in_memory();
      for (int d = 0; d < 30; ++d) {
        Entry e = entry(at(2026, 10, 1, 9) + days(d), 5);
        e.note = "day " + std::to_string(d);
        e.triggers = {"sitting"};
        j.add(e, clock.wall_now());
      }
      today::Today t = look(j, clock, care.fn());
      REQUIRE(t.latest);
      CHECK(t.latest->at == at(2026, 10, 30, 9));
      CHECK(t.latest->note == "day 29");
      CHECK(t.latest->triggers == std::vector<std::string>{"sitting"});
    }
    SUBCASE("only a session 20 days ago: not empty, the sessions reach back 35 days") {
      Journal j = Journal::in_memory();
      j.add_session(session(at(2026, 11, 10, 8)));
      today::Today t = look(j, clock, care.fn());
      CHECK_FALSE(t.empty);
      CHECK(t.streak == 0);
    }
    SUBCASE("only a session 40 days ago: empty, as before") {
      Journal j = Journal::in_memory();
      j.add_session(session(at(2026, 10, 21, 8)));
      CHECK(look(j, clock, care.fn()).empty);
    }
  }
}
