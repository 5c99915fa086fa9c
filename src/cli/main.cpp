// psoas: parse, dispatch to one subcommand, and turn every error into one line on stderr.
#include <fmt/format.h>

#include <csignal>
#include <optional>
#include <string_view>
#include <cstdio>
#include <string>
#include <vector>

#include "app.hpp"
#include "commands.hpp"
#include "complete.hpp"
#include "psoas/error.hpp"
#include "psoas_version.hpp"
#include "timer_status.hpp"

namespace psoas::cli {

namespace {

// The top-level subcommands in the order `psoas --help` lists them. A new one is one line.
struct Command {
  std::string_view name;
  void (*add)(CLI::App& app, Services& services);
};
constexpr Command commands[] = {
    {"triage", add_triage},
    {"routine", add_routine},
    {"timer", add_timer},
    {"log", add_log},
    {"report", add_report},
    {"today", add_today},
    {"advice", add_advice},
    {"remind", add_remind},
    {"undo", add_undo},
    {"redo", add_redo},
    {"sync", add_sync},
};

// `psoas timer --status` (with or without --json, in either order) and nothing else: what a
// status bar runs every few seconds. Nothing it does depends on the parser, so it needs none.
std::optional<bool> status_only(int argc, char** argv) {
  if (argc < 3 || argc > 4 || std::string_view(argv[1]) != "timer") return std::nullopt;
  bool status = false;
  bool json = false;
  for (int i = 2; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--status" && !status) {
      status = true;
    } else if (arg == "--json" && !json) {
      json = true;
    } else {
      return std::nullopt;
    }
  }
  if (!status) return std::nullopt;
  return json;
}

bool is_command(std::string_view word) {
  for (const Command& c : commands) {
    if (c.name == word) return true;
  }
  return false;
}

// The root's options that take a value, which may be given anywhere on the line.
bool is_global_with_value(std::string_view arg) { return arg == "--journal" || arg == "--content" || arg == "--color"; }
// The root's flags and `--name=value` forms, which may be given anywhere on the line too.
bool is_global_word(std::string_view arg) {
  return arg == "--no-pager" || arg.starts_with("--journal=") || arg.starts_with("--content=") ||
         arg.starts_with("--color=");
}

}  // namespace

std::vector<std::string> hoist_globals(int argc, char** argv) {
  std::vector<std::string> front{argv[0]};
  std::vector<std::string> rest;
  int i = 1;
  if (argc > 1 && std::string_view(argv[1]) == "__complete") {  // completion's words stay as typed
    return std::vector<std::string>(argv, argv + argc);
  }
  for (; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--") break;
    if (is_global_with_value(arg) && i + 1 < argc) {
      front.emplace_back(arg);
      front.emplace_back(argv[++i]);
    } else if (is_global_word(arg)) {
      front.emplace_back(arg);
    } else {
      rest.emplace_back(arg);
    }
  }
  for (; i < argc; ++i) rest.emplace_back(argv[i]);
  front.insert(front.end(), rest.begin(), rest.end());
  return front;
}

std::optional<std::string_view> needed_command(int argc, char** argv) {
  std::optional<std::string_view> found;
  bool version = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--" || arg == "--help" || arg == "--help-all") return std::nullopt;
    if (is_global_with_value(arg)) {
      ++i;
      continue;
    }
    if (arg.size() > 1 && arg[0] == '-') {
      if (arg[1] != '-' && arg.find('h') != std::string_view::npos) return std::nullopt;  // -h, -Vh
      version = version || arg == "-V" || arg == "--version";
      continue;
    }
    // The first word names the command. A later word that names another one could switch
    // to it (global options fall through), as could a word no entry knows (an alias, a typo
    // to suggest against): both get the whole tree, which decides as it always did.
    if (!found) {
      if (!is_command(arg)) return std::nullopt;
      found = arg;
    } else if (is_command(arg)) {
      return std::nullopt;
    }
  }
  if (!found && version) return std::string_view();
  if (!found) return std::string_view("today");  // `psoas` alone is `psoas today`
  return found;
}

void build_app(CLI::App& app, Services& services, std::optional<std::string_view> only) {
  app.description("A terminal companion for psoas, hip-flexor and low-back pain.");
  app.set_version_flag("-V,--version", "psoas " PSOAS_VERSION);
  app.formatter(std::make_shared<HelpFormatter>());
  app.get_formatter()->column_width(30);
  app.footer(
      "psoas informs and points to care; it does not diagnose. "
      "In an emergency call your local emergency number.\n"
      "See 'psoas COMMAND --help' and man psoas.\n");
  app.add_option("--journal", services.globals.journal, "Use this journal file instead of the default")
      ->type_name("PATH")
      ->check(non_empty());
  app.add_option("--content", services.globals.content_dirs, "Also load content (*.toml) from DIR")
      ->type_name("DIR")
      ->check(existing_directory())
      ->allow_extra_args(false);
  add_paths(app, services);
  add_terminal_options(app, services);  // --color, --no-pager (services.cpp)
  for (const Command& c : commands) {
    if (!only || c.name == *only) c.add(app, services);
  }
  // `psoas log list extra`: CLI11 hands a word the subcommand has no place for back to its
  // parent's positional (log's PAIN), which would then be silently ignored.
  app.parse_complete_callback([&app] { reject_stray_words(app); });
}

}  // namespace psoas::cli

namespace {

// `psoas timer --status [--json]` without building a parser, with main's error handling.
int run_status(psoas::cli::Services& services, bool json) {
  try {
    return psoas::cli::print_status(services, json);
  } catch (const psoas::Error& e) {
    psoas::cli::print_error(e.subject(), e.what(), e.hint());
    return e.exit_code();
  } catch (const std::exception& e) {
    psoas::cli::print_error("error", e.what(), {});
    return 1;
  }
}

// The words CLI11 parses: the root's global options moved to the front (they may follow a
// subcommand, and no other option of the root falls through to one), and `psoas help
// [COMMAND...]` as `psoas [COMMAND...] --help`.
std::vector<std::string> words_to_parse(int argc, char** argv) {
  std::vector<std::string> words = psoas::cli::hoist_globals(argc, argv);
  std::size_t first = 1;
  while (first < words.size()) {
    if (psoas::cli::is_global_with_value(words[first])) first += 2;
    else if (psoas::cli::is_global_word(words[first])) first += 1;
    else break;
  }
  if (first < words.size() && words[first] == "help") {
    words.erase(words.begin() + static_cast<std::ptrdiff_t>(first));
    words.emplace_back("--help");
  }
  return words;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace psoas;
  using namespace psoas::cli;
  // `psoas --version` alone, as a script or a status bar asks it: the line CLI11 would
  // print, without building the parser or throwing its CallForVersion through it.
  if (argc == 2 && (std::string_view(argv[1]) == "--version" || std::string_view(argv[1]) == "-V")) {
    std::fputs("psoas " PSOAS_VERSION "\n", stdout);
    return 0;
  }
  // Past a file-size limit, writes fail with EFBIG and SQLite reports it, instead of the
  // process dying from SIGXFSZ with nothing said.
  std::signal(SIGXFSZ, SIG_IGN);
  Environment env = Environment::from_process();
  SystemClock clock;
  Services services(env, clock, when::system_zone(), Terminal(env));
  // The status bar's call: the same print_status the timer subcommand's callback runs, and
  // the same handling of an error, without building CLI11's root and timer parsers (a third
  // of the instructions of the whole process).
  if (const std::optional<bool> json = status_only(argc, argv)) return run_status(services, *json);
  std::vector<std::string> words = words_to_parse(argc, argv);
  std::vector<char*> pointers;
  for (std::string& w : words) pointers.push_back(w.data());
  argv = pointers.data();
  CLI::App app{"", "psoas"};
  // Only the command that runs is built (see needed_command): the whole tree for help,
  // completion and anything unusual.
  const std::optional<std::string_view> only = needed_command(argc, argv);
  build_app(app, services, only);
  try {
    if (argc > 1 && std::string_view(argv[1]) == "__complete") {
      return run_complete(app, services, std::vector<std::string>(argv + 2, argv + argc));
    }
    app.parse(argc, argv);
    sync_after_write(services);
    return services.exit_status;
  } catch (const CLI::ParseError& e) {
    if (only && e.get_exit_code() != static_cast<int>(CLI::ExitCodes::Success)) {
      // The message is the same; the hint and "did you mean" look at the whole tree.
      CLI::App full{"", "psoas"};
      build_app(full, services);
      return report_parse_error(full, e, argc, argv);
    }
    return report_parse_error(app, e, argc, argv);
  } catch (const psoas::Error& e) {
    print_error(e.subject(), e.what(), e.hint());
    return e.exit_code();
  } catch (const std::exception& e) {
    print_error("error", e.what(), {});
    return 1;
  }
}
