// The help formatter (wrapped to the terminal's width), the one-line error printer, and the
// options and value checks every command spells the same way (--format and --json, a whole
// number, one of a few words).
#include "app.hpp"

#include <fmt/format.h>

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <utility>
#include <string>
#include <vector>

#include "psoas/content.hpp"
#include "psoas/text.hpp"

namespace psoas::cli {

namespace {

// "a, b or c".
std::string or_list(const std::vector<std::string>& words) {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) out += (i == 0 ? "" : i + 1 == words.size() ? " or " : ", ") + words[i];
  return out;
}

}  // namespace

std::string HelpFormatter::make_option_opts(const CLI::Option* opt) const {
  if (!opt->get_option_text().empty()) return " " + opt->get_option_text();
  std::string out;
  if (opt->get_type_size() != 0) {
    if (!opt->get_type_name().empty()) out += " " + get_label(opt->get_type_name());
    if (!opt->get_default_str().empty()) out += "=" + opt->get_default_str();
    if (opt->get_expected_max() == CLI::detail::expected_max_vector_size) out += " ...";
    if (opt->get_required()) out += " " + get_label("REQUIRED");
  }
  return out;
}

std::string HelpFormatter::make_help(const CLI::App* app, std::string name, CLI::AppFormatMode mode) const {
  std::string help = CLI::Formatter::make_help(app, std::move(name), mode);
  // One blank line between sections, also where the hidden group left out a section.
  for (std::size_t at = help.find("\n\n\n"); at != std::string::npos; at = help.find("\n\n\n", at)) help.erase(at, 1);
  return wrap_help(help, help_width(), get_column_width());
}

std::string HelpFormatter::make_group(std::string group, bool is_positional, std::vector<const CLI::Option*> opts) const {
  if (group == hidden_group) return {};
  return CLI::Formatter::make_group(std::move(group), is_positional, std::move(opts));
}

std::string HelpFormatter::make_subcommand(const CLI::App* sub) const {
  const std::string& description = sub->get_description();
  std::stringstream out;
  CLI::detail::format_help(out, sub->get_display_name(true), description.substr(0, description.find('\n')), get_column_width());
  return out.str();
}

CLI::Option* hide(CLI::Option* option) { return option->group(hidden_group); }

std::size_t help_width() {
  std::size_t width = 80;
  const char* columns = std::getenv("COLUMNS");
  struct winsize ws {};
  if (columns && *columns) {
    char* end = nullptr;
    const unsigned long n = std::strtoul(columns, &end, 10);
    if (end && *end == '\0' && n > 0) width = n;
  } else if (::isatty(STDOUT_FILENO) == 1 && ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) {
    width = ws.ws_col;
  }
  return std::clamp<std::size_t>(width, 40, 100);
}

namespace {

// Narrower than this beside the names, a description goes on the lines below them.
constexpr std::size_t min_description = 30;
// Where a description starts below its names.
constexpr std::string_view below = "      ";

// Whether `line` has a description in CLI11's second column: two spaces before it, one after
// an option's names (which CLI11 pads to the column), or only spaces.
bool has_description(std::string_view line, std::size_t column, std::size_t at) {
  return line.size() > column && column >= 2 && line[column - 1] == ' ' && line[column] != ' ' &&
         (line[column - 2] == ' ' || at == column || (at == 2 && line[2] == '-'));
}

// One line of help wrapped to `width` (see wrap_help).
std::string wrap_help_line(std::string_view line, std::size_t width, std::size_t column) {
  std::size_t at = line.find_first_not_of(' ');
  if (at == std::string_view::npos) return std::string(line);
  const bool described = has_description(line, column, at);
  if (described && width < column + min_description) {
    std::string out;
    if (at < column) {  // the names on their own line(s), the description below
      std::string_view names = line.substr(at, column - at);
      names = names.substr(0, names.find_last_not_of(' ') + 1);
      out = text::wrap(names, line.substr(0, at), std::string(at + 4, ' '), width) + "\n";
    }
    return out + text::wrap(line.substr(column), below, below, width);
  }
  if (text::display_width(line) <= width) return std::string(line);
  std::string indent(at == 0 ? 0 : at + 2, ' ');  // prose continues flush left
  if (described) {
    at = column;
    indent.assign(column, ' ');
  }
  return text::wrap(line.substr(at), line.substr(0, at), indent, width);
}

}  // namespace

std::string wrap_help(const std::string& help, std::size_t width, std::size_t column) {
  std::string out;
  std::size_t pos = 0;
  while (pos < help.size()) {
    std::size_t end = help.find('\n', pos);
    if (end == std::string::npos) end = help.size();
    out += wrap_help_line(std::string_view(help).substr(pos, end - pos), width, column);
    if (end < help.size()) out += '\n';
    pos = end + 1;
  }
  return out;
}

void print_error(std::string_view subject, std::string_view why, std::string_view hint) {
  std::string line = subject.empty() ? fmt::format("psoas: {}", why) : fmt::format("psoas: {}: {}", subject, why);
  if (!hint.empty()) line += fmt::format(" ({})", hint);
  // Keep it to one line whatever the message held, and never let text from a file or
  // an argument drive the terminal: other control characters are shown as \xNN.
  std::string out;
  out.reserve(line.size());
  for (char c : line) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '\n' || c == '\r' || c == '\t') {
      out += ' ';
    } else if (u < 0x20 || u == 0x7f) {
      out += fmt::format("\\x{:02x}", u);
    } else {
      out += c;
    }
  }
  fmt::print(stderr, "{}\n", out);
}

CLI::Validator non_empty() {
  return CLI::Validator([](std::string& value) { return value.empty() ? std::string("must not be empty") : std::string(); },
                        "");
}

CLI::Validator whole_number(long min, long max) {
  return CLI::Validator(
      [min, max](std::string& text) -> std::string {
        const bool digits = !text.empty() && text.size() <= 9 && text.find_first_not_of("0123456789") == std::string::npos;
        if (digits && std::stol(text) >= min && std::stol(text) <= max) return {};
        if (max >= 999'999'999) return fmt::format("expected a whole number of {} or more, not '{}'", min, text);
        return fmt::format("expected a whole number from {} to {}, not '{}'", min, max, text);
      },
      "");
}

CLI::Validator one_of(std::vector<std::string> choices) {
  return CLI::Validator(
      [choices](std::string& text) -> std::string {
        if (std::find(choices.begin(), choices.end(), text) != choices.end()) return {};
        std::string guess = text.empty() ? std::string() : closest_match(text, choices);
        if (!guess.empty() && guess[0] != text[0]) guess.clear();  // "pdf" is not a misspelt "md"
        std::string why = fmt::format("expected {}, not '{}'", or_list(choices), text);
        return guess.empty() ? why : fmt::format("{} (did you mean '{}'?)", why, guess);
      },
      "");
}

CLI::Validator existing_directory() {
  return CLI::Validator(
      [](std::string& path) -> std::string {
        std::error_code ec;
        if (std::filesystem::is_directory(path, ec)) return {};
        return std::filesystem::exists(path, ec) ? fmt::format("'{}' is not a directory", path)
                                                  : fmt::format("no directory '{}'", path);
      },
      "");
}

CLI::Option* add_format(CLI::App& cmd, std::string& format, const std::vector<std::string>& formats,
                        const std::string& names) {
  format = formats.front();
  std::string list;
  for (std::size_t i = 0; i < formats.size(); ++i) list += (i ? "," : "") + formats[i];
  CLI::Option* option = cmd.add_option(names, format, fmt::format("Output format (default {})", formats.front()))
                            ->type_name("{" + list + "}")
                            ->check(one_of(formats));
  if (std::find(formats.begin(), formats.end(), "json") != formats.end()) {
    cmd.add_flag_callback("--json", [&format] { format = "json"; }, "Same as --format json")->excludes(option);
  }
  return option;
}

CLI::Option* add_ids(CLI::App& cmd, bool& ids, const std::string& what) {
  CLI::Option* option = cmd.add_flag("--ids", ids, fmt::format("Print only the {} ids, one a line", what));
  if (CLI::Option* f = cmd.get_option_no_throw("--format")) option->excludes(f);
  if (CLI::Option* j = cmd.get_option_no_throw("--json")) option->excludes(j);
  return option;
}

}  // namespace psoas::cli
