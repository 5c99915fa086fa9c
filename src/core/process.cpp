#include "psoas/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>

#include <fmt/format.h>

extern char** environ;

namespace psoas::process {
namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

// Reads what is there from `fd` into `into`; closes it at its end.
void drain(int& fd, std::string& into) {
  char buf[4096];
  ssize_t n = ::read(fd, buf, sizeof buf);
  if (n > 0) {
    into.append(buf, static_cast<std::size_t>(n));
  } else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
    close_fd(fd);
  }
}

// The inherited environment with `extra` added (replacing variables of the same name).
std::vector<std::string> child_environment(const std::map<std::string, std::string>& extra) {
  std::vector<std::string> out;
  for (char** e = environ; e && *e; ++e) {
    std::string_view kv{*e};
    if (extra.count(std::string(kv.substr(0, kv.find('=')))) == 0) out.emplace_back(kv);
  }
  for (const auto& [k, v] : extra) out.push_back(k + "=" + v);
  return out;
}

// `fd` becomes `target` in the child; -1 opens /dev/null there instead.
void redirect(posix_spawn_file_actions_t& actions, int fd, int target) {
  if (fd < 0) {
    posix_spawn_file_actions_addopen(&actions, target, "/dev/null", target == STDIN_FILENO ? O_RDONLY : O_WRONLY, 0);
  } else if (fd != target) {
    posix_spawn_file_actions_adddup2(&actions, fd, target);
  }
}

// Pointers into `strings` for exec, ending in a null pointer.
std::vector<char*> c_strings(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

// Collects the child's stdout and stderr until both close or the deadline passes.
bool collect(int (&fds)[2], Result& r, steady_clock::time_point deadline) {
  while (fds[0] >= 0 || fds[1] >= 0) {
    auto left = std::chrono::ceil<milliseconds>(deadline - steady_clock::now()).count();
    if (left <= 0) return false;
    pollfd p[2];
    nfds_t n = 0;
    for (int fd : fds)
      if (fd >= 0) p[n++] = {fd, POLLIN, 0};
    if (::poll(p, n, static_cast<int>(left)) < 0 && errno != EINTR) break;
    for (nfds_t i = 0; i < n; ++i) {
      if (!p[i].revents) continue;
      int& fd = p[i].fd == fds[0] ? fds[0] : fds[1];
      drain(fd, &fd == &fds[0] ? r.out : r.err);
    }
  }
  return true;
}

// Waits for `pid` up to `deadline` (the pipes are closed: a child that outlived them is
// waited for too), killing its group at the deadline.
void await(int pid, Result& r, steady_clock::time_point deadline) {
  if (r.timed_out) kill_group(pid);
  while (!r.timed_out) {
    Exit e = poll_exit(pid);
    if (e.state == Exit::State::lost) {
      r.error = e.error;
      return;
    }
    if (e.state == Exit::State::exited) {
      r.status = WIFSIGNALED(e.status) ? 128 + WTERMSIG(e.status) : WEXITSTATUS(e.status);
      return;
    }
    if (steady_clock::now() >= deadline) {
      r.timed_out = true;
      kill_group(pid);
      return;
    }
    ::poll(nullptr, 0, 10);
  }
}

}  // namespace

Spawned spawn(const std::vector<std::string>& argv, const SpawnOptions& options) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  redirect(actions, options.stdin_fd, STDIN_FILENO);
  redirect(actions, options.stdout_fd, STDOUT_FILENO);
  redirect(actions, options.stderr_fd, STDERR_FILENO);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t none, defaults;
  sigemptyset(&none);
  sigemptyset(&defaults);
  for (int s : {SIGPIPE, SIGXFSZ, SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGCHLD, SIGTSTP}) sigaddset(&defaults, s);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  short flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF;
  if (options.group == Group::own) {
    flags = static_cast<short>(flags | POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attr, 0);
  }
  posix_spawnattr_setflags(&attr, flags);
  std::vector<std::string> args = argv;
  std::vector<std::string> env = child_environment(options.env);
  auto cargs = c_strings(args);
  auto envp = c_strings(env);
  pid_t pid = -1;
  int rc = posix_spawnp(&pid, cargs[0], &actions, &attr, cargs.data(), envp.data());
  posix_spawnattr_destroy(&attr);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return {-1, rc};
  return {pid, 0};
}

Exit poll_exit(int pid) {
  while (true) {
    int status = 0;
    pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid) return {Exit::State::exited, status, 0};
    if (r == 0) return {};
    if (errno != EINTR) return {Exit::State::lost, 0, errno};
  }
}

void kill_group(int pid) {
  ::kill(-pid, SIGKILL);  // the whole group: a shell script's children too
  ::kill(pid, SIGKILL);   // in case it left its group
  while (::waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
  }
}

Result run(const std::vector<std::string>& argv, const Options& options) {
  Result r;
  int out[2], err[2];
  if (::pipe2(out, O_CLOEXEC) != 0) {
    r.error = errno;
    return r;
  }
  if (::pipe2(err, O_CLOEXEC) != 0) {
    r.error = errno;
    ::close(out[0]);
    ::close(out[1]);
    return r;
  }
  Spawned child = spawn(argv, SpawnOptions{-1, out[1], err[1], {}, Group::own});
  ::close(out[1]);
  ::close(err[1]);
  int fds[2] = {out[0], err[0]};
  if (child.error != 0) {
    r.error = child.error;
    close_fd(fds[0]);
    close_fd(fds[1]);
    return r;
  }
  auto deadline = steady_clock::now() + options.limit;
  r.timed_out = !collect(fds, r, deadline);
  close_fd(fds[0]);
  close_fd(fds[1]);
  await(child.pid, r, deadline);
  return r;
}

int start_detached(const std::vector<std::string>& argv) {
  std::vector<std::string> args = argv;
  auto cargs = c_strings(args);
  int report[2];
  if (::pipe2(report, O_CLOEXEC) != 0) return errno;
  pid_t child = ::fork();
  if (child < 0) {
    int e = errno;
    ::close(report[0]);
    ::close(report[1]);
    return e;
  }
  if (child == 0) {  // only async-signal-safe calls from here
    ::setsid();
    if (::fork() != 0) ::_exit(0);
    int devnull = ::open("/dev/null", O_RDWR);
    for (int fd : {0, 1, 2}) ::dup2(devnull, fd);
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    for (int sig : {SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGCHLD, SIGXFSZ}) ::signal(sig, SIG_DFL);
    ::execvp(cargs[0], cargs.data());
    int e = errno;
    ssize_t w = ::write(report[1], &e, sizeof e);
    (void)w;
    ::_exit(127);
  }
  ::close(report[1]);
  while (::waitpid(child, nullptr, 0) < 0 && errno == EINTR) {
  }
  int e = 0;
  ssize_t n = ::read(report[0], &e, sizeof e);  // EOF (0) when exec succeeded
  ::close(report[0]);
  return n == static_cast<ssize_t>(sizeof e) ? e : 0;
}

std::optional<std::filesystem::path> find_program(std::string_view name, std::string_view path_list) {
  while (true) {
    auto colon = path_list.find(':');
    std::string_view dir = path_list.substr(0, colon);
    std::filesystem::path p = std::filesystem::path(dir.empty() ? "." : std::string(dir)) / std::string(name);
    if (::access(p.c_str(), X_OK) == 0 && !std::filesystem::is_directory(p)) return p;
    if (colon == std::string_view::npos) return std::nullopt;
    path_list.remove_prefix(colon + 1);
  }
}

std::string describe(const Result& r) {
  if (r.error == ENOENT) return "not found";
  if (r.error != 0) return std::strerror(r.error);
  if (r.timed_out) return "did not finish in time";
  if (r.status > 128) return fmt::format("killed by signal {}", r.status - 128);
  return fmt::format("exited with status {}", r.status);
}

}  // namespace psoas::process
