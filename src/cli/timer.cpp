// psoas timer: a guided countdown (holds, sides, rounds, rest), or desk-break reminders.
#include <fmt/format.h>

#include <memory>

#include "app.hpp"
#include "commands.hpp"
#include "hook.hpp"
#include "psoas/journal_io.hpp"
#include "psoas/error.hpp"
#include "psoas/plan.hpp"
#include "psoas/when.hpp"
#include "timer_every.hpp"
#include "timer_status.hpp"
#include "timer_run.hpp"

namespace psoas::cli {
namespace {

struct TimerOptions {
  std::string duration;
  bool sides = false;
  int reps = 1;
  std::string rest;
  std::string label = "Timer";
  SoundOptions sound;
  std::string every;
  std::string for_;
  RatingFlags ratings;
  bool status = false;
  std::string format;  // with --status: text or json
};

// Parses a duration flag, naming the flag in the error.
std::chrono::seconds duration_option(std::string_view flag, const std::string& text) {
  try {
    return when::parse_duration(text);
  } catch (const UsageError& e) {
    throw UsageError(std::string(flag), e.what(), "e.g. 45s, 2m or 1h30m");
  }
}

void run_countdown(Services& services, const TimerOptions& o, bool rest_given) {
  TimerArgs args;
  args.duration = duration_option("timer", o.duration);
  args.sides = o.sides;
  args.reps = o.reps;
  if (rest_given) args.rest = duration_option("--rest", o.rest);
  args.label = o.label;
  if (args.label.empty()) throw UsageError("--label", "must not be empty");
  Plan plan = plan_timer(args, plan_settings_from(services.config()));
  ConsoleSetup setup = setup_console(services, o.sound);
  RatingPlan ratings = plan_ratings(services, o.ratings, setup.display == Display::screen);
  run_session(services, setup, plan, "timer", args.label, ratings);
}

// What `psoas timer` was asked for: a status line, reminders or a countdown.
void run_timer(const CLI::App& cmd, Services& services, const TimerOptions& o) {
  const bool every = cmd.count("--every") > 0;
  const bool for_ = cmd.count("--for") > 0;
  if (o.status) {
    if (!o.duration.empty() || every || for_ || given_rating_flag(cmd)) {
      throw UsageError("--status", "shows a timer that already runs; give it alone (or with --json)");
    }
    services.exit_status = print_status(services, o.format == "json");
    return;
  }
  if (cmd.count("--json") > 0) throw UsageError("--json", "only goes with --status");
  if (cmd.count("--format") > 0) throw UsageError("--format", "only goes with --status");
  if (every) {
    if (!o.duration.empty()) throw UsageError("timer", "give a DURATION or --every, not both");
    if (o.sides || o.reps != 1 || cmd.count("--rest") > 0 || cmd.count("--label") > 0) {
      throw UsageError("--every", "--sides, --reps, --rest and --label are for a countdown, not for reminders");
    }
    if (auto flag = given_rating_flag(cmd)) {
      throw UsageError(*flag, "goes with a countdown or a routine, not with --every",
                       "desk-break reminders ask no pain rating");
    }
    EveryOptions e;
    e.every = o.every.empty() ? services.config().break_every : duration_option("--every", o.every);
    if (for_) e.for_ = duration_option("--for", o.for_);
    e.sound = o.sound;
    run_every(services, e);
    return;
  }
  if (for_) throw UsageError("--for", "only goes with --every");
  if (o.duration.empty()) {
    throw UsageError("timer", "give a DURATION such as 45s, 2m or 1h30m", "or --every 55m for desk-break reminders");
  }
  run_countdown(services, o, cmd.count("--rest") > 0);
}

}  // namespace

void add_timer(CLI::App& app, Services& services) {
  auto o = std::make_shared<TimerOptions>();
  auto* cmd = app.add_subcommand("timer", "Guided countdown for holds, sides, reps and rest; desk-break reminders");
  cmd->add_option("duration", o->duration, "How long to hold: 45s, 2m, 1h30m")->type_name("DURATION");
  cmd->add_flag("--sides", o->sides, "Hold the left side, switch, then the right side");
  cmd->add_option("--reps", o->reps, "Do it N times")->check(whole_number(1, 1000))->type_name("N");
  cmd->add_option("--rest", o->rest, "Rest between the rounds (default none)")->type_name("DURATION");
  cmd->add_option("--label", o->label, "What to call it on screen and in the journal")->type_name("TEXT");
  cmd->add_flag("--no-bell", o->sound.quiet, "No bell (and no voice unless --voice)");
  hide(cmd->add_flag("--quiet", o->sound.quiet, "Old name of --no-bell"));  // kept for one release
  cmd->add_flag("--voice", o->sound.voice, "Speak the cues (needs espeak-ng or spd-say)");
  cmd->add_option("--every", o->every, "Desk-break reminders at this interval (default: break_every in config.toml, else 55m)")
      ->type_name("DURATION")
      ->expected(0, 1);
  cmd->add_option("--for", o->for_, "With --every: stop reminding after this long")->type_name("DURATION");
  add_rating_flags(*cmd, o->ratings);
  cmd->add_flag("--status", o->status,
                "Print the running timer's phase and time left (for a status bar); exit 1 when none runs");
  add_format(*cmd, o->format, {"text", "json"})->description("With --status: text (default) or json");
  cmd->footer(
      "On a terminal it asks \"Pain now, 0-10?\" before the first phase and after the last (also "
      "after q); Enter alone skips. Keys: space pause/resume, n next, p previous, q quit.\n"
      "Ctrl-C stops and stores the session, and asks nothing more.\n"
      "At a desk break (--every): d or Enter starts the desk-break routine, "
      "s skips the break, z snoozes it (config snooze, default 5m); each is stored.\n"
      "Not on a terminal: one line per phase; rate it with --pain-before and --pain-after.\n"
      "Examples:\n"
      "  psoas timer 45s --sides --reps 3 --rest 15s\n"
      "  psoas timer 2m --label \"supported bridge\"\n"
      "  psoas timer 2m --pain-before 6 --pain-after 4\n"
      "  psoas timer --every 55m --for 8h\n"
      "  psoas timer --status      (from another shell: \"hold left 00:32 Couch stretch\")");
  cmd->callback([o, &services, cmd] { run_timer(*cmd, services, *o); });
}

}  // namespace psoas::cli
