#pragma once
// Each subcommand registers itself on the app; its callback runs after a successful parse.

#include <CLI/CLI.hpp>

#include <optional>
#include <string_view>
#include <vector>

#include "services.hpp"

namespace psoas::cli {

void add_triage(CLI::App& app, Services& services);
void add_routine(CLI::App& app, Services& services);
void add_timer(CLI::App& app, Services& services);
void add_log(CLI::App& app, Services& services);
void add_report(CLI::App& app, Services& services);
// `psoas today` (src/cli/today.cpp).
void add_today(CLI::App& app, Services& services);
// Where the user stands: `psoas today`, and `psoas` alone (the root's callback).
void run_today(Services& services, bool json);
// `psoas advice [ID]`: list the advice notes or show one (src/cli/advice.cpp).
void add_advice(CLI::App& app, Services& services);
// `psoas remind ...`: reminders as systemd user services (src/cli/remind*.cpp).
void add_remind(CLI::App& app, Services& services);
// `psoas undo [--list]` and `psoas redo`: the change log (src/cli/undo.cpp).
void add_undo(CLI::App& app, Services& services);
void add_redo(CLI::App& app, Services& services);

// `psoas sync [DIR]`: one journal across devices (src/cli/sync.cpp).
void add_sync(CLI::App& app, Services& services);
// After a command that wrote to the journal, when config sync_dir is set: a quiet sync; a
// failure is one warning on stderr and the local write stays.
void sync_after_write(Services& services);

// `psoas --paths [--json]`: where things are (src/cli/where.cpp).
void add_paths(CLI::App& app, Services& services);

// `psoas routine run ID`: registered by add_routine on its `routine` subcommand (src/cli/run.cpp).
void add_routine_run(CLI::App& routine, Services& services);

// Builds the command tree: the root's options and every subcommand, or with `only` just the
// one of that name ("" for none). Used by main, and by the completion and man-page checks.
void build_app(CLI::App& app, Services& services, std::optional<std::string_view> only = std::nullopt);

// The one top-level subcommand that `psoas ARGS` needs: the first word when it names a
// subcommand, "today" when no word names one (`psoas` alone), "" for a bare `--version`;
// nullopt when the whole tree must decide (help, completion, an unknown first word, a
// second word that names a subcommand).
std::optional<std::string_view> needed_command(int argc, char** argv);

// argv with the root's --journal, --content, --color (and their values) and --no-pager moved to the front, so
// they work after a subcommand without any other option falling through; `--` ends it.
std::vector<std::string> hoist_globals(int argc, char** argv);

}  // namespace psoas::cli
