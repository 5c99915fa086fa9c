#include <doctest/doctest.h>

#include "psoas/error.hpp"
#include "psoas/plan.hpp"

using namespace psoas;
using std::chrono::seconds;

namespace {

Exercise exercise(std::string id, Dosage d) {
  Exercise e;
  e.id = id;
  e.name = "Name of " + id;
  e.cues = {"First cue of " + id, "Second cue"};
  e.dosage = d;
  return e;
}

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
  Dosage walk;  // neither hold nor reps
  c.exercises["walk"] = exercise("walk", walk);
  return c;
}

Routine routine_of(std::vector<Step> steps) {
  Routine r;
  r.id = "test";
  r.name = "Test routine";
  r.steps = std::move(steps);
  return r;
}

Step step(std::string exercise) {
  Step s;
  s.exercise = std::move(exercise);
  return s;
}

std::vector<PhaseKind> kinds(const Plan& p) {
  std::vector<PhaseKind> k;
  for (const auto& ph : p.phases) k.push_back(ph.kind);
  return k;
}

}  // namespace

TEST_SUITE("plan") {
  TEST_CASE("a per-side hold: prepare, left, switch, right") {
    Content c = sample_content();
    Plan p = plan_routine(routine_of({step("lunge")}), c);
    using K = PhaseKind;
    CHECK(kinds(p) == std::vector<K>{K::prepare, K::hold, K::switch_sides, K::hold});
    CHECK(p.id == "test");
    CHECK(p.title == "Test routine");
    CHECK(p.phases[0].duration == seconds{5});
    CHECK(p.phases[1].side == Side::left);
    CHECK(p.phases[1].duration == seconds{30});
    CHECK(p.phases[1].title == "Name of lunge");
    CHECK(p.phases[1].cue == "First cue of lunge");
    CHECK(p.phases[2].duration == seconds{5});
    CHECK(p.phases[3].side == Side::right);
    CHECK(p.total() == seconds{70});
    CHECK(describe(p.phases[1]) == "hold left");
    CHECK(describe(p.phases[2]) == "switch sides");
  }

  TEST_CASE("reps and sets: counted reps at the tempo, rest between sets") {
    Content c = sample_content();
    Plan p = plan_routine(routine_of({step("bridge")}), c);
    using K = PhaseKind;
    CHECK(kinds(p) == std::vector<K>{K::prepare, K::reps, K::rest, K::reps});
    CHECK(p.phases[1].reps == 10);
    CHECK(p.phases[1].tempo == seconds{4});
    CHECK(p.phases[1].duration == seconds{40});
    CHECK(p.phases[1].set == 1);
    CHECK(p.phases[1].sets == 2);
    CHECK(p.phases[2].duration == seconds{20});
    CHECK(p.phases[3].set == 2);
    CHECK(describe(p.phases[1]) == "10 reps");
  }

  TEST_CASE("rest between steps, none after the last") {
    Content c = sample_content();
    SUBCASE("default rest from the settings") {
      Plan p = plan_routine(routine_of({step("walk"), step("walk")}), c);
      using K = PhaseKind;
      CHECK(kinds(p) == std::vector<K>{K::prepare, K::hold, K::rest, K::hold});
      CHECK(p.phases[1].duration == seconds{30});  // settings.hold: no dosage given
      CHECK(p.phases[2].duration == seconds{15});
      CHECK(p.phases[2].cue == "Rest. Next: Name of walk");
      CHECK(p.phases[3].step == 1);
    }
    SUBCASE("the routine's rest, then the step's own") {
      Routine r = routine_of({step("walk"), step("walk"), step("walk")});
      r.rest = seconds{8};
      r.steps[1].rest = seconds{3};
      Plan p = plan_routine(r, c);
      CHECK(p.phases[2].duration == seconds{8});
      CHECK(p.phases[4].duration == seconds{3});
      CHECK(p.phases.size() == 6);
    }
    SUBCASE("zero rest leaves the phase out") {
      PlanSettings s;
      s.rest = seconds{0};
      s.prepare = seconds{0};
      Plan p = plan_routine(routine_of({step("walk"), step("walk")}), c, s);
      CHECK(p.phases.size() == 2);
    }
  }

  TEST_CASE("step overrides win over the exercise") {
    Content c = sample_content();
    Step s = step("lunge");
    s.hold = seconds{45};
    s.per_side = false;
    s.note = "Gently";
    Plan p = plan_routine(routine_of({s}), c);
    REQUIRE(p.phases.size() == 2);
    CHECK(p.phases[1].duration == seconds{45});
    CHECK(p.phases[1].side == Side::none);
    CHECK(p.phases[1].cue == "Gently");
  }

  TEST_CASE("settings change prepare and switch times") {
    Content c = sample_content();
    PlanSettings s;
    s.prepare = seconds{10};
    s.switch_sides = seconds{2};
    Plan p = plan_routine(routine_of({step("lunge")}), c, s);
    CHECK(p.phases[0].duration == seconds{10});
    CHECK(p.phases[2].duration == seconds{2});
  }

  TEST_CASE("an unknown exercise is a data error") {
    Content c = sample_content();
    CHECK_THROWS_AS(plan_routine(routine_of({step("nope")}), c), DataError);
  }

  TEST_CASE("timer: one hold, no get-ready") {
    TimerArgs a;
    a.duration = seconds{60};
    Plan p = plan_timer(a);
    REQUIRE(p.phases.size() == 1);
    CHECK(p.phases[0].kind == PhaseKind::hold);
    CHECK(p.phases[0].title == "Timer");
    CHECK(p.total() == seconds{60});
    CHECK(p.id == "timer");
  }

  TEST_CASE("timer: sides, reps and rest") {
    TimerArgs a;
    a.duration = seconds{30};
    a.sides = true;
    a.reps = 2;
    a.rest = seconds{10};
    a.label = "Couch stretch";
    Plan p = plan_timer(a);
    using K = PhaseKind;
    CHECK(kinds(p) == std::vector<K>{K::hold, K::switch_sides, K::hold, K::rest, K::hold, K::switch_sides, K::hold});
    CHECK(p.phases[0].side == Side::left);
    CHECK(p.phases[2].side == Side::right);
    CHECK(p.phases[4].set == 2);
    CHECK(p.title == "Couch stretch");
    CHECK(p.total() == seconds{30 * 4 + 5 * 2 + 10});
  }

  TEST_CASE("timer: reps without rest") {
    TimerArgs a;
    a.duration = seconds{5};
    a.reps = 3;
    Plan p = plan_timer(a);
    CHECK(p.phases.size() == 3);
    CHECK(p.phases[2].cue == "Round 3 of 3");
  }

  TEST_CASE("phase kind names") {
    CHECK(to_string(PhaseKind::switch_sides) == "switch");
    CHECK(to_string(PhaseKind::prepare) == "prepare");
  }
}
