// psoas routine run: not built yet (see the project's issues).
#include "commands.hpp"
#include "psoas/error.hpp"

namespace psoas::cli {

void add_routine_run(CLI::App& routine, Services& /*services*/) {
  auto* cmd = routine.add_subcommand("run", "Run a routine with the guided timer");
  cmd->callback([] { throw Error("routine run", "not built yet in this version of psoas"); });
}

}  // namespace psoas::cli
