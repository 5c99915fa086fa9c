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

#include <chrono>
#include <filesystem>
#include <string>

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
};

// Reads the config file; a missing file gives the defaults. Unknown keys, wrong types and
// bad values throw UsageError naming `file:line:column` and the key, e.g.
// "config.toml:3:9: week_start: expected \"monday\" or \"sunday\", got \"friday\"".
Config load_config(const std::filesystem::path& file);

// Same, from text (for tests); `name` is used in messages.
Config parse_config(std::string_view text, std::string_view name);

}  // namespace psoas
