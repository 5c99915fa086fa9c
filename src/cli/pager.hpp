#pragma once
// The pager for long output on a terminal, as git does it: $PSOAS_PAGER, else $PAGER, else
// "less -FRX"; never with --no-pager or when stdout is not a terminal.

#include <string>

#include "psoas/paths.hpp"

namespace psoas::cli {

class Services;

// The pager's shell command for `env`; empty when there is none to run ("cat").
std::string pager_command(const Environment& env);

// While alive, stdout goes through the pager (when one applies): a command opens one just
// before it prints its long output. The destructor flushes, gives the pager end of file,
// waits for the user to leave it and puts stdout back.
class Pager {
 public:
  explicit Pager(Services& services);
  ~Pager();
  Pager(const Pager&) = delete;
  Pager& operator=(const Pager&) = delete;
  // Whether output is going through a pager.
  bool active() const { return m_pid > 0; }

 private:
  int m_saved_stdout = -1;
  int m_pid = -1;
};

}  // namespace psoas::cli
