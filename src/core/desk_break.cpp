// `psoas timer --every`'s desk-break scheduler.
#include "psoas/desk_break.hpp"

#include <fmt/format.h>

#include "psoas/error.hpp"
#include "psoas/when.hpp"

namespace psoas::desk_break {

void check(seconds every, std::optional<seconds> for_, seconds length, std::string_view routine_id) {
  if (every < length) {
    throw UsageError("--every", fmt::format("{} is shorter than the {} routine it offers ({})",
                                            when::format_duration(every), routine_id, when::format_duration(length)));
  }
  if (for_ && *for_ < every) {
    throw UsageError("--for", fmt::format("{} is shorter than --every {}: no reminder would come",
                                          when::format_duration(*for_), when::format_duration(every)));
  }
}

Plan countdown_plan(const Countdown& countdown) {
  Plan plan;
  plan.id = "timer";
  plan.title = "Desk-break reminders";
  Phase p;
  p.kind = PhaseKind::rest;
  p.title = countdown.until == Until::reminders_end ? "Reminders end" : "Next desk break";
  p.duration = countdown.length;
  plan.phases.push_back(p);
  return plan;
}

Schedule::Schedule(seconds every, seconds snooze, SteadyTime start, std::optional<seconds> for_)
    : m_every(every), m_snooze(snooze), m_wait(every) {
  if (for_) m_end = start + *for_;
}

Countdown Schedule::countdown(SteadyTime now) const {
  if (m_end && *m_end <= now + m_wait) return {std::chrono::ceil<seconds>(*m_end - now), Until::reminders_end};
  return {m_wait, Until::next_break};
}

void Schedule::answered(remind::Answer answer) { m_wait = remind::wait_after(answer, m_every, m_snooze); }

}  // namespace psoas::desk_break
