#pragma once
// Runs another program with clean signals, its own process group and a time limit, and
// collects what it printed. Used for systemctl, notify-send, loginctl and xprintidle.

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace psoas::process {

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
