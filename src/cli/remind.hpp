#pragma once
// `psoas remind`: what install/status/remove (remind.cpp) and the commands the units run
// (remind_run.cpp: breaks, log-prompt, weekly) share.

#include <CLI/CLI.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "psoas/process.hpp"
#include "psoas/remind.hpp"
#include "services.hpp"

namespace psoas::cli {

// The reminder settings from config.toml, with the desk-break routine's length.
remind::Settings remind_settings(Services& services);
// The same from a config not yet saved (install's).
remind::Settings remind_settings(Services& services, const Config& config);

// Runs argv (PATH from the environment psoas was given) with a time limit.
process::Result run_program(const std::vector<std::string>& argv, std::chrono::milliseconds limit = std::chrono::seconds{10});

// Where a program is on PATH, if anywhere.
std::optional<std::filesystem::path> find_on_path(Services& services, std::string_view name);

// The running binary's absolute path (what the units and crontab lines run).
std::filesystem::path own_binary();

// $XDG_CONFIG_HOME/systemd/user.
std::filesystem::path unit_dir(Services& services);

// The desk-break scheduler's state file in the runtime directory.
std::filesystem::path break_state_file(Services& services);

// $XDG_CONFIG_HOME/psoas/remind-installed: what install wrote.
std::filesystem::path manifest_file(Services& services);

// `systemctl --user ARGS...`.
process::Result systemctl(std::vector<std::string> args);

// Why there is no user manager to talk to (in words for the user), or nothing when there is one.
std::optional<std::string> no_user_manager(Services& services);

// `psoas remind status [--json]` and `psoas remind remove` (remind_status.cpp).
void remind_status(bool as_json, Services& services);
void remind_remove(Services& services);

// Registers `breaks`, `log-prompt` and `weekly` on the `remind` subcommand.
void add_remind_run(CLI::App& remind, Services& services);

}  // namespace psoas::cli
