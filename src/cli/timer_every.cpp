#include "timer_every.hpp"

#include <fmt/format.h>

#include <csignal>

#include "hook.hpp"
#include "psoas/error.hpp"
#include "psoas/journal_io.hpp"
#include "psoas/when.hpp"

namespace psoas::cli {
namespace {

using std::chrono::seconds;

enum class Choice { start, skip, snooze, quit, ended };

struct Reminder {
  Services& services;
  Console& console;
  const Routine& routine;
  const Plan& plan;
  const EveryOptions& options;
  std::optional<SteadyTime> end;  // when --for runs out
  StatusPublisher& status;
  std::vector<std::string> warnings = {};  // from hooks, shown after the screen

  // Counts down `wait` (cut short by --for); b rings at once, q quits.
  Choice wait_for_break(seconds wait) {
    SteadyTime now = console.clock().steady_now();
    bool last = end && *end <= now + wait;
    Plan countdown;
    countdown.id = "timer";
    countdown.title = "Desk-break reminders";
    Phase p;
    p.kind = PhaseKind::rest;
    p.title = last ? "Reminders end" : "Next desk break";
    p.duration = last ? std::chrono::ceil<seconds>(*end - now) : wait;
    countdown.phases.push_back(p);
    TimerSink quiet;
    Timer timer(countdown, console.clock(), quiet);
    timer.start();
    auto publish = [&] {
      status.publish(last ? "reminders end in" : "break in", "", timer.state() == TimerState::paused, timer.remaining());
    };
    publish();
    bool screen = console.display() == Display::screen;
    while (!timer.over()) {
      if (screen) console.draw(waiting_view(timer, last));
      auto wake_at = screen ? timer.wake_at() : timer.state() == TimerState::running ? std::optional(timer.deadline()) : std::nullopt;
      Wake wake = console.wait_until(wake_at, [&] {
        timer.pause();
        publish();
      });
      for (int signo : wake.signals) {
        if (console.note_stop(signo)) return Choice::quit;
      }
      for (const Key& k : wake.keys) {
        if (k.is('q') || k.is('Q')) return Choice::quit;
        if (k.is(' ')) timer.toggle_pause();
        if ((k.is('b') || k.is('B')) && !last) timer.next();
      }
      timer.update();
      if (!wake.keys.empty() && !timer.over()) publish();
    }
    return last ? Choice::ended : Choice::start;
  }

  View waiting_view(const Timer& t, bool last) const {
    View v;
    v.heading = "Desk-break reminders";
    v.position = "every " + when::format_duration(options.every);
    v.title = t.phase().title;
    v.what = t.state() == TimerState::paused ? "REMINDERS PAUSED" : "AT YOUR DESK";
    v.tone = Tone::rest;
    v.remaining = t.remaining_seconds();
    v.duration = t.phase().duration;
    if (!last) v.cues.push_back(fmt::format("Then: {} ({}). {}", routine.name, when::format_clock(plan.total()), routine.summary));
    if (t.state() == TimerState::paused) v.status = "PAUSED · space resumes";
    v.hints = last ? "space pause · q quit" : "space pause · b break now · q quit";
    return v;
  }

  View offer_view() const {
    View v;
    v.heading = "Desk-break reminders";
    v.position = "every " + when::format_duration(options.every);
    v.title = "Time for a desk break: " + routine.name;
    v.what = "STAND UP AND MOVE · THE ROUTINE TAKES " + when::format_clock(plan.total());
    v.tone = Tone::alert;
    v.remaining = plan.total();
    if (!routine.summary.empty()) v.cues.push_back(routine.summary);
    for (std::size_t i = 0; i < routine.steps.size(); ++i) {
      auto it = services.content().exercises.find(routine.steps[i].exercise);
      if (it != services.content().exercises.end()) v.cues.push_back(fmt::format("{}. {}", i + 1, it->second.name));
    }
    v.status = "d or Enter starts it";
    v.next = fmt::format("s skips this one · z snoozes for {}", when::format_duration(services.config().snooze));
    v.hints = "d/enter start · s skip · z snooze · q quit";
    return v;
  }

  // Shows the offer until a choice (or --for running out).
  Choice offer() {
    console.ring();
    console.say("Time for a desk break.");
    console.notify("Time for a desk break", fmt::format("Stand up and move: psoas routine run {}", routine.id));
    status.publish("break now", routine.name, false, std::nullopt);
    while (true) {
      console.draw(offer_view());
      Wake wake = console.wait_until(end);
      for (int signo : wake.signals) {
        if (console.note_stop(signo)) return Choice::quit;
      }
      for (const Key& k : wake.keys) {
        if (k.is('d') || k.is('D') || k.is(' ') || k.kind == Key::Kind::enter) return Choice::start;
        if (k.is('s') || k.is('S')) return Choice::skip;
        if (k.is('z') || k.is('Z')) return Choice::snooze;
        if (k.is('q') || k.is('Q')) return Choice::quit;
      }
      if (end && console.clock().steady_now() >= *end) return Choice::ended;
    }
  }

  // Breaks are stored only on a terminal, with the screen up: the hook runs quietly and its
  // warning waits until the screen is gone.
  void store(const RunResult& r, std::string outcome) {
    Session stored = store_session(services, "break", routine.id, r, std::move(outcome));
    if (auto w = run_hook_quietly(services, hooks::Event::session, session_json(stored))) warnings.push_back(*w);
  }

  // One reminder on a terminal: offer, then run, skip or snooze. Returns the next wait,
  // or nothing to stop.
  std::optional<seconds> answer() {
    Choice c = offer();
    if (c == Choice::quit || c == Choice::ended) return std::nullopt;
    RunResult r;
    r.start = r.end = console.clock().wall_now();
    r.phases_total = static_cast<int>(plan.phases.size());
    if (c == Choice::skip || c == Choice::snooze) {
      store(r, c == Choice::skip ? "skipped" : "snoozed");
      return c == Choice::skip ? options.every : services.config().snooze;
    }
    RunSettings rs;
    rs.content = &services.content();
    rs.status = &status;
    r = run_plan(console, plan, rs);
    store(r, r.outcome == TimerOutcome::completed ? "done" : "stopped");
    if (console.stop_signal() != 0) return std::nullopt;
    return options.every;
  }

  void run() {
    console.line(fmt::format("desk-break reminders every {}{}; the break: psoas routine run {}",
                             when::format_duration(options.every),
                             options.for_ ? " for " + when::format_duration(*options.for_) : "", routine.id));
    seconds wait = options.every;
    while (true) {
      Choice c = wait_for_break(wait);
      if (c != Choice::start) break;
      if (console.display() == Display::plain) {
        console.notify("Time for a desk break", fmt::format("Stand up and move: psoas routine run {}", routine.id));
        console.say("Time for a desk break.");
        console.line(fmt::format("{} desk break: stand up and move (psoas routine run {}, {})",
                                 when::format_time_of_day(console.clock().wall_now(), services.zone()), routine.id,
                                 when::format_clock(plan.total())));
        wait = options.every;
        continue;
      }
      auto next = answer();
      if (!next) break;
      wait = *next;
    }
    console.summary("desk-break reminders ended");
  }
};

}  // namespace

void run_every(Services& services, const EveryOptions& options) {
  const Content& content = services.content();
  const Routine& routine = content.routine(desk_break_routine);
  Plan plan = plan_routine(routine, content, plan_settings_from(services.config()));
  if (options.every < plan.total()) {
    throw UsageError("--every", fmt::format("{} is shorter than the {} routine it offers ({})", when::format_duration(options.every),
                                            routine.id, when::format_duration(plan.total())));
  }
  if (options.for_ && *options.for_ < options.every) {
    throw UsageError("--for", fmt::format("{} is shorter than --every {}: no reminder would come",
                                          when::format_duration(*options.for_), when::format_duration(options.every)));
  }
  ConsoleSetup setup = setup_console(services, options.sound);
  if (setup.display == Display::screen) services.journal();  // breaks are stored only when answered on a terminal
  int stop_signal = 0;
  std::vector<std::string> warnings;
  {
    StatusPublisher status(services, "every", routine.id, setup.scale);
    Console console(services, setup);
    std::optional<SteadyTime> end;
    if (options.for_) end = console.clock().steady_now() + *options.for_;
    Reminder reminder{services, console, routine, plan, options, end, status};
    reminder.run();
    stop_signal = console.stop_signal();
    warnings = std::move(reminder.warnings);
  }
  for (const auto& w : warnings) services.terminal().warn(w);
  services.exit_status = exit_status_for(stop_signal);
}

}  // namespace psoas::cli
