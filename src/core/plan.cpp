#include "psoas/plan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

#include "psoas/error.hpp"

namespace psoas {

using std::chrono::seconds;

seconds Plan::total() const {
  return std::accumulate(phases.begin(), phases.end(), seconds{0},
                         [](seconds sum, const Phase& p) { return sum + p.duration; });
}

seconds Plan::step_total(int step) const {
  seconds sum{0};
  for (const Phase& p : phases) {
    if (p.step == step) sum += p.duration;
  }
  return sum;
}

std::string_view to_string(PhaseKind k) {
  switch (k) {
    case PhaseKind::prepare: return "prepare";
    case PhaseKind::hold: return "hold";
    case PhaseKind::switch_sides: return "switch";
    case PhaseKind::reps: return "reps";
    case PhaseKind::rest: return "rest";
  }
  return "hold";
}

namespace {

// The side as shown in a phase ("" when the phase has none); kept here so plan needs no journal.
std::string_view side_name(Side s) {
  switch (s) {
    case Side::left: return "left";
    case Side::right: return "right";
    case Side::both: return "both";
    case Side::none: return "";
  }
  return "";
}

}  // namespace

std::string describe(const Phase& p) {
  std::string side{side_name(p.side)};
  std::string what;
  switch (p.kind) {
    case PhaseKind::prepare: what = "get ready"; break;
    case PhaseKind::hold: what = "hold"; break;
    case PhaseKind::switch_sides: return "switch sides";
    case PhaseKind::reps: what = fmt::format("{} reps", p.reps); break;
    case PhaseKind::rest: return "rest";
  }
  if (!side.empty() && side != "both") what += " " + side;
  return what;
}

namespace {

// A step's dosage after applying its overrides to the exercise's.
struct Dose {
  std::optional<seconds> hold;
  bool per_side = false;
  std::optional<int> reps;
  int sets = 1;
  std::optional<seconds> tempo;
  std::optional<seconds> set_rest;
};

Dose dose_of(const Step& step, const Exercise& e) {
  Dose d;
  d.hold = step.hold ? step.hold : e.dosage.hold;
  d.per_side = step.per_side.value_or(e.dosage.per_side);
  d.reps = step.reps ? step.reps : e.dosage.reps;
  d.sets = std::max(1, step.sets.value_or(e.dosage.sets));
  d.tempo = step.tempo ? step.tempo : e.dosage.tempo;
  d.set_rest = e.dosage.rest;
  return d;
}

const Exercise& find_exercise(const Content& content, const Step& step) {
  auto it = content.exercises.find(step.exercise);
  if (it == content.exercises.end()) {
    throw DataError("routine", fmt::format("a step names exercise '{}', which is not defined", step.exercise));
  }
  return it->second;
}

// Appends `p` unless it has no length.
void push(Plan& plan, Phase p) {
  if (p.duration > seconds{0}) plan.phases.push_back(std::move(p));
}

std::string hold_cue(const Step& step, const Exercise& e) {
  if (!step.note.empty()) return step.note;
  if (!e.cues.empty()) return e.cues.front();
  return e.summary;
}

// The phases of one set of one step: each side in turn (with a switch between them).
void plan_set(Plan& plan, const Phase& base, const Dose& dose, const Exercise& e, const Step& step,
              const PlanSettings& settings) {
  std::vector<Side> sides = dose.per_side ? std::vector<Side>{Side::left, Side::right}
                                          : std::vector<Side>{Side::none};
  for (std::size_t i = 0; i < sides.size(); ++i) {
    if (i > 0) {
      Phase sw = base;
      sw.kind = PhaseKind::switch_sides;
      sw.side = sides[i];
      sw.cue = fmt::format("Switch to the {} side", side_name(sides[i]));
      sw.duration = settings.switch_sides;
      push(plan, sw);
    }
    Phase p = base;
    p.side = sides[i];
    p.cue = hold_cue(step, e);
    if (dose.reps) {
      p.kind = PhaseKind::reps;
      p.reps = *dose.reps;
      p.tempo = dose.tempo ? *dose.tempo : dose.hold ? *dose.hold : settings.tempo;
      p.duration = p.tempo * p.reps;
    } else {
      p.kind = PhaseKind::hold;
      p.duration = dose.hold.value_or(settings.hold);
    }
    push(plan, p);
  }
}

Phase rest_phase(const Phase& base, seconds duration, std::string cue) {
  Phase r = base;
  r.kind = PhaseKind::rest;
  r.side = Side::none;
  r.duration = duration;
  r.cue = std::move(cue);
  return r;
}

// The cautions of `e` that `shown` (the routine's) does not already give.
std::vector<std::string> new_cautions(const Exercise& e, const std::vector<std::string>& shown) {
  std::vector<std::string> out;
  for (const auto& c : e.cautions) {
    if (std::find(shown.begin(), shown.end(), c) == shown.end()) out.push_back(c);
  }
  return out;
}

// Puts `cautions` on phase `at`: the get-ready phase, or when that one was left out for
// having no length, the exercise's first phase.
void attach_cautions(Plan& plan, std::size_t at, std::vector<std::string> cautions) {
  if (at < plan.phases.size()) plan.phases[at].cautions = std::move(cautions);
}

// All sets of one step, with the rests between them.
void plan_sets(Plan& plan, Phase base, const Dose& dose, const Exercise& e, const Step& step,
               const PlanSettings& settings) {
  for (int set = 1; set <= dose.sets; ++set) {
    base.set = set;
    plan_set(plan, base, dose, e, step, settings);
    if (set < dose.sets) {
      push(plan, rest_phase(base, dose.set_rest.value_or(settings.rest),
                            fmt::format("Rest, then set {} of {}", set + 1, dose.sets)));
    }
  }
}

}  // namespace

Plan plan_routine(const Routine& routine, const Content& content, const PlanSettings& settings) {
  Plan plan;
  plan.id = routine.id;
  plan.title = routine.name.empty() ? routine.id : routine.name;
  plan.cautions = routine.cautions;
  std::size_t ready = 0;  // the first phase of getting ready for step i
  for (std::size_t i = 0; i < routine.steps.size(); ++i) {
    const Step& step = routine.steps[i];
    const Exercise& e = find_exercise(content, step);
    Dose dose = dose_of(step, e);
    Phase base;
    base.exercise = e.id;
    base.title = e.name.empty() ? e.id : e.name;
    base.step = static_cast<int>(i);
    base.sets = dose.sets;
    if (i == 0) {
      Phase prep = base;
      prep.kind = PhaseKind::prepare;
      prep.duration = settings.prepare;
      prep.cue = dose.per_side ? "Get into position, left side first" : "Get into position";
      push(plan, prep);
    }
    plan_sets(plan, base, dose, e, step, settings);
    attach_cautions(plan, ready, new_cautions(e, plan.cautions));
    if (i + 1 < routine.steps.size()) {
      seconds rest = step.rest ? *step.rest : routine.rest ? *routine.rest : settings.rest;
      const Exercise& next = find_exercise(content, routine.steps[i + 1]);
      ready = plan.phases.size();
      push(plan, rest_phase(base, rest, fmt::format("Rest. Next: {}", next.name.empty() ? next.id : next.name)));
    }
  }
  return plan;
}

Plan plan_timer(const TimerArgs& args, const PlanSettings& settings) {
  Plan plan;
  plan.id = "timer";
  plan.title = args.label;
  int reps = std::max(1, args.reps);
  Phase base;
  base.title = args.label;
  base.sets = reps;
  for (int r = 1; r <= reps; ++r) {
    base.set = r;
    if (args.sides) {
      Phase left = base;
      left.side = Side::left;
      left.duration = args.duration;
      left.cue = "Left side";
      push(plan, left);
      Phase sw = base;
      sw.kind = PhaseKind::switch_sides;
      sw.side = Side::right;
      sw.duration = settings.switch_sides;
      sw.cue = "Switch to the right side";
      push(plan, sw);
      Phase right = left;
      right.side = Side::right;
      right.cue = "Right side";
      push(plan, right);
    } else {
      Phase hold = base;
      hold.duration = args.duration;
      hold.cue = reps > 1 ? fmt::format("Round {} of {}", r, reps) : "Hold";
      push(plan, hold);
    }
    if (r < reps) push(plan, rest_phase(base, args.rest, fmt::format("Rest, then round {} of {}", r + 1, reps)));
  }
  return plan;
}

}  // namespace psoas
