#pragma once
// Pain ratings taken for a guided session ("Pain now, 0-10?" before the first phase and
// after the last): reading what was typed, the journal entry a rating becomes, and how a
// listing names it. Knows no terminal; the timer's CLI asks and stores.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "psoas/clock.hpp"
#include "psoas/entry.hpp"
#include "psoas/journal.hpp"

namespace psoas::rating {

// The question the timer asks on a terminal.
inline constexpr std::string_view question = "Pain now, 0-10?";

// A whole number from 0 to 10 as typed ("7", " 10 "); nothing for anything else ("12",
// "-1", "4.5", "07x", "five", "+3", "").
std::optional<int> parse(std::string_view text);

// What a line typed at the question means.
enum class Kind { rating, skip, again };

// The meaning of one typed line: a rating, a skip (Enter alone, or only spaces), or a line
// to ask again for (anything that is not a rating; nothing of it is stored).
struct Answer {
  Kind kind = Kind::skip;
  int pain = 0;  // for Kind::rating
  bool operator==(const Answer&) const = default;
};
Answer read_answer(std::string_view line);

// The ordinary journal entry for a rating of `pain` taken at `at` (local offset
// `utc_offset`), linked to the session with uuid `session` as `role`.
Entry make_entry(int pain, std::string session, SessionRole role, Instant at, std::chrono::seconds utc_offset);

// How a listing names a rating: "before acute" (a routine), "after timer \"Wall sit\"",
// or "before a session" when its session is not in this journal (`session` null).
std::string describe(SessionRole role, const Session* session);

}  // namespace psoas::rating
