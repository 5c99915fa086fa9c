// psoas log: not built yet (see the project's issues).
#include "commands.hpp"
#include "psoas/error.hpp"

namespace psoas::cli {

void add_log(CLI::App& app, Services& /*services*/) {
  auto* cmd = app.add_subcommand("log", "The pain journal: add, list, edit, remove, export and import entries");
  cmd->callback([] { throw Error("log", "not built yet in this version of psoas"); });
}

}  // namespace psoas::cli
