// Shell completion's candidate lists, as pure functions of type names and content.
#include "psoas/complete.hpp"

#include <algorithm>

namespace psoas::complete {
namespace {

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

}  // namespace

ValueKind value_kind(std::string_view type) {
  auto open = type.find('{');
  if (open != std::string_view::npos && type.find('}', open) != std::string_view::npos) return ValueKind::choices;
  if (starts_with(type, "ROUTINE")) return ValueKind::routine;
  if (starts_with(type, "QUESTION")) return ValueKind::question;
  if (starts_with(type, "EXERCISE")) return ValueKind::exercise;
  if (starts_with(type, "ADVICE")) return ValueKind::advice;
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
    if (starts_with(c.word, prefix) && std::find(out.begin(), out.end(), c) == out.end()) out.push_back(std::move(c));
  }
  return out;
}

}  // namespace psoas::complete
