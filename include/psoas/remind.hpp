#pragma once
// Reminders that run without a terminal: the settings (work hours, days, times), the
// systemd user units and crontab lines that run them, what install wrote (a manifest), and
// the desk-break scheduler as a pure function of (settings, state, now, idle). Nothing here
// runs a program or reads the clock: src/cli/remind*.cpp does, through `process`.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "psoas/clock.hpp"
#include "psoas/when.hpp"

namespace psoas::remind {

using std::chrono::minutes;
using std::chrono::seconds;

// Local work hours [start, end), minutes after midnight; end may be 24:00.
struct WorkHours {
  minutes start{9 * 60};
  minutes end{17 * 60 + 30};
  bool operator==(const WorkHours&) const = default;
};

// Weekdays as a bit mask, bit i for weekday c_encoding i (0 = Sunday).
using Days = unsigned;
inline constexpr Days mon_fri = 0b0111110;

// The weekly summary: a weekday and a local time.
struct Weekly {
  std::chrono::weekday day = std::chrono::Sunday;
  minutes at{18 * 60};
  bool operator==(const Weekly&) const = default;
};

// Everything the reminders need (config.toml keys in brackets).
struct Settings {
  WorkHours hours;                        // [work_hours] "09:00-17:30"
  Days days = mon_fri;                    // [work_days] "mon-fri"
  seconds every{55 * 60};                 // [break_every]
  seconds snooze{5 * 60};                 // [snooze]
  int max_snoozes = 2;                    // [max_snoozes] per break, then Snooze is not offered
  minutes log_at{20 * 60};                // [log_at] "20:00"
  Weekly weekly;                          // [weekly] "sun 18:00"
  std::string terminal = "x-terminal-emulator -e";  // [terminal] runs the desk-break routine
  seconds break_length{3 * 60};           // the desk-break routine's length (from content)
};

// "HH:MM", 00:00 to 23:59 (24:00 too with `allow_24`). Throws UsageError(subject, ...).
minutes parse_time_of_day(std::string_view text, std::string_view subject, bool allow_24 = false);
// "09:00-17:30": start before end, end up to 24:00.
WorkHours parse_work_hours(std::string_view text, std::string_view subject);
// "mon-fri", "mon,wed,fri", "sat-sun", "mon-sun", "sun".
Days parse_days(std::string_view text, std::string_view subject);
// "sun 18:00".
Weekly parse_weekly(std::string_view text, std::string_view subject);

// The canonical texts the parsers read back: "09:00", "09:00-17:30", "mon-fri", "sun 18:00".
std::string format_time_of_day(minutes m);
std::string format_work_hours(const WorkHours& h);
std::string format_days(Days d);
std::string format_weekly(const Weekly& w);

// --- what install writes --------------------------------------------------------------

// The first line of every file install writes: remove deletes only files that start with it.
inline constexpr std::string_view header = "# Written by psoas remind install; psoas remind remove deletes it.";

// One unit file: its name ("psoas-breaks.service") and text.
struct Unit {
  std::string name;
  std::string text;
};

// The units for `binary` (an absolute path): psoas-breaks.service, psoas-log-prompt.service
// and .timer, psoas-weekly.service and .timer. The timers' times come from `s`; the
// services read everything else from config.toml when they run.
std::vector<Unit> units(const std::filesystem::path& binary, const Settings& s);
// The units `systemctl --user enable` takes (the breaks service and the two timers).
std::vector<std::string> enabled_units();
// Crontab lines doing the same for a machine without a user manager; `uid` finds the
// session bus (/run/user/UID/bus) that notify-send needs.
std::string crontab(const std::filesystem::path& binary, const Settings& s, unsigned uid);

// Quotes `arg` for an ExecStart= line or a shell when it needs it.
std::string quote_arg(std::string_view arg);

// A stable 64-bit hash of a file's text (FNV-1a), as 16 hex digits.
std::string text_hash(std::string_view text);

// What install wrote, so remove deletes exactly that: unit files (names in the unit
// directory) with their hashes, and the directories install created (removed when empty).
struct Manifest {
  struct File {
    std::string name;
    std::string hash;
    bool operator==(const File&) const = default;
  };
  std::vector<File> files;
  std::vector<std::string> dirs;  // absolute paths, outermost first
  bool operator==(const Manifest&) const = default;
};
std::string format_manifest(const Manifest& m);
// Nothing for text that is not a manifest.
std::optional<Manifest> parse_manifest(std::string_view text);
// Whether `text`, the unit file `name` as it is now, is what the manifest says install
// wrote (false when the manifest does not list it).
bool as_installed(const Manifest& m, std::string_view name, std::string_view text);
// Whether the manifest lists the unit file `name` with another text than `text`.
bool changed_since_install(const Manifest& m, std::string_view name, std::string_view text);
// Whether remove may delete `text`, the file `f` of the manifest: written by psoas
// (it starts with `header`) and unchanged since.
bool removable(const Manifest::File& f, std::string_view text);

// Lines of `a` and `b` that differ, as "-old" / "+new" pairs (a short listing, not a diff).
std::vector<std::string> differences(std::string_view a, std::string_view b);

// --- when things are due ----------------------------------------------------------------

// True when `t` falls on a work day inside work hours (local time).
bool in_work_hours(const Settings& s, Instant t, const when::Zone& zone);
// The start of the work period that `t` is in, or the next one after `t`.
Instant work_start(const Settings& s, Instant t, const when::Zone& zone);
// The end of the work period that starts at `start`.
Instant work_end(const Settings& s, Instant start, const when::Zone& zone);
// The next instant after `t` at local time `at` on a day that `days` allows.
Instant next_at(minutes at, Days days, Instant t, const when::Zone& zone);

// --- the desk-break scheduler ------------------------------------------------------------

// What the breaks service remembers between steps (a file in the runtime directory).
struct BreakState {
  std::optional<Instant> interval_start;  // when the current interval began
  std::optional<Instant> snoozed_until;
  int snoozes = 0;                        // snoozes of the current break
  bool away = false;                      // idle long enough: waiting for activity
  bool noted_no_idle = false;             // "no idle source" was said in the log
  bool operator==(const BreakState&) const = default;
};
std::string format_state(const BreakState& s);
BreakState parse_state(std::string_view text);  // unreadable lines are ignored

// How long the person has been idle; nothing when no idle source answered.
using Idle = std::optional<seconds>;

// What the service does now.
struct Step {
  enum class Action {
    wait,        // nothing now; look again at `at`
    remind,      // notify now; Snooze offered when `offer_snooze`
    idle_break,  // idle at least a break's length: store an `idle` break, no notification
    asleep,      // the computer slept (or the service stopped) through `missed` breaks: start again
  };
  Action action = Action::wait;
  Instant at{};
  bool offer_snooze = true;
  int missed = 0;
};

// How often the service looks at the idle time while waiting for a break.
inline constexpr seconds idle_poll{60};

// Decides what to do at `now` and updates `state` for it (a new work period restarts the
// interval, activity after idle restarts it, a slept-through interval restarts it).
Step step(const Settings& s, BreakState& state, Instant now, const when::Zone& zone, Idle idle);

// How a reminder was answered.
enum class Answer { done, skipped, snoozed, missed };
// "done", "skipped", "snoozed", "missed": the stored break outcome.
std::string_view to_string(Answer a);
// How long after answer `a` the next break comes: `snooze` for a snooze, else a whole
// interval `every`. The one rule shared with `psoas timer --every` (psoas/desk_break.hpp).
seconds wait_after(Answer a, seconds every, seconds snooze);
// Updates `state` for an answer given at `now` (a snooze beyond max_snoozes waits a whole interval).
void answered(const Settings& s, BreakState& state, Answer a, Instant now);

// --- the desk-break notification -----------------------------------------------------------

// How long the reminder waits for an answer: the snooze, and at least a minute.
seconds notification_window(const Settings& s);
// The `notify-send --wait` command line of a reminder: take, snooze (when `offer_snooze`)
// and skip as actions, expiring after notification_window.
std::vector<std::string> notification_argv(const Settings& s, bool offer_snooze);
// The answer in notify-send's output (the chosen action's name on its first line); missed
// when none was chosen, or snooze was chosen but not offered.
Answer notification_answer(std::string_view out, bool offer_snooze);

// --- idle sources -------------------------------------------------------------------------

// Reads `loginctl show-session ... -p IdleHint -p IdleSinceHint -p LockedHint` output:
// idle time at `now` (0 when active; a locked screen counts as idle since it locked, or as
// at least `locked_floor` when the lock time is unknown); nothing when unreadable.
Idle parse_loginctl(std::string_view text, Instant now, seconds locked_floor);
// Reads `xprintidle` output (milliseconds); nothing when unreadable.
Idle parse_xprintidle(std::string_view text);

}  // namespace psoas::remind
