#include "complete.hpp"

#include <fmt/format.h>

#include <algorithm>

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

// Options visible from `app`: its own and, because of fallthrough, its parents'.
std::vector<const CLI::Option*> visible_options(const CLI::App* app) {
  std::vector<const CLI::Option*> out;
  for (const CLI::App* a = app; a != nullptr; a = a->get_parent()) {
    for (const CLI::Option* o : a->get_options()) {
      if (!o->get_group().empty()) out.push_back(o);
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

// The value candidates an option's type name asks for: "{a,b}" sets, or a kind.
std::vector<Candidate> values_for(const CLI::Option* o, const ValueSource& values) {
  std::string type = o->get_type_name();
  auto open = type.find('{');
  auto close = type.find('}', open);
  if (open != std::string::npos && close != std::string::npos) {
    std::vector<Candidate> out;
    std::string set = type.substr(open + 1, close - open - 1);
    std::size_t start = 0;
    while (start <= set.size()) {
      auto comma = set.find(',', start);
      if (comma == std::string::npos) comma = set.size();
      if (comma > start) out.push_back({set.substr(start, comma - start), {}});
      start = comma + 1;
    }
    return out;
  }
  if (type.rfind("ROUTINE", 0) == 0) return values("routine");
  if (type.rfind("QUESTION", 0) == 0) return values("question");
  if (type.rfind("EXERCISE", 0) == 0) return values("exercise");
  if (type.rfind("ADVICE", 0) == 0) return values("advice");
  if (type.rfind("FILE", 0) == 0 || type.rfind("PATH", 0) == 0 || type.rfind("DIR", 0) == 0) {
    return {{"<files>", {}}};
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
    out = values_for(pending, values);
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
  if (out.size() == 1 && out.front().word == "<files>") return out;
  std::vector<Candidate> matching;
  for (auto& c : out) {
    if (c.word.compare(0, current.size(), current) == 0 &&
        std::find(matching.begin(), matching.end(), c) == matching.end()) {
      matching.push_back(std::move(c));
    }
  }
  return matching;
}

int run_complete(const CLI::App& app, Services& services, std::vector<std::string> words) {
  if (words.empty()) words.emplace_back();
  ValueSource values = [&services](const std::string& kind) {
    std::vector<Candidate> out;
    const Content& content = services.content();
    if (kind == "routine") {
      for (const auto& [id, r] : content.routines) out.push_back({id, r.name});
    } else if (kind == "exercise") {
      for (const auto& [id, e] : content.exercises) out.push_back({id, e.name});
    } else if (kind == "advice") {
      for (const auto& [id, a] : content.advice) out.push_back({id, a.title});
    } else if (kind == "question") {
      for (const auto& q : content.questions) out.push_back({q.id, q.text});
    }
    return out;
  };
  for (const Candidate& c : complete(app, words, values)) {
    if (c.description.empty()) {
      fmt::print("{}\n", c.word);
    } else {
      fmt::print("{}\t{}\n", c.word, c.description);
    }
  }
  return 0;
}

}  // namespace psoas::cli
