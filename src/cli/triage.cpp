// psoas triage: the red-flag screen. Parse -> load the questions -> get the answers ->
// evaluate -> store in the journal -> render. Exit 0 self-care, 3 see a clinician, 4 emergency.
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "commands.hpp"
#include "hook.hpp"
#include "psoas/journal_io.hpp"
#include "psoas/error.hpp"
#include "triage_cli.hpp"

namespace psoas::cli {
namespace {

using triage_cli::Options;

int exit_status_for(triage::Level level) {
  switch (level) {
    case triage::Level::emergency: return 4;
    case triage::Level::see_clinician: return 3;
    case triage::Level::self_care: break;
  }
  return 0;
}

// Stores the completed triage; a journal that cannot take it is a warning, never a lost result.
// Returns the record as stored, or nothing when it was not.
std::optional<TriageRecord> store(Services& services, const triage::Outcome& outcome, const triage::Answers& answers) {
  TriageRecord record = triage::make_record(outcome, answers);
  record.at = services.clock().wall_now();
  record.utc_offset = services.zone().offset_at(record.at);
  try {
    return services.journal().add_triage(record, record.at);
  } catch (const Error& e) {
    services.terminal().warn(fmt::format("the result was not stored in the journal: {}", e.what()));
  } catch (const std::exception& e) {
    services.terminal().warn(fmt::format("the result was not stored in the journal: {}", e.what()));
  }
  return std::nullopt;
}

// The configured emergency number; a broken config.toml must not stop a triage.
std::string emergency_number(Services& services) {
  try {
    return services.config().emergency_number;
  } catch (const Error& e) {
    services.terminal().warn(fmt::format("{}: {} (using the default emergency number)", e.subject(), e.what()));
  }
  return Config{}.emergency_number;
}

void run(const Options& options, Services& services) {
  const auto& questions = services.content().questions;
  if (options.list || options.ids) {
    triage_cli::print_list(questions, options);
    return;
  }
  if (questions.empty()) throw DataError("triage", "no triage questions were loaded");
  const std::string number = emergency_number(services);

  // Answers: from flags or a file, else by asking.
  triage::Answers answers;
  bool disclaimer_shown = false;
  const bool interactive = !triage_cli::has_given_answers(options) &&
                           (options.ask || services.terminal().stdin_is_tty());
  if (!interactive) {
    answers = triage_cli::given_answers(options, questions);
    triage_cli::require_complete(questions, answers, services.terminal().stdin_is_tty());
  } else {
    std::FILE* out = options.json ? stderr : stdout;
    triage::Wording opening = triage::wording({}, services.content().wording, number);
    fmt::print(out, "{}\n\n", triage_cli::wrap(opening.disclaimer, "", ""));
    disclaimer_shown = !options.json;
    answers = triage_cli::ask(questions, std::cin, out, services.terminal());
  }

  // Outcome, stored, then shown.
  const triage::Outcome outcome = triage::evaluate(questions, services.content().advice, answers, services.content().triage);
  const triage::Wording wording = triage::wording(outcome, services.content().wording, number);
  const std::optional<TriageRecord> stored = store(services, outcome, answers);
  triage_cli::Result result{outcome, wording, answers, services.content(), number,
                            exit_status_for(outcome.level), stored.has_value()};
  if (options.json) {
    triage_cli::print_json(result);
  } else {
    Pager pager(services);
    triage_cli::print_text(result, services.terminal(), disclaimer_shown);
  }
  services.exit_status = result.exit_status;
  // After the result is shown: nobody waits on a hook to read an emergency outcome.
  if (stored) run_hook(services, hooks::Event::triage, triage_json(*stored));
}

}  // namespace

void add_triage(CLI::App& app, Services& services) {
  auto options = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("triage", "Red-flag screen: seek care now, see a clinician soon, or self-care");
  cmd->description(
      "Red-flag screen: seek care now, see a clinician soon, or self-care, and which routine to start.\n"
      "On a terminal it asks each question (y = yes, n = no, u = not sure, ? = explain); not sure counts as\n"
      "yes, and it stops as soon as an emergency sign is answered yes. Without a terminal, give every\n"
      "answer with --yes/--no/--unsure or --answers FILE. Each completed triage is stored in the journal.");
  cmd->add_option("--yes", options->yes, "Questions answered yes (comma-separated ids)")
      ->delimiter(',')
      ->type_name("QUESTION,...");
  cmd->add_option("--no", options->no, "Questions answered no")->delimiter(',')->type_name("QUESTION,...");
  cmd->add_option("--unsure", options->unsure, "Questions you are not sure about (count as yes)")
      ->delimiter(',')
      ->type_name("QUESTION,...");
  cmd->add_option("--answers", options->answers_file,
                  "Read answers from FILE: a JSON object or TOML, id = \"yes\"|\"no\"|\"unsure\"|true|false")
      ->type_name("FILE");
  cmd->add_flag("--ask", options->ask, "Ask the questions on stdin even when it is not a terminal");
  cmd->add_flag("--json", options->json, "Print the result (or --list) as JSON");
  cmd->add_flag("--list", options->list, "List the questions: id, group, urgency and text");
  cmd->add_flag("--ids", options->ids, "With --list: print the question ids only");
  cmd->footer(
      "Exit status: 0 self-care, 3 see a clinician, 4 emergency (seek care now); 1 on a failure and 2 on a\n"
      "usage error such as missing answers or an unknown question (nothing is stored then).\n"
      "psoas informs and points to care; it does not diagnose. In an emergency call your emergency number\n"
      "(config emergency_number, default 112; 911 in the US and Canada, 999 in the UK).");
  cmd->callback([options, &services] { run(*options, services); });
}

}  // namespace psoas::cli
