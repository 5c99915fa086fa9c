#pragma once
// Hybrid logical clock stamps for the change log (docs/history.md): a pair (physical ms,
// counter) written "%013lld-%06d", so stamps sort as text. Pure: the caller passes the time.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace psoas::hlc {

// One stamp: milliseconds since the epoch and a counter within that millisecond.
struct Stamp {
  std::int64_t ms = 0;
  int counter = 0;
  auto operator<=>(const Stamp&) const = default;
};

// The largest counter a stamp holds (six digits); issuing past it moves to the next ms.
inline constexpr int max_counter = 999999;

// "1764547200000-000003".
std::string format(const Stamp& s);
// The stamp `text` spells, or nothing when it is not in format()'s form.
std::optional<Stamp> parse(std::string_view text);

// The stamp for a local change at wall time `now_ms`, after `last` (the last one issued or
// seen): ms = max(last.ms, now_ms); counter = last.counter + 1 when ms == last.ms, else 0.
// Always greater than `last`, even when the wall clock runs behind.
Stamp issue(const Stamp& last, std::int64_t now_ms);
// What `last` becomes after seeing a remote stamp: the greater of the two.
Stamp receive(const Stamp& last, const Stamp& remote);

}  // namespace psoas::hlc
