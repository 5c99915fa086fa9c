// Hybrid logical clock stamps: formatting, parsing, issuing and receiving (pure functions).
#include "psoas/hlc.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

namespace psoas::hlc {

std::string format(const Stamp& s) { return fmt::format("{:013d}-{:06d}", s.ms, s.counter); }

std::optional<Stamp> parse(std::string_view text) {
  const auto dash = text.find('-');
  if (dash == std::string_view::npos || dash < 13 || text.size() - dash - 1 != 6) return std::nullopt;
  Stamp s;
  auto whole = [](std::string_view t, auto& out) {
    auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), out);
    return ec == std::errc{} && p == t.data() + t.size() && t.find_first_not_of("0123456789") == std::string_view::npos;
  };
  if (!whole(text.substr(0, dash), s.ms) || !whole(text.substr(dash + 1), s.counter)) return std::nullopt;
  return s;
}

Stamp issue(const Stamp& last, std::int64_t now_ms) {
  const std::int64_t ms = std::max(last.ms, now_ms);
  if (ms != last.ms) return {ms, 0};
  if (last.counter >= max_counter) return {ms + 1, 0};  // a logical step forward, still unique
  return {ms, last.counter + 1};
}

Stamp receive(const Stamp& last, const Stamp& remote) { return std::max(last, remote); }

}  // namespace psoas::hlc
