#pragma once
// Turns a routine, or `psoas timer` arguments, into a flat list of timed phases.
// Pure: no clock, no sleeping.

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "psoas/content.hpp"
#include "psoas/journal.hpp"

namespace psoas {

enum class PhaseKind { prepare, hold, switch_sides, reps, rest };

// One timed phase of a plan.
struct Phase {
  PhaseKind kind = PhaseKind::hold;
  Side side = Side::none;            // for holds and reps done per side
  std::string exercise;              // exercise id ("" for a bare timer)
  std::string title;                 // what to show: the exercise name or the timer label
  std::string cue;                   // one short instruction for this phase
  std::chrono::seconds duration{0};
  int reps = 0;                      // for PhaseKind::reps: how many to count
  std::chrono::seconds tempo{0};     // for PhaseKind::reps: time per rep
  int set = 1;                       // 1-based set number and how many sets
  int sets = 1;
  int step = 0;                      // index of the routine step this phase belongs to
  // The cautions of the exercise this phase gets you ready for: set on the get-ready phase
  // before the first exercise and the rest before each later one (or, when that phase is
  // left out, on the exercise's first phase); empty on every other phase.
  std::vector<std::string> cautions;
};

// Phase lengths not given by the content.
struct PlanSettings {
  std::chrono::seconds prepare{5};       // get ready before the first exercise
  std::chrono::seconds switch_sides{5};  // between left and right
  std::chrono::seconds rest{15};         // between exercises when the routine gives none
  std::chrono::seconds tempo{3};         // per rep when the content gives reps but no tempo
  std::chrono::seconds hold{30};         // when the content gives neither a hold nor reps
};

struct Plan {
  std::string id;                    // routine id, or "timer"
  std::string title;                 // routine name, or the timer label
  std::vector<std::string> cautions;  // the routine's own, shown before the first phase
  std::vector<Phase> phases;
  // The sum of all phase durations.
  std::chrono::seconds total() const;
  // The time of routine step `step`: all its phases, with the get-ready before the first
  // step, the rests between its sets and the rest after it, so the steps sum to total().
  std::chrono::seconds step_total(int step) const;
};

// The phases of a routine: prepare, then per step (and set): hold left, switch, hold right
// (or reps), with rest between sets and between steps, none after the last step.
// A step's own dosage overrides its exercise's; phases of zero length are left out.
// The routine's cautions go on the plan; each exercise's go on its get-ready phase (those the
// routine already gives are not repeated there).
// Throws DataError when a step names an exercise `content` does not have.
Plan plan_routine(const Routine& routine, const Content& content, const PlanSettings& settings = {});

// `psoas timer DURATION [--sides] [--reps N] [--rest D] [--label TEXT]`.
struct TimerArgs {
  std::chrono::seconds duration{0};
  bool sides = false;
  int reps = 1;                      // repetitions of the whole hold (or of both sides)
  std::chrono::seconds rest{0};      // rest between repetitions
  std::string label = "Timer";
};
// One hold (or left, switch, right with `sides`) per repetition, with rest between them.
// No get-ready phase: a 60 s timer lasts 60 s.
Plan plan_timer(const TimerArgs& args, const PlanSettings& settings = {});

// "prepare", "hold", "switch", "reps", "rest".
std::string_view to_string(PhaseKind k);

// What a phase is, in a few words: "hold left", "switch sides", "10 reps right", "rest".
std::string describe(const Phase& p);

}  // namespace psoas
