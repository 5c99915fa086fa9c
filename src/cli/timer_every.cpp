#include "timer_every.hpp"

#include <fmt/format.h>

#include <csignal>

#include "hook.hpp"
#include "psoas/desk_break.hpp"
#include "psoas/journal_io.hpp"
#include "psoas/when.hpp"

namespace psoas::cli {
namespace {

enum class Choice { start, skip, snooze, quit, ended };

struct Reminder {
  Services& services;
  Console& console;
  const Routine& routine;
  const Plan& plan;
  const EveryOptions& options;
  const BreakOffer& break_offer;
  desk_break::Schedule& schedule;
  StatusPublisher& status;
  std::vector<std::string> warnings = {};  // from hooks, shown after the screen

  // Counts down to the next break (or the end of --for); b rings at once, q quits.
  Choice wait_for_break() {
    desk_break::Countdown next = schedule.countdown(console.clock().steady_now());
    bool last = next.until == desk_break::Until::reminders_end;
    Plan countdown = desk_break::countdown_plan(next);
    TimerSink quiet;
    Timer timer(countdown, console.clock(), quiet);
    timer.start();
    auto publish = [&] {
      status.publish(last ? "reminders end in" : "break in", "", timer.state() == TimerState::paused, timer.remaining());
    };
    publish();
    bool screen = console.display() == Display::screen;
    while (!timer.over()) {
      if (screen) console.draw(break_wait_view(timer, break_offer, next.until));
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

  // Shows the offer until a choice (or --for running out).
  Choice offer() {
    console.ring();
    console.say("Time for a desk break.");
    console.notify("Time for a desk break", fmt::format("Stand up and move: psoas routine run {}", routine.id));
    status.publish("break now", routine.name, false, std::nullopt);
    while (true) {
      console.draw(break_offer_view(break_offer, services.content()));
      Wake wake = console.wait_until(schedule.end());
      for (int signo : wake.signals) {
        if (console.note_stop(signo)) return Choice::quit;
      }
      for (const Key& k : wake.keys) {
        if (k.is('d') || k.is('D') || k.is(' ') || k.kind == Key::Kind::enter) return Choice::start;
        if (k.is('s') || k.is('S')) return Choice::skip;
        if (k.is('z') || k.is('Z')) return Choice::snooze;
        if (k.is('q') || k.is('Q')) return Choice::quit;
      }
      if (schedule.over(console.clock().steady_now())) return Choice::ended;
    }
  }

  // Breaks are stored only on a terminal, with the screen up: the hook runs quietly and its
  // warning waits until the screen is gone.
  void store(const RunResult& r, std::string outcome) {
    Session stored = store_session(services, "break", routine.id, r, std::move(outcome));
    if (auto w = run_hook_quietly(services, hooks::Event::session, session_json(stored))) warnings.push_back(*w);
  }

  // One reminder on a terminal: offer, then run, skip or snooze (the schedule hears the
  // answer). Returns false to stop.
  bool answer() {
    Choice c = offer();
    if (c == Choice::quit || c == Choice::ended) return false;
    RunResult r;
    r.start = r.end = console.clock().wall_now();
    r.phases_total = static_cast<int>(plan.phases.size());
    if (c == Choice::skip || c == Choice::snooze) {
      remind::Answer a = c == Choice::skip ? remind::Answer::skipped : remind::Answer::snoozed;
      store(r, std::string(remind::to_string(a)));
      schedule.answered(a);
      return true;
    }
    RunSettings rs;
    rs.content = &services.content();
    rs.status = &status;
    r = run_plan(console, plan, rs);
    store(r, r.outcome == TimerOutcome::completed ? "done" : "stopped");
    schedule.answered(remind::Answer::done);
    return console.stop_signal() == 0;
  }

  // One reminder on plain output: a line, a notification and the voice; nobody answers.
  void remind_plainly() {
    console.notify("Time for a desk break", fmt::format("Stand up and move: psoas routine run {}", routine.id));
    console.say("Time for a desk break.");
    console.line(fmt::format("{} desk break: stand up and move (psoas routine run {}, {})",
                             when::format_time_of_day(console.clock().wall_now(), services.zone()), routine.id,
                             when::format_clock(plan.total())));
    schedule.answered(remind::Answer::missed);
  }

  void run() {
    console.line(fmt::format("desk-break reminders every {}{}; the break: psoas routine run {}",
                             when::format_duration(options.every),
                             options.for_ ? " for " + when::format_duration(*options.for_) : "", routine.id));
    while (wait_for_break() == Choice::start) {
      if (console.display() == Display::plain) {
        remind_plainly();
      } else if (!answer()) {
        break;
      }
    }
    console.summary("desk-break reminders ended");
  }
};

}  // namespace

void run_every(Services& services, const EveryOptions& options) {
  const Content& content = services.content();
  const Routine& routine = content.routine(desk_break_routine);
  Plan plan = plan_routine(routine, content, plan_settings_from(services.config()));
  desk_break::check(options.every, options.for_, plan.total(), routine.id);
  ConsoleSetup setup = setup_console(services, options.sound);
  if (setup.display == Display::screen) services.journal();  // breaks are stored only when answered on a terminal
  int stop_signal = 0;
  std::vector<std::string> warnings;
  {
    StatusPublisher status(services, "every", routine.id, setup.scale);
    Console console(services, setup);
    desk_break::Schedule schedule(options.every, services.config().snooze, console.clock().steady_now(), options.for_);
    BreakOffer offer{routine, plan.total(), options.every, services.config().snooze};
    Reminder reminder{services, console, routine, plan, options, offer, schedule, status};
    reminder.run();
    stop_signal = console.stop_signal();
    warnings = std::move(reminder.warnings);
  }
  for (const auto& w : warnings) services.terminal().warn(w);
  services.exit_status = exit_status_for(stop_signal);
}

}  // namespace psoas::cli
