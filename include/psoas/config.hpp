#pragma once
// The user's settings: $XDG_CONFIG_HOME/psoas/config.toml. Flags win over these.
//
//   bell = true                 # ring at each phase change
//   voice = false               # speak cues (espeak-ng or spd-say)
//   prepare = "5s"              # get-ready time
//   switch_sides = "5s"         # time to change sides
//   rest = "15s"                # rest between exercises when a routine gives none
//   break_every = "55m"         # desk-break interval for `psoas timer --every`
//   snooze = "5m"               # desk-break snooze
//   emergency_number = "112"    # shown by triage and reports
//   week_start = "monday"       # or "sunday"
//   day_starts_at = "00:00"     # entries before this local time count toward the previous day
//   hook_timeout = "5s"         # how long a hook in hooks/ may run before it is killed
//   work_hours = "09:00-17:30"  # `psoas remind`: desk breaks only in these hours
//   work_days = "mon-fri"       #   ... and on these days
//   max_snoozes = 2             #   snoozes per desk break, then Snooze is not offered
//   log_at = "20:00"            #   the daily log prompt (only when nothing is logged that day)
//   weekly = "sun 18:00"        #   the weekly summary
//   terminal = "x-terminal-emulator -e"  # runs the desk-break routine from a notification
//   ask_pain = true             # timer and routine run ask "Pain now, 0-10?" before and after

#include <chrono>
#include <filesystem>
#include <string>

#include <utility>
#include <vector>

#include "psoas/remind.hpp"
#include "psoas/when.hpp"

namespace psoas {

struct Config {
  bool bell = true;
  bool voice = false;
  std::chrono::seconds prepare{5};
  std::chrono::seconds switch_sides{5};
  std::chrono::seconds rest{15};
  std::chrono::seconds break_every{55 * 60};
  std::chrono::seconds snooze{5 * 60};
  std::string emergency_number = "112";
  when::Calendar calendar;
  std::chrono::seconds hook_timeout{5};
  remind::WorkHours work_hours;
  remind::Days work_days = remind::mon_fri;
  int max_snoozes = 2;
  std::chrono::minutes log_at{20 * 60};
  remind::Weekly weekly;
  std::string terminal = "x-terminal-emulator -e";
  bool ask_pain = true;
  // Keys whose bad value was replaced by the default (ask_pain), one message each, e.g.
  // "config.toml:2:12: ask_pain: expected true or false, got \"sometimes\"; using true";
  // the caller shows them as warnings.
  std::vector<std::string> warnings;
};

// Reads the config file; a missing file gives the defaults. Unknown keys, wrong types and
// bad values throw UsageError naming `file:line:column` and the key, e.g.
// "config.toml:3:9: week_start: expected \"monday\" or \"sunday\", got \"friday\"";
// except for ask_pain, whose bad value keeps the default and adds to `warnings`.
Config load_config(const std::filesystem::path& file);

// Same, from text (for tests); `name` is used in messages.
Config parse_config(std::string_view text, std::string_view name);

// `text` with each top-level `key = value` line of `values` replaced (or added before the
// first table), values already in TOML form ("\"09:00-17:30\"", "2"). Other lines, comments
// included, stay as they are. The caller checks the result with parse_config.
std::string set_config_keys(std::string_view text, const std::vector<std::pair<std::string, std::string>>& values);

}  // namespace psoas
