#pragma once
// Hooks: the user's executables in $XDG_CONFIG_HOME/psoas/hooks/ that get each new record
// as JSON on stdin after it is committed. A hook can never lose or block a record: it runs
// with a time limit (then its process group is killed), and what went wrong comes back as
// a message for a warning, never as an exception.

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace psoas::hooks {

// What happened: a pain entry was added or edited, a session or a triage result stored.
enum class Event { log, session, triage };

// "on-log", "on-session", "on-triage": the hook's file name.
std::string_view hook_name(Event e);

// Every hook name psoas runs, in a fixed order.
const std::vector<Event>& all_events();

// The longest a hook may run by default (config: hook_timeout).
inline constexpr std::chrono::milliseconds default_limit{5000};

// How to run one hook.
struct RunOptions {
  std::chrono::milliseconds limit = default_limit;  // then SIGKILL to its process group
  std::map<std::string, std::string> env;          // added to (or replacing in) the inherited environment
  int stdout_fd = 2;                                // where the hook's stdout goes (-1: /dev/null)
  int stderr_fd = 2;                                // where the hook's stderr goes (-1: /dev/null)
};

// Runs `dir/<hook_name(e)>` when it exists, with `json` (and a newline) on stdin.
// Returns nothing when the hook is absent or exited 0; otherwise why it failed, e.g.
// "exited with status 3", "killed by signal 11 (Segmentation fault)", "killed after the
// 5s time limit", "/home/me/.config/psoas/hooks/on-log is not executable (chmod +x it)".
// A hook that does not read its stdin neither blocks nor fails the run.
std::optional<std::string> run_hook(const std::filesystem::path& dir, Event e, std::string_view json,
                                    const RunOptions& options = {});

// A hook file found in the hooks directory, for `psoas --paths`.
struct Found {
  std::string name;              // "on-log"
  std::filesystem::path path;
  bool executable = false;
};

// The hooks present in `dir` (only the names psoas runs), in all_events() order.
std::vector<Found> find_hooks(const std::filesystem::path& dir);

}  // namespace psoas::hooks
