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
//   emergency_number = "112"    # shown by triage and reports (default from the locale)
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
//   sync_dir = "~/Sync/psoas"   # `psoas sync`'s folder; every journal write syncs afterwards

#include <chrono>
#include <filesystem>
#include <string>

#include <utility>
#include <vector>

#include "psoas/paths.hpp"
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
  std::string sync_dir;  // empty: no sync after writes
  // The file's problems, one message each; every one left its key at the default, e.g.
  // "config.toml:2:12: ask_pain: expected true or false, got \"sometimes\"; using true".
  // Services shows them as warnings once, and `psoas --paths` lists them.
  std::vector<std::string> warnings;
};

// Reads the config file over `defaults`; a missing file gives the defaults. Nothing in it
// stops a command: a syntax error, an unknown key, a wrong type or a bad value (or a file
// that cannot be read) is one entry of `warnings` naming `file:line:column`, the key and the
// default it keeps, and the rest is read.
Config load_config(const std::filesystem::path& file, Config defaults = {});

// Reads config text strictly (`psoas remind setup` checks what it writes): the first
// problem throws UsageError "config.toml:3:9: week_start: expected \"monday\" or
// \"sunday\", got \"friday\"". `name` is used in messages.
Config parse_config(std::string_view text, std::string_view name, Config defaults = {});

// Reads config text as load_config does: problems become `warnings`.
Config read_config(std::string_view text, std::string_view name, Config defaults = {});

// The emergency number where the locale (LC_ALL, else LC_MESSAGES, else LANG) says the user
// is: 911 for US and CA, 999 for GB, else 112 (which also works on most mobile phones).
std::string default_emergency_number(const Environment& env);

// `text` with each top-level `key = value` line of `values` replaced (or added before the
// first table), values already in TOML form ("\"09:00-17:30\"", "2"). Other lines, comments
// included, stay as they are. The caller checks the result with parse_config.
std::string set_config_keys(std::string_view text, const std::vector<std::pair<std::string, std::string>>& values);

}  // namespace psoas
