#pragma once
// `psoas timer --every 55m [--for 8h]`: desk-break reminders that offer the desk-break routine.

#include <chrono>
#include <optional>

#include "services.hpp"
#include "timer_run.hpp"

namespace psoas::cli {

struct EveryOptions {
  std::chrono::seconds every{55 * 60};
  std::optional<std::chrono::seconds> for_;  // stop reminding after this long
  SoundOptions sound;
};

// The routine a reminder offers.
inline constexpr std::string_view desk_break_routine = "desk-break";

// Validates (every >= the routine's length, for >= every), then reminds until --for runs out,
// q, or a signal. On a terminal each reminder offers the routine (d start, s skip, z snooze,
// each stored as a "break" session); otherwise it prints one line per reminder.
void run_every(Services& services, const EveryOptions& options);

}  // namespace psoas::cli
