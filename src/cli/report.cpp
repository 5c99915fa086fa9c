// psoas report: not built yet (see the project's issues).
#include "commands.hpp"
#include "psoas/error.hpp"

namespace psoas::cli {

void add_report(CLI::App& app, Services& /*services*/) {
  auto* cmd = app.add_subcommand("report", "Weekly (or any range) summary: trend, adherence, what helps, warnings");
  cmd->callback([] { throw Error("report", "not built yet in this version of psoas"); });
}

}  // namespace psoas::cli
