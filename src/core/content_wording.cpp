// The triage tables of content: [wording], the texts of a triage result by key with their
// placeholders checked (triage::wording fills them in), and [triage], the routine and
// question ids triage::evaluate decides with, checked as references.
#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>

#include "content_parse.hpp"

namespace psoas {

const std::vector<WordingKey>& wording_keys() {
  static const std::vector<WordingKey> keys{
      {"disclaimer", {"number"}},
      {"emergency-headline", {"number"}},
      {"emergency-number", {"number"}},
      {"emergency-transport", {}},
      {"clinician-today", {}},
      {"clinician-soon", {}},
      {"out-of-scope-headline", {}},
      {"out-of-scope", {}},
      {"call-if-worse", {"number"}},
      {"withheld", {}},
      {"take-reasons", {}},
      {"self-care-headline", {}},
      {"mentions", {}},
      {"flare-up", {"routine1"}},
      {"tightness", {"routine1", "routine2"}},
      {"both", {"routine1", "routine2", "routine3"}},
      {"unknown", {"routine1"}},
      {"stop-if-worse", {}},
      {"pattern-fits", {}},
      {"pattern-overridden", {}},
      {"card", {"numbers"}, true},
      {"not-a-diagnosis", {}},
      {"watch-for", {}},
      {"where-to-get-help", {"where", "number"}},
      {"help-today", {}},
      {"help-soon", {}},
      {"time-course-emergency", {}},
      {"time-course", {}},
      {"dont-delay", {}},
  };
  return keys;
}

const std::vector<TriageListKey>& triage_list_keys() {
  static const std::vector<TriageListKey> keys{
      {"flare-up", true}, {"tightness", true}, {"both", true}, {"unknown", true},
      {"infection", false}, {"same-day", false},
  };
  return keys;
}

namespace detail {
namespace {

SourcePos position_of(const Document& doc, const toml::source_region& where) {
  return {doc.name, static_cast<int>(where.begin.line), static_cast<int>(where.begin.column)};
}

// The first problem with `text`'s placeholders for `key`, or empty.
std::string placeholder_problem(const WordingKey& key, std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '}') return "a '}' without its '{'";
    if (text[i] != '{') continue;
    auto close = text.find_first_of("{}", i + 1);
    if (close == std::string_view::npos || text[close] != '}') return "a '{' without its '}'";
    std::string_view name = text.substr(i + 1, close - i - 1);
    if (std::find(key.placeholders.begin(), key.placeholders.end(), name) == key.placeholders.end()) {
      return key.placeholders.empty()
                 ? fmt::format("wording '{}' takes no placeholders, not '{{{}}}'", key.key, name)
                 : fmt::format("unknown placeholder '{{{}}}' in wording '{}': use {{{}}}", name, key.key,
                               fmt::join(key.placeholders, "}, {"));
    }
    i = close;
  }
  return {};
}

// The lines of one [wording] value, or nothing after reporting why it cannot be read.
std::optional<std::vector<std::string>> wording_lines(Document& doc, const WordingKey& key, const toml::node& node) {
  std::vector<std::string> lines;
  if (const auto* s = node.as_string(); s && !key.lines) {
    lines.push_back(s->get());
  } else if (const auto* a = node.as_array(); a && key.lines && !a->empty()) {
    for (const toml::node& item : *a) {
      if (!item.is_string()) break;
      lines.push_back(item.as_string()->get());
    }
    if (lines.size() != a->size()) lines.clear();
  }
  if (lines.empty() || std::any_of(lines.begin(), lines.end(), [](const auto& l) { return l.empty(); })) {
    doc.issues.push_back({position_of(doc, node.source()),
                          fmt::format("wording '{}' must be {}", key.key,
                                      key.lines ? "a list of non-empty strings" : "a non-empty string")});
    return std::nullopt;
  }
  return lines;
}

// Reports the unknown key `key` of the table `table`, with a "did you mean" among `names`.
void unknown_key(Document& doc, const toml::key& key, std::vector<std::string> names, std::string_view table) {
  std::string guess = closest_match(key.str(), names);
  doc.issues.push_back({position_of(doc, key.source()),
                        fmt::format("unknown key '{}' in {}{}", key.str(), table,
                                    guess.empty() ? "" : fmt::format("; did you mean '{}'?", guess))});
}

// The ids of one [triage] list, each a reference checked once all content is known, or
// nothing after reporting why it cannot be read.
std::optional<std::vector<std::string>> triage_ids(Document& doc, const TriageListKey& key, const toml::node& node) {
  std::vector<std::string> ids;
  const auto* array = node.as_array();
  if (array) {
    for (const toml::node& item : *array) {
      const auto* s = item.as_string();
      if (!s || s->get().empty()) break;
      ids.push_back(s->get());
    }
  }
  if (!array || ids.size() != array->size() || (key.routines && ids.empty())) {
    doc.issues.push_back({position_of(doc, node.source()),
                          fmt::format("triage '{}' must be a list of {}", key.key,
                                      key.routines ? "routine ids, not empty" : "question ids")});
    return std::nullopt;
  }
  const auto kind = key.routines ? Reference::Kind::routine : Reference::Kind::question;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    doc.references.push_back({kind, ids[i], fmt::format("triage '{}'", key.key),
                              position_of(doc, (*array)[i].source())});
  }
  return ids;
}

}  // namespace

void parse_triage_lists(Document& doc, const toml::key& table_key, const toml::node& node) {
  const auto* table = node.as_table();
  if (!table) {
    doc.issues.push_back({position_of(doc, table_key.source()), "'triage' must be a table: write [triage]"});
    return;
  }
  const auto& keys = triage_list_keys();
  for (auto&& [key, value] : *table) {
    const std::string_view name = key.str();  // (a structured binding can't be captured in C++20)
    auto known = std::find_if(keys.begin(), keys.end(), [&](const TriageListKey& k) { return k.key == name; });
    if (known == keys.end()) {
      std::vector<std::string> names;
      for (const auto& k : keys) names.emplace_back(k.key);
      unknown_key(doc, key, std::move(names), "triage");
      continue;
    }
    if (auto ids = triage_ids(doc, *known, value)) doc.triage.insert_or_assign(std::string(name), std::move(*ids));
  }
}

void parse_wording(Document& doc, const toml::key& table_key, const toml::node& node) {
  const auto* table = node.as_table();
  if (!table) {
    doc.issues.push_back({position_of(doc, table_key.source()), "'wording' must be a table: write [wording]"});
    return;
  }
  const auto& keys = wording_keys();
  for (auto&& [key, value] : *table) {
    const std::string_view name = key.str();  // (a structured binding can't be captured in C++20)
    auto known = std::find_if(keys.begin(), keys.end(), [&](const WordingKey& k) { return k.key == name; });
    if (known == keys.end()) {
      std::vector<std::string> names;
      for (const auto& k : keys) names.emplace_back(k.key);
      unknown_key(doc, key, std::move(names), "wording");
      continue;
    }
    auto lines = wording_lines(doc, *known, value);
    if (!lines) continue;
    for (const auto& line : *lines) {
      if (std::string problem = placeholder_problem(*known, line); !problem.empty()) {
        doc.issues.push_back({position_of(doc, value.source()), problem});
      }
    }
    doc.wording.insert_or_assign(std::string(name), std::move(*lines));
  }
}

}  // namespace detail
}  // namespace psoas
