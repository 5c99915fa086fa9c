#pragma once
// The terminal: whether stdin/stdout are TTYs, whether to use colour, warnings; and for
// full-screen commands (the timer): raw keys, signals through a self-pipe, screen drawing.

#include <fmt/color.h>
#include <fmt/format.h>
#include <termios.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "psoas/paths.hpp"

namespace psoas::cli {

// --color: auto (decide from the terminal and environment), always or never.
enum class ColorMode { automatic, always, never };

// Whether to colour: always/never as told; automatic: never with NO_COLOR, else always with
// CLICOLOR_FORCE (not "0"), else on a terminal whose TERM is not "dumb".
bool want_colour(ColorMode mode, bool stdout_tty, const Environment& env);

class Terminal {
 public:
  // Looks at the real file descriptors and NO_COLOR / CLICOLOR_FORCE / TERM in `env`.
  explicit Terminal(const Environment& env);
  // For tests: fixed answers.
  Terminal(bool stdin_tty, bool stdout_tty, bool colour)
      : m_stdin_tty(stdin_tty), m_stdout_tty(stdout_tty), m_colour(colour) {}

  bool stdin_is_tty() const { return m_stdin_tty; }
  bool stdout_is_tty() const { return m_stdout_tty; }
  bool stderr_is_tty() const { return m_stderr_tty; }
  // Decides colour again for --color=MODE.
  void set_colour(ColorMode mode, const Environment& env) { m_colour = want_colour(mode, m_stdout_tty, env); }
  // Whether to colour what goes to stdout (see want_colour).
  bool colour() const { return m_colour; }
  // `style` when colour is on, else no style at all.
  fmt::text_style style(fmt::text_style s) const { return m_colour ? s : fmt::text_style{}; }
  // "psoas: warning: <message>" on stderr.
  void warn(std::string_view message) const;

 private:
  bool m_stdin_tty = false;
  bool m_stdout_tty = false;
  bool m_stderr_tty = false;
  bool m_colour = false;
};

// Whether the environment's locale (LC_ALL, LC_CTYPE, LANG) is UTF-8.
bool utf8_locale(const Environment& env);

// Columns and rows of the terminal on stdout (80x24 when it cannot tell).
struct TermSize {
  int cols = 80;
  int rows = 24;
};
TermSize terminal_size();

// Writes all of `text` to `fd` (retrying short writes and EINTR); false on failure.
bool write_all(int fd, std::string_view text);

// Catches SIGINT, SIGTERM, SIGHUP, SIGWINCH and SIGTSTP while alive and reports them through
// a self-pipe, so a wait can wake on them; the previous handlers come back in the destructor.
// Only one may exist at a time.
class SignalWatch {
 public:
  SignalWatch();
  ~SignalWatch();
  SignalWatch(const SignalWatch&) = delete;
  SignalWatch& operator=(const SignalWatch&) = delete;
  // The read end of the self-pipe.
  int fd() const { return m_pipe[0]; }
  // The signals received since the last call, oldest first (drains the pipe).
  std::vector<int> take();
  // Stops this process the way Ctrl-Z would (default SIGTSTP action); returns once continued.
  void stop_self();

 private:
  int m_pipe[2] = {-1, -1};
};

// A key press, decoded from the bytes a terminal sends.
struct Key {
  enum class Kind { character, enter, escape, left, right, up, down, other };
  Kind kind = Kind::other;
  char ch = 0;  // for Kind::character
  bool is(char c) const { return kind == Kind::character && ch == c; }
};
// Splits raw input into keys (arrow keys arrive as escape sequences).
std::vector<Key> decode_keys(std::string_view bytes);

// What ended a wait.
struct Wake {
  std::vector<Key> keys;
  std::vector<int> signals;
  bool input_closed = false;  // the key descriptor reached end of file or failed
  bool timed_out = false;     // the timeout passed
};

// Waits for keys on `key_fd` (-1: none), a signal, or `timeout` (nullopt: no limit), and
// wakes within the task's timer slack (50 us by default) after the timeout.
Wake wait_for(int key_fd, SignalWatch& signals, std::optional<std::chrono::nanoseconds> timeout);

// The terminal in full-screen mode while alive: no echo, no line buffering (signal keys still
// work), the alternate screen, the cursor hidden. The destructor restores all of it, so every
// way out (return, exception, a signal turned into a return) leaves the terminal as it was.
class FullScreen {
 public:
  // Throws Error when stdin is not a terminal.
  FullScreen();
  ~FullScreen();
  FullScreen(const FullScreen&) = delete;
  FullScreen& operator=(const FullScreen&) = delete;
  // Gives the terminal back for a while (before Ctrl-Z stops the process) ...
  void suspend();
  // ... and takes it again (the next draw repaints everything).
  void resume();
  // Draws `lines` (already fitted to the width), writing only the lines that changed.
  void draw(const std::vector<std::string>& lines);
  // Forgets what is on screen, so the next draw repaints all (after a resize).
  void invalidate() { m_shown.clear(); m_clear = true; }
  // Rings the terminal bell.
  void bell();

 private:
  void enter();
  void leave();
  bool m_active = false;
  bool m_clear = true;
  std::vector<std::string> m_shown;
  termios m_saved{};
};

// Columns `text` takes (UTF-8 code points; escape sequences count as nothing).
int display_width(std::string_view text);
// `text` cut to `width` columns, ending in "…" (or "...") when it was cut.
std::string fit(std::string_view text, int width, bool utf8 = true);
// `text` broken into lines of at most `width` columns at spaces.
std::vector<std::string> wrap(std::string_view text, int width);

}  // namespace psoas::cli
