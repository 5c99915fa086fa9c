#pragma once
// The change log's vocabulary (docs/history.md): one Change per row of the `change` table,
// what an undo or redo did, and the field-level view of a record's JSON state that undo
// and sync's fold share. The Journal (psoas/journal.hpp) writes and reads the rows.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "psoas/json.hpp"

namespace psoas {

// One row of the change log: who (device), when (an hlc stamp), which record (kind
// "entry"/"session"/"triage", uuid), what (op "add"/"edit"/"rm"), and the record's JSON
// before and after (entry_json with the row id, session_json, triage_json).
struct Change {
  std::int64_t seq = 0;                // local order of arrival
  std::string device{}, stamp{}, kind{}, record{}, op{};
  std::optional<std::string> before{}, after{};
  std::string batch{};                   // "" when the change stands alone
  std::string origin = "user";           // "user", "undo", "redo", "sync", "baseline"
  std::optional<std::int64_t> undoes{};  // for undo/redo: the seq it reverts or re-applies
  bool operator==(const Change&) const = default;
};

// What one `undo` or `redo` did.
struct UndoResult {
  std::vector<Change> reverted;  // the changes undone (for redo: the undos re-applied), newest first
  std::vector<Change> written;   // the changes it logged (origin "undo" or "redo"), in order
  bool others_changed = false;   // another device changed a record since: only this change's fields moved
};

// A change as `undo --list` shows it.
struct HistoryItem {
  Change change;
  bool local = false;   // made on this device
  bool undone = false;  // reverted by a later undo (and not redone since)
};

namespace history {

// A JSON value as compact text (numbers as written, strings quoted by json::quote).
std::string text(const json::Value& v);
// The top-level keys whose values differ between two record states (a key missing on one
// side counts as different), in `after`'s order, then `before`'s.
std::vector<std::string> changed_fields(std::string_view before, std::string_view after);
// `state` with the values of `fields` taken from `from` (a field `from` lacks is left out),
// keys in `state`'s order; new keys go last.
std::string with_fields(std::string_view state, std::string_view from, const std::vector<std::string>& fields);

}  // namespace history
}  // namespace psoas
