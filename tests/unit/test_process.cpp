#include <doctest/doctest.h>

#include <sys/stat.h>

#include <cerrno>
#include <string>

#include "psoas/error.hpp"
#include "psoas/files.hpp"
#include "psoas/process.hpp"
#include "temp_dir.hpp"

namespace process = psoas::process;
namespace files = psoas::files;
using namespace std::chrono_literals;

TEST_SUITE("process") {
  TEST_CASE("runs a program and collects what it printed and its status") {
    auto r = process::run({"sh", "-c", "echo out; echo err >&2; exit 3"});
    CHECK(r.error == 0);
    CHECK_FALSE(r.timed_out);
    CHECK(r.status == 3);
    CHECK(r.out == "out\n");
    CHECK(r.err == "err\n");
    CHECK_FALSE(r.ok());
    CHECK(process::describe(r) == "exited with status 3");
    CHECK(process::run({"true"}).ok());
  }

  TEST_CASE("a program that is not installed") {
    auto r = process::run({"psoas-no-such-program-anywhere"});
    CHECK(r.error == ENOENT);
    CHECK(process::describe(r) == "not found");
  }

  TEST_CASE("a program past its time limit is killed with its children") {
    // The limit is the test's own bound, not a sleep: `tail -f` blocks until killed.
    auto r = process::run({"sh", "-c", "echo started; exec tail -f /dev/null"}, {50ms});
    CHECK(r.timed_out);
    CHECK(r.out == "started\n");
    CHECK(process::describe(r) == "did not finish in time");
  }

  TEST_CASE("find_program searches a PATH list") {
    psoas::test::TempDir dir;
    CHECK_FALSE(process::find_program("tool", dir.path.string()));
    files::write_atomically(dir.path / "tool", "#!/bin/sh\n", 0755, "test");
    CHECK(process::find_program("tool", "/nonexistent:" + dir.path.string()) == dir.path / "tool");
    files::write_atomically(dir.path / "plain", "x", 0644, "test");
    CHECK_FALSE(process::find_program("plain", dir.path.string()));
  }
}

TEST_SUITE("files") {
  TEST_CASE("write_atomically sets the mode and replaces the whole file") {
    psoas::test::TempDir dir;
    auto p = dir.path / "state";
    files::write_atomically(p, "one\n", 0600, "test");
    files::write_atomically(p, "two\n", 0600, "test");
    CHECK(files::read(p) == "two\n");
    struct stat st {};
    REQUIRE(::stat(p.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    CHECK_FALSE(files::read(dir.path / "missing"));
    CHECK_THROWS_AS(files::write_atomically(dir.path / "no" / "dir", "x", 0600, "test"), psoas::DataError);
  }
}
