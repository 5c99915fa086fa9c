#pragma once
// One pain journal entry and its vocabulary: the known areas, sides, triggers and helpers,
// places as typed ("left groin=5"), tags, and the one check an entry passes before it is
// stored. Knows nothing of SQLite. Errors name the subject "entry" (or "place" for a place
// that cannot be read); the command line says which of its commands it was.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "psoas/clock.hpp"

namespace psoas {

// Which side of the body a location is on.
enum class Side { none, left, right, both };

// A place that hurts, e.g. {"groin", Side::left, 6}.
struct Location {
  std::string area;          // "lower-back", "groin", "front-of-hip", "buttock", "thigh", "leg", or free text
  Side side = Side::none;
  std::optional<int> pain;   // 0-10 for this location, when given
  bool operator==(const Location&) const = default;
};

// When a rating was taken for a session: before its first phase or after its last (or
// after it was stopped).
enum class SessionRole { none, before, after };

// One pain journal entry.
struct Entry {
  std::int64_t id = 0;                 // row id, assigned by the journal
  std::string uuid;                    // stable across export/import; assigned when empty
  Instant at{};                        // UTC instant
  std::chrono::seconds utc_offset{0};  // the local offset when it was entered
  int pain = 0;                        // 0-10 numeric rating
  std::optional<int> enjoyment;        // PEG: interference with enjoyment of life, 0-10
  std::optional<int> activity;         // PEG: interference with general activity, 0-10
  std::vector<Location> where;
  std::vector<std::string> triggers;   // "sitting", "stress", ... or free text
  std::vector<std::string> helped;     // "heat", "ice", "stretch", ... or free text
  std::string note;
  // A rating the timer asked for: the uuid of the session it belongs to and when it was
  // taken; empty and SessionRole::none for an ordinary entry. The session need not be in
  // this journal (an import keeps the link as it is).
  std::string session;
  SessionRole session_role = SessionRole::none;
  bool operator==(const Entry&) const = default;
};

// The subject of the errors this module throws about an entry.
inline constexpr const char* entry_subject = "entry";
// The subject of the errors parse_location throws.
inline constexpr const char* place_subject = "place";

// "left", "right", "both", "" <-> Side.
std::string to_string(Side s);
std::optional<Side> side_from_string(std::string_view s);

// "before", "after", "" <-> SessionRole.
std::string to_string(SessionRole r);
std::optional<SessionRole> session_role_from_string(std::string_view s);

// The areas `--where` knows: lower-back, groin, front-of-hip, buttock, thigh, leg.
const std::vector<std::string>& known_areas();
// Common triggers and things that helped (free text is allowed besides these).
const std::vector<std::string>& known_triggers();
const std::vector<std::string>& known_helped();

// Reads a place as a user types it: "left groin", "lower back", "groin=6",
// "right front of hip=3", "both legs". Spaces, dashes and underscores are alike, case
// does not matter, the side may come first or last, common aliases ("back", "hip",
// "glute", plurals) map to the known areas. The area is returned as typed (lower-case,
// dash-joined) when it is not a known one; the caller decides whether to accept it.
// Throws UsageError(place_subject, ...) for an empty text or a bad "=N".
Location parse_location(std::string_view text);

// "left groin=6", "lower-back": the exact form export writes and parse_location reads.
std::string format_location(const Location& l);

// A trigger or helper as stored: trimmed, inner spaces collapsed, lower-case; "poor sleep"
// becomes "poor-sleep" when that is a known one.
std::string normalise_tag(std::string_view text, const std::vector<std::string>& known);

// A random RFC 4122 version-4 uuid.
std::string make_uuid();

// A uuid made from an entry's content (its instant, offset, ratings, places, triggers,
// helpers and note; version 8, "custom"), for imported entries that carry none: importing
// the same file twice then adds its entries once.
std::string content_uuid(const Entry& e);

// True for a uuid in the canonical 8-4-4-4-12 lower-case hex form.
bool is_uuid(std::string_view s);

// Checks an entry before it is written; throws UsageError(entry_subject, "<why>"): pain,
// PEG and location pain 0-10, uuid form, offset within +-18h, areas (no spaces, ';', '='
// or ','), triggers and helped (non-empty, no control characters), valid UTF-8 text, a
// session link that is a uuid with a role (or neither). With
// `now`, also rejects an instant more than a day after `now` (nothing here reads the
// clock, so callers pass it).
void validate_entry(const Entry& e, std::optional<Instant> now = {});

// An entry that has passed validate_entry. Only `check` makes one, so a function that
// takes a CheckedEntry (the journal's import) knows it needs no second check.
class CheckedEntry {
 public:
  // validate_entry(e, now), then wraps e; throws what validate_entry throws.
  static CheckedEntry check(Entry e, std::optional<Instant> now = {});
  const Entry& entry() const { return m_entry; }
  // Gives the entry up; a uuid assigned afterwards (is_uuid) keeps it valid.
  Entry take() && { return std::move(m_entry); }

 private:
  explicit CheckedEntry(Entry e) : m_entry(std::move(e)) {}
  Entry m_entry;
};

// The PEG score (mean of pain, enjoyment and activity) when both PEG items are present.
std::optional<double> peg_score(const Entry& e);

}  // namespace psoas
