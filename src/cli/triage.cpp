// psoas triage: not built yet (see the project's issues).
#include "commands.hpp"
#include "psoas/error.hpp"

namespace psoas::cli {

void add_triage(CLI::App& app, Services& /*services*/) {
  auto* cmd = app.add_subcommand("triage", "Red-flag screen: seek care now, see a clinician soon, or self-care");
  cmd->callback([] { throw Error("triage", "not built yet in this version of psoas"); });
}

}  // namespace psoas::cli
