#pragma once
// Time as the program sees it. The core never reads a clock itself: it is handed
// one of these (or a time value), so tests can use a fake clock that never sleeps.

#include <chrono>

namespace psoas {

// Monotonic time, for countdowns.
using SteadyTime = std::chrono::steady_clock::time_point;
// A UTC instant to the second, for the journal and reports.
using Instant = std::chrono::sys_seconds;

// A source of the current time.
class Clock {
 public:
  virtual ~Clock() = default;
  // Monotonic now, for deadlines.
  virtual SteadyTime steady_now() const = 0;
  // Wall-clock now, for what is stored.
  virtual Instant wall_now() const = 0;
};

// The real clock.
class SystemClock final : public Clock {
 public:
  SteadyTime steady_now() const override { return std::chrono::steady_clock::now(); }
  Instant wall_now() const override {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  }
};

// A clock that only moves when told to; for tests.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(Instant wall = Instant{}) : m_wall(wall) {}
  SteadyTime steady_now() const override { return m_steady; }
  Instant wall_now() const override {
    return m_wall + std::chrono::floor<std::chrono::seconds>(m_steady.time_since_epoch());
  }
  // Moves both clocks forward by `d`.
  void advance(std::chrono::steady_clock::duration d) { m_steady += d; }

 private:
  SteadyTime m_steady{};
  Instant m_wall;
};

}  // namespace psoas
