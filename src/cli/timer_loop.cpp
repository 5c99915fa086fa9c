// The loop that drives a psoas::Timer through a Console: events become lines, screens,
// bells and speech; keys and signals become timer operations.
#include <cctype>
#include <csignal>
#include <utility>

#include "psoas/when.hpp"
#include "timer_run.hpp"

namespace psoas::cli {

namespace {

using std::chrono::seconds;

// "hold left  Kneeling hip-flexor stretch" (a rest names what comes next instead).
std::string plain_line(const Phase& p) {
  std::string what = p.kind == PhaseKind::rest ? p.cue : p.title;
  return fmt::format("{} {}  {}", when::format_clock(p.duration), describe(p), what);
}

// What the voice says as a phase begins.
std::string speech(const Phase& p) {
  switch (p.kind) {
    case PhaseKind::prepare: return "Get ready. " + p.title;
    case PhaseKind::switch_sides: return "Switch sides.";
    case PhaseKind::rest: return p.cue;
    case PhaseKind::hold:
    case PhaseKind::reps: break;
  }
  std::string s = describe(p) + ". " + p.title + ".";
  s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  return p.cue.empty() ? s : s + " " + p.cue;
}

// Reacts to timer events: a plain line or a redraw, a bell, the cue spoken.
class RunSink final : public TimerSink {
 public:
  RunSink(Console& console, const Plan& plan) : m_console(console), m_plan(plan) {}
  bool dirty = true;
  bool new_step = false;  // an exercise (not its switch or rest) just began

  void phase_started(const Phase& p, std::size_t index) override {
    dirty = true;
    new_step = index == 0 || m_plan.phases[index - 1].step != p.step;
    m_console.line(plain_line(p));
    for (const auto& c : p.cautions) m_console.line("  Caution: " + c, Bell::silent);
    m_console.ring();
    m_console.say(speech(p));
  }
  void tick(seconds) override { dirty = true; }
  void paused(seconds) override { dirty = true; }
  void resumed(seconds) override { dirty = true; }
  void finished(TimerOutcome o) override {
    dirty = true;
    m_console.ring();
    m_console.say(o == TimerOutcome::completed ? "Done. Well done." : "Stopped.");
  }

 private:
  Console& m_console;
  const Plan& m_plan;
};

// Tells `psoas timer --status` where the run is.
void publish(StatusPublisher* status, const Timer& t) {
  if (!status || t.over()) return;
  const Phase& p = t.phase();
  status->publish(describe(p), p.kind == PhaseKind::rest ? p.cue : p.title, t.state() == TimerState::paused,
                  t.remaining());
}

void apply(Timer& t, const Key& k) {
  if (k.is(' ')) {
    t.toggle_pause();
  } else if (k.is('n') || k.is('N') || k.kind == Key::Kind::right) {
    t.next();
  } else if (k.is('p') || k.is('P') || k.kind == Key::Kind::left) {
    t.previous();
  } else if (k.is('q') || k.is('Q')) {
    t.quit();
  }
}

}  // namespace

RunResult run_plan(Console& console, const Plan& plan, const RunSettings& settings) {
  RunSink sink(console, plan);
  Timer timer(plan, console.clock(), sink);
  RunResult result;
  result.start = console.clock().wall_now();
  bool screen = console.display() == Display::screen;
  bool waiting = false;  // paused by --wait before an exercise
  for (const auto& c : plan.cautions) console.line("Caution: " + c, Bell::silent);
  timer.start(console.start_time());
  // What the status file last said; it changes at a phase change, a pause or a key.
  auto shown = std::pair(timer.index(), timer.state());
  publish(settings.status, timer);
  while (!timer.over()) {
    if (sink.new_step && settings.wait_each_step && screen) {
      timer.pause();
      waiting = true;
    }
    sink.new_step = false;
    if (sink.dirty && screen && !timer.over()) console.draw(view_of(timer, settings.content, waiting ? Waiting::yes : Waiting::no));
    sink.dirty = false;
    // Plain lines change only at phase ends: no need to wake every second.
    std::optional<SteadyTime> wake_at = timer.wake_at();
    if (!screen && wake_at) wake_at = timer.deadline();
    Wake wake = console.wait_until(wake_at, [&] {
      timer.pause();
      publish(settings.status, timer);  // before this process stops
    });
    for (int signo : wake.signals) {
      if (signo == SIGWINCH || signo == SIGCONT || signo == SIGTSTP) sink.dirty = true;
      if (console.note_stop(signo)) timer.quit();
    }
    for (const Key& k : wake.keys) {
      if (timer.over()) break;
      apply(timer, k);
      sink.dirty = true;
    }
    if (timer.state() != TimerState::paused) waiting = false;
    timer.update();
    if (!wake.keys.empty() || shown != std::pair(timer.index(), timer.state())) {
      shown = std::pair(timer.index(), timer.state());
      publish(settings.status, timer);
    }
  }
  result.end = console.clock().wall_now();
  result.outcome = timer.state() == TimerState::completed ? TimerOutcome::completed : TimerOutcome::stopped;
  result.phases_done = timer.phases_done();
  result.phases_total = timer.phases_total();
  console.summary(fmt::format("{}  {}: {} of {} phases", result.outcome == TimerOutcome::completed ? "done" : "stopped",
                           plan.title, result.phases_done, result.phases_total));
  return result;
}

}  // namespace psoas::cli
