// psoas routine run ID: the guided timer over a routine's phases.
#include <memory>

#include "app.hpp"
#include "commands.hpp"
#include "hook.hpp"
#include "psoas/journal_io.hpp"
#include "psoas/error.hpp"
#include "psoas/plan.hpp"
#include "timer_run.hpp"

namespace psoas::cli {
namespace {

struct RunOptions {
  std::string id;
  SoundOptions sound;
  RatingFlags ratings;
  bool wait = false;
};

void run_routine(Services& services, const RunOptions& o) {
  ConsoleSetup setup = setup_console(services, o.sound);
  if (o.wait && setup.display != Display::screen) {
    throw UsageError("--wait", "needs a terminal to read keys from", "run it in a terminal, or leave out --wait");
  }
  const Content& content = services.content();
  const Routine& routine = content.routine(o.id);
  Plan plan = plan_routine(routine, content, plan_settings_from(services.config()));
  RatingPlan ratings = plan_ratings(services, o.ratings, setup.display == Display::screen);
  RunSettings settings;
  settings.wait_each_step = o.wait;
  settings.content = &content;
  run_session(services, setup, plan, "routine", routine.id, ratings, settings);
}

}  // namespace

void add_routine_run(CLI::App& routine, Services& services) {
  auto o = std::make_shared<RunOptions>();
  auto* cmd = routine.add_subcommand("run", "Run a routine with the guided timer");
  cmd->add_option("routine", o->id, "Routine id (see 'psoas routine list')")->required()->type_name("ROUTINE");
  cmd->add_flag("--no-bell", o->sound.quiet, "No bell (and no voice unless --voice)");
  hide(cmd->add_flag("--quiet", o->sound.quiet, "Old name of --no-bell"));  // kept for one release
  cmd->add_flag("--voice", o->sound.voice, "Speak the cues (needs espeak-ng or spd-say)");
  cmd->add_flag("--wait", o->wait, "Wait for a key before each exercise (needs a terminal)");
  add_rating_flags(*cmd, o->ratings);
  cmd->footer(
      "On a terminal it asks \"Pain now, 0-10?\" before the first phase and after the last (also "
      "after q); Enter alone skips. Keys: space pause/resume, n next, p previous, q quit.\n"
      "Ctrl-C stops and stores the session, and asks nothing more.\n"
      "Not on a terminal: one line per phase; give the ratings with --pain-before and --pain-after.\n"
      "Examples:\n"
      "  psoas routine run desk-break\n"
      "  psoas routine run stretch --no-bell --wait\n"
      "  psoas routine run morning --pain-before 5 --pain-after 3");
  cmd->callback([o, &services] { run_routine(services, *o); });
}

}  // namespace psoas::cli
