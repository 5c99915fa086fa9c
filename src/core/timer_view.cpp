// The timer screen's view model: a running Timer (or the desk-break countdown and offer)
// becomes the plain values of one screen.
#include "psoas/timer_view.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "psoas/when.hpp"

namespace psoas {
namespace {

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

Tone tone_of(PhaseKind k) {
  switch (k) {
    case PhaseKind::prepare: return Tone::prepare;
    case PhaseKind::hold:
    case PhaseKind::reps: return Tone::work;
    case PhaseKind::switch_sides: return Tone::change;
    case PhaseKind::rest: return Tone::rest;
  }
  return Tone::work;
}

int step_count(const Plan& plan) { return plan.phases.empty() ? 0 : plan.phases.back().step + 1; }

const Exercise* exercise_of(const Content* content, const Phase& p) {
  if (!content || p.exercise.empty()) return nullptr;
  auto it = content->exercises.find(p.exercise);
  return it == content->exercises.end() ? nullptr : &it->second;
}

// The cautions to show with the current phase: those of its get-ready phase (after the
// routine's own, on the first), or while --wait holds an exercise, its exercise's.
std::vector<std::string> cautions_of(const Timer& t, const Content* content, Waiting waiting) {
  const Phase& p = t.phase();
  std::vector<std::string> out;
  if (t.index() == 0) out = t.plan().cautions;
  out.insert(out.end(), p.cautions.begin(), p.cautions.end());
  if (out.empty() && waiting == Waiting::yes) {
    if (const Exercise* e = exercise_of(content, p)) out = e->cautions;
  }
  return out;
}

// "exercise 2 of 6" in a routine, "round 1 of 3" in a timer with rounds.
std::string position_of(const Plan& plan, const Phase& p) {
  int steps = step_count(plan);
  if (plan.id != "timer" && steps > 1) return fmt::format("exercise {} of {}", p.step + 1, steps);
  if (p.sets > 1) return fmt::format("round {} of {}", p.set, p.sets);
  return {};
}

// "HOLD · LEFT SIDE", "10 REPS", "SWITCH SIDES · RIGHT NEXT", "GET READY", "REST".
std::string what_of(const Phase& p) {
  std::string side = to_string(p.side);
  if (p.kind == PhaseKind::hold || p.kind == PhaseKind::reps) {
    std::string what = p.kind == PhaseKind::reps ? fmt::format("{} REPS", p.reps) : std::string("HOLD");
    if (p.side == Side::left || p.side == Side::right) what += " · " + upper(side) + " SIDE";
    return what;
  }
  if (p.kind == PhaseKind::switch_sides) return "SWITCH SIDES · " + upper(side) + " NEXT";
  return upper(p.kind == PhaseKind::prepare ? "get ready" : describe(p));
}

// "rep 4 of 10" while counting reps, "set 1 of 2" in a routine's sets.
std::string detail_of(const Timer& t, const Phase& p) {
  if (p.kind == PhaseKind::reps && p.tempo.count() > 0) {
    auto elapsed = p.duration - t.remaining_seconds();
    int rep = std::min(p.reps, static_cast<int>(elapsed / p.tempo) + 1);
    return fmt::format("rep {} of {}", rep, p.reps);
  }
  if (p.sets > 1 && t.plan().id != "timer") return fmt::format("set {} of {}", p.set, p.sets);
  return {};
}

// The phase's cue, then (while doing or getting ready for an exercise) the exercise's others.
std::vector<std::string> cues_of(const Phase& p, const Content* content) {
  std::vector<std::string> cues;
  if (!p.cue.empty()) cues.push_back(p.cue);
  bool doing = p.kind == PhaseKind::hold || p.kind == PhaseKind::reps || p.kind == PhaseKind::prepare;
  const Exercise* e = doing ? exercise_of(content, p) : nullptr;
  if (!e) return cues;
  for (const auto& c : e->cues) {
    if (c != p.cue) cues.push_back(c);
  }
  return cues;
}

std::string next_of(const Timer& t, const Phase& p) {
  const Plan& plan = t.plan();
  if (t.index() + 1 >= plan.phases.size()) return "Next: done";
  const Phase& n = plan.phases[t.index() + 1];
  std::string what = n.kind == PhaseKind::rest || n.kind == PhaseKind::switch_sides || n.title == p.title
                         ? describe(n)
                         : describe(n) + " · " + n.title;
  return fmt::format("Next: {} ({})", what, when::format_clock(n.duration));
}

std::string every_position(const BreakOffer& offer) { return "every " + when::format_duration(offer.every); }

}  // namespace

View view_of(const Timer& t, const Content* content, Waiting waiting) {
  const Plan& plan = t.plan();
  const Phase& p = t.phase();
  View v;
  v.heading = plan.title;
  v.position = position_of(plan, p);
  v.total_left = when::format_clock(t.remaining_total()) + " left";
  v.title = p.title;
  v.what = what_of(p);
  v.detail = detail_of(t, p);
  v.tone = tone_of(p.kind);
  v.remaining = t.remaining_seconds();
  v.duration = p.duration;
  v.cautions = cautions_of(t, content, waiting);
  if (plan.id != "timer") v.more_cautions = fmt::format("More cautions: 'psoas routine show {}'", plan.id);
  v.cues = cues_of(p, content);
  v.next = next_of(t, p);
  bool paused = t.state() == TimerState::paused;
  if (waiting == Waiting::yes) {
    v.status = "READY? · space starts";
  } else if (paused) {
    v.status = "PAUSED · space resumes";
  }
  v.hints = fmt::format("space {} · n next · p previous · q quit", paused ? "resume" : "pause");
  return v;
}

View break_wait_view(const Timer& t, const BreakOffer& offer, desk_break::Until until) {
  bool last = until == desk_break::Until::reminders_end;
  bool paused = t.state() == TimerState::paused;
  View v;
  v.heading = "Desk-break reminders";
  v.position = every_position(offer);
  v.title = t.phase().title;
  v.what = paused ? "REMINDERS PAUSED" : "AT YOUR DESK";
  v.tone = Tone::rest;
  v.remaining = t.remaining_seconds();
  v.duration = t.phase().duration;
  if (!last) {
    v.cues.push_back(fmt::format("Then: {} ({}). {}", offer.routine.name, when::format_clock(offer.length),
                                 offer.routine.summary));
  }
  if (paused) v.status = "PAUSED · space resumes";
  v.hints = last ? "space pause · q quit" : "space pause · b break now · q quit";
  return v;
}

View break_offer_view(const BreakOffer& offer, const Content& content) {
  const Routine& routine = offer.routine;
  View v;
  v.heading = "Desk-break reminders";
  v.position = every_position(offer);
  v.title = "Time for a desk break: " + routine.name;
  v.what = "STAND UP AND MOVE · THE ROUTINE TAKES " + when::format_clock(offer.length);
  v.tone = Tone::alert;
  v.remaining = offer.length;
  if (!routine.summary.empty()) v.cues.push_back(routine.summary);
  for (std::size_t i = 0; i < routine.steps.size(); ++i) {
    auto it = content.exercises.find(routine.steps[i].exercise);
    if (it != content.exercises.end()) v.cues.push_back(fmt::format("{}. {}", i + 1, it->second.name));
  }
  v.status = "d or Enter starts it";
  v.next = fmt::format("s skips this one · z snoozes for {}", when::format_duration(offer.snooze));
  v.hints = "d/enter start · s skip · z snooze · q quit";
  return v;
}

}  // namespace psoas
