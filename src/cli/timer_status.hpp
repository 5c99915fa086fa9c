#pragma once
// `psoas timer --status`: the running side (a publisher owned by each run) and the reading side.

#include <chrono>
#include <optional>
#include <string>

#include "psoas/timer_status.hpp"
#include "services.hpp"

namespace psoas::cli {

// Keeps $XDG_RUNTIME_DIR/psoas/timer.json up to date for one run and removes it when
// destroyed, which every way out of a run passes through (the end, q, Ctrl-C, SIGTERM and
// SIGHUP all come back through the run loop). Publishing never stops or disturbs a run: when
// the directory cannot be used (or is not private), the run goes on unpublished.
class StatusPublisher {
 public:
  // Prepares the directory (0700, ours, not a symlink); `scale` is PSOAS_TIME_SCALE.
  StatusPublisher(Services& services, std::string command, std::string name, double scale);
  ~StatusPublisher();
  StatusPublisher(const StatusPublisher&) = delete;
  StatusPublisher& operator=(const StatusPublisher&) = delete;

  // The current phase: `left` is the time left in timer time (counting down from now, or
  // standing while `paused`); nothing for a phase without a countdown.
  void publish(std::string phase, std::string title, bool paused,
               std::optional<std::chrono::steady_clock::duration> left);

 private:
  std::filesystem::path m_file;
  TimerStatus m_status;
  bool m_enabled = false;
  bool m_written = false;
};

// Prints the running timer's status line (or, with `json`, its JSON object) and returns 0;
// prints nothing and returns 1 when no timer runs (no file, its process gone, or stale).
int print_status(Services& services, bool json);

}  // namespace psoas::cli
