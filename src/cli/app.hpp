#pragma once
// Error reporting, the value checks and the help formatter (wrapped to the terminal), shared by
// main and the subcommands (parse_errors.cpp: report_parse_error and the unknown words; app.cpp: the rest).

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
  // A group of options as CLI11 shows it; nothing for the hidden group (see hide()).
  std::string make_group(std::string group, bool is_positional, std::vector<const CLI::Option*> opts) const override;
  // A subcommand's line in its parent's list: the first line of its description only.
  std::string make_subcommand(const CLI::App* sub) const override;
};

// The group of options that help and completion leave out: old spellings kept for scripts
// (report --from, timer --quiet) and the root's --json. Unlike CLI11's group "", their
// names still show in error messages.
inline constexpr const char* hidden_group = "Hidden";

// `option` moved to hidden_group; returns it.
CLI::Option* hide(CLI::Option* option);

// The help's width: $COLUMNS when set, else the terminal's width when stdout is one, else
// 80; never more than 100 (nor less than 40).
std::size_t help_width();

// `help` with each line wider than `width` wrapped at spaces: a line with a description at
// `column` continues there, any indented one under its own indent plus two. When fewer than
// 30 columns are left beside `column`, every description goes below its names, indented 6.
// A word is never split: one longer than the line runs past `width` on a line of its own.
std::string wrap_help(const std::string& help, std::size_t width, std::size_t column);

// "psoas: <subject>: <why> (<hint>)" on stderr, one line.
void print_error(std::string_view subject, std::string_view why, std::string_view hint);

// Prints a CLI11 parse error in psoas's words, one line with a hint, and returns the exit
// status: 0 for --help/--version (printed on stdout), 2 for every usage error (and for
// --help after a word that names no command).
int report_parse_error(CLI::App& app, const CLI::ParseError& e, int argc, char** argv);

// The subcommand of `names` that `word` was probably meant to be: a common synonym ("ls"
// for list, "delete" for rm, "add" for log) or the closest spelling; empty for none.
std::string suggest_command(const std::string& word, const std::vector<std::string>& names);

// "<path>: unknown command '<word>' (did you mean '<guess>'?)" for a word that names none of
// `parent`'s subcommands.
UsageError unknown_command(CLI::App& parent, const std::string& path, const std::string& word);

// A check for options whose value must not be empty (--journal '', --output '').
CLI::Validator non_empty();

// A check for a whole number from `min` to `max`: "expected a whole number from 1 to 520, not '0'".
CLI::Validator whole_number(long min, long max);

// A check for one of `choices`: "expected auto, always or never, not 'x'", with "did you mean".
CLI::Validator one_of(std::vector<std::string> choices);

// A check for an existing directory: "no directory 'x'".
CLI::Validator existing_directory();

// `--format` (`names`) taking one of `formats`, the first the default, and `--json`, its short
// form (when json is one of them), on `cmd`; both set `format`, and exclude each other.
CLI::Option* add_format(CLI::App& cmd, std::string& format, const std::vector<std::string>& formats,
                        const std::string& names = "--format");

// `--ids` on a command that lists things: "Print only the <what> ids, one a line"; it
// excludes --format and --json (add those first).
CLI::Option* add_ids(CLI::App& cmd, bool& ids, const std::string& what);

// Throws UsageError when a command that has both a positional and subcommands (log's PAIN)
// received a word next to its subcommand: `psoas log list extra`.
void reject_stray_words(const CLI::App& app);

}  // namespace psoas::cli
