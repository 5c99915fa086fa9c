// `psoas __complete`: walks the CLI11 tree to find what the last word completes (a
// subcommand, an option, an option's or a positional's value) and prints the candidates.
#include "complete.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "app.hpp"
#include "commands.hpp"

namespace psoas::cli {
namespace {

std::vector<const CLI::App*> subcommands(const CLI::App* app) {
  auto subs = const_cast<CLI::App*>(app)->get_subcommands([](CLI::App*) { return true; });
  std::vector<const CLI::App*> out;
  for (CLI::App* s : subs) {
    if (!s->get_name().empty() && !s->get_group().empty()) out.push_back(s);
  }
  return out;
}

const CLI::App* find_subcommand(const CLI::App* app, const std::string& word) {
  for (const CLI::App* s : subcommands(app)) {
    if (s->check_name(word)) return s;
  }
  return nullptr;
}

// Options the parser accepts in `app`: its own and, while a command lets unknown options
// fall through to its parent (CLI11's fallthrough), the parent's, nearest first.
std::vector<const CLI::Option*> visible_options(const CLI::App* app) {
  std::vector<const CLI::Option*> out;
  for (const CLI::App* a = app; a != nullptr; a = a->get_fallthrough() ? a->get_parent() : nullptr) {
    for (const CLI::Option* o : a->get_options()) {
      if (!o->get_group().empty() && o->get_group() != hidden_group) out.push_back(o);
    }
  }
  return out;
}

const CLI::Option* find_option(const CLI::App* app, const std::string& word) {
  for (const CLI::Option* o : visible_options(app)) {
    if (!o->get_positional() && o->check_name(word)) return o;
  }
  return nullptr;
}

bool takes_value(const CLI::Option* o) { return o->get_items_expected_max() != 0; }

// The value candidates an option's type name asks for: "{a,b}" choices, files, or content.
std::vector<Candidate> values_for(const CLI::Option* o, const ValueSource& values) {
  const std::string type = o->get_type_name();
  const std::string long_name = o->get_lnames().empty() ? std::string{} : o->get_lnames().front();
  switch (ValueKind kind = complete::value_kind(type, long_name)) {
    case ValueKind::none: return {};
    case ValueKind::choices: return complete::choices(type);
    case ValueKind::files: return {{std::string(complete::file_names), {}}};
    case ValueKind::routine:
    case ValueKind::question:
    case ValueKind::exercise:
    case ValueKind::advice:
    case ValueKind::area:
    case ValueKind::trigger:
    case ValueKind::helped: return values(kind);
  }
  return {};
}

void add_options(const CLI::App* app, std::vector<Candidate>& out) {
  for (const CLI::Option* o : visible_options(app)) {
    if (o->get_positional()) continue;
    for (const std::string& l : o->get_lnames()) out.push_back({"--" + l, o->get_description()});
    for (const std::string& s : o->get_snames()) out.push_back({"-" + s, o->get_description()});
  }
}

}  // namespace

std::vector<Candidate> complete(const CLI::App& root, const std::vector<std::string>& words,
                                const ValueSource& values) {
  const CLI::App* app = &root;
  const std::string current = words.empty() ? std::string{} : words.back();
  const CLI::Option* pending = nullptr;  // an option still waiting for its value
  std::size_t positionals = 0;
  bool options_ended = false;
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    const std::string& w = words[i];
    if (pending) {
      pending = nullptr;
      continue;
    }
    if (w == "--") {
      options_ended = true;
    } else if (!options_ended && w.size() > 1 && w[0] == '-') {
      const CLI::Option* o = find_option(app, w.substr(0, w.find('=')));
      if (o && takes_value(o) && w.find('=') == std::string::npos) pending = o;
    } else if (const CLI::App* sub = find_subcommand(app, w); sub && positionals == 0) {
      app = sub;
    } else {
      ++positionals;
    }
  }

  std::vector<Candidate> out;
  if (pending) {
    out = complete::in_list(values_for(pending, values), current, pending->get_delimiter());
  } else if (!options_ended && !current.empty() && current[0] == '-') {
    add_options(app, out);
  } else {
    if (positionals == 0) {
      for (const CLI::App* s : subcommands(app)) out.push_back({s->get_name(), s->get_description()});
    }
    // The next positional's values, e.g. routine ids for `routine run`.
    std::size_t index = 0;
    for (const CLI::Option* o : app->get_options()) {
      if (!o->get_positional()) continue;
      if (index++ == positionals || o->get_items_expected_max() > 1) {
        auto v = values_for(o, values);
        out.insert(out.end(), v.begin(), v.end());
        break;
      }
    }
  }
  return complete::matching(std::move(out), current);
}

int run_complete(const CLI::App& app, Services& services, std::vector<std::string> words) {
  if (words.empty()) words.emplace_back();
  ValueSource values = [&services](ValueKind kind) { return complete::content_values(services.content(), kind); };
  fmt::print("{}", complete::lines(complete(app, words, values)));
  return 0;
}

}  // namespace psoas::cli
