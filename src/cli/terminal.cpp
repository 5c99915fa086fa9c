#include "terminal.hpp"

#include <unistd.h>

#include <cstdio>

namespace psoas::cli {

Terminal::Terminal(const Environment& env)
    : m_stdin_tty(::isatty(STDIN_FILENO) == 1), m_stdout_tty(::isatty(STDOUT_FILENO) == 1) {
  auto term = env.get("TERM");
  m_colour = m_stdout_tty && !env.get("NO_COLOR") && !(term && *term == "dumb");
}

void Terminal::warn(std::string_view message) const {
  fmt::print(stderr, "psoas: warning: {}\n", message);
}

}  // namespace psoas::cli
