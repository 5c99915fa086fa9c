#include <doctest/doctest.h>

#include <algorithm>

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

  TEST_CASE("step times include every rest, so the steps sum to the total") {
    Content c = sample_content();
    Routine r = routine_of({step("bridge"), step("lunge"), step("walk")});
    r.rest = seconds{10};
    Plan p = plan_routine(r, c);
    // get ready 5, 10 reps of 4 s, 20 s rest between sets, 10 reps, then the 10 s rest after it
    CHECK(p.step_total(0) == seconds{5 + 40 + 20 + 40 + 10});
    CHECK(p.step_total(1) == seconds{30 + 5 + 30 + 10});
    CHECK(p.step_total(2) == seconds{30});
    CHECK(p.step_total(0) + p.step_total(1) + p.step_total(2) == p.total());
  }

  TEST_CASE("cautions: the routine's on the plan, each exercise's on its get-ready phase") {
    Content c = sample_content();
    c.exercises["lunge"].cautions = {"Stop on numbness.", "Not with a fever."};
    c.exercises["bridge"].cautions = {"Keep it small."};
    Routine r = routine_of({step("lunge"), step("bridge"), step("walk")});
    r.cautions = {"Not with a fever."};

    SUBCASE("on the get-ready phase and the rest before each exercise") {
      Plan p = plan_routine(r, c);
      CHECK(p.cautions == std::vector<std::string>{"Not with a fever."});
      std::vector<std::pair<PhaseKind, std::vector<std::string>>> with;
      for (const auto& ph : p.phases) {
        if (!ph.cautions.empty()) with.emplace_back(ph.kind, ph.cautions);
      }
      using V = std::vector<std::string>;
      REQUIRE(with.size() == 2);
      // the routine already gives the fever caution, so the lunge's get-ready leaves it out
      CHECK(with[0] == std::pair(PhaseKind::prepare, V{"Stop on numbness."}));
      CHECK(with[1] == std::pair(PhaseKind::rest, V{"Keep it small."}));
      CHECK(p.phases[0].cautions.size() == 1);
    }
    SUBCASE("without get-ready or rest phases, on the exercise's first phase") {
      PlanSettings s;
      s.prepare = seconds{0};
      s.rest = seconds{0};
      Plan p = plan_routine(r, c, s);
      CHECK(p.phases[0].kind == PhaseKind::hold);
      CHECK(p.phases[0].cautions == std::vector<std::string>{"Stop on numbness."});
      auto bridge = std::find_if(p.phases.begin(), p.phases.end(),
                                 [](const Phase& ph) { return ph.exercise == "bridge"; });
      REQUIRE(bridge != p.phases.end());
      CHECK(bridge->cautions == std::vector<std::string>{"Keep it small."});
      CHECK(std::next(bridge)->cautions.empty());
    }
  }

  TEST_CASE("built-in routines hold every stretch for at least 30 seconds (seed 001)") {
    const Content c = load_content();
    for (const auto& [id, r] : c.routines) {
      for (const Phase& ph : plan_routine(r, c).phases) {
        if (ph.kind != PhaseKind::hold || c.exercise(ph.exercise).kind != ExerciseKind::stretch) continue;
        CAPTURE(id);
        CAPTURE(ph.exercise);
        CHECK(ph.duration >= seconds{30});
      }
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
