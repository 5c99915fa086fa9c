#include "psoas/hooks.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>

#include <fmt/format.h>

#include "psoas/process.hpp"

namespace psoas::hooks {
namespace fs = std::filesystem;
using std::chrono::milliseconds;
using std::chrono::steady_clock;

std::string_view hook_name(Event e) {
  switch (e) {
    case Event::log: return "on-log";
    case Event::session: return "on-session";
    case Event::triage: return "on-triage";
  }
  return "on-log";
}

const std::vector<Event>& all_events() {
  static const std::vector<Event> events{Event::log, Event::session, Event::triage};
  return events;
}

namespace {

// A file descriptor closed when it goes out of scope.
class Fd {
 public:
  explicit Fd(int fd = -1) : m_fd(fd) {}
  ~Fd() { reset(); }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return m_fd; }
  void reset() {
    if (m_fd >= 0) ::close(m_fd);
    m_fd = -1;
  }

 private:
  int m_fd;
};

// Writing to a hook that exited without reading its stdin must fail with EPIPE, not kill
// psoas; the old disposition comes back when the hook is done (the child gets SIG_DFL).
class IgnoreSigpipe {
 public:
  IgnoreSigpipe() {
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    ::sigaction(SIGPIPE, &ignore, &m_old);
  }
  ~IgnoreSigpipe() { ::sigaction(SIGPIPE, &m_old, nullptr); }
  IgnoreSigpipe(const IgnoreSigpipe&) = delete;
  IgnoreSigpipe& operator=(const IgnoreSigpipe&) = delete;

 private:
  struct sigaction m_old {};
};

std::string format_limit(milliseconds limit) {
  if (limit.count() % 1000 == 0) return fmt::format("{}s", limit.count() / 1000);
  return fmt::format("{}ms", limit.count());
}

// A descriptor that becomes readable when `pid` exits (Linux 5.3+), or -1: then the wait
// below polls every 10 ms instead.
int open_pidfd(pid_t pid) {
#ifdef SYS_pidfd_open
  return static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
#else
  (void)pid;
  return -1;
#endif
}

// Feeds `input` to `in_fd` (non-blocking) while waiting for `pid` to exit, until `deadline`.
// Returns how it exited (or that waiting failed), or nothing when the deadline passed first.
std::optional<process::Exit> feed_and_wait(pid_t pid, Fd& in_fd, std::string_view input,
                                           steady_clock::time_point deadline) {
  Fd pidfd(open_pidfd(pid));
  std::size_t written = 0;
  while (true) {
    process::Exit exit = process::poll_exit(pid);
    if (exit.state != process::Exit::State::running) return exit;
    const auto now = steady_clock::now();
    if (now >= deadline) return std::nullopt;
    if (in_fd.get() >= 0) {
      ssize_t n = ::write(in_fd.get(), input.data() + written, input.size() - written);
      if (n > 0) written += static_cast<std::size_t>(n);
      // All written (the hook sees the end of its input), or it stopped reading (EPIPE).
      if (written == input.size() || (n < 0 && errno != EAGAIN && errno != EINTR)) in_fd.reset();
    }
    pollfd fds[2];
    nfds_t count = 0;
    if (in_fd.get() >= 0) fds[count++] = {in_fd.get(), POLLOUT, 0};
    if (pidfd.get() >= 0) fds[count++] = {pidfd.get(), POLLIN, 0};
    auto left = std::chrono::ceil<milliseconds>(deadline - now).count();
    int timeout = static_cast<int>(pidfd.get() >= 0 ? left : std::min<decltype(left)>(left, 10));
    ::poll(fds, count, timeout);
  }
}

std::string describe_status(int status) {
  if (WIFSIGNALED(status)) {
    int sig = WTERMSIG(status);
    return fmt::format("killed by signal {} ({})", sig, ::strsignal(sig));
  }
  return fmt::format("exited with status {}", WEXITSTATUS(status));
}

}  // namespace

std::optional<std::string> run_hook(const fs::path& dir, Event e, std::string_view json, const RunOptions& options) {
  const fs::path path = dir / hook_name(e);
  std::error_code ec;
  const auto st = fs::status(path, ec);
  if (!fs::exists(st)) return std::nullopt;
  if (!fs::is_regular_file(st)) return fmt::format("{} is not a file", path.string());
  if (::access(path.c_str(), X_OK) != 0) return fmt::format("{} is not executable (chmod +x it)", path.string());

  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return fmt::format("cannot make a pipe: {}", std::strerror(errno));
  Fd read_end(fds[0]);
  Fd write_end(fds[1]);
  IgnoreSigpipe ignore_sigpipe;
  process::SpawnOptions spawn_options{read_end.get(), options.stdout_fd, options.stderr_fd, options.env,
                                      process::Group::own};
  auto spawned = process::spawn({path.string()}, spawn_options);
  if (spawned.error != 0) {
    return fmt::format("cannot run {}: {}{}", path.string(), std::strerror(spawned.error),
                       spawned.error == ENOEXEC ? " (does it start with #!?)" : "");
  }
  const pid_t pid = spawned.pid;
  read_end.reset();
  ::fcntl(write_end.get(), F_SETFL, ::fcntl(write_end.get(), F_GETFL) | O_NONBLOCK);
  std::string input = std::string(json) + "\n";
  auto exit = feed_and_wait(pid, write_end, input, steady_clock::now() + options.limit);
  if (!exit) {
    process::kill_group(pid);
    return fmt::format("killed after the {} time limit", format_limit(options.limit));
  }
  if (exit->state == process::Exit::State::lost) {
    return fmt::format("cannot wait for {}: {}", path.string(), std::strerror(exit->error));
  }
  if (WIFEXITED(exit->status) && WEXITSTATUS(exit->status) == 0) return std::nullopt;
  return describe_status(exit->status);
}

std::vector<Found> find_hooks(const fs::path& dir) {
  std::vector<Found> out;
  for (Event e : all_events()) {
    fs::path path = dir / hook_name(e);
    std::error_code ec;
    if (!fs::exists(path, ec)) continue;
    out.push_back({std::string(hook_name(e)), path, fs::is_regular_file(path, ec) && ::access(path.c_str(), X_OK) == 0});
  }
  return out;
}

}  // namespace psoas::hooks
