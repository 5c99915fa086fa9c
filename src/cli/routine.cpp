// psoas routine: not built yet.
#include "commands.hpp"
#include "psoas/error.hpp"

namespace psoas::cli {

void add_routine(CLI::App& app, Services& /*services*/) {
  auto* cmd = app.add_subcommand("routine", "List, show, check and run the stretch, strength, massage and habit routines");
  cmd->callback([] { throw Error("routine", "not built yet in this version of psoas"); });
}

}  // namespace psoas::cli
