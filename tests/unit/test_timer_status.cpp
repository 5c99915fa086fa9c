// The running timer's status file: JSON round trip, the time left and the line at a given
// (fake) moment, staleness, and the file's atomic write and owner-only removal.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "psoas/timer_status.hpp"
#include "temp_dir.hpp"

using namespace psoas;
using namespace std::chrono;
namespace fs = std::filesystem;

namespace {

using test::TempDir;

const WallTime t0{milliseconds{1'795'000'000'000}};

TimerStatus holding() {
  TimerStatus s;
  s.pid = 4242;
  s.command = "routine";
  s.name = "morning";
  s.phase = "hold left";
  s.title = "Kneeling hip-flexor stretch";
  s.deadline = t0 + milliseconds{32'000};
  return s;
}

}  // namespace

TEST_SUITE("timer_status") {
  TEST_CASE("the JSON reads back") {
    TimerStatus s = holding();
    s.title = "say \"hi\"\n";
    s.scale = 0.01;
    auto back = parse_status(status_json(s));
    REQUIRE(back);
    CHECK(*back == s);
    s.paused = true;
    s.deadline.reset();
    s.left = milliseconds{1500};
    CHECK(parse_status(status_json(s)) == s);
  }

  TEST_CASE("anything else is no status") {
    CHECK_FALSE(parse_status(""));
    CHECK_FALSE(parse_status("{"));
    CHECK_FALSE(parse_status("[]"));
    CHECK_FALSE(parse_status(R"({"pid":1})"));
    std::string j = status_json(holding());
    CHECK_FALSE(parse_status(j.replace(j.find("4242"), 4, "-1")));
  }

  TEST_CASE("the reader works out the time left from the deadline") {
    const TimerStatus s = holding();
    CHECK(status_remaining(s, t0) == seconds{32});
    CHECK(status_remaining(s, t0 + milliseconds{500}) == seconds{32});  // rounded up, like the timer
    CHECK(status_remaining(s, t0 + seconds{2}) == seconds{30});
    CHECK(status_remaining(s, t0 + seconds{40}) == seconds{0});  // never negative
    CHECK(status_line(s, t0 + seconds{2}) == "hold left 00:30 Kneeling hip-flexor stretch");
  }

  TEST_CASE("paused: the time left stands still") {
    TimerStatus s = holding();
    s.paused = true;
    s.deadline.reset();
    s.left = milliseconds{12'300};
    CHECK(status_remaining(s, t0) == seconds{13});
    CHECK(status_remaining(s, t0 + hours{2}) == seconds{13});
    CHECK(status_line(s, t0) == "hold left 00:13 (paused) Kneeling hip-flexor stretch");
    CHECK_FALSE(status_stale(s, t0 + hours{2}));
  }

  TEST_CASE("PSOAS_TIME_SCALE: real time left divided by the scale") {
    TimerStatus s = holding();
    s.scale = 0.01;
    s.deadline = t0 + milliseconds{600};  // 60 s of timer time
    CHECK(status_remaining(s, t0) == seconds{60});
    CHECK(status_remaining(s, t0 + milliseconds{300}) == seconds{30});
  }

  TEST_CASE("desk-break reminders") {
    TimerStatus s;
    s.pid = 1;
    s.command = "every";
    s.phase = "break in";
    s.deadline = t0 + minutes{23} + seconds{10};
    CHECK(status_line(s, t0) == "break in 23:10");
    s.phase = "break now";
    s.title = "Desk break";
    s.deadline.reset();
    CHECK(status_line(s, t0) == "break now Desk break");
    CHECK(status_report_json(s, t0).ends_with(",\"remaining\":null}"));
  }

  TEST_CASE("long phases show hours") {
    TimerStatus s = holding();
    s.phase = "break in";
    s.title = "";
    s.deadline = t0 + hours{1} + minutes{5};
    CHECK(status_line(s, t0) == "break in 1:05:00");
  }

  TEST_CASE("stale: the deadline passed over a minute ago") {
    const TimerStatus s = holding();
    CHECK_FALSE(status_stale(s, t0 + seconds{32}));
    CHECK_FALSE(status_stale(s, t0 + seconds{90}));
    CHECK(status_stale(s, t0 + seconds{93}));
  }

  TEST_CASE("--json adds the time left") {
    auto j = status_report_json(holding(), t0 + seconds{2});
    CHECK(j.starts_with("{\"pid\":4242,\"command\":\"routine\",\"name\":\"morning\",\"phase\":\"hold left\""));
    CHECK(j.ends_with(",\"remaining\":30}"));
  }

  TEST_CASE("--json: left_ms counts down with remaining while the timer runs, and holds when paused") {
    TimerStatus s = holding();
    s.left = milliseconds{99'998};  // what the file held at the phase's start
    CHECK(status_report_json(s, t0 + seconds{2}).find("\"left_ms\":30000,") != std::string::npos);
    CHECK(status_report_json(s, t0 + seconds{40}).find("\"left_ms\":0,") != std::string::npos);
    s.scale = 0.5;  // the timer's own time runs twice as fast as the wall's
    CHECK(status_report_json(s, t0 + seconds{2}).find("\"left_ms\":60000,") != std::string::npos);
    s.paused = true;
    CHECK(status_report_json(s, t0 + seconds{2}).find("\"left_ms\":99998,") != std::string::npos);
  }

  TEST_CASE("the file: written whole with mode 0600, removed only by its owner") {
    TempDir dir;
    const fs::path file = status_file(dir.path);
    CHECK(file.filename() == "timer.json");
    CHECK_FALSE(read_status(file));
    write_status(file, holding());
    CHECK(read_status(file) == holding());
    struct stat st {};
    REQUIRE(::stat(file.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    TimerStatus later = holding();
    later.phase = "rest";
    write_status(file, later);
    CHECK(read_status(file) == later);
    CHECK(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator{}) == 1);  // no temporary left
    remove_status(file, 999);  // another timer's: left alone
    CHECK(fs::exists(file));
    remove_status(file, 4242);
    CHECK_FALSE(fs::exists(file));
  }

  TEST_CASE("a directory that cannot take the file throws") {
    TempDir dir;
    CHECK_THROWS(write_status(dir.path / "missing" / "timer.json", holding()));
  }
}
