// Hooks: a script in a temporary directory gets the JSON, failures come back as messages,
// and a hook that hangs (or never reads its stdin) is killed at the time limit.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "psoas/hooks.hpp"
#include "temp_dir.hpp"

using namespace psoas;
using namespace std::chrono;
namespace fs = std::filesystem;

namespace {

// A temporary hooks directory, removed at the end of the test.
struct TempDir : test::TempDir {
  // Writes the hook `name` as a shell script with `mode`.
  fs::path hook(const std::string& name, const std::string& body, mode_t mode = 0700) const {
    fs::path p = path / name;
    std::ofstream(p) << "#!/bin/sh\n" << body << "\n";
    ::chmod(p.c_str(), mode);
    return p;
  }

  std::string read(const std::string& name) const {
    std::ifstream in(path / name);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }
};

// Quiet hooks and a short limit, so a test never waits long.
hooks::RunOptions options(milliseconds limit = milliseconds{5000}) {
  hooks::RunOptions o;
  o.limit = limit;
  o.stdout_fd = -1;
  o.stderr_fd = -1;
  return o;
}

}  // namespace

TEST_SUITE("hooks") {
  TEST_CASE("names") {
    CHECK(hooks::hook_name(hooks::Event::log) == "on-log");
    CHECK(hooks::hook_name(hooks::Event::session) == "on-session");
    CHECK(hooks::hook_name(hooks::Event::triage) == "on-triage");
  }

  TEST_CASE("no hook: nothing runs and nothing is wrong") {
    TempDir dir;
    CHECK_FALSE(hooks::run_hook(dir.path, hooks::Event::log, "{}", options()));
    CHECK_FALSE(hooks::run_hook(dir.path / "missing", hooks::Event::log, "{}", options()));
    CHECK(hooks::find_hooks(dir.path).empty());
  }

  TEST_CASE("the hook gets the JSON and a newline on stdin, and the environment") {
    TempDir dir;
    dir.hook("on-log", "cat > \"$(dirname \"$0\")/got\"; echo \"$PSOAS_HOOK_ACTION\" > \"$(dirname \"$0\")/env\"");
    auto o = options();
    o.env["PSOAS_HOOK_ACTION"] = "edit";
    CHECK_FALSE(hooks::run_hook(dir.path, hooks::Event::log, R"({"id":1,"pain":4})", o));
    CHECK(dir.read("got") == "{\"id\":1,\"pain\":4}\n");
    CHECK(dir.read("env") == "edit\n");
  }

  TEST_CASE("only the event's hook runs") {
    TempDir dir;
    dir.hook("on-session", "touch \"$(dirname \"$0\")/ran\"");
    CHECK_FALSE(hooks::run_hook(dir.path, hooks::Event::triage, "{}", options()));
    CHECK_FALSE(fs::exists(dir.path / "ran"));
    CHECK_FALSE(hooks::run_hook(dir.path, hooks::Event::session, "{}", options()));
    CHECK(fs::exists(dir.path / "ran"));
  }

  TEST_CASE("a big record reaches a hook that reads it all") {
    TempDir dir;
    dir.hook("on-log", "wc -c > \"$(dirname \"$0\")/count\"");
    std::string big = "\"" + std::string(300000, 'x') + "\"";  // more than a pipe holds
    CHECK_FALSE(hooks::run_hook(dir.path, hooks::Event::log, big, options()));
    CHECK(std::stol(dir.read("count")) == static_cast<long>(big.size() + 1));
  }

  TEST_CASE("failures come back as one message") {
    TempDir dir;
    SUBCASE("a non-zero exit") {
      dir.hook("on-log", "exit 3");
      CHECK(hooks::run_hook(dir.path, hooks::Event::log, "{}", options()) == "exited with status 3");
    }
    SUBCASE("a crash") {
      dir.hook("on-log", "kill -SEGV $$");
      auto why = hooks::run_hook(dir.path, hooks::Event::log, "{}", options());
      REQUIRE(why);
      CHECK(why->starts_with("killed by signal 11"));
    }
    SUBCASE("not executable") {
      fs::path p = dir.hook("on-log", "exit 0", 0600);
      if (::access(p.c_str(), X_OK) == 0) return;  // root may run anything
      auto why = hooks::run_hook(dir.path, hooks::Event::log, "{}", options());
      REQUIRE(why);
      CHECK(why->find("is not executable") != std::string::npos);
      CHECK(why->find(p.string()) != std::string::npos);
      auto found = hooks::find_hooks(dir.path);
      REQUIRE(found.size() == 1);
      CHECK(found[0].name == "on-log");
      CHECK_FALSE(found[0].executable);
    }
    SUBCASE("not a program") {
      std::ofstream(dir.path / "on-log") << "no #! line\n";
      ::chmod((dir.path / "on-log").c_str(), 0700);
      auto why = hooks::run_hook(dir.path, hooks::Event::log, "{}", options());
      REQUIRE(why);
      CHECK(why->find("cannot run") != std::string::npos);
    }
    SUBCASE("a directory") {
      fs::create_directory(dir.path / "on-log");
      auto why = hooks::run_hook(dir.path, hooks::Event::log, "{}", options());
      REQUIRE(why);
      CHECK(why->find("is not a file") != std::string::npos);
    }
  }

  TEST_CASE("a hook that does not read its stdin is fine") {
    TempDir dir;
    dir.hook("on-log", "exit 0");
    std::string big = "\"" + std::string(300000, 'x') + "\"";
    CHECK_FALSE(hooks::run_hook(dir.path, hooks::Event::log, big, options()));
  }

  TEST_CASE("a hanging hook and its children are killed at the time limit") {
    TempDir dir;
    dir.hook("on-log", "sleep 30 & wait");
    // The hook's stdout is a pipe of ours, which its child `sleep` holds too: the pipe
    // reports its end only when every holder is gone.
    int out[2];
    REQUIRE(::pipe2(out, O_CLOEXEC) == 0);
    auto o = options(milliseconds{200});
    o.stdout_fd = out[1];
    const auto start = steady_clock::now();
    auto why = hooks::run_hook(dir.path, hooks::Event::log, "{}", o);
    const auto took = steady_clock::now() - start;
    ::close(out[1]);
    CHECK(why == "killed after the 200ms time limit");
    CHECK(took >= milliseconds{200});
    CHECK(took < milliseconds{3000});
    pollfd p{out[0], POLLIN, 0};
    CHECK(::poll(&p, 1, 5000) == 1);  // an end, not the 30 s the child would sleep
    char c;
    CHECK(::read(out[0], &c, 1) == 0);
    ::close(out[0]);
  }

  TEST_CASE("a hook that neither reads nor ends is killed too") {
    TempDir dir;
    dir.hook("on-log", "exec sleep 30");
    std::string big = "\"" + std::string(300000, 'x') + "\"";
    CHECK(hooks::run_hook(dir.path, hooks::Event::log, big, options(milliseconds{200})) ==
          "killed after the 200ms time limit");
  }

  TEST_CASE("find_hooks lists the hooks psoas runs, and nothing else") {
    TempDir dir;
    dir.hook("on-triage", "exit 0");
    dir.hook("on-log", "exit 0");
    dir.hook("on-other", "exit 0");
    auto found = hooks::find_hooks(dir.path);
    REQUIRE(found.size() == 2);
    CHECK(found[0].name == "on-log");
    CHECK(found[1].name == "on-triage");
    CHECK(found[0].executable);
  }

  TEST_CASE("a failed wait is a failure, not exit status 0") {
    // With SIGCHLD ignored the kernel reaps the hook itself, so waitpid fails with ECHILD.
    TempDir dir;
    dir.hook("on-log", "exit 3");
    struct sigaction ignore {}, old {};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    ::sigaction(SIGCHLD, &ignore, &old);
    auto why = hooks::run_hook(dir.path, hooks::Event::log, "{}", options());
    ::sigaction(SIGCHLD, &old, nullptr);
    REQUIRE(why);
    CHECK(why->find("cannot wait for") != std::string::npos);
  }
}
