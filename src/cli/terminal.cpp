#include "terminal.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <csignal>
#include <cstdio>

#include "psoas/error.hpp"
#include "psoas/text.hpp"

namespace psoas::cli {

bool want_colour(ColorMode mode, bool stdout_tty, const Environment& env) {
  if (mode != ColorMode::automatic) return mode == ColorMode::always;
  if (env.get("NO_COLOR")) return false;
  if (auto force = env.get("CLICOLOR_FORCE"); force && *force != "0") return true;
  auto term = env.get("TERM");
  return stdout_tty && !(term && *term == "dumb");
}

Terminal::Terminal(const Environment& env)
    : m_stdin_tty(::isatty(STDIN_FILENO) == 1),
      m_stdout_tty(::isatty(STDOUT_FILENO) == 1),
      m_stderr_tty(::isatty(STDERR_FILENO) == 1),
      m_colour(want_colour(ColorMode::automatic, m_stdout_tty, env)) {}

void Terminal::warn(std::string_view message) const {
  fmt::print(stderr, "psoas: warning: {}\n", message);
}

}  // namespace psoas::cli

// ---- full-screen support: locale, size, signals, keys, drawing -----------------------------

namespace psoas::cli {

bool utf8_locale(const Environment& env) {
  for (const char* name : {"LC_ALL", "LC_CTYPE", "LANG"}) {
    auto v = env.get(name);
    if (!v) continue;
    std::string lower;
    for (char c : *v) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return lower.find("utf-8") != std::string::npos || lower.find("utf8") != std::string::npos;
  }
  return false;
}

TermSize terminal_size() {
  winsize ws{};
  for (int fd : {STDOUT_FILENO, STDIN_FILENO}) {
    if (::ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0 && ws.ws_row > 0) {
      return {ws.ws_col, ws.ws_row};
    }
  }
  return {};
}

bool write_all(int fd, std::string_view text) {
  while (!text.empty()) {
    ssize_t n = ::write(fd, text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    text.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

namespace {

constexpr std::array<int, 6> watched_signals{SIGINT, SIGTERM, SIGHUP, SIGWINCH, SIGTSTP, SIGCONT};
volatile std::sig_atomic_t g_signal_pipe = -1;
std::array<struct sigaction, watched_signals.size()> g_previous{};

extern "C" void on_signal(int signo) {
  int saved = errno;
  unsigned char byte = static_cast<unsigned char>(signo);
  if (g_signal_pipe >= 0) {
    ssize_t n = ::write(g_signal_pipe, &byte, 1);
    (void)n;  // a full pipe already holds enough to wake the loop
  }
  errno = saved;
}

void install(int signo, struct sigaction* previous) {
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;
  ::sigaction(signo, &sa, previous);
}

}  // namespace

SignalWatch::SignalWatch() {
  if (::pipe2(m_pipe, O_CLOEXEC | O_NONBLOCK) != 0) throw Error("terminal", "cannot create a pipe for signals");
  g_signal_pipe = m_pipe[1];
  for (std::size_t i = 0; i < watched_signals.size(); ++i) install(watched_signals[i], &g_previous[i]);
}

SignalWatch::~SignalWatch() {
  for (std::size_t i = 0; i < watched_signals.size(); ++i) ::sigaction(watched_signals[i], &g_previous[i], nullptr);
  g_signal_pipe = -1;
  ::close(m_pipe[0]);
  ::close(m_pipe[1]);
}

std::vector<int> SignalWatch::take() {
  std::vector<int> got;
  unsigned char buf[64];
  ssize_t n;
  while ((n = ::read(m_pipe[0], buf, sizeof buf)) > 0) got.insert(got.end(), buf, buf + n);
  return got;
}

void SignalWatch::stop_self() {
  struct sigaction dfl {};
  dfl.sa_handler = SIG_DFL;
  sigemptyset(&dfl.sa_mask);
  ::sigaction(SIGTSTP, &dfl, nullptr);
  ::raise(SIGTSTP);  // stops here until SIGCONT
  install(SIGTSTP, nullptr);
}

std::vector<Key> decode_keys(std::string_view bytes) {
  std::vector<Key> keys;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    char c = bytes[i];
    Key k;
    if (c == '\x1b') {
      bool csi = i + 2 < bytes.size() && (bytes[i + 1] == '[' || bytes[i + 1] == 'O');
      if (csi) {
        switch (bytes[i + 2]) {
          case 'A': k.kind = Key::Kind::up; break;
          case 'B': k.kind = Key::Kind::down; break;
          case 'C': k.kind = Key::Kind::right; break;
          case 'D': k.kind = Key::Kind::left; break;
          default: k.kind = Key::Kind::other; break;
        }
        i += 2;
        // Skip the rest of a longer sequence (e.g. "\x1b[1;5C").
        while (i < bytes.size() && !std::isalpha(static_cast<unsigned char>(bytes[i])) && bytes[i] != '~') ++i;
      } else {
        k.kind = Key::Kind::escape;
      }
    } else if (c == '\r' || c == '\n') {
      k.kind = Key::Kind::enter;
    } else if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f) {
      k.kind = Key::Kind::character;
      k.ch = c;
    }
    keys.push_back(k);
  }
  return keys;
}

namespace {

// A one-shot timer as a file descriptor, closed with the object; -1 when the system has none
// to give (then ppoll's own timeout stands in).
class OneShot {
 public:
  explicit OneShot(std::chrono::nanoseconds after) : m_fd(::timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK)) {
    itimerspec when{};
    when.it_value = to_timespec(std::max(after, std::chrono::nanoseconds{1}));  // 0 would disarm it
    if (m_fd >= 0 && ::timerfd_settime(m_fd, 0, &when, nullptr) != 0) {
      ::close(m_fd);
      m_fd = -1;
    }
  }
  ~OneShot() {
    if (m_fd >= 0) ::close(m_fd);
  }
  OneShot(const OneShot&) = delete;
  OneShot& operator=(const OneShot&) = delete;
  int fd() const { return m_fd; }

  static timespec to_timespec(std::chrono::nanoseconds d) {
    const auto ns = std::max(std::chrono::nanoseconds{0}, d).count();
    return {static_cast<time_t>(ns / 1'000'000'000), static_cast<long>(ns % 1'000'000'000)};
  }

 private:
  int m_fd;
};

}  // namespace

Wake wait_for(int key_fd, SignalWatch& signals, std::optional<std::chrono::nanoseconds> timeout) {
  // The deadline is a timerfd in the poll set rather than ppoll's timeout: Linux lets a poll
  // timeout run late by 0.1% of its length (the slack of a sleeping task: 1 ms on a second,
  // 60 ms on a minute's hold), a timerfd by the task's timer slack (50 us).
  Wake wake;
  std::optional<OneShot> timer;
  if (timeout) timer.emplace(*timeout);
  pollfd fds[3] = {{signals.fd(), POLLIN, 0}, {key_fd, POLLIN, 0}, {timer ? timer->fd() : -1, POLLIN, 0}};
  const nfds_t n = 3;  // poll skips a negative fd
  timespec ts{};
  const timespec* tsp = nullptr;
  if (timeout && timer->fd() < 0) {
    ts = OneShot::to_timespec(*timeout);
    tsp = &ts;
  }
  int rc = ::ppoll(fds, n, tsp, nullptr);
  wake.timed_out = timeout && (rc == 0 || (rc > 0 && (fds[2].revents & POLLIN)));
  wake.signals = signals.take();
  if (rc > 0 && key_fd >= 0 && (fds[1].revents & (POLLIN | POLLHUP | POLLERR))) {
    char buf[256];
    ssize_t got = ::read(key_fd, buf, sizeof buf);
    if (got > 0) {
      wake.keys = decode_keys(std::string_view(buf, static_cast<std::size_t>(got)));
    } else if (got == 0 || (errno != EINTR && errno != EAGAIN)) {
      wake.input_closed = true;
    }
  }
  return wake;
}

FullScreen::FullScreen() {
  if (::tcgetattr(STDIN_FILENO, &m_saved) != 0) throw Error("terminal", "stdin is not a terminal");
  enter();
}

FullScreen::~FullScreen() { leave(); }

void FullScreen::enter() {
  termios raw = m_saved;
  raw.c_lflag &= ~static_cast<tcflag_t>(ICANON | ECHO | IEXTEN);  // ISIG stays: Ctrl-C, Ctrl-Z
  raw.c_iflag &= ~static_cast<tcflag_t>(IXON | ICRNL);
  raw.c_cc[VMIN] = 1;
  raw.c_cc[VTIME] = 0;
  ::tcsetattr(STDIN_FILENO, TCSANOW, &raw);
  write_all(STDOUT_FILENO, "\x1b[?1049h\x1b[?25l\x1b[H\x1b[2J");
  m_active = true;
  invalidate();
}

void FullScreen::leave() {
  if (!m_active) return;
  write_all(STDOUT_FILENO, "\x1b[0m\x1b[?25h\x1b[?1049l");
  ::tcsetattr(STDIN_FILENO, TCSANOW, &m_saved);
  m_active = false;
}

void FullScreen::suspend() { leave(); }

void FullScreen::resume() {
  if (!m_active) enter();
}

void FullScreen::draw(const std::vector<std::string>& lines) {
  if (!m_active) return;
  std::string out;
  if (m_clear) out += "\x1b[0m\x1b[H\x1b[2J";
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (!m_clear && i < m_shown.size() && m_shown[i] == lines[i]) continue;
    out += fmt::format("\x1b[{};1H{}\x1b[0m\x1b[K", i + 1, lines[i]);
  }
  for (std::size_t i = lines.size(); !m_clear && i < m_shown.size(); ++i) out += fmt::format("\x1b[{};1H\x1b[K", i + 1);
  m_shown = lines;
  m_clear = false;
  if (!out.empty()) write_all(STDOUT_FILENO, out);
}

void FullScreen::bell() {
  if (m_active) write_all(STDOUT_FILENO, "\a");
}

int display_width(std::string_view text) { return static_cast<int>(psoas::text::display_width(text)); }

std::string fit(std::string_view text, int width, bool utf8) {
  if (width <= 0) return {};
  if (display_width(text) <= width) return std::string(text);
  std::string_view ellipsis = utf8 ? "…" : ".";
  std::string out;
  int w = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) != 0x80) {
      if (w + 1 > width - 1) break;
      ++w;
    }
    out += text[i];
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out + std::string(ellipsis);
}

std::vector<std::string> wrap(std::string_view text, int width) {
  std::vector<std::string> lines;
  const std::string wrapped = psoas::text::wrap(text, "", "", static_cast<std::size_t>(std::max(width, 1)));
  if (wrapped.empty()) return lines;
  std::size_t start = 0;
  for (;;) {
    const std::size_t nl = wrapped.find('\n', start);
    lines.push_back(fit(std::string_view(wrapped).substr(start, nl - start), width));  // a long word is cut
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  return lines;
}

}  // namespace psoas::cli
