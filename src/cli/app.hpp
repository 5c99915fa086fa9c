#pragma once
// Error reporting and the help formatter (wrapped to the terminal), shared by main and the subcommands.

#include <CLI/CLI.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "psoas/error.hpp"

namespace psoas::cli {

// CLI11's help without its "Excludes:" and "Needs:" notes (each command's text says what
// goes together, and a wrong combination is a one-line error anyway), wrapped at spaces to
// help_width() columns (descriptions continue under their column).
class HelpFormatter : public CLI::Formatter {
 public:
  // The option's value name, default and "..." after its flags, as CLI11 shows them.
  std::string make_option_opts(const CLI::Option* opt) const override;
  // CLI11's help for `app`, each line too wide wrapped at spaces without breaking a word.
  std::string make_help(const CLI::App* app, std::string name, CLI::AppFormatMode mode) const override;
};

// The help's width: $COLUMNS when set, else the terminal's width when stdout is one, else
// 80; never more than 100 (nor less than 40).
std::size_t help_width();

// `help` with each line wider than `width` wrapped at spaces: a line with a description at
// `column` continues there, any indented one under its own indent plus two.
std::string wrap_help(const std::string& help, std::size_t width, std::size_t column);

// "psoas: <subject>: <why> (<hint>)" on stderr, one line.
void print_error(std::string_view subject, std::string_view why, std::string_view hint);

// Prints a CLI11 parse error as one line with a hint and returns the exit status:
// 0 for --help/--version (printed on stdout), 2 for every usage error.
int report_parse_error(CLI::App& app, const CLI::ParseError& e, int argc, char** argv);

// The subcommand of `names` that `word` was probably meant to be: a common synonym ("ls"
// for list, "delete" for rm, "add" for log) or the closest spelling; empty for none.
std::string suggest_command(const std::string& word, const std::vector<std::string>& names);

// "<path>: unknown command '<word>' (did you mean '<guess>'?)" for a word that names none of
// `parent`'s subcommands.
UsageError unknown_command(CLI::App& parent, const std::string& path, const std::string& word);

// A check for options whose value must not be empty (--journal '', --output '').
CLI::Validator non_empty();

// Throws UsageError when a command that has both a positional and subcommands (log's PAIN)
// received a word next to its subcommand: `psoas log list extra`.
void reject_stray_words(const CLI::App& app);

}  // namespace psoas::cli
