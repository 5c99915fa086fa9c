#include <doctest/doctest.h>

#include <sys/stat.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <string>

#include "psoas/error.hpp"
#include "psoas/files.hpp"
#include "psoas/process.hpp"
#include "temp_dir.hpp"

namespace process = psoas::process;
namespace files = psoas::files;
using namespace std::chrono_literals;

namespace {
// Ignores `sig` in this process for the object's lifetime.
class IgnoreSignal {
 public:
  explicit IgnoreSignal(int sig) : m_sig(sig) {
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    ::sigaction(sig, &ignore, &m_old);
  }
  ~IgnoreSignal() { ::sigaction(m_sig, &m_old, nullptr); }
  IgnoreSignal(const IgnoreSignal&) = delete;
  IgnoreSignal& operator=(const IgnoreSignal&) = delete;

 private:
  int m_sig;
  struct sigaction m_old {};
};

// Waits (briefly, in steps of a millisecond) until `pid` is no longer running.
process::Exit wait_for(int pid) {
  process::Exit e;
  while ((e = process::poll_exit(pid)).state == process::Exit::State::running) ::usleep(1000);
  return e;
}
}  // namespace

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

  TEST_CASE("spawn: stdin and stdout as given, the environment added to") {
    int in[2], out[2];
    REQUIRE(::pipe2(in, O_CLOEXEC) == 0);
    REQUIRE(::pipe2(out, O_CLOEXEC) == 0);
    process::SpawnOptions o;
    o.stdin_fd = in[0];
    o.stdout_fd = out[1];
    o.env = {{"PSOAS_TEST_VALUE", "v"}};
    auto child = process::spawn({"sh", "-c", "read x; echo \"$x $PSOAS_TEST_VALUE\""}, o);
    ::close(in[0]);
    ::close(out[1]);
    REQUIRE(child.error == 0);
    REQUIRE(::write(in[1], "hi\n", 3) == 3);
    ::close(in[1]);
    char buf[16] = {};
    CHECK(::read(out[0], buf, sizeof buf - 1) == 5);
    ::close(out[0]);
    CHECK(std::string(buf) == "hi v\n");
    process::Exit e = wait_for(child.pid);
    CHECK(e.state == process::Exit::State::exited);
    CHECK(WEXITSTATUS(e.status) == 0);
  }

  TEST_CASE("spawn: a program that is not there") {
    CHECK(process::spawn({"psoas-no-such-program-anywhere"}).error == ENOENT);
  }

  TEST_CASE("spawn: the child's signals are at their defaults, its group its own") {
    process::Spawned child;
    {
      IgnoreSignal ignore(SIGTERM);
      child = process::spawn({"sh", "-c", "exec tail -f /dev/null"});
    }
    REQUIRE(child.error == 0);
    CHECK(::getpgid(child.pid) == child.pid);
    ::kill(child.pid, SIGTERM);
    process::Exit e = wait_for(child.pid);
    CHECK(WIFSIGNALED(e.status));
    CHECK(WTERMSIG(e.status) == SIGTERM);
  }

  TEST_CASE("kill_group ends a child and reaps it") {
    auto child = process::spawn({"sh", "-c", "exec tail -f /dev/null"});
    REQUIRE(child.error == 0);
    CHECK(process::poll_exit(child.pid).state == process::Exit::State::running);
    process::kill_group(child.pid);
    CHECK(process::poll_exit(child.pid).state == process::Exit::State::lost);
  }

  TEST_CASE("a failed wait is not read as exit status 0") {
    // With SIGCHLD ignored the kernel reaps the child itself, so waitpid fails with ECHILD.
    process::Result r;
    {
      IgnoreSignal ignore(SIGCHLD);
      r = process::run({"sh", "-c", "exit 3"});
    }
    CHECK(r.error == ECHILD);
    CHECK_FALSE(r.ok());
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
