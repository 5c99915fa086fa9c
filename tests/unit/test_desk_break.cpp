#include <doctest/doctest.h>

#include "psoas/desk_break.hpp"
#include "psoas/error.hpp"

using namespace psoas;
using namespace std::chrono_literals;
using desk_break::Countdown;
using desk_break::Schedule;
using desk_break::Until;
using std::chrono::seconds;

TEST_SUITE("desk_break") {
  TEST_CASE("without --for: a whole interval, a snooze after a snooze, an interval after the rest") {
    FakeClock clock;
    Schedule s(55min, 5min, clock.steady_now(), std::nullopt);
    CHECK(s.countdown(clock.steady_now()) == Countdown{55min, Until::next_break});
    clock.advance(55min);
    CHECK_FALSE(s.over(clock.steady_now()));
    CHECK_FALSE(s.end().has_value());
    s.answered(remind::Answer::snoozed);
    CHECK(s.countdown(clock.steady_now()) == Countdown{5min, Until::next_break});
    s.answered(remind::Answer::snoozed);  // no snooze limit at the terminal
    CHECK(s.countdown(clock.steady_now()).length == 5min);
    for (auto a : {remind::Answer::done, remind::Answer::skipped, remind::Answer::missed}) {
      s.answered(a);
      CHECK(s.countdown(clock.steady_now()).length == 55min);
    }
  }

  TEST_CASE("--for: the last countdown runs to the end, rounded up to the second") {
    FakeClock clock;
    Schedule s(55min, 5min, clock.steady_now(), seconds{2 * 3600});
    CHECK(s.countdown(clock.steady_now()).until == Until::next_break);
    clock.advance(60min + 500ms);  // a routine ran after the first break
    s.answered(remind::Answer::done);
    CHECK(s.countdown(clock.steady_now()) == Countdown{55min, Until::next_break});
    clock.advance(55min);
    CHECK(s.countdown(clock.steady_now()) == Countdown{seconds{5 * 60}, Until::reminders_end});
    clock.advance(4min);
    s.answered(remind::Answer::snoozed);
    CHECK(s.countdown(clock.steady_now()) == Countdown{seconds{60}, Until::reminders_end});  // a break at the end is not offered
    CHECK_FALSE(s.over(clock.steady_now()));
    clock.advance(1min);
    CHECK(s.over(clock.steady_now()));
  }

  TEST_CASE("the countdown plan is one rest phase named for what it leads to") {
    Plan p = desk_break::countdown_plan({seconds{90}, Until::reminders_end});
    REQUIRE(p.phases.size() == 1);
    CHECK(p.id == "timer");
    CHECK(p.title == "Desk-break reminders");
    CHECK(p.phases[0].kind == PhaseKind::rest);
    CHECK(p.phases[0].title == "Reminders end");
    CHECK(p.phases[0].duration == seconds{90});
    CHECK(desk_break::countdown_plan({seconds{90}, Until::next_break}).phases[0].title == "Next desk break");
  }

  TEST_CASE("check: the interval holds the break, --for holds an interval") {
    CHECK_NOTHROW(desk_break::check(55min, seconds{8 * 3600}, 150s, "desk-break"));
    CHECK_NOTHROW(desk_break::check(150s, std::nullopt, 150s, "desk-break"));
    try {
      desk_break::check(2min, std::nullopt, 150s, "desk-break");
      FAIL("no error");
    } catch (const UsageError& e) {
      CHECK(std::string(e.what()) == "2m is shorter than the desk-break routine it offers (2m30s)");
    }
    try {
      desk_break::check(55min, seconds{30 * 60}, 150s, "desk-break");
      FAIL("no error");
    } catch (const UsageError& e) {
      CHECK(std::string(e.what()) == "30m is shorter than --every 55m: no reminder would come");
    }
  }

  TEST_CASE("the answer rule the reminders service shares") {
    CHECK(remind::wait_after(remind::Answer::snoozed, 55min, 5min) == 5min);
    CHECK(remind::wait_after(remind::Answer::skipped, 55min, 5min) == 55min);
    CHECK(remind::wait_after(remind::Answer::done, 55min, 5min) == 55min);
  }
}
