#include "psoas/timer.hpp"

#include <algorithm>

namespace psoas {

using std::chrono::seconds;
using Duration = std::chrono::steady_clock::duration;

std::string_view to_string(TimerOutcome o) {
  return o == TimerOutcome::completed ? "completed" : "stopped";
}

Timer::Timer(const Plan& plan, const Clock& clock, TimerSink& sink)
    : m_plan(plan), m_clock(clock), m_sink(sink), m_done(plan.phases.size(), false) {
  Duration sum{0};
  m_offsets.push_back(sum);
  for (const Phase& p : plan.phases) {
    sum += p.duration;
    m_offsets.push_back(sum);
  }
}

void Timer::start() { start(now()); }

void Timer::start(SteadyTime at) {
  if (m_state != TimerState::idle) return;
  if (m_plan.phases.empty()) {
    finish(TimerOutcome::completed);
    return;
  }
  m_state = TimerState::running;
  begin_phase(0, std::min(at, now()));
  send_tick();
}

// Makes phase `i` start at `at`; while paused the countdown stays frozen at its full length.
void Timer::begin_phase(std::size_t i, SteadyTime at) {
  m_index = i;
  m_origin = at - offset(i);
  if (m_state == TimerState::paused) m_paused_at = at;
  m_last_tick.reset();
  m_sink.phase_started(m_plan.phases[i], i);
}

void Timer::finish(TimerOutcome outcome) {
  m_state = outcome == TimerOutcome::completed ? TimerState::completed : TimerState::stopped;
  m_sink.finished(outcome);
}

SteadyTime Timer::deadline() const { return deadline_at(now()); }

SteadyTime Timer::deadline_at(SteadyTime t) const {
  SteadyTime d = m_origin + offset(m_index + 1);
  if (m_state == TimerState::paused) d += t - m_paused_at;
  return d;
}

Duration Timer::remaining() const {
  if (m_state != TimerState::running && m_state != TimerState::paused) return Duration{0};
  SteadyTime t = now();  // read the clock once: a paused deadline moves with it
  return std::max(Duration{0}, deadline_at(t) - t);
}

seconds Timer::remaining_seconds() const { return std::chrono::ceil<seconds>(remaining()); }

seconds Timer::remaining_total() const {
  if (m_state != TimerState::running && m_state != TimerState::paused) return seconds{0};
  Duration rest = offset(m_plan.phases.size()) - offset(m_index + 1);
  return std::chrono::ceil<seconds>(remaining() + rest);
}

int Timer::phases_done() const { return static_cast<int>(std::count(m_done.begin(), m_done.end(), true)); }

void Timer::send_tick() {
  seconds left = remaining_seconds();
  if (m_last_tick == left) return;
  m_last_tick = left;
  m_sink.tick(left);
}

void Timer::update() {
  if (m_state != TimerState::running) return;
  SteadyTime t = now();
  while (m_state == TimerState::running && t >= deadline()) {
    SteadyTime ended = deadline();
    m_done[m_index] = true;
    if (m_index + 1 == m_plan.phases.size()) {
      finish(TimerOutcome::completed);
      return;
    }
    begin_phase(m_index + 1, ended);
  }
  if (m_state == TimerState::running) send_tick();
}

void Timer::pause() {
  if (m_state != TimerState::running) return;
  update();
  if (m_state != TimerState::running) return;
  m_state = TimerState::paused;
  m_paused_at = now();
  m_sink.paused(remaining_seconds());
}

void Timer::resume() {
  if (m_state != TimerState::paused) return;
  m_origin += now() - m_paused_at;
  m_state = TimerState::running;
  m_sink.resumed(remaining_seconds());
  update();
}

void Timer::toggle_pause() {
  if (m_state == TimerState::paused) {
    resume();
  } else {
    pause();
  }
}

void Timer::next() {
  if (m_state != TimerState::running && m_state != TimerState::paused) return;
  update();
  if (over()) return;
  if (m_index + 1 == m_plan.phases.size()) {
    finish(TimerOutcome::completed);
    return;
  }
  begin_phase(m_index + 1, now());
  send_tick();
}

void Timer::previous() {
  if (m_state != TimerState::running && m_state != TimerState::paused) return;
  update();
  if (over()) return;
  begin_phase(m_index == 0 ? 0 : m_index - 1, now());
  send_tick();
}

void Timer::quit() {
  if (m_state != TimerState::running && m_state != TimerState::paused) return;
  update();
  if (over()) return;
  finish(TimerOutcome::stopped);
}

std::optional<SteadyTime> Timer::wake_at() const {
  if (m_state != TimerState::running) return std::nullopt;
  SteadyTime d = deadline();
  // The displayed seconds drop from n to n-1 when exactly n-1 seconds are left.
  seconds shown = remaining_seconds();
  if (shown <= seconds{1}) return d;
  return d - (shown - seconds{1});
}

}  // namespace psoas
