// psoas timer: not built yet (see the project's issues).
#include "commands.hpp"
#include "psoas/error.hpp"

namespace psoas::cli {

void add_timer(CLI::App& app, Services& /*services*/) {
  auto* cmd = app.add_subcommand("timer", "Guided countdown for holds, sides, reps and rest; desk-break reminders");
  cmd->callback([] { throw Error("timer", "not built yet in this version of psoas"); });
}

}  // namespace psoas::cli
