#pragma once
// Shell completion computed from the CLI11 parser itself, so the completions can never
// fall behind it. The shell scripts in completions/ call `psoas __complete WORDS...`.

#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <vector>

#include "psoas/complete.hpp"

namespace psoas::cli {

using Candidate = psoas::complete::Candidate;
using ValueKind = psoas::complete::ValueKind;

// Dynamic value lists by kind (routine, question, exercise, advice): called only when needed.
using ValueSource = std::function<std::vector<Candidate>(ValueKind kind)>;

// The candidates for the last of `words` (the words after "psoas"; the last may be empty),
// filtered by its prefix (psoas::complete::matching). A single candidate "<files>" asks the
// shell for file names.
std::vector<Candidate> complete(const CLI::App& app, const std::vector<std::string>& words,
                                const ValueSource& values);

class Services;
// `psoas __complete WORDS...`: prints one candidate a line, "word<TAB>description" with the
// description one short line (psoas::complete::lines); bash shows the words, zsh and fish both.
// main calls it before parsing, so the partial command line is never validated.
int run_complete(const CLI::App& app, Services& services, std::vector<std::string> words);

}  // namespace psoas::cli
