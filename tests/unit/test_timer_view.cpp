#include <doctest/doctest.h>

#include <algorithm>

#include "psoas/plan.hpp"
#include "psoas/timer.hpp"
#include "psoas/timer_view.hpp"

using namespace psoas;
using namespace std::chrono_literals;
using std::chrono::seconds;
using Lines = std::vector<std::string>;

namespace {

Exercise exercise(std::string id, Dosage d) {
  Exercise e;
  e.id = id;
  e.name = "Name of " + id;
  e.cues = {"First cue of " + id, "Second cue"};
  e.cautions = {"Caution of " + id};
  e.dosage = d;
  return e;
}

// A per-side stretch and a bridge of 2 sets of 10 reps at 4 s.
Content sample_content() {
  Content c;
  Dosage stretch;
  stretch.hold = seconds{30};
  stretch.per_side = true;
  c.exercises["lunge"] = exercise("lunge", stretch);
  Dosage bridge;
  bridge.reps = 10;
  bridge.sets = 2;
  bridge.tempo = seconds{4};
  bridge.rest = seconds{20};
  c.exercises["bridge"] = exercise("bridge", bridge);
  return c;
}

Routine sample_routine() {
  Routine r;
  r.id = "test";
  r.name = "Test routine";
  r.summary = "A short test.";
  r.cautions = {"Routine caution"};
  for (const char* id : {"lunge", "bridge"}) {
    Step s;
    s.exercise = id;
    r.steps.push_back(s);
  }
  return r;
}

// A plan run on a fake clock, moved to phase `index` (keys n), `into` seconds in.
struct Run {
  Content content = sample_content();
  Plan plan = plan_routine(sample_routine(), content);
  FakeClock clock;
  TimerSink sink;
  Timer timer{plan, clock, sink};

  Run() { timer.start(); }
  void go_to(PhaseKind kind, int set = 1) {
    while (!timer.over() && !(timer.phase().kind == kind && timer.phase().set == set)) timer.next();
    REQUIRE_FALSE(timer.over());
  }
};

}  // namespace

TEST_SUITE("timer_view") {
  TEST_CASE("a routine's get-ready screen: position, time left, cautions, cues, what comes next") {
    Run r;
    View v = view_of(r.timer, &r.content, Waiting::no);
    CHECK(v.heading == "Test routine");
    CHECK(v.position == "exercise 1 of 2");
    CHECK(v.total_left == when::format_clock(r.plan.total()) + " left");
    CHECK(v.what == "GET READY");
    CHECK(v.tone == Tone::prepare);
    CHECK(v.remaining == seconds{5});
    CHECK(v.duration == seconds{5});
    CHECK(v.cautions == Lines{"Routine caution", "Caution of lunge"});
    CHECK(v.more_cautions == "More cautions: 'psoas routine show test'");
    CHECK(std::find(v.cues.begin(), v.cues.end(), "Second cue") != v.cues.end());
    CHECK(v.next == "Next: hold left (00:30)");  // the get-ready phase already names the exercise
    CHECK(v.status.empty());
    CHECK(v.hints == "space pause · n next · p previous · q quit");
  }

  TEST_CASE("a hold counts down with the fake clock and names its side") {
    Run r;
    r.go_to(PhaseKind::hold);
    r.clock.advance(10s);
    r.timer.update();
    View v = view_of(r.timer, &r.content, Waiting::no);
    CHECK(v.title == "Name of lunge");
    CHECK(v.what == "HOLD · LEFT SIDE");
    CHECK(v.tone == Tone::work);
    CHECK(v.remaining == seconds{20});
    CHECK(v.duration == seconds{30});
    CHECK(v.cautions.empty());
    CHECK(v.cues == Lines{"First cue of lunge", "Second cue"});
    CHECK(v.next == "Next: switch sides (00:05)");
  }

  TEST_CASE("switching sides names the side that comes next") {
    Run r;
    r.go_to(PhaseKind::switch_sides);
    View v = view_of(r.timer, &r.content, Waiting::no);
    CHECK(v.what == "SWITCH SIDES · RIGHT NEXT");
    CHECK(v.tone == Tone::change);
    CHECK(v.cues.size() <= 1);  // the exercise's cues are for doing it, not for switching
  }

  TEST_CASE("reps: the rep counted from the clock, and the set") {
    Run r;
    r.go_to(PhaseKind::reps);
    CHECK(view_of(r.timer, &r.content, Waiting::no).detail == "rep 1 of 10");
    r.clock.advance(9s);
    r.timer.update();
    View v = view_of(r.timer, &r.content, Waiting::no);
    CHECK(v.what == "10 REPS");
    CHECK(v.detail == "rep 3 of 10");
    CHECK(v.position == "exercise 2 of 2");
    r.clock.advance(31s);
    r.timer.update();
    CHECK(view_of(r.timer, &r.content, Waiting::no).what == "REST");
    CHECK(view_of(r.timer, &r.content, Waiting::no).tone == Tone::rest);
    r.go_to(PhaseKind::reps, 2);
    CHECK(view_of(r.timer, &r.content, Waiting::no).next == "Next: done");
  }

  TEST_CASE("paused and waiting screens say so") {
    Run r;
    r.go_to(PhaseKind::reps);
    r.timer.pause();
    View paused = view_of(r.timer, &r.content, Waiting::no);
    CHECK(paused.status == "PAUSED · space resumes");
    CHECK(paused.hints == "space resume · n next · p previous · q quit");
    View waiting = view_of(r.timer, &r.content, Waiting::yes);
    CHECK(waiting.status == "READY? · space starts");
    CHECK(waiting.cautions == Lines{"Caution of bridge"});  // the exercise's, while held before it
  }

  TEST_CASE("a bare timer: rounds, no routine cautions line, no exercise cues") {
    TimerArgs args;
    args.duration = 45s;
    args.sides = true;
    args.reps = 3;
    args.label = "Couch";
    Plan plan = plan_timer(args);
    FakeClock clock;
    TimerSink sink;
    Timer timer(plan, clock, sink);
    timer.start();
    View v = view_of(timer, nullptr, Waiting::no);
    CHECK(v.heading == "Couch");
    CHECK(v.position == "round 1 of 3");
    CHECK(v.detail.empty());
    CHECK(v.what == "HOLD · LEFT SIDE");
    CHECK(v.more_cautions.empty());
    CHECK(v.remaining == 45s);
  }

  TEST_CASE("desk-break screens") {
    Content content = sample_content();
    Routine routine = sample_routine();
    BreakOffer offer{routine, seconds{150}, seconds{55 * 60}, seconds{300}};
    desk_break::Countdown next{seconds{55 * 60}, desk_break::Until::next_break};
    Plan plan = desk_break::countdown_plan(next);
    FakeClock clock;
    TimerSink sink;
    Timer timer(plan, clock, sink);
    timer.start();
    clock.advance(60s);
    timer.update();
    SUBCASE("the countdown to the next break") {
      View v = break_wait_view(timer, offer, next.until);
      CHECK(v.position == "every 55m");
      CHECK(v.title == "Next desk break");
      CHECK(v.what == "AT YOUR DESK");
      CHECK(v.remaining == seconds{54 * 60});
      CHECK(v.cues == Lines{"Then: Test routine (02:30). A short test."});
      CHECK(v.hints == "space pause · b break now · q quit");
      timer.pause();
      CHECK(break_wait_view(timer, offer, next.until).what == "REMINDERS PAUSED");
    }
    SUBCASE("the countdown to the end offers no break") {
      View v = break_wait_view(timer, offer, desk_break::Until::reminders_end);
      CHECK(v.cues.empty());
      CHECK(v.hints == "space pause · q quit");
    }
    SUBCASE("the offer lists the routine's exercises") {
      View v = break_offer_view(offer, content);
      CHECK(v.title == "Time for a desk break: Test routine");
      CHECK(v.what == "STAND UP AND MOVE · THE ROUTINE TAKES 02:30");
      CHECK(v.tone == Tone::alert);
      CHECK(v.cues == Lines{"A short test.", "1. Name of lunge", "2. Name of bridge"});
      CHECK(v.next == "s skips this one · z snoozes for 5m");
    }
  }
}
