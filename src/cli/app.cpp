#include "app.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <string>
#include <vector>

#include "psoas/content.hpp"
#include "psoas/error.hpp"

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

void print_error(std::string_view subject, std::string_view why, std::string_view hint) {
  std::string line = fmt::format("psoas: {}: {}", subject, why);
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

int report_parse_error(CLI::App& app, const CLI::ParseError& e, int argc, char** argv) {
  if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) return app.exit(e);
  std::string path = command_path(app, argc, argv);
  // An unknown first word: say so, with a suggestion.
  if (path.empty() && argc > 1 && argv[1][0] != '-') {
    std::string word = argv[1];
    std::string guess = closest_match(word, subcommand_names(app));
    print_error("unknown command '" + word + "'",
                guess.empty() ? "see 'psoas --help' for the commands"
                              : fmt::format("did you mean '{}'?", guess),
                {});
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
