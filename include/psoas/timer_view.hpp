#pragma once
// The timer screen's view model: what a running timer (or the desk-break reminders) shows,
// as plain values. Part of the timer module; src/cli/timer_view.cpp lays it out and draws it.

#include <chrono>
#include <string>
#include <vector>

#include "psoas/content.hpp"
#include "psoas/desk_break.hpp"
#include "psoas/plan.hpp"
#include "psoas/timer.hpp"

namespace psoas {

// The mood of a phase, for its colour.
enum class Tone { prepare, work, change, rest, alert };

// One screen's content.
struct View {
  std::string heading;                 // "Morning"
  std::string position;                // "exercise 2 of 6"
  std::string total_left;              // "12:30 left"
  std::string title;                   // "Kneeling hip-flexor stretch"
  std::string what;                    // "HOLD · LEFT SIDE"
  std::string detail;                  // "set 1 of 2", "rep 4 of 10"
  Tone tone = Tone::work;
  std::chrono::seconds remaining{0};   // shown large
  std::chrono::seconds duration{0};    // of the phase, for the progress bar (0: no bar)
  std::vector<std::string> cautions;   // when to stop or skip: shown before the cues
  std::string more_cautions;           // a line in place of the cautions that do not fit
  std::vector<std::string> cues;       // the phase's cue first
  std::string next;                    // "Next: switch sides · 0:05"
  std::string status;                  // e.g. "PAUSED · space resumes"; empty while running
  std::string hints;                   // "space pause · n next · p previous · q quit"
};

// Whether a run is held before an exercise until a key (`--wait`).
enum class Waiting { no, yes };

// The screen for a started, not yet over timer as its clock stands now. `content` (may be
// null: a bare timer) adds the exercise's cues, and its cautions while waiting.
View view_of(const Timer& timer, const Content* content, Waiting waiting);

// The desk-break routine that `psoas timer --every` offers, and its intervals.
struct BreakOffer {
  const Routine& routine;
  std::chrono::seconds length;  // of the routine's plan
  std::chrono::seconds every;
  std::chrono::seconds snooze;
};

// The countdown to the next desk break (or to the end of --for) run by `countdown`.
View break_wait_view(const Timer& countdown, const BreakOffer& offer, desk_break::Until until);

// The offer of a desk break: the routine, its exercises (named from `content`) and the keys.
View break_offer_view(const BreakOffer& offer, const Content& content);

}  // namespace psoas
