// The pager: started through core `process` in our process group (so it can read the
// terminal and Ctrl-C reaches it), fed through a pipe that replaces stdout for a while.
#include "pager.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>

#include "psoas/process.hpp"
#include "services.hpp"

namespace psoas::cli {

std::string pager_command(const Environment& env) {
  std::string command = "less -FRX";
  if (auto p = env.get("PSOAS_PAGER")) {
    command = *p;
  } else if (auto q = env.get("PAGER")) {
    command = *q;
  }
  const auto start = command.find_first_not_of(" \t");
  if (start == std::string::npos) return {};
  const auto end = command.find_last_not_of(" \t");
  if (command.substr(start, end - start + 1) == "cat") return {};
  return command;
}

Pager::Pager(Services& services) {
  if (services.globals.no_pager || !services.terminal().stdout_is_tty()) return;
  const std::string command = pager_command(services.env());
  if (command.empty()) return;
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return;  // no pager, the output still goes out
  process::SpawnOptions options;
  options.stdin_fd = fds[0];
  options.stdout_fd = STDOUT_FILENO;
  options.stderr_fd = STDERR_FILENO;
  options.group = process::Group::inherit;
  if (!services.env().get("LESS")) options.env["LESS"] = "FRX";  // as git sets it: colour passes through
  const process::Spawned child = process::spawn({"/bin/sh", "-c", command}, options);
  ::close(fds[0]);
  if (child.pid <= 0) {
    ::close(fds[1]);
    return;
  }
  std::fflush(stdout);
  m_saved_stdout = ::fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 0);
  ::dup2(fds[1], STDOUT_FILENO);
  ::close(fds[1]);
  m_pid = child.pid;
}

Pager::~Pager() {
  if (m_pid <= 0) return;
  std::fflush(stdout);
  ::dup2(m_saved_stdout, STDOUT_FILENO);  // the pipe's last write end closes: the pager sees the end
  ::close(m_saved_stdout);
  // Ctrl-C in the pager reaches our process group too: psoas stays until the pager is done,
  // so the shell does not take the terminal back from under it (git does the same).
  struct sigaction ignore {}, old_int {}, old_quit {};
  ignore.sa_handler = SIG_IGN;
  sigemptyset(&ignore.sa_mask);
  ::sigaction(SIGINT, &ignore, &old_int);
  ::sigaction(SIGQUIT, &ignore, &old_quit);
  int status = 0;
  while (::waitpid(m_pid, &status, 0) < 0 && errno == EINTR) {
  }
  ::sigaction(SIGINT, &old_int, nullptr);
  ::sigaction(SIGQUIT, &old_quit, nullptr);
}

}  // namespace psoas::cli
