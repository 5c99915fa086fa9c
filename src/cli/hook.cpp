#include "hook.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "psoas/error.hpp"

namespace psoas::cli {

namespace {

// config.toml's hook_timeout; a broken config.toml must not keep a hook from running.
std::chrono::milliseconds time_limit(Services& services) {
  try {
    return services.config().hook_timeout;
  } catch (const Error& e) {
    services.terminal().warn(fmt::format("{}: {} (hooks get the default time limit)", e.subject(), e.what()));
  }
  return hooks::default_limit;
}

// Runs the hook (when there is one) and returns the warning line's text, if any.
std::optional<std::string> run(Services& services, hooks::Event event, const std::string& json,
                               std::string_view action, bool quiet) {
  // A psoas started by a hook runs no hooks: an on-log hook that runs `psoas log` would
  // otherwise start itself again and again, each in a process group of its own.
  if (services.env().get("PSOAS_HOOK")) return std::nullopt;
  const std::filesystem::path& dir = services.paths().hooks_dir;
  std::error_code ec;
  if (!std::filesystem::exists(dir / hooks::hook_name(event), ec)) return std::nullopt;  // the usual case
  hooks::RunOptions options;
  options.limit = time_limit(services);
  options.env["PSOAS_HOOK"] = std::string(hooks::hook_name(event));
  options.env["PSOAS_HOOK_ACTION"] = std::string(action);
  // The hook's stdout goes to our stderr: stdout carries what scripts read from psoas
  // (the new entry's id), and what the hook prints is still there for the person to see.
  options.stdout_fd = quiet ? -1 : STDERR_FILENO;
  options.stderr_fd = quiet ? -1 : STDERR_FILENO;
  std::fflush(stdout);  // what we printed comes before anything the hook prints
  std::fflush(stderr);
  if (auto why = hooks::run_hook(dir, event, json, options)) {
    return fmt::format("hook {}: {}", hooks::hook_name(event), *why);
  }
  return std::nullopt;
}

}  // namespace

void run_hook(Services& services, hooks::Event event, const std::string& json, std::string_view action) {
  if (auto warning = run(services, event, json, action, false)) services.terminal().warn(*warning);
}

std::optional<std::string> run_hook_quietly(Services& services, hooks::Event event, const std::string& json) {
  return run(services, event, json, "add", true);
}

}  // namespace psoas::cli
