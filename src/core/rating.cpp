// Pain ratings for a guided session: the typed answer, the entry, the listing's words.
#include "psoas/rating.hpp"

#include <fmt/format.h>

namespace psoas::rating {

namespace {

std::string_view trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

}  // namespace

std::optional<int> parse(std::string_view text) {
  text = trim(text);
  if (text.empty() || text.size() > 2) return std::nullopt;
  int v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  if (v > 10) return std::nullopt;
  return v;
}

Answer read_answer(std::string_view line) {
  if (trim(line).empty()) return {Kind::skip, 0};
  if (auto v = parse(line)) return {Kind::rating, *v};
  return {Kind::again, 0};
}

Entry make_entry(int pain, std::string session, SessionRole role, Instant at, std::chrono::seconds utc_offset) {
  Entry e;
  e.at = at;
  e.utc_offset = utc_offset;
  e.pain = pain;
  e.session = std::move(session);
  e.session_role = role;
  return e;
}

std::string describe(SessionRole role, const Session* session) {
  const std::string when = to_string(role);
  if (!session) return when + " a session";
  if (session->kind == "timer") return fmt::format("{} timer \"{}\"", when, session->routine);
  return fmt::format("{} {}", when, session->routine);
}

}  // namespace psoas::rating
