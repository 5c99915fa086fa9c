#pragma once
// The status of a running timer: the process running `psoas timer`, `psoas routine run` or
// `psoas timer --every` keeps it in $XDG_RUNTIME_DIR/psoas/timer.json (rewritten at each
// phase change, pause and resume, with the phase's absolute deadline), and
// `psoas timer --status` reads it and works out the time left itself.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace psoas {

// Real wall-clock time to the millisecond: the file is read by another process.
using WallTime = std::chrono::sys_time<std::chrono::milliseconds>;

struct TimerStatus {
  std::int64_t pid = 0;                   // the process running the timer
  std::string command;                    // "timer", "routine" or "every"
  std::string name;                       // the timer's label, the routine id, or the break routine
  std::string phase;                      // how the line starts: "hold left", "rest", "break in", ...
  std::string title;                      // the exercise, or what comes next; may be empty
  bool paused = false;
  std::optional<WallTime> deadline;       // when the phase ends, while running; none: no countdown
  std::chrono::milliseconds left{0};      // while paused: the time left, in timer time
  double scale = 1.0;                     // the writer's PSOAS_TIME_SCALE: timer time = real time / scale
  bool operator==(const TimerStatus&) const = default;
};

// runtime_dir/timer.json.
std::filesystem::path status_file(const std::filesystem::path& runtime_dir);

// The file's content: one compact JSON object (deadline as Unix milliseconds).
std::string status_json(const TimerStatus& s);

// Reads status_json's output back; nothing for anything else (an older or broken file).
std::optional<TimerStatus> parse_status(std::string_view text);

// The time left at `now` in timer time, rounded up to whole seconds and never negative;
// nothing for a status without a countdown (a desk break waiting for an answer).
std::optional<std::chrono::seconds> status_remaining(const TimerStatus& s, WallTime now);

// True when `s` cannot describe a running timer at `now`: its deadline passed more than
// a minute ago, although the writer rewrites the file as each phase ends.
bool status_stale(const TimerStatus& s, WallTime now);

// One line for a status bar: "<phase> <mm:ss>[ (paused)][ <title>]", e.g.
// "hold left 00:32 Kneeling hip-flexor stretch", "break in 23:10", "rest 00:12 (paused) Next: ...".
std::string status_line(const TimerStatus& s, WallTime now);

// status_json plus "remaining" (whole seconds, or null), for `psoas timer --status --json`.
std::string status_report_json(const TimerStatus& s, WallTime now);

// Writes `file` atomically (a temporary file in the same directory, then a rename), mode
// 0600. The directory must exist. Throws DataError on failure.
void write_status(const std::filesystem::path& file, const TimerStatus& s);

// Reads `file`; nothing when it is missing, unreadable or not a status.
std::optional<TimerStatus> read_status(const std::filesystem::path& file);

// Removes `file` when it still belongs to `pid` (a timer started later may have taken it over).
void remove_status(const std::filesystem::path& file, std::int64_t pid);

}  // namespace psoas
