#include <doctest/doctest.h>
#include <fmt/format.h>

#include <utility>

#include "psoas/timer.hpp"

using namespace psoas;
using namespace std::chrono_literals;
using std::chrono::seconds;

namespace {

// Records every event as a short string, with the fake clock's time in milliseconds.
class Recorder final : public TimerSink {
 public:
  explicit Recorder(const FakeClock& clock) : m_clock(clock) {}
  std::vector<std::string> events;
  std::vector<std::size_t> started;
  std::vector<SteadyTime> started_at;

  void phase_started(const Phase& p, std::size_t i) override {
    started.push_back(i);
    started_at.push_back(m_clock.steady_now());
    add(fmt::format("phase {} {}", i, p.title));
  }
  void tick(seconds left) override { add(fmt::format("tick {}", left.count())); }
  void paused(seconds left) override { add(fmt::format("paused {}", left.count())); }
  void resumed(seconds left) override { add(fmt::format("resumed {}", left.count())); }
  void finished(TimerOutcome o) override { add(fmt::format("finished {}", to_string(o))); }
  // Events since the last call.
  std::vector<std::string> take() { return std::exchange(events, {}); }

 private:
  void add(std::string e) { events.push_back(std::move(e)); }
  const FakeClock& m_clock;
};

Plan plan_of(std::vector<int> secs) {
  Plan p;
  p.id = "test";
  for (std::size_t i = 0; i < secs.size(); ++i) {
    Phase ph;
    ph.title = fmt::format("p{}", i);
    ph.duration = seconds{secs[i]};
    p.phases.push_back(ph);
  }
  return p;
}

using Events = std::vector<std::string>;

// A clock that moves on a little every time it is read, like a real one.
class CreepingClock final : public Clock {
 public:
  SteadyTime steady_now() const override { return m_now += 1us; }
  Instant wall_now() const override { return Instant{}; }

 private:
  mutable SteadyTime m_now{};
};

}  // namespace

TEST_SUITE("timer") {
  TEST_CASE("runs each phase to its deadline and completes") {
    FakeClock clock;
    Recorder rec(clock);
    Plan plan = plan_of({3, 2});
    Timer t(plan, clock, rec);
    CHECK(t.state() == TimerState::idle);
    t.start();
    CHECK(rec.take() == Events{"phase 0 p0", "tick 3"});
    CHECK(t.remaining_total() == seconds{5});
    CHECK(t.wake_at() == clock.steady_now() + 1s);
    clock.advance(1s);
    t.update();
    CHECK(rec.take() == Events{"tick 2"});
    clock.advance(500ms);
    t.update();
    CHECK(rec.take().empty());
    CHECK(t.remaining_seconds() == seconds{2});  // rounded up
    clock.advance(1500ms);
    t.update();
    CHECK(rec.take() == Events{"phase 1 p1", "tick 2"});
    CHECK(t.phases_done() == 1);
    clock.advance(2s);
    t.update();
    CHECK(rec.take() == Events{"finished completed"});
    CHECK(t.state() == TimerState::completed);
    CHECK(t.phases_done() == 2);
    CHECK_FALSE(t.wake_at());
  }

  TEST_CASE("start(at) counts from a moment already past, and never from the future") {
    FakeClock clock;
    clock.advance(10s);
    const SteadyTime given = clock.steady_now();
    clock.advance(30ms);  // start-up: the journal opened, the content loaded
    Recorder rec(clock);
    Plan plan = plan_of({60});
    Timer t(plan, clock, rec);
    t.start(given);
    CHECK(rec.take() == Events{"phase 0 p0", "tick 60"});  // 59.97 s left shows as 60
    CHECK(t.deadline() == given + 60s);
    clock.advance(60s - 30ms);
    t.update();
    CHECK(rec.take() == Events{"finished completed"});

    Timer later(plan, clock, rec);
    later.start(clock.steady_now() + 5s);
    CHECK(later.deadline() == clock.steady_now() + 60s);
  }

  TEST_CASE("a late update ends several phases, each at its own deadline") {
    FakeClock clock;
    Recorder rec(clock);
    Plan plan = plan_of({1, 1, 5});
    Timer t(plan, clock, rec);
    t.start();
    SteadyTime t0 = clock.steady_now();
    rec.take();
    clock.advance(2500ms);
    t.update();
    CHECK(rec.take() == Events{"phase 1 p1", "phase 2 p2", "tick 5"});
    CHECK(t.deadline() == t0 + 7s);
    CHECK(t.remaining() == 4500ms);
  }

  TEST_CASE("wake_at names the next whole second, then the deadline") {
    FakeClock clock;
    Recorder rec(clock);
    Plan plan = plan_of({3});
    Timer t(plan, clock, rec);
    t.start();
    SteadyTime t0 = clock.steady_now();
    clock.advance(200ms);
    t.update();
    CHECK(t.wake_at() == t0 + 1s);
    clock.advance(1s);
    t.update();
    CHECK(t.wake_at() == t0 + 2s);
    clock.advance(1s);
    t.update();
    CHECK(t.wake_at() == t0 + 3s);  // last second: the deadline itself
  }

  TEST_CASE("pause moves the deadline by the time spent paused") {
    FakeClock clock;
    Recorder rec(clock);
    Plan plan = plan_of({10});
    Timer t(plan, clock, rec);
    t.start();
    SteadyTime t0 = clock.steady_now();
    rec.take();
    clock.advance(4s);
    t.pause();
    CHECK(rec.take() == Events{"tick 6", "paused 6"});
    CHECK(t.state() == TimerState::paused);
    CHECK_FALSE(t.wake_at());
    clock.advance(100s);
    t.update();
    CHECK(rec.take().empty());
    CHECK(t.remaining_seconds() == seconds{6});
    CHECK(t.deadline() == t0 + 110s);
    t.toggle_pause();
    CHECK(rec.take() == Events{"resumed 6"});
    CHECK(t.deadline() == t0 + 110s);
    clock.advance(6s);
    t.update();
    CHECK(rec.take() == Events{"finished completed"});
  }

  TEST_CASE("next skips to the following phase, which starts now") {
    FakeClock clock;
    Recorder rec(clock);
    Plan plan = plan_of({10, 4, 4});
    Timer t(plan, clock, rec);
    t.start();
    rec.take();
    clock.advance(2300ms);
    t.next();
    CHECK(rec.take() == Events{"tick 8", "phase 1 p1", "tick 4"});
    CHECK(t.deadline() == clock.steady_now() + 4s);
    CHECK(t.phases_done() == 0);  // skipped, not done
    SUBCASE("next on the last phase completes the run") {
      t.next();
      t.next();
      CHECK(rec.take() == Events{"phase 2 p2", "tick 4", "finished completed"});
      CHECK(t.state() == TimerState::completed);
    }
    SUBCASE("next while paused stays paused with the full phase") {
      t.pause();
      clock.advance(1s);
      t.next();
      CHECK(rec.take() == Events{"paused 4", "phase 2 p2", "tick 4"});
      CHECK(t.state() == TimerState::paused);
      clock.advance(30s);
      CHECK(t.remaining_seconds() == seconds{4});
      t.resume();
      clock.advance(4s);
      t.update();
      CHECK(t.state() == TimerState::completed);
    }
  }

  TEST_CASE("a paused phase never shows more than its length, however the clock is read") {
    CreepingClock clock;
    TimerSink sink;
    Plan plan = plan_of({7, 5});
    Timer t(plan, clock, sink);
    t.start();
    t.pause();
    CHECK(t.remaining_seconds() == seconds{7});
    t.next();
    CHECK(t.remaining_seconds() == seconds{5});
    CHECK(t.remaining() <= seconds{5});
  }

  TEST_CASE("previous restarts the previous phase (or the first)") {
    FakeClock clock;
    Recorder rec(clock);
    Plan plan = plan_of({2, 5});
    Timer t(plan, clock, rec);
    t.start();
    clock.advance(3s);
    t.update();
    CHECK(t.index() == 1);
    rec.take();
    t.previous();
    CHECK(rec.take() == Events{"phase 0 p0", "tick 2"});
    CHECK(t.deadline() == clock.steady_now() + 2s);
    t.previous();
    CHECK(t.index() == 0);
    CHECK(t.phases_done() == 1);  // it did run once
    clock.advance(7s);
    t.update();
    CHECK(t.state() == TimerState::completed);
  }

  TEST_CASE("quit stops early and further calls do nothing") {
    FakeClock clock;
    Recorder rec(clock);
    Plan plan = plan_of({2, 5});
    Timer t(plan, clock, rec);
    t.start();
    clock.advance(3s);
    t.quit();
    CHECK(rec.take().back() == "finished stopped");
    CHECK(t.state() == TimerState::stopped);
    CHECK(t.phases_done() == 1);
    t.next();
    t.pause();
    t.update();
    t.quit();
    CHECK(rec.take().empty());
  }

  TEST_CASE("an empty plan completes at once") {
    FakeClock clock;
    Recorder rec(clock);
    Plan plan;
    Timer t(plan, clock, rec);
    t.start();
    CHECK(rec.take() == Events{"finished completed"});
    CHECK(t.phases_total() == 0);
  }

  TEST_CASE("no drift over 1000 phases woken late every time") {
    FakeClock clock;
    Recorder rec(clock);
    Plan plan = plan_of(std::vector<int>(1000, 1));
    Timer t(plan, clock, rec);
    t.start();
    SteadyTime t0 = clock.steady_now();
    int wakes = 0;
    while (!t.over()) {
      auto wake = t.wake_at();
      REQUIRE(wake);
      // The caller oversleeps by 7 ms every time; the deadlines must not care.
      clock.advance(*wake - clock.steady_now() + 7ms);
      t.update();
      ++wakes;
      if (!t.over()) REQUIRE(t.deadline() == t0 + seconds{t.index() + 1});
    }
    CHECK(wakes == 1000);
    CHECK(t.phases_done() == 1000);
    REQUIRE(rec.started.size() == 1000);
    // Phase k was due at t0 + k s and noticed 7 ms late, never later.
    for (std::size_t k = 1; k < rec.started_at.size(); ++k) {
      CHECK(rec.started_at[k] == t0 + seconds{k} + 7ms);
    }
    CHECK(clock.steady_now() == t0 + 1000s + 7ms);
  }

  TEST_CASE("remaining_total counts the rest of the plan") {
    FakeClock clock;
    Recorder rec(clock);
    Plan plan = plan_of({10, 20, 30});
    Timer t(plan, clock, rec);
    t.start();
    clock.advance(2500ms);
    CHECK(t.remaining_total() == seconds{58});
    t.next();
    CHECK(t.remaining_total() == seconds{50});
  }
}
