#pragma once
// The one place psoas starts other programs: clean signals (nothing blocked, defaults for
// what psoas ignores), its own process group, a time limit, and a group kill. Used for
// hooks, voices, notify-send, systemctl, loginctl and xprintidle.

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace psoas::process {

// Whether a child gets a process group of its own (so a group kill reaches its children)
// or stays in ours (so the terminal's Ctrl-C reaches it too).
enum class Group { own, inherit };

// How to start a program. A descriptor of -1 is /dev/null.
struct SpawnOptions {
  int stdin_fd = -1;
  int stdout_fd = -1;
  int stderr_fd = -1;
  std::map<std::string, std::string> env;  // added to (or replacing in) the inherited environment
  Group group = Group::own;
};

// A started child, or the errno of why it did not start.
struct Spawned {
  int pid = -1;
  int error = 0;
};

// Starts argv[0] (a path, or a name searched on PATH) with no blocked signals and the default
// action for the signals psoas blocks or ignores (SIGPIPE, SIGXFSZ, SIGINT, SIGTERM, ...).
Spawned spawn(const std::vector<std::string>& argv, const SpawnOptions& options = {});

// A child's state, looked at without blocking.
struct Exit {
  enum class State { running, exited, lost };
  State state = State::running;
  int status = 0;  // exited: the wait status (WIFEXITED, WEXITSTATUS, ...)
  int error = 0;   // lost: the errno of the failed waitpid (never read as an exit status)
};

// Whether `pid` has exited; EINTR is retried.
Exit poll_exit(int pid);

// SIGKILL to the process group of `pid` and to `pid` itself, then waits for it.
void kill_group(int pid);

// How to run a program.
struct Options {
  std::chrono::milliseconds limit{10000};  // then SIGKILL to its process group
};

// What came of it.
struct Result {
  int error = 0;           // errno when it could not be started (ENOENT: not installed)
  bool timed_out = false;  // killed at the time limit
  int status = 0;          // exit status, or 128 + signal
  std::string out;         // its stdout
  std::string err;         // its stderr
  // Started, ran to its end and exited 0.
  bool ok() const { return error == 0 && !timed_out && status == 0; }
};

// Runs argv[0] (searched on PATH) with stdin from /dev/null and waits for it, up to the limit.
Result run(const std::vector<std::string>& argv, const Options& options = {});

// Starts argv[0] (searched on PATH) in a new session, not waited for and not our child
// (a terminal window that outlives the caller). Returns 0, or the errno of the failure.
int start_detached(const std::vector<std::string>& argv);

// The first executable `name` in the colon-separated `path_list`, if any.
std::optional<std::filesystem::path> find_program(std::string_view name, std::string_view path_list);

// "exited with status 3", "killed after the 10s time limit", "not found": for messages.
std::string describe(const Result& r);

}  // namespace psoas::process
