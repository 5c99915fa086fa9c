#pragma once
// Running the user's hooks after a record is committed (core: psoas/hooks.hpp).

#include <optional>
#include <string>
#include <string_view>

#include "psoas/hooks.hpp"
#include "services.hpp"

namespace psoas::cli {

// Runs the hook for `event`, when there is one, with `json` on stdin, PSOAS_HOOK set to its
// name and PSOAS_HOOK_ACTION to `action` ("add", "edit", or "session" for a pain rating
// the timer took before or after a session); not when PSOAS_HOOK is set
// already (a psoas run by a hook). Call it only after the record is committed: whatever
// the hook does (fails, crashes, hangs past hook_timeout) is one warning on stderr, and the
// command's output and exit status stay as they are.
void run_hook(Services& services, hooks::Event event, const std::string& json, std::string_view action = "add");

// The same while a full screen is up: the hook's stdout and stderr go to /dev/null, and the
// warning comes back (for after the screen is gone) instead of being printed.
std::optional<std::string> run_hook_quietly(Services& services, hooks::Event event, const std::string& json);

}  // namespace psoas::cli
