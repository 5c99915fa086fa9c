#include "timer_status.hpp"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <csignal>

#include "psoas/error.hpp"
#include "psoas/paths.hpp"

namespace psoas::cli {
namespace fs = std::filesystem;

namespace {

// Real time, not the services' clock: another process compares it with its own now, and
// PSOAS_TIME_SCALE is recorded beside it instead of being applied to it.
WallTime real_now() { return std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now()); }

// The fallback directory lives in the shared /tmp: use it only when it is really ours.
void check_private(const fs::path& dir) {
  struct stat st {};
  if (::lstat(dir.c_str(), &st) != 0) throw DataError(dir.string(), std::strerror(errno));
  if (!S_ISDIR(st.st_mode) || st.st_uid != ::getuid() || (st.st_mode & 077) != 0) {
    throw DataError(dir.string(), "is not a private directory of yours (mode 0700)");
  }
}

bool alive(std::int64_t pid) {
  return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

}  // namespace

StatusPublisher::StatusPublisher(Services& services, std::string command, std::string name, double scale) {
  const fs::path& dir = services.paths().runtime_dir;
  m_file = status_file(dir);
  m_status.pid = ::getpid();
  m_status.command = std::move(command);
  m_status.name = std::move(name);
  m_status.scale = scale;
  try {
    make_private_dir(dir);
    check_private(dir);
    m_enabled = true;
  } catch (const Error&) {
    // Quietly: the run itself is what matters, and a warning would stand beside any real
    // error at the end. `psoas --paths` shows the runtime directory to look at.
  }
}

StatusPublisher::~StatusPublisher() {
  if (m_written) remove_status(m_file, m_status.pid);
}

void StatusPublisher::publish(std::string phase, std::string title, bool paused,
                              std::optional<std::chrono::steady_clock::duration> left) {
  if (!m_enabled) return;
  m_status.phase = std::move(phase);
  m_status.title = std::move(title);
  m_status.paused = paused;
  m_status.deadline.reset();
  m_status.left = {};
  if (left) {
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(*left);
    m_status.left = ms;
    if (!paused) {
      m_status.deadline = real_now() + std::chrono::milliseconds{
          static_cast<std::int64_t>(static_cast<double>(ms.count()) * m_status.scale)};
    }
  }
  try {
    write_status(m_file, m_status);
    m_written = true;
  } catch (const Error&) {
    m_enabled = false;  // a full screen may be up: no warning, and no further tries
  }
}

int print_status(Services& services, bool json) {
  auto s = read_status(status_file(services.paths().runtime_dir));
  const WallTime now = real_now();
  if (!s || !alive(s->pid) || status_stale(*s, now)) return 1;
  fmt::print("{}\n", json ? status_report_json(*s, now) : status_line(*s, now));
  return 0;
}

}  // namespace psoas::cli
