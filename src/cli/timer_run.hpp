#pragma once
// Running a plan for a person: the console (screen or plain lines, keys, signals, bell,
// voice, time scale) and the loop that drives a psoas::Timer through it. Shared by
// `psoas timer`, `psoas routine run` and the desk-break reminder.

#include <sys/types.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "psoas/clock.hpp"
#include "psoas/plan.hpp"
#include "psoas/timer.hpp"
#include "services.hpp"
#include "terminal.hpp"
#include "timer_rating.hpp"
#include "timer_status.hpp"
#include "timer_view.hpp"

namespace psoas::cli {

// Full screen with keys (stdin and stdout are terminals), or one plain line per phase.
enum class Display { screen, plain };

// Whether a plain line rings the bell (a phase line does; a caution under it does not).
enum class Bell { ring, silent };

// Bell and speech for one command: flags win over config.toml.
struct SoundOptions {
  bool quiet = false;        // --quiet: no bell (and no voice unless --voice)
  bool voice = false;        // --voice
};

// What the first run on a console counts from: when the command was given, or when the
// console opened (after a question, or a rating stored and its hook run).
enum class Start { at_launch, at_open };

// How a command's console will work, worked out (and checked) before anything is stored.
struct ConsoleSetup {
  Display display = Display::plain;  // screen when stdin and stdout are both terminals
  bool bell = true;                  // flags, then config.toml
  std::optional<std::string> voice;  // the speech program, when speaking
  double scale = 1.0;                // PSOAS_TIME_SCALE
  Start start = Start::at_launch;    // what the first run counts from
};
// Throws UsageError for --voice without a speech program or a bad PSOAS_TIME_SCALE.
ConsoleSetup setup_console(Services& services, const SoundOptions& options);

// Plan lengths from config.toml (prepare, switch sides, rest).
PlanSettings plan_settings_from(const Config& config);

// A clock `scale` times as fast as `base` would make real time pass slower: with
// PSOAS_TIME_SCALE=0.01 a 60 s countdown takes 0.6 s of real time. For tests only.
class ScaledClock final : public Clock {
 public:
  ScaledClock(const Clock& base, double scale);
  SteadyTime steady_now() const override;
  Instant wall_now() const override;
  // The real time that `d` of this clock's time takes.
  std::chrono::nanoseconds real(std::chrono::steady_clock::duration d) const;

 private:
  const Clock& m_base;
  double m_scale;
  SteadyTime m_steady0;
  Instant m_wall0;
};

// Reads PSOAS_TIME_SCALE (a number > 0, default 1); throws UsageError when it is not one.
double time_scale(const Environment& env);

// The directory in $PATH holding an executable `name`, as a full path.
std::optional<std::string> find_program(const Environment& env, std::string_view name);

// The speech program to use: espeak-ng, else spd-say. With `required` (--voice) and neither
// installed, throws UsageError; otherwise (voice from config) warns and returns nothing.
std::optional<std::string> find_voice(const Services& services, bool required);

// Everything that talks to the person during a command; lives as long as the command.
class Console {
 public:
  Console(Services& services, ConsoleSetup setup);
  ~Console();
  Console(const Console&) = delete;
  Console& operator=(const Console&) = delete;

  Display display() const { return m_display; }
  const Clock& clock() const { return *m_clock; }
  // When a run starts: the first in a process when the command was given (so a 60 s timer
  // ends 60 s after Enter, start-up included; PSOAS_TIME_SCALE or Start::at_open: when the
  // console opened), a later one (the next desk break) now.
  SteadyTime start_time();
  const ViewStyle& style() const { return m_style; }
  // Waits until `until` (on clock()), a key or a signal. Handles resizes and Ctrl-Z itself
  // (calling `on_suspend` first, e.g. to pause); reports the rest.
  Wake wait_until(std::optional<SteadyTime> until, const std::function<void()>& on_suspend = {});
  // Draws a screen (screen mode only); `lines` come from render_view.
  void draw(const View& view);
  // One plain line on stdout, flushed (plain mode only).
  void line(std::string_view text, Bell bell = Bell::ring);
  // How the run ended, in one line: printed now in plain mode; on the screen, kept (the
  // last one wins) and printed once the terminal's main screen is back, so it stays.
  void summary(std::string_view text);
  void ring();
  // Speaks `text` without waiting (cutting off what is still being said).
  void say(const std::string& text);
  // A desktop notification through notify-send, when installed.
  void notify(const std::string& title, const std::string& body);
  // The first SIGINT, SIGTERM or SIGHUP received, or 0.
  int stop_signal() const { return m_stop_signal; }
  // Records a stop signal from a Wake (returns true when `signo` is one).
  bool note_stop(int signo);

 private:
  pid_t spawn(const std::vector<std::string>& argv);
  void reap();

  Services& m_services;
  Display m_display;
  bool m_bell;
  Start m_start;
  std::optional<std::string> m_voice;
  std::optional<ScaledClock> m_scaled;
  const Clock* m_clock;
  ViewStyle m_style;
  int m_key_fd = -1;
  int m_stop_signal = 0;
  bool m_started = false;
  pid_t m_speaking = -1;
  std::vector<pid_t> m_children;
  SignalWatch m_signals;                 // before the screen: the screen is restored first
  std::optional<FullScreen> m_screen;
  std::string m_summary;                 // for the main screen, after the full screen
};

// How a run ended, for the journal and the exit status.
struct RunResult {
  TimerOutcome outcome = TimerOutcome::stopped;
  int phases_done = 0;
  int phases_total = 0;
  Instant start{};
  Instant end{};
};

// Extra behaviour for one run.
struct RunSettings {
  bool wait_each_step = false;  // pause before each exercise until a key (screen only)
  const Content* content = nullptr;  // for the exercise's cues on screen, when a routine
  StatusPublisher* status = nullptr;  // for `psoas timer --status`
};

// Runs `plan` to its end, or until q, Ctrl-C, SIGTERM or SIGHUP.
RunResult run_plan(Console& console, const Plan& plan, const RunSettings& settings = {});

// Stores a session in the journal and returns it as stored (for the on-session hook); with
// a `uuid` (the one its ratings link to), under that uuid.
Session store_session(Services& services, std::string kind, std::string name, const RunResult& result,
                      std::string outcome, std::string uuid = {});

// The exit status for a run stopped by `signo` (128 + signo), or 0.
int exit_status_for(int signo);

// A whole guided run, as `psoas timer` and `psoas routine run` do it: takes the pain rating
// before (timer_rating.hpp: stored at once, so it survives a killed run), publishes its
// status, runs `plan` on a console, stores the session (kind "timer" or "routine", named
// `name`), tells the on-session hook, takes the rating after (not asked after a stop
// signal), and sets the exit status when a signal stopped it. Ctrl-C at the first question
// stores nothing and runs nothing.
void run_session(Services& services, ConsoleSetup setup, const Plan& plan, const std::string& kind,
                 const std::string& name, const RatingPlan& ratings, RunSettings settings = {});

}  // namespace psoas::cli
