// Shell completion's candidate lists, as pure functions of type names and content.
#include "psoas/complete.hpp"

#include <algorithm>

#include "psoas/entry.hpp"

namespace psoas::complete {
namespace {

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f'; }

bool is_word(std::string_view word) {
  if (word.empty()) return false;
  return std::none_of(word.begin(), word.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7f || c == ' ';
  });
}

std::vector<Candidate> known(const std::vector<std::string>& words) {
  std::vector<Candidate> out;
  for (const std::string& w : words) out.push_back({w, {}});
  return out;
}

// The first line's first sentence: up to ". " before a capital letter.
std::string_view first_sentence(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  text = text.substr(0, text.find('\n'));
  for (std::size_t dot = text.find(". "); dot != std::string_view::npos; dot = text.find(". ", dot + 1)) {
    std::size_t next = dot + 1;
    while (next < text.size() && text[next] == ' ') ++next;
    if (next < text.size() && text[next] >= 'A' && text[next] <= 'Z') return text.substr(0, dot + 1);
  }
  return text;
}

}  // namespace

ValueKind value_kind(std::string_view type, std::string_view long_name) {
  auto open = type.find('{');
  if (open != std::string_view::npos && type.find('}', open) != std::string_view::npos) return ValueKind::choices;
  if (starts_with(type, "ROUTINE")) return ValueKind::routine;
  if (starts_with(type, "QUESTION")) return ValueKind::question;
  if (starts_with(type, "EXERCISE")) return ValueKind::exercise;
  if (starts_with(type, "ADVICE")) return ValueKind::advice;
  if (starts_with(type, "PLACE") || starts_with(type, "AREA")) return ValueKind::area;
  if (starts_with(type, "TRIGGER") || (starts_with(type, "TEXT") && long_name == "trigger")) return ValueKind::trigger;
  if (starts_with(type, "HELPED") || (starts_with(type, "TEXT") && long_name == "helped")) return ValueKind::helped;
  if (starts_with(type, "FILE") || starts_with(type, "PATH") || starts_with(type, "DIR")) return ValueKind::files;
  return ValueKind::none;
}

std::vector<Candidate> choices(std::string_view type) {
  auto open = type.find('{');
  auto close = type.find('}', open);
  if (open == std::string_view::npos || close == std::string_view::npos) return {};
  std::vector<Candidate> out;
  std::string_view set = type.substr(open + 1, close - open - 1);
  std::size_t start = 0;
  while (start <= set.size()) {
    auto comma = set.find(',', start);
    if (comma == std::string_view::npos) comma = set.size();
    if (comma > start) out.push_back({std::string(set.substr(start, comma - start)), {}});
    start = comma + 1;
  }
  return out;
}

std::vector<Candidate> content_values(const Content& content, ValueKind kind) {
  std::vector<Candidate> out;
  switch (kind) {
    case ValueKind::routine:
      for (const auto& [id, r] : content.routines) out.push_back({id, r.name});
      break;
    case ValueKind::exercise:
      for (const auto& [id, e] : content.exercises) out.push_back({id, e.name});
      break;
    case ValueKind::advice:
      for (const auto& [id, a] : content.advice) out.push_back({id, a.title});
      break;
    case ValueKind::question:
      for (const auto& q : content.questions) out.push_back({q.id, q.text});
      break;
    case ValueKind::area: return known(known_areas());
    case ValueKind::trigger: return known(known_triggers());
    case ValueKind::helped: return known(known_helped());
    case ValueKind::none:
    case ValueKind::choices:
    case ValueKind::files: break;
  }
  return out;
}

std::vector<Candidate> matching(std::vector<Candidate> candidates, std::string_view prefix) {
  if (candidates.size() == 1 && candidates.front().word == file_names) return candidates;
  std::vector<Candidate> out;
  for (auto& c : candidates) {
    const auto same = [&c](const Candidate& o) { return o.word == c.word; };
    if (starts_with(c.word, prefix) && std::none_of(out.begin(), out.end(), same)) out.push_back(std::move(c));
  }
  return out;
}

std::vector<Candidate> in_list(std::vector<Candidate> values, std::string_view current, char delimiter) {
  const std::size_t last = delimiter == '\0' ? std::string_view::npos : current.rfind(delimiter);
  if (last == std::string_view::npos) return values;
  const std::string_view head = current.substr(0, last + 1);
  std::vector<std::string_view> given;
  for (std::size_t start = 0; start < head.size();) {
    const std::size_t end = head.find(delimiter, start);
    given.push_back(head.substr(start, end - start));
    start = end + 1;
  }
  std::vector<Candidate> out;
  for (Candidate& v : values) {
    if (std::find(given.begin(), given.end(), v.word) != given.end()) continue;
    out.push_back({std::string(head) + v.word, std::move(v.description)});
  }
  return out;
}

std::string one_line(std::string_view description, std::size_t width) {
  std::string out;
  for (char c : first_sentence(description)) {
    if (!is_space(c)) {
      out += c;
    } else if (!out.empty() && out.back() != ' ') {
      out += ' ';
    }
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '.')) out.pop_back();
  if (out.size() <= width) return out;
  std::size_t cut = out.rfind(' ', width);
  if (cut == std::string::npos || cut == 0) {
    cut = width;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0U) == 0x80U) --cut;  // not inside a UTF-8 character
  }
  out.resize(cut);
  while (!out.empty() && (out.back() == ' ' || out.back() == ',' || out.back() == ';' || out.back() == ':')) out.pop_back();
  return out + "…";
}

std::string lines(const std::vector<Candidate>& candidates) {
  std::string out;
  for (const Candidate& c : candidates) {
    if (!is_word(c.word)) continue;
    out += c.word;
    if (std::string d = one_line(c.description); !d.empty()) out += '\t' + d;
    out += '\n';
  }
  return out;
}

}  // namespace psoas::complete
