#pragma once
// Each subcommand registers itself on the app; its callback runs after a successful parse.

#include <CLI/CLI.hpp>

#include "services.hpp"

namespace psoas::cli {

void add_triage(CLI::App& app, Services& services);
void add_routine(CLI::App& app, Services& services);
void add_timer(CLI::App& app, Services& services);
void add_log(CLI::App& app, Services& services);
void add_report(CLI::App& app, Services& services);
void add_remind(CLI::App& app, Services& services);

// `psoas --paths [--json]`: where things are (src/cli/where.cpp).
void add_paths(CLI::App& app, Services& services);

// `psoas routine run ID`: registered by add_routine on its `routine` subcommand (src/cli/run.cpp).
void add_routine_run(CLI::App& routine, Services& services);

// Builds the whole command tree (used by main, and by the completion and man-page checks).
void build_app(CLI::App& app, Services& services);

}  // namespace psoas::cli
