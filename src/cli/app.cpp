#include "app.hpp"

#include <fmt/format.h>

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <utility>
#include <string>
#include <vector>

#include "psoas/content.hpp"
#include "psoas/error.hpp"
#include "psoas/text.hpp"

namespace psoas::cli {

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
  return wrap_help(CLI::Formatter::make_help(app, std::move(name), mode), help_width(), get_column_width());
}

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

// One line of help wrapped to `width` (see wrap_help).
std::string wrap_help_line(std::string_view line, std::size_t width, std::size_t column) {
  if (text::display_width(line) <= width) return std::string(line);
  std::size_t at = line.find_first_not_of(' ');
  if (at == std::string_view::npos) return std::string(line);
  std::string indent(at == 0 ? 0 : at + 2, ' ');  // prose continues flush left
  // A description in CLI11's second column: two spaces before it, or only spaces.
  if (line.size() > column && column >= 2 && line[column - 1] == ' ' && line[column] != ' ' &&
      (line[column - 2] == ' ' || at == column)) {
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

namespace {

// The deepest subcommand the user named on the command line, e.g. "log list".
std::string command_path(CLI::App& app, int argc, char** argv) {
  std::string path;
  CLI::App* current = &app;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.empty() || arg[0] == '-') continue;
    CLI::App* next = nullptr;
    for (CLI::App* sub : current->get_subcommands([](CLI::App*) { return true; })) {
      if (sub->check_name(arg)) next = sub;
    }
    if (!next) continue;
    current = next;
    path += path.empty() ? next->get_name() : " " + next->get_name();
  }
  return path;
}

std::vector<std::string> subcommand_names(CLI::App& app) {
  std::vector<std::string> names;
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
    names.push_back(sub->get_name());
  }
  return names;
}

}  // namespace

std::string suggest_command(const std::string& word, const std::vector<std::string>& names) {
  // What people type from other tools, where no spelling is close.
  static const std::pair<const char*, const char*> synonyms[] = {
      {"ls", "list"}, {"delete", "rm"}, {"remove", "rm"}, {"del", "rm"}, {"add", "log"}, {"new", "log"},
      {"help", "--help"}, {"show", "list"}, {"status", "--status"},
  };
  for (const auto& [from, to] : synonyms) {
    if (word == from && std::find(names.begin(), names.end(), to) != names.end()) return to;
  }
  return closest_match(word, names);
}

UsageError unknown_command(CLI::App& parent, const std::string& path, const std::string& word) {
  const std::string guess = suggest_command(word, subcommand_names(parent));
  return UsageError(path, fmt::format("unknown command '{}'", word),
                    guess.empty() ? fmt::format("see 'psoas {} --help'", path) : fmt::format("did you mean '{}'?", guess));
}

namespace {

// The subcommand `path` ("log list") names under `app`.
CLI::App* find_path(CLI::App& app, const std::string& path) {
  CLI::App* current = &app;
  std::size_t start = 0;
  while (start < path.size()) {
    std::size_t end = path.find(' ', start);
    if (end == std::string::npos) end = path.size();
    current = current->get_subcommand(path.substr(start, end - start));
    start = end + 1;
  }
  return current;
}

// The long names of `cmd`'s options, to suggest from: "--limit", "--since", ...
std::vector<std::string> option_names(const CLI::App& cmd) {
  std::vector<std::string> names;
  for (const CLI::Option* o : cmd.get_options()) {
    for (const auto& l : o->get_lnames()) {
      if (l != "help" && l != "help-all") names.push_back("--" + l);
    }
  }
  return names;
}

bool has_subcommand(CLI::App& cmd, const std::string& word) {
  const auto names = subcommand_names(cmd);
  return std::find(names.begin(), names.end(), word) != names.end();
}

// The first word after the last subcommand of `path` on the line, when it is not an option.
std::string word_after_path(const std::string& path, int argc, char** argv) {
  const std::string last = path.substr(path.rfind(' ') == std::string::npos ? 0 : path.rfind(' ') + 1);
  for (int i = 1; i + 1 < argc; ++i) {
    if (argv[i] == last && argv[i + 1][0] != '-') return argv[i + 1];
  }
  return {};
}

// "The following arguments were not expected: a --b" -> "--b": the first option among
// them, else the first word.
std::string first_extra(const std::string& message) {
  std::istringstream rest(message.substr(message.find(':') == std::string::npos ? 0 : message.find(':') + 1));
  std::string first, word;
  while (rest >> word) {
    if (word.size() > 1 && word[0] == '-') return word;
    if (first.empty()) first = word;
  }
  return first;
}

// CLI11's "not expected" in psoas's words: an unknown option or command, or a stray word.
UsageError extras_error(CLI::App& cmd, const std::string& path, const std::string& message, int argc, char** argv) {
  const std::string where = path.empty() ? "psoas" : "psoas " + path;
  const std::string& subject = path;
  const std::string after = path.empty() ? std::string() : word_after_path(path, argc, argv);
  const bool is_number = !after.empty() && after.find_first_not_of("0123456789.") == std::string::npos;
  if (!after.empty() && !is_number && !subcommand_names(cmd).empty() && !has_subcommand(cmd, after)) {
    return unknown_command(cmd, path, after);
  }
  const std::string word = first_extra(message);
  if (word.size() > 1 && word[0] == '-') {
    const std::string name = word.substr(0, word.find('='));
    const std::string guess = name.starts_with("--") ? closest_match(name, option_names(cmd)) : std::string();
    return UsageError(subject, fmt::format("unknown option '{}'", name),
                      guess.empty() ? fmt::format("see '{} --help'", where) : fmt::format("did you mean '{}'?", guess));
  }
  return UsageError(subject, fmt::format("unexpected argument '{}'", word), fmt::format("see '{} --help'", where));
}

}  // namespace

int report_parse_error(CLI::App& app, const CLI::ParseError& e, int argc, char** argv) {
  if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) return app.exit(e);
  std::string path = command_path(app, argc, argv);
  // An unknown first word: say so, with a suggestion.
  int first = 1;  // past the root's options with a value, which main moved to the front
  while (first + 1 < argc && (std::string_view(argv[first]) == "--journal" || std::string_view(argv[first]) == "--content")) {
    first += 2;
  }
  if (path.empty() && first < argc && argv[first][0] != '-') {
    std::string word = argv[first];
    std::string guess = suggest_command(word, subcommand_names(app));
    print_error({}, "unknown command '" + word + "'",
                guess.empty() ? "see 'psoas --help' for the commands" : fmt::format("did you mean '{}'?", guess));
    return 2;
  }
  if (dynamic_cast<const CLI::ExtrasError*>(&e)) {
    const UsageError u = extras_error(*find_path(app, path), path, e.what(), argc, argv);
    print_error(u.subject(), u.what(), u.hint());
    return 2;
  }
  std::string where = path.empty() ? "psoas" : "psoas " + path;
  print_error(path.empty() ? "usage" : path, e.what(), fmt::format("see '{} --help'", where));
  return 2;
}

CLI::Validator non_empty() {
  return CLI::Validator([](std::string& value) { return value.empty() ? std::string("must not be empty") : std::string(); },
                        "");
}

void reject_stray_words(const CLI::App& app) {
  for (const CLI::App* sub : app.get_subcommands()) {
    if (!sub->get_subcommands().empty()) {
      for (const CLI::Option* o : sub->get_options()) {
        if (o->get_positional() && o->count() > 0) {
          const CLI::App* leaf = sub->get_subcommands().front();
          throw UsageError(fmt::format("{} {}", sub->get_name(), leaf->get_name()),
                           fmt::format("unexpected argument '{}'", o->results().front()),
                           fmt::format("see 'psoas {} {} --help'", sub->get_name(), leaf->get_name()));
        }
      }
    }
    reject_stray_words(*sub);
  }
}

}  // namespace psoas::cli
