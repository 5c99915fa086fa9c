// Answers given on the command line, answers files (a flat JSON object or TOML document)
// and the JSON stored in the journal.
#include <fmt/format.h>

#include <toml++/toml.h>

#include "psoas/error.hpp"
#include "psoas/json.hpp"
#include "psoas/triage.hpp"

namespace psoas::triage {
namespace {

constexpr std::string_view expected_value = "expected \"yes\", \"no\", \"unsure\", true or false";

[[noreturn]] void fail(std::string_view name, int line, const std::string& why) {
  throw DataError(line > 0 ? fmt::format("{}:{}", name, line) : std::string(name), why);
}

// Records one answer, rejecting repeats.
class Collector {
 public:
  explicit Collector(std::string_view name) : m_name(name) {}
  void add(const std::string& id, std::optional<Answer> answer, int line) {
    if (!answer) fail(m_name, line, fmt::format("'{}': {}", id, expected_value));
    if (!m_answers.emplace(id, *answer).second) fail(m_name, line, fmt::format("'{}' is answered twice", id));
  }
  Answers take() { return std::move(m_answers); }

 private:
  std::string_view m_name;
  Answers m_answers;
};

// One flat JSON object whose values are strings or booleans.
Answers parse_json(std::string_view text, std::string_view name) {
  json::Value v;
  try {
    v = json::parse(text);
  } catch (const json::ParseError& e) {
    fail(name, static_cast<int>(e.line()), e.at_end() ? std::string(e.what()) + " (the file ends early)" : e.what());
  }
  if (v.type != json::Value::Type::object) fail(name, static_cast<int>(v.line), "expected a JSON object '{'");
  Collector out(name);
  for (const auto& [id, value] : v.members) {
    std::optional<Answer> a;
    if (value.type == json::Value::Type::string) a = parse_answer(value.text);
    else if (value.type == json::Value::Type::boolean) a = value.boolean ? Answer::yes : Answer::no;
    out.add(id, a, static_cast<int>(value.line));
  }
  return out.take();
}

Answers parse_toml(std::string_view text, std::string_view name) {
  toml::table table;
  try {
    table = toml::parse(text, name);
  } catch (const toml::parse_error& e) {
    fail(name, static_cast<int>(e.source().begin.line), std::string(e.description()));
  }
  Collector out(name);
  for (auto&& [key, node] : table) {
    const int line = static_cast<int>(node.source().begin.line);
    std::optional<Answer> a;
    if (auto s = node.value_exact<std::string>()) {
      a = parse_answer(*s);
    } else if (auto b = node.value_exact<bool>()) {
      a = *b ? Answer::yes : Answer::no;
    }
    out.add(std::string(key.str()), a, line);
  }
  return out.take();
}

std::string trim(std::string_view s) {
  auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(" \t");
  return std::string(s.substr(b, e - b + 1));
}

}  // namespace

Answers answers_from_lists(const std::vector<std::string>& yes, const std::vector<std::string>& no,
                           const std::vector<std::string>& unsure) {
  Answers answers;
  for (auto [list, answer] : {std::pair{&yes, Answer::yes}, {&no, Answer::no}, {&unsure, Answer::unsure}}) {
    for (const auto& raw : *list) {
      std::string id = trim(raw);
      if (id.empty()) continue;
      auto [it, added] = answers.emplace(id, answer);
      if (!added && it->second != answer) {
        throw UsageError("triage", fmt::format("'{}' is given two different answers", id),
                         "give each question one of --yes, --no or --unsure");
      }
    }
  }
  return answers;
}

void reject_unknown(const std::vector<TriageQuestion>& questions, const Answers& answers) {
  auto unknown = unknown_answers(questions, answers);
  if (unknown.empty()) return;
  std::vector<std::string> ids;
  for (const auto& q : questions) ids.push_back(q.id);
  std::string guess = closest_match(unknown.front(), ids);
  std::string hint = guess.empty() ? "see 'psoas triage --list'"
                                   : fmt::format("did you mean '{}'? see 'psoas triage --list'", guess);
  std::string what = unknown.size() == 1 ? fmt::format("no question '{}'", unknown.front())
                                         : fmt::format("no questions '{}'", fmt::join(unknown, "', '"));
  throw UsageError("triage", what, hint);
}

Answers parse_answers(std::string_view text, std::string_view name) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a UTF-8 byte order mark
  std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && text[first] == '{') return parse_json(text, name);
  return parse_toml(text, name);
}

std::string answers_json(const Answers& answers) {
  json::Object o;
  for (const auto& [id, a] : answers) o.add(id, to_string(a));
  return o.str();
}

std::string reasons_json(const Outcome& outcome) {
  std::vector<std::string> ids;
  for (const auto& r : outcome.reasons) ids.push_back(r.id);
  return json::array(ids);
}

}  // namespace psoas::triage
