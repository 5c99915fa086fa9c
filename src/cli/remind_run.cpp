// What the units run: `psoas remind breaks` (the desk-break service), `psoas remind
// log-prompt` and `psoas remind weekly`. Output goes to the service's log (the journal).
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <sstream>
#include <thread>

#include "hook.hpp"
#include "psoas/error.hpp"
#include "psoas/files.hpp"
#include "psoas/journal_io.hpp"
#include "psoas/report.hpp"
#include "remind.hpp"
#include "timer_every.hpp"
#include "timer_run.hpp"

namespace psoas::cli {
namespace {

namespace fs = std::filesystem;
using std::chrono::seconds;

// One line in the service's log, at once (stdout is a pipe there).
template <class... Args>
void log_line(fmt::format_string<Args...> f, Args&&... args) {
  fmt::print("{}\n", fmt::format(f, std::forward<Args>(args)...));
  std::fflush(stdout);
}

// "14:05", local.
std::string clock_time(Instant t, const when::Zone& zone) { return when::format_local(t, zone).substr(11, 5); }

// Sends a notification without actions; throws when notify-send cannot.
void notify(Services& s, const std::string& title, const std::string& body) {
  if (!find_on_path(s, "notify-send")) throw Error("remind", "notify-send is not installed", "install the package libnotify-bin");
  auto r = run_program({"notify-send", "--app-name=psoas", title, body});
  if (!r.ok()) throw Error("remind", fmt::format("notify-send {}", r.err.empty() ? process::describe(r) : r.err.substr(0, r.err.find('\n'))));
}

// Holds an exclusive lock on a file for its lifetime: one breaks service at a time.
class Lock {
 public:
  explicit Lock(const fs::path& file) : m_fd(::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600)) {
    m_held = m_fd >= 0 && ::flock(m_fd, LOCK_EX | LOCK_NB) == 0;
  }
  ~Lock() {
    if (m_fd >= 0) ::close(m_fd);
  }
  Lock(const Lock&) = delete;
  Lock& operator=(const Lock&) = delete;
  bool held() const { return m_held; }

 private:
  int m_fd;
  bool m_held = false;
};

class BreakService {
 public:
  BreakService(Services& s, bool once) : m_s(s), m_settings(remind_settings(s)), m_file(break_state_file(s)), m_once(once) {
    if (auto text = files::read(m_file)) m_state = remind::parse_state(*text);
  }

  void run() {
    while (true) {
      Instant now = m_s.clock().wall_now();
      remind::Idle idle;
      if (remind::in_work_hours(m_settings, now, m_s.zone())) {
        idle = read_idle(now);
        if (!idle && !m_state.noted_no_idle) {
          m_s.terminal().warn("no idle source (neither loginctl's IdleHint nor xprintidle answered): reminding by the clock");
          m_state.noted_no_idle = true;
        }
      }
      remind::Step step = remind::step(m_settings, m_state, now, m_s.zone(), idle);
      act(step, now);
      save();
      if (m_once) {
        if (step.action == remind::Step::Action::wait) log_line("Next desk-break check: {}", when::format_local(step.at, m_s.zone()));
        return;
      }
      if (step.action == remind::Step::Action::wait) {
        // At most a minute at a time: a suspended computer or a changed clock is seen soon.
        auto left = std::clamp<seconds>(step.at - m_s.clock().wall_now(), seconds{1}, seconds{60});
        std::this_thread::sleep_for(left);
      }
    }
  }

 private:
  remind::Idle read_idle(Instant now) {
    remind::Idle best;
    if (find_on_path(m_s, "loginctl")) {
      std::string session = m_s.env().get("XDG_SESSION_ID").value_or("auto");
      auto r = run_program({"loginctl", "show-session", session, "-p", "IdleHint", "-p", "IdleSinceHint", "-p", "LockedHint"},
                           std::chrono::seconds{5});
      if (r.ok()) best = remind::parse_loginctl(r.out, now, m_settings.break_length);
    }
    if (find_on_path(m_s, "xprintidle")) {
      auto r = run_program({"xprintidle"}, std::chrono::seconds{5});
      if (r.ok())
        if (auto i = remind::parse_xprintidle(r.out); i && (!best || *i > *best)) best = i;
    }
    return best;
  }

  void act(const remind::Step& step, Instant now) {
    using A = remind::Step::Action;
    if (step.action == A::asleep) {
      log_line("{} the computer slept (or this service was stopped) through {} desk break(s); the interval starts again now",
               clock_time(now, m_s.zone()), step.missed);
    } else if (step.action == A::idle_break) {
      log_line("{} idle for at least {}: counted as a desk break", clock_time(now, m_s.zone()), when::format_duration(m_settings.break_length));
      store(now, "idle");
    } else if (step.action == A::remind) {
      std::optional<remind::Answer> answer = ask(step.offer_snooze);
      Instant at = m_s.clock().wall_now();
      if (!answer) {
        remind::answered(m_settings, m_state, remind::Answer::missed, at);  // no notification: try after an interval
        return;
      }
      log_line("{} desk break: {}", clock_time(at, m_s.zone()), remind::to_string(*answer));
      store(at, std::string(remind::to_string(*answer)));
      if (*answer == remind::Answer::done) open_routine();
      remind::answered(m_settings, m_state, *answer, at);
    }
  }

  // The notification with its actions; nothing when notify-send could not show it.
  std::optional<remind::Answer> ask(bool offer_snooze) {
    auto r = run_program(remind::notification_argv(m_settings, offer_snooze), remind::notification_window(m_settings) + seconds{10});
    if (r.timed_out) return remind::Answer::missed;
    if (!r.ok()) {
      m_s.terminal().warn(fmt::format("notify-send: {}", r.err.empty() ? process::describe(r) : r.err.substr(0, r.err.find('\n'))));
      return std::nullopt;
    }
    return remind::notification_answer(r.out, offer_snooze);
  }

  void store(Instant at, std::string outcome) {
    RunResult r;
    r.start = r.end = at;
    Session stored = store_session(m_s, "break", std::string(desk_break_routine), r, std::move(outcome));
    run_hook(m_s, hooks::Event::session, session_json(stored));
  }

  // Take the break: the routine in a terminal (config `terminal`).
  void open_routine() {
    std::vector<std::string> argv;
    std::istringstream words(m_settings.terminal);
    for (std::string w; words >> w;) argv.push_back(w);
    for (std::string w : {own_binary().string(), std::string("routine"), std::string("run"), std::string(desk_break_routine)}) argv.push_back(w);
    if (int e = process::start_detached(argv); e != 0)
      m_s.terminal().warn(fmt::format("cannot open a terminal with '{}': {} (set terminal in config.toml)", m_settings.terminal, std::strerror(e)));
  }

  void save() {
    make_private_dir(m_file.parent_path());
    files::write_atomically(m_file, remind::format_state(m_state), 0600, "remind");
  }

  Services& m_s;
  remind::Settings m_settings;
  fs::path m_file;
  bool m_once;
  remind::BreakState m_state;
};

void breaks(Services& s, bool once) {
  make_private_dir(s.paths().runtime_dir);
  Lock lock(s.paths().runtime_dir / "remind-breaks.lock");
  if (!lock.held()) {
    if (once) {
      log_line("Another psoas remind breaks is running; nothing to do.");
      return;
    }
    throw Error("remind", "another psoas remind breaks is already running");
  }
  BreakService(s, once).run();
}

void log_prompt(Services& s) {
  const Config& c = s.config();
  Instant now = s.clock().wall_now();
  auto today = when::local_day(now, s.zone(), c.calendar);
  Instant from = when::day_begin(today, s.zone(), c.calendar);
  Instant to = when::day_begin(std::chrono::sys_days(today) + std::chrono::days{1}, s.zone(), c.calendar);
  auto entries = s.journal(Access::read_only).entries(from, to);
  if (!entries.empty()) {
    log_line("Already logged today ({} {}): no prompt.", entries.size(), entries.size() == 1 ? "entry" : "entries");
    return;
  }
  notify(s, "How is your pain today?", "psoas log N (0 no pain to 10 the worst imaginable)");
  log_line("Nothing logged today yet: sent the log prompt.");
}

void weekly(Services& s) {
  const Config& c = s.config();
  Instant now = s.clock().wall_now();
  when::Range range = when::parse_range("7d", now, s.zone(), c.calendar);
  report::ReportInput input = report::gather(s.journal(Access::read_only), range, now, s.zone(), c.calendar,
                                             [&s]() -> const std::vector<TriageQuestion>& { return s.content().questions; });
  input.emergency_number = c.emergency_number;
  report::Report r = report::compute_report(input);
  std::string body = fmt::format("{}\n{} session(s), {} min. Desk breaks: {} done, {} skipped, {} snoozed, {} missed, {} idle.\n"
                                 "Details: psoas report",
                                 report::trend_sentence(r), r.sessions, r.session_time.count() / 60, r.breaks_done, r.breaks_skipped,
                                 r.breaks_snoozed, r.breaks_missed, r.breaks_idle);
  notify(s, "psoas: your week", body);
  log_line("{}", body);
}

}  // namespace

void add_remind_run(CLI::App& remind, Services& services) {
  auto once = std::make_shared<bool>(false);
  auto* b = remind.add_subcommand("breaks", "The desk-break service the unit runs (notifications in work hours)");
  b->add_flag("--once", *once, "Decide and act once, then exit (for cron)");
  b->footer("The unit 'psoas remind install' writes runs this; cron runs it with --once.\nExamples:\n"
            "  psoas remind breaks\n  psoas remind breaks --once");
  b->callback([once, &services] { breaks(services, *once); });
  remind.add_subcommand("log-prompt", "Notify \"How is your pain today?\" when nothing is logged today")
      ->footer("The daily unit (config log_at) runs this.\nExamples:\n  psoas remind log-prompt")
      ->callback([&services] { log_prompt(services); });
  remind.add_subcommand("weekly", "Notify the last 7 days' trend and sessions")
      ->footer("The weekly unit (config weekly) runs this; 'psoas report' shows the whole week.\nExamples:\n  psoas remind weekly")
      ->callback([&services] { weekly(services); });
}

}  // namespace psoas::cli
