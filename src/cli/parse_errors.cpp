// CLI11's parse errors in psoas's words: each one line `psoas: <subject>: <why> (<hint>)`,
// with "did you mean" for unknown commands and options.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "app.hpp"
#include "psoas/content.hpp"
#include "psoas/error.hpp"

namespace psoas::cli {

namespace {

// The deepest subcommand the user named on the command line, e.g. "log list".
std::string command_path(CLI::App& app, int argc, char** argv) {
  std::string path;
  CLI::App* current = &app;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--") break;
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

std::vector<std::string> subcommand_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    names.push_back(sub->get_name());
  }
  return names;
}

// "a, b or c".
std::string one_of_text(const std::vector<std::string>& words) {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += i + 1 == words.size() ? " or " : ", ";
    out += words[i];
  }
  return out;
}

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

// "log list" -> "log"; "log" -> "".
std::string parent_path(const std::string& path) {
  const std::size_t space = path.rfind(' ');
  return space == std::string::npos ? std::string() : path.substr(0, space);
}

// The hint that points at a command's help: "see 'psoas log list --help'".
std::string see_help(const std::string& path) {
  return path.empty() ? std::string("see 'psoas --help'") : fmt::format("see 'psoas {} --help'", path);
}

// The command on `path` (or above it) that defines the option or positional called `name`
// ("--weeks", "routine"): its path, for the hint; and the option itself (null when none).
std::pair<std::string, const CLI::Option*> owner_of(CLI::App& app, std::string path, const std::string& name) {
  while (true) {
    const CLI::App* cmd = find_path(app, path);
    for (const CLI::Option* o : cmd->get_options()) {
      if (o->get_name() == name || o->check_name(name)) return {path, o};
    }
    if (path.empty()) return {path, nullptr};
    path = parent_path(path);
  }
}

// The long names of `cmd`'s options, to suggest from: "--limit", "--since", ...
std::vector<std::string> option_names(const CLI::App& cmd) {
  std::vector<std::string> names;
  for (const CLI::Option* o : cmd.get_options()) {
    if (o->get_group().empty() || o->get_group() == hidden_group) continue;  // an old spelling
    for (const auto& l : o->get_lnames()) {
      if (l != "help" && l != "help-all") names.push_back("--" + l);
    }
  }
  return names;
}

bool has_subcommand(const CLI::App& cmd, const std::string& word) {
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
  const std::string after = path.empty() ? std::string() : word_after_path(path, argc, argv);
  const bool is_number = !after.empty() && after.find_first_not_of("0123456789.") == std::string::npos;
  if (!after.empty() && !is_number && !subcommand_names(cmd).empty() && !has_subcommand(cmd, after)) {
    return unknown_command(cmd, path, after);
  }
  const std::string word = first_extra(message);
  if (word.size() > 1 && word[0] == '-') {
    const std::string name = word.substr(0, word.find('='));
    const std::string guess = name.starts_with("--") ? closest_match(name, option_names(cmd)) : std::string();
    return UsageError(path, fmt::format("unknown option '{}'", name),
                      guess.empty() ? see_help(path) : fmt::format("did you mean '{}'?", guess));
  }
  return UsageError(path, fmt::format("unexpected argument '{}'", word), see_help(path));
}

// "NAME: rest" -> {NAME, rest}; no colon: {"", message}.
std::pair<std::string, std::string> split_name(const std::string& message) {
  const std::size_t colon = message.find(": ");
  if (colon == std::string::npos) return {{}, message};
  return {message.substr(0, colon), message.substr(colon + 2)};
}

// "a ROUTINE", "an ID", "one of csv, json or jsonl", "a FILE or -": the value a positional
// or option takes.
std::string a_value(const CLI::Option* o, const std::string& fallback) {
  std::string type = o ? o->get_type_name() : std::string();
  if (type.empty()) type = fallback;
  if (type.size() > 2 && type.front() == '{' && type.back() == '}') {
    std::vector<std::string> choices;
    std::istringstream list(type.substr(1, type.size() - 2));
    for (std::string c; std::getline(list, c, ',');) choices.push_back(c);
    return "one of " + one_of_text(choices);
  }
  if (type.ends_with(",...")) type.resize(type.size() - 4);  // QUESTION,...: a list of them
  if (const std::size_t bar = type.find('|'); bar != std::string::npos) type.replace(bar, 1, " or ");
  // "an ID", "an N" (a letter said with a vowel first), "a DURATION".
  const std::string_view vowels = type.size() == 1 ? "AEFHILMNORSX" : "AEIOUaeiou";
  const bool vowel = !type.empty() && vowels.find(type[0]) != std::string_view::npos;
  return fmt::format("{} {}", vowel ? "an" : "a", type);
}

// A bad value (a validator's message, "NAME: why"): the option is the subject.
UsageError validation_error(CLI::App& app, const std::string& path, const std::string& message) {
  auto [name, why] = split_name(message);
  const std::string owner = owner_of(app, path, name).first;
  // A validator may end its message with its own hint: "(did you mean 'json'?)".
  const std::size_t open = why.rfind(" (");
  if (!why.empty() && why.back() == ')' && open != std::string::npos) {
    return UsageError(name, why.substr(0, open), why.substr(open + 2, why.size() - open - 3));
  }
  return UsageError(name, why, see_help(owner));
}

// "NAME is required", "A subcommand is required": say what to give.
UsageError required_error(CLI::App& app, const std::string& path, const std::string& message, int argc, char** argv) {
  CLI::App& cmd = *find_path(app, path);
  if (message.starts_with("A subcommand") || message.starts_with("Requires at least")) {
    const std::string after = word_after_path(path, argc, argv);
    if (!after.empty() && !has_subcommand(cmd, after)) return unknown_command(cmd, path, after);
    return UsageError(path, fmt::format("give a command: {}", one_of_text(subcommand_names(cmd))), see_help(path));
  }
  const std::string name = message.substr(0, message.find(' '));
  const auto [owner, option] = owner_of(app, path, name);
  if (option && !option->get_positional()) {
    return UsageError(owner, fmt::format("give {} {}", name, option->get_type_name()), see_help(owner));
  }
  return UsageError(owner, fmt::format("give {}", a_value(option, name)), see_help(owner));
}

// "--x: 1 required TYPE missing" and the other counts of values.
UsageError mismatch_error(CLI::App& app, const std::string& path, const std::string& message) {
  auto [name, why] = split_name(message);
  const auto [owner, option] = owner_of(app, path, name);
  if (why.find(" missing") != std::string::npos || why.starts_with("At least")) {
    return UsageError(name, fmt::format("needs {}", a_value(option, "value")), see_help(owner));
  }
  if (why.starts_with("At Most")) {
    return UsageError(name, "given more than once", "give it once");
  }
  return UsageError(name.empty() ? path : name, why, see_help(owner));
}

// "Could not convert: --json = maybe", "The value x is not an allowed value for --y",
// "--x: too many inputs for a flag", "--x: Should be true/false or a number".
UsageError conversion_error(CLI::App& app, const std::string& path, const std::string& message) {
  std::string name, value;
  if (message.starts_with("Could not convert: ")) {
    const std::string rest = message.substr(19);
    const std::size_t eq = rest.find(" = ");
    name = rest.substr(0, eq);
    value = eq == std::string::npos ? std::string() : rest.substr(eq + 3);
  } else if (message.starts_with("The value ")) {
    const std::size_t is = message.find(" is not an allowed value for ");
    value = message.substr(10, is == std::string::npos ? std::string::npos : is - 10);
    name = is == std::string::npos ? std::string() : message.substr(is + 29);
  } else {
    name = split_name(message).first;
  }
  const auto [owner, option] = owner_of(app, path, name);
  if (option && option->get_items_expected_max() == 0) {
    return UsageError(name, value.empty() ? std::string("takes no value") : fmt::format("takes no value, not '{}'", value),
                      see_help(owner));
  }
  return UsageError(name.empty() ? path : name, fmt::format("cannot read '{}'", value), see_help(owner));
}

// "A excludes B" -> "give A or B, not both"; "A requires B" -> "A: only goes with B".
UsageError pairing_error(const std::string& path, const std::string& message, bool excludes) {
  const std::string word = excludes ? " excludes " : " requires ";
  const std::size_t at = message.find(word);
  const std::string a = message.substr(0, at);
  const std::string b = at == std::string::npos ? std::string() : message.substr(at + word.size());
  if (excludes) return UsageError(path, fmt::format("give {} or {}, not both", a, b), see_help(path));
  return UsageError(a, fmt::format("only goes with {}", b), see_help(path));
}

// Where the first word of the command line is: past the root's options, which main moved
// to the front.
int first_word(int argc, char** argv) {
  int first = 1;
  while (first < argc) {
    const std::string_view arg = argv[first];
    if ((arg == "--journal" || arg == "--content" || arg == "--color") && first + 1 < argc) {
      first += 2;
    } else if (arg == "--no-pager" || arg.starts_with("--journal=") || arg.starts_with("--content=") ||
               arg.starts_with("--color=")) {
      first += 1;
    } else {
      break;
    }
  }
  return first;
}

// The error CLI11's `e` stands for, in psoas's words.
UsageError translate(CLI::App& app, const CLI::ParseError& e, const std::string& path, int argc, char** argv) {
  const std::string message = e.what();
  if (dynamic_cast<const CLI::ExtrasError*>(&e)) return extras_error(*find_path(app, path), path, message, argc, argv);
  if (dynamic_cast<const CLI::ValidationError*>(&e)) return validation_error(app, path, message);
  if (dynamic_cast<const CLI::RequiredError*>(&e)) return required_error(app, path, message, argc, argv);
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&e)) return mismatch_error(app, path, message);
  if (dynamic_cast<const CLI::ConversionError*>(&e)) return conversion_error(app, path, message);
  if (dynamic_cast<const CLI::ExcludesError*>(&e)) return pairing_error(path, message, true);
  if (dynamic_cast<const CLI::RequiresError*>(&e)) return pairing_error(path, message, false);
  return UsageError(path.empty() ? "usage" : path, message, see_help(path));
}

// `psoas help WORD` or `psoas WORD --help` where WORD names no command: the error to give,
// else nothing (the help is shown).
std::optional<UsageError> unknown_help_word(CLI::App& app, int argc, char** argv) {
  CLI::App* current = &app;
  std::string path;
  for (int i = first_word(argc, argv); i < argc; ++i) {
    const std::string word = argv[i];
    if (word == "--") break;
    if (word.empty() || word[0] == '-') {
      // An option's value is no command: `report --since week --help`.
      const CLI::Option* o = word.find('=') == std::string::npos ? current->get_option_no_throw(word) : nullptr;
      if (o && o->get_items_expected_max() > 0 && o->get_items_expected_min() > 0) ++i;
      continue;
    }
    if (CLI::App* sub = has_subcommand(*current, word) ? current->get_subcommand(word) : nullptr) {
      current = sub;
      path += path.empty() ? word : " " + word;
      continue;
    }
    // A word where a positional goes (`log 4 --help`, `routine show stretch --help`) is
    // fine, unless it reads like a misspelt subcommand (`log lst --help`).
    const bool positional = !current->get_options([](const CLI::Option* o) { return o->get_positional(); }).empty();
    if (!positional) return unknown_command(*current, path, word);
    if (std::isalpha(static_cast<unsigned char>(word[0])) && !suggest_command(word, subcommand_names(*current)).empty()) {
      return unknown_command(*current, path, word);
    }
    break;
  }
  return std::nullopt;
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
  const std::string see = path.empty() ? "see 'psoas --help' for the commands" : see_help(path);
  return UsageError(path, fmt::format("unknown command '{}'", word), guess.empty() ? see : fmt::format("did you mean '{}'?", guess));
}

int report_parse_error(CLI::App& app, const CLI::ParseError& e, int argc, char** argv) {
  if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) {
    const std::optional<UsageError> unknown =
        dynamic_cast<const CLI::CallForHelp*>(&e) ? unknown_help_word(app, argc, argv) : std::nullopt;
    if (!unknown) return app.exit(e);
    print_error(unknown->subject(), unknown->what(), unknown->hint());
    return 2;
  }
  const std::string path = command_path(app, argc, argv);
  // An unknown first word: say so, with a suggestion.
  const int first = first_word(argc, argv);
  const UsageError u = path.empty() && first < argc && argv[first][0] != '-' ? unknown_command(app, path, argv[first])
                                                                            : translate(app, e, path, argc, argv);
  print_error(u.subject(), u.what(), u.hint());
  return 2;
}

void reject_stray_words(const CLI::App& app) {
  for (const CLI::App* sub : app.get_subcommands()) {
    if (!sub->get_subcommands().empty()) {
      for (const CLI::Option* o : sub->get_options()) {
        if (o->get_positional() && o->count() > 0) {
          const CLI::App* leaf = sub->get_subcommands().front();
          const std::string path = fmt::format("{} {}", sub->get_name(), leaf->get_name());
          throw UsageError(path, fmt::format("unexpected argument '{}'", o->results().front()), see_help(path));
        }
      }
    }
    reject_stray_words(*sub);
  }
}

}  // namespace psoas::cli
