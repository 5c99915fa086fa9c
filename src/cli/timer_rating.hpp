#pragma once
// The pain ratings of a guided session (`psoas timer`, `psoas routine run`): the flags
// --pain-before, --pain-after and --no-ask, checked before anything is stored; the question
// "Pain now, 0-10?" on a terminal before the first phase and after the last; each rating
// stored as an ordinary journal entry linked to its session, then told to the on-log hook
// with PSOAS_HOOK_ACTION=session. The rules for what was typed live in psoas/rating.hpp.

#include <CLI/CLI.hpp>

#include <optional>
#include <string>

#include "psoas/entry.hpp"
#include "services.hpp"

namespace psoas::cli {

// The rating flags as typed.
struct RatingFlags {
  std::optional<std::string> before;  // --pain-before N
  std::optional<std::string> after;   // --pain-after N
  bool no_ask = false;  // --no-ask
};

// Adds --pain-before, --pain-after and --no-ask to `cmd`.
void add_rating_flags(CLI::App& cmd, RatingFlags& flags);

// The first of the rating flags given on `cmd` ("--pain-before", ...), or nothing.
std::optional<std::string> given_rating_flag(const CLI::App& cmd);

// How the two ratings of one session are taken, worked out before anything is stored.
struct RatingPlan {
  std::optional<int> before;  // --pain-before
  std::optional<int> after;   // --pain-after
  bool ask = false;           // on a terminal: ask for each rating not given by a flag
};

// Reads the flags (UsageError, exit 2, for a value that is not a whole number 0-10) and
// config.toml's ask_pain (a bad value is a warning and the default), which counts only
// `on_terminal` and without --no-ask.
RatingPlan plan_ratings(Services& services, const RatingFlags& flags, bool on_terminal);

// How taking one rating went.
struct Taken {
  bool asked = false;   // the question was shown
  bool stored = false;  // a rating was stored (and the on-log hook run)
  int stop_signal = 0;  // Ctrl-C (SIGINT), SIGTERM or SIGHUP at the question: nothing stored
};

// Takes the rating for `role` as `plan` says (the flag's value, else the answer to the
// question when asking) and stores it for the session `session_uuid`, at now or
// `not_before`, whichever is later; then runs the on-log hook.
Taken take_rating(Services& services, const RatingPlan& plan, SessionRole role, const std::string& session_uuid,
                  Instant not_before = {});

}  // namespace psoas::cli
