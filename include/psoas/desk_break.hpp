#pragma once
// `psoas timer --every`'s desk-break scheduler: the reminders service's (psoas/remind.hpp)
// rules on a steady clock, for a person at the terminal: no work hours or idle time, every
// snooze allowed, and an optional end (--for). Pure: the caller reads the clock.

#include <chrono>
#include <optional>
#include <string_view>

#include "psoas/clock.hpp"
#include "psoas/plan.hpp"
#include "psoas/remind.hpp"

namespace psoas::desk_break {

using std::chrono::seconds;

// What a countdown leads to.
enum class Until { next_break, reminders_end };

// The countdown to run before the next break (or to the end of the reminders).
struct Countdown {
  seconds length{0};
  Until until = Until::next_break;
  bool operator==(const Countdown&) const = default;
};

// A one-phase plan (a rest titled "Next desk break" or "Reminders end") for a Timer to count
// `countdown` down.
Plan countdown_plan(const Countdown& countdown);

// Throws UsageError when `every` is shorter than the break it offers (`length` of routine
// `routine_id`) or `for_` is shorter than `every`.
void check(seconds every, std::optional<seconds> for_, seconds length, std::string_view routine_id);

class Schedule {
 public:
  // Breaks every `every` from `start`, snoozes of `snooze`, until `start + for_` when given.
  Schedule(seconds every, seconds snooze, SteadyTime start, std::optional<seconds> for_);

  // The countdown to start at `now`: to the next break, or to the end when that comes first
  // (or together with it: no break is offered at the very end).
  Countdown countdown(SteadyTime now) const;
  // The next countdown waits what remind::wait_after gives for `answer` (a reminder
  // nobody answers, as on plain output, counts as missed).
  void answered(remind::Answer answer);
  // When the reminders end (--for), if they do.
  std::optional<SteadyTime> end() const { return m_end; }
  // True once the end has come.
  bool over(SteadyTime now) const { return m_end && now >= *m_end; }

 private:
  seconds m_every;
  seconds m_snooze;
  std::optional<SteadyTime> m_end;
  seconds m_wait;
};

}  // namespace psoas::desk_break
