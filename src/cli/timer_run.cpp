#include "timer_run.hpp"

#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <functional>

#include "psoas/error.hpp"
#include "psoas/hooks.hpp"
#include "hook.hpp"
#include "psoas/journal_io.hpp"
#include "psoas/process.hpp"
#include "psoas/when.hpp"

namespace psoas::cli {

using std::chrono::seconds;

ScaledClock::ScaledClock(const Clock& base, double scale)
    : m_base(base), m_scale(scale), m_steady0(base.steady_now()), m_wall0(base.wall_now()) {}

SteadyTime ScaledClock::steady_now() const {
  std::chrono::duration<double, std::nano> real = m_base.steady_now() - m_steady0;
  return m_steady0 + std::chrono::duration_cast<std::chrono::steady_clock::duration>(real / m_scale);
}

Instant ScaledClock::wall_now() const {
  return m_wall0 + std::chrono::floor<seconds>(steady_now() - m_steady0);
}

std::chrono::nanoseconds ScaledClock::real(std::chrono::steady_clock::duration d) const {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::duration<double, std::nano>(d) * m_scale);
}

double time_scale(const Environment& env) {
  auto text = env.get("PSOAS_TIME_SCALE");
  if (!text) return 1.0;
  char* end = nullptr;
  double v = std::strtod(text->c_str(), &end);
  if (end == text->c_str() || *end != '\0' || !std::isfinite(v) || v <= 0) {
    throw UsageError("PSOAS_TIME_SCALE", fmt::format("expected a number above 0, got '{}'", *text));
  }
  return v;
}

std::optional<std::string> find_program(const Environment& env, std::string_view name) {
  std::string path = env.get("PATH").value_or("/usr/local/bin:/usr/bin:/bin");
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find(':', start);
    if (end == std::string::npos) end = path.size();
    std::string dir = path.substr(start, end - start);
    std::string full = (dir.empty() ? std::string(".") : dir) + "/" + std::string(name);
    if (::access(full.c_str(), X_OK) == 0) return full;
    start = end + 1;
  }
  return std::nullopt;
}

std::optional<std::string> find_voice(const Services& services, bool required) {
  for (const char* name : {"espeak-ng", "spd-say"}) {
    if (auto p = find_program(services.env(), name)) return p;
  }
  const char* why = "neither espeak-ng nor spd-say is installed";
  if (required) throw UsageError("--voice", why, "install espeak-ng, or leave out --voice");
  services.terminal().warn(fmt::format("voice = true in config.toml, but {}; going on without it", why));
  return std::nullopt;
}

ConsoleSetup setup_console(Services& services, const SoundOptions& options) {
  ConsoleSetup s;
  const Terminal& term = services.terminal();
  s.display = term.stdin_is_tty() && term.stdout_is_tty() ? Display::screen : Display::plain;
  s.scale = time_scale(services.env());
  s.bell = !options.quiet && services.config().bell;
  if (options.voice) {
    s.voice = find_voice(services, true);
  } else if (services.config().voice && !options.quiet) {
    s.voice = find_voice(services, false);
  }
  return s;
}

PlanSettings plan_settings_from(const Config& config) {
  PlanSettings settings;
  settings.prepare = config.prepare;
  settings.switch_sides = config.switch_sides;
  settings.rest = config.rest;
  return settings;
}

Console::Console(Services& services, ConsoleSetup setup)
    : m_services(services),
      m_display(setup.display),
      m_bell(setup.bell),
      m_start(setup.start),
      m_voice(std::move(setup.voice)) {
  if (setup.scale != 1.0) m_scaled.emplace(services.clock(), setup.scale);
  m_clock = m_scaled ? static_cast<const Clock*>(&*m_scaled) : &services.clock();
  m_style.colour = services.terminal().colour();
  m_style.utf8 = utf8_locale(services.env());
  if (m_display == Display::screen) {
    m_key_fd = STDIN_FILENO;
    m_screen.emplace();
  }
}

Console::~Console() {
  const bool had_screen = m_screen.has_value();
  m_screen.reset();
  if (had_screen && !m_summary.empty()) {
    // Not fmt::print, which throws when the terminal is gone (a closed window): a
    // destructor must not, and the session still has to be stored.
    std::fputs((m_summary + "\n").c_str(), stdout);
    std::fflush(stdout);
  }
  reap();
}

SteadyTime Console::start_time() {
  const bool first = !m_started;
  m_started = true;
  return first && !m_scaled && m_start == Start::at_launch ? m_services.launched() : m_clock->steady_now();
}

bool Console::note_stop(int signo) {
  if (signo != SIGINT && signo != SIGTERM && signo != SIGHUP) return false;
  if (m_stop_signal == 0) m_stop_signal = signo;
  return true;
}

Wake Console::wait_until(std::optional<SteadyTime> until, const std::function<void()>& on_suspend) {
  // Until the deadline, or a key, a signal or the end of input. wait_for wakes on time (a
  // timerfd, not ppoll's timeout, which Linux lets run late by 0.1%: 60 ms on a minute's
  // hold); the loop only takes up a wait that ended early with nothing to say (EINTR).
  Wake wake;
  for (;;) {
    std::optional<std::chrono::nanoseconds> timeout;
    if (until) {
      auto left = *until - m_clock->steady_now();
      timeout = m_scaled ? m_scaled->real(left) : std::chrono::duration_cast<std::chrono::nanoseconds>(left);
    }
    wake = wait_for(m_key_fd, m_signals, timeout);
    if (wake.timed_out || !wake.keys.empty() || !wake.signals.empty() || wake.input_closed) break;
  }
  reap();
  if (wake.input_closed) m_key_fd = -1;
  for (int signo : wake.signals) {
    if (signo == SIGWINCH || signo == SIGCONT) {
      if (m_screen) m_screen->invalidate();
    } else if (signo == SIGTSTP) {
      if (on_suspend) on_suspend();
      if (m_screen) m_screen->suspend();
      m_signals.stop_self();
      if (m_screen) m_screen->resume();
    }
  }
  return wake;
}

void Console::draw(const View& view) {
  if (m_screen) m_screen->draw(render_view(view, terminal_size(), m_style));
}

void Console::line(std::string_view text, Bell ring) {
  if (m_display != Display::plain) return;
  bool bell = ring == Bell::ring && m_bell && m_services.terminal().stdout_is_tty();
  fmt::print("{}{}\n", text, bell ? "\a" : "");
  std::fflush(stdout);
}

void Console::summary(std::string_view text) {
  if (m_display == Display::plain) {
    line(text);
  } else {
    m_summary = text;
  }
}

void Console::ring() {
  if (m_bell && m_screen) m_screen->bell();
}

pid_t Console::spawn(const std::vector<std::string>& args) {
  // In psoas's own group, as always: the terminal's Ctrl-C reaches a voice too.
  process::SpawnOptions options;
  options.group = process::Group::inherit;
  pid_t pid = process::spawn(args, options).pid;
  if (pid > 0) m_children.push_back(pid);
  return pid;
}

void Console::reap() {
  std::erase_if(m_children, [&](pid_t pid) {
    if (process::poll_exit(pid).state == process::Exit::State::running) return false;
    if (pid == m_speaking) m_speaking = -1;
    return true;
  });
}

void Console::say(const std::string& text) {
  if (!m_voice || text.empty()) return;
  if (m_speaking > 0) ::kill(m_speaking, SIGTERM);
  m_speaking = spawn({*m_voice, "--", text});
}

void Console::notify(const std::string& title, const std::string& body) {
  if (auto p = find_program(m_services.env(), "notify-send")) spawn({*p, "--app-name=psoas", title, body});
}

Session store_session(Services& services, std::string kind, std::string name, const RunResult& result,
                      std::string outcome, std::string uuid) {
  Session s;
  s.uuid = std::move(uuid);
  s.kind = std::move(kind);
  s.routine = std::move(name);
  s.start = result.start;
  s.end = result.end;
  s.utc_offset = services.zone().offset_at(result.start);
  s.phases_done = result.phases_done;
  s.phases_total = result.phases_total;
  s.outcome = std::move(outcome);
  return services.journal().add_session(std::move(s), services.clock().wall_now());
}

int exit_status_for(int signo) { return signo == 0 ? 0 : 128 + signo; }

void run_session(Services& services, ConsoleSetup setup, const Plan& plan, const std::string& kind,
                 const std::string& name, const RatingPlan& ratings, RunSettings settings) {
  services.journal();  // open it now: a broken journal should not wait for the end of the run
  const std::string uuid = make_uuid();  // the ratings link to it before the session is stored
  Taken before = take_rating(services, ratings, SessionRole::before, uuid);
  if (before.stop_signal != 0) {
    services.exit_status = exit_status_for(before.stop_signal);
    return;
  }
  // A question (or a slow on-log hook) must not eat into the first phase.
  if (before.asked || before.stored) setup.start = Start::at_open;
  RunResult result;
  int stop_signal = 0;
  {
    StatusPublisher status(services, kind, name, setup.scale);
    Console console(services, setup);
    settings.status = &status;
    result = run_plan(console, plan, settings);
    stop_signal = console.stop_signal();
  }
  Session stored = store_session(services, kind, name, result, std::string(to_string(result.outcome)), uuid);
  run_hook(services, hooks::Event::session, session_json(stored));
  RatingPlan after = ratings;
  if (stop_signal != 0) after.ask = false;  // Ctrl-C means "get me out": no question
  Taken taken = take_rating(services, after, SessionRole::after, uuid, result.end);
  if (stop_signal == 0) stop_signal = taken.stop_signal;
  services.exit_status = exit_status_for(stop_signal);
}

}  // namespace psoas::cli
