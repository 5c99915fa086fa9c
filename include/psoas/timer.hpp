#pragma once
// Runs a plan against an injected clock: absolute deadlines, pause/resume, next, previous,
// quit, and events to a sink. No terminal, no sleeping: the caller asks `wake_at()` when
// to call `update()` next and does the waiting itself.

#include <chrono>
#include <cstddef>
#include <optional>
#include <vector>

#include "psoas/clock.hpp"
#include "psoas/plan.hpp"

namespace psoas {

// How a run ended.
enum class TimerOutcome { completed, stopped };

enum class TimerState { idle, running, paused, completed, stopped };

// Receives what happens during a run. Every function has an empty default.
class TimerSink {
 public:
  virtual ~TimerSink() = default;
  // Phase `index` of the plan began (at start, at its predecessor's deadline, or by next/previous).
  virtual void phase_started(const Phase& /*phase*/, std::size_t /*index*/) {}
  // The whole seconds left in the phase (rounded up) changed; also sent once a new phase is
  // current (a phase that ended while the caller was late gets phase_started but no tick).
  virtual void tick(std::chrono::seconds /*remaining*/) {}
  virtual void paused(std::chrono::seconds /*remaining*/) {}
  virtual void resumed(std::chrono::seconds /*remaining*/) {}
  // The run is over: every phase ran (or was skipped past), or it was quit.
  virtual void finished(TimerOutcome /*outcome*/) {}
};

class Timer {
 public:
  // `plan`, `clock` and `sink` must outlive the timer.
  Timer(const Plan& plan, const Clock& clock, TimerSink& sink);

  // Starts the first phase now (an empty plan completes at once).
  void start();
  // Starts the first phase as of `at`, a moment already past (e.g. when the command was
  // given, so that start-up counts toward the first phase); a later `at` means now.
  void start(SteadyTime at);
  // Catches up with the clock: ends every phase whose deadline has passed, each exactly
  // at its deadline (so no drift accumulates), and sends a tick when the seconds change.
  void update();
  void pause();
  void resume();
  void toggle_pause();
  // Skips to the start of the next phase (completing the run after the last one).
  void next();
  // Restarts the previous phase (or the first one).
  void previous();
  // Stops the run early.
  void quit();

  // When update() next has something to do (the next whole second of the countdown or the
  // deadline), or nothing while paused or over.
  std::optional<SteadyTime> wake_at() const;

  TimerState state() const { return m_state; }
  bool over() const { return m_state == TimerState::completed || m_state == TimerState::stopped; }
  const Plan& plan() const { return m_plan; }
  std::size_t index() const { return m_index; }
  // The current phase; only while not idle and the plan is not empty.
  const Phase& phase() const { return m_plan.phases.at(m_index); }
  // When the current phase ends, as things stand (moves while paused).
  SteadyTime deadline() const;
  // Exact time left in the current phase, and rounded up to whole seconds.
  std::chrono::steady_clock::duration remaining() const;
  std::chrono::seconds remaining_seconds() const;
  // Time left in the whole plan from now (the current phase's remainder plus the rest).
  std::chrono::seconds remaining_total() const;
  // Phases that ran to their end (skipped ones do not count), and the plan's phase count.
  int phases_done() const;
  int phases_total() const { return static_cast<int>(m_plan.phases.size()); }

 private:
  // Plan time from the start of the plan to the start of phase `i`.
  std::chrono::steady_clock::duration offset(std::size_t i) const { return m_offsets.at(i); }
  SteadyTime now() const { return m_clock.steady_now(); }
  SteadyTime deadline_at(SteadyTime t) const;
  void begin_phase(std::size_t i, SteadyTime at);
  void finish(TimerOutcome outcome);
  void send_tick();

  const Plan& m_plan;
  const Clock& m_clock;
  TimerSink& m_sink;
  std::vector<std::chrono::steady_clock::duration> m_offsets;  // one per phase, plus the end
  std::vector<bool> m_done;
  TimerState m_state = TimerState::idle;
  std::size_t m_index = 0;
  // deadline of phase i = m_origin + offsets[i + 1]: the plan start, moved by pauses and skips.
  SteadyTime m_origin{};
  SteadyTime m_paused_at{};
  std::optional<std::chrono::seconds> m_last_tick;
};

// "completed", "stopped".
std::string_view to_string(TimerOutcome o);

}  // namespace psoas
