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

#include "psoas/hooks.hpp"

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

}  // namespace

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
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err[1], STDERR_FILENO);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  short flags = POSIX_SPAWN_SETPGROUP;
  hooks::child_signal_defaults(attr, flags);
  posix_spawnattr_setpgroup(&attr, 0);
  posix_spawnattr_setflags(&attr, flags);
  std::vector<std::string> args = argv;
  std::vector<char*> cargs;
  for (auto& a : args) cargs.push_back(a.data());
  cargs.push_back(nullptr);
  pid_t pid = -1;
  int rc = posix_spawnp(&pid, cargs[0], &actions, &attr, cargs.data(), environ);
  posix_spawnattr_destroy(&attr);
  posix_spawn_file_actions_destroy(&actions);
  ::close(out[1]);
  ::close(err[1]);
  int fds[2] = {out[0], err[0]};
  if (rc != 0) {
    r.error = rc;
    close_fd(fds[0]);
    close_fd(fds[1]);
    return r;
  }
  auto deadline = steady_clock::now() + options.limit;
  while (fds[0] >= 0 || fds[1] >= 0) {
    auto left = std::chrono::ceil<milliseconds>(deadline - steady_clock::now()).count();
    if (left <= 0) {
      r.timed_out = true;
      break;
    }
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
  close_fd(fds[0]);
  close_fd(fds[1]);
  if (r.timed_out) {
    ::kill(-pid, SIGKILL);
    ::kill(pid, SIGKILL);
  }
  int status = 0;
  // The pipes are closed: a child that outlived them is waited for up to the limit too.
  while (true) {
    pid_t w = ::waitpid(pid, &status, r.timed_out ? 0 : WNOHANG);
    if (w == pid) break;
    if (w < 0 && errno != EINTR) break;
    if (w == 0) {
      if (steady_clock::now() >= deadline) {
        r.timed_out = true;
        ::kill(-pid, SIGKILL);
        ::kill(pid, SIGKILL);
        continue;
      }
      ::poll(nullptr, 0, 10);
    }
  }
  r.status = WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
  return r;
}

int start_detached(const std::vector<std::string>& argv) {
  std::vector<std::string> args = argv;
  std::vector<char*> cargs;
  for (auto& a : args) cargs.push_back(a.data());
  cargs.push_back(nullptr);
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
