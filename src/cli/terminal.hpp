#pragma once
// The terminal: whether stdin/stdout are TTYs, whether to use colour, warnings.
// (The timer adds raw keys and signal handling here.)

#include <fmt/color.h>
#include <fmt/format.h>

#include <string>
#include <string_view>

#include "psoas/paths.hpp"

namespace psoas::cli {

class Terminal {
 public:
  // Looks at the real file descriptors and NO_COLOR / TERM in `env`.
  explicit Terminal(const Environment& env);
  // For tests: fixed answers.
  Terminal(bool stdin_tty, bool stdout_tty, bool colour)
      : m_stdin_tty(stdin_tty), m_stdout_tty(stdout_tty), m_colour(colour) {}

  bool stdin_is_tty() const { return m_stdin_tty; }
  bool stdout_is_tty() const { return m_stdout_tty; }
  // Colour only on a TTY, never with NO_COLOR or TERM=dumb.
  bool colour() const { return m_colour; }
  // `style` when colour is on, else no style at all.
  fmt::text_style style(fmt::text_style s) const { return m_colour ? s : fmt::text_style{}; }
  // "psoas: warning: <message>" on stderr.
  void warn(std::string_view message) const;

 private:
  bool m_stdin_tty = false;
  bool m_stdout_tty = false;
  bool m_colour = false;
};

}  // namespace psoas::cli
