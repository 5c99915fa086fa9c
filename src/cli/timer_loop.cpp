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

int step_count(const Plan& plan) { return plan.phases.empty() ? 0 : plan.phases.back().step + 1; }

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

// The cautions to show with the current phase: those of its get-ready phase (after the
// routine's own, on the first), or while --wait holds an exercise, its exercise's.
std::vector<std::string> cautions_of(const Timer& t, const RunSettings& rs, bool waiting) {
  const Phase& p = t.phase();
  std::vector<std::string> out;
  if (t.index() == 0) out = t.plan().cautions;
  out.insert(out.end(), p.cautions.begin(), p.cautions.end());
  if (out.empty() && waiting && rs.content) {
    auto it = rs.content->exercises.find(p.exercise);
    if (it != rs.content->exercises.end()) out = it->second.cautions;
  }
  return out;
}

View view_of(const Timer& t, const RunSettings& rs, bool waiting) {
  const Plan& plan = t.plan();
  const Phase& p = t.phase();
  View v;
  v.heading = plan.title;
  int steps = step_count(plan);
  if (plan.id != "timer" && steps > 1) {
    v.position = fmt::format("exercise {} of {}", p.step + 1, steps);
  } else if (p.sets > 1) {
    v.position = fmt::format("round {} of {}", p.set, p.sets);
  }
  v.total_left = when::format_clock(t.remaining_total()) + " left";
  v.title = p.title;
  std::string side = to_string(p.side);
  v.what = upper(p.kind == PhaseKind::prepare ? "get ready" : describe(p));
  if (p.kind == PhaseKind::hold || p.kind == PhaseKind::reps) {
    std::string_view base = p.kind == PhaseKind::hold ? "HOLD" : "";
    v.what = p.kind == PhaseKind::reps ? fmt::format("{} REPS", p.reps) : std::string(base);
    if (p.side == Side::left || p.side == Side::right) v.what += " · " + upper(side) + " SIDE";
  } else if (p.kind == PhaseKind::switch_sides) {
    v.what = "SWITCH SIDES · " + upper(side) + " NEXT";
  }
  if (p.kind == PhaseKind::reps && p.tempo.count() > 0) {
    auto elapsed = p.duration - t.remaining_seconds();
    int rep = std::min(p.reps, static_cast<int>(elapsed / p.tempo) + 1);
    v.detail = fmt::format("rep {} of {}", rep, p.reps);
  } else if (p.sets > 1 && plan.id != "timer") {
    v.detail = fmt::format("set {} of {}", p.set, p.sets);
  }
  v.tone = tone_of(p.kind);
  v.remaining = t.remaining_seconds();
  v.duration = p.duration;
  v.cautions = cautions_of(t, rs, waiting);
  if (plan.id != "timer") v.more_cautions = fmt::format("More cautions: 'psoas routine show {}'", plan.id);
  if (!p.cue.empty()) v.cues.push_back(p.cue);
  bool doing = p.kind == PhaseKind::hold || p.kind == PhaseKind::reps || p.kind == PhaseKind::prepare;
  if (rs.content && !p.exercise.empty() && doing) {
    auto it = rs.content->exercises.find(p.exercise);
    if (it != rs.content->exercises.end()) {
      for (const auto& c : it->second.cues) {
        if (c != p.cue) v.cues.push_back(c);
      }
    }
  }
  if (t.index() + 1 < plan.phases.size()) {
    const Phase& n = plan.phases[t.index() + 1];
    std::string what = n.kind == PhaseKind::rest || n.kind == PhaseKind::switch_sides || n.title == p.title
                           ? describe(n)
                           : describe(n) + " · " + n.title;
    v.next = fmt::format("Next: {} ({})", what, when::format_clock(n.duration));
  } else {
    v.next = "Next: done";
  }
  bool paused = t.state() == TimerState::paused;
  if (waiting) {
    v.status = "READY? · space starts";
  } else if (paused) {
    v.status = "PAUSED · space resumes";
  }
  v.hints = fmt::format("space {} · n next · p previous · q quit", paused ? "resume" : "pause");
  return v;
}

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
    if (sink.dirty && screen && !timer.over()) console.draw(view_of(timer, settings, waiting));
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
