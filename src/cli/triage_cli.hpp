#pragma once
// psoas triage, split in three: the command and its story (triage.cpp), getting the
// answers (triage_ask.cpp), and showing the questions and the result (triage_render.cpp).

#include <cstdio>
#include <istream>
#include <string>
#include <vector>

#include "psoas/triage.hpp"
#include "terminal.hpp"

namespace psoas::cli::triage_cli {

// Everything `psoas triage` takes on the command line.
struct Options {
  std::vector<std::string> yes;
  std::vector<std::string> no;
  std::vector<std::string> unsure;
  std::string answers_file;
  bool ask = false;    // ask on stdin even when it is not a terminal
  bool json = false;
  bool list = false;
  bool ids = false;    // with --list: ids only
};

// True when the answers come from flags or a file rather than questions.
bool has_given_answers(const Options& options);

// The answers from --answers FILE, then --yes/--no/--unsure (flags win over the file).
// Throws UsageError for an unknown id (with "did you mean") or one id given two answers,
// DataError for an unreadable or malformed file.
triage::Answers given_answers(const Options& options, const std::vector<TriageQuestion>& questions);

// Throws UsageError listing the missing ids, unless there are none.
void require_complete(const std::vector<TriageQuestion>& questions, const triage::Answers& answers,
                      bool stdin_is_tty);

// Asks each remaining question on `in`/`out` until done or an emergency is answered yes.
// Throws Error (exit 1) when the input ends first.
triage::Answers ask(const std::vector<TriageQuestion>& questions, std::istream& in, std::FILE* out,
                    const Terminal& terminal);

// `--list`: the questions as text, ids only, or JSON.
void print_list(const std::vector<TriageQuestion>& questions, const Options& options);

// Everything the result shows.
struct Result {
  const triage::Outcome& outcome;
  const triage::Wording& wording;
  const triage::Answers& answers;
  const Content& content;
  std::string emergency_number;
  int exit_status = 0;
  bool stored = false;
};

// The result as text; `disclaimer_shown` skips the opening disclaimer already printed.
void print_text(const Result& result, const Terminal& terminal, bool disclaimer_shown);
// The result as one JSON object.
void print_json(const Result& result);

// Wraps `text` to `width` columns, each line starting with `indent` (the first with `first`).
std::string wrap(std::string_view text, std::string_view first, std::string_view indent, std::size_t width = 78);

}  // namespace psoas::cli::triage_cli
