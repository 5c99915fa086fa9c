#pragma once
// Journal entries as text: the export/import formats (CSV, JSON, JSON Lines). Places and
// tags are read and written by psoas/entry.hpp. What export writes, import reads back exactly.

#include <array>
#include <chrono>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "psoas/entry.hpp"
#include "psoas/journal.hpp"
#include "psoas/json.hpp"

namespace psoas {

namespace when {
class Zone;  // psoas/when.hpp
}

// The formats of `psoas log export` and `psoas log import`.
enum class EntryFormat { csv, json, jsonl };

// "csv", "json", "jsonl" (also "ndjson") -> EntryFormat.
std::optional<EntryFormat> entry_format_from_string(std::string_view s);
std::string to_string(EntryFormat f);

// The format of an import: by the file name's extension, else by its first non-blank
// character ('[' JSON, '{' JSON Lines, anything else CSV).
EntryFormat detect_entry_format(std::string_view file_name, std::string_view head);

// The CSV columns, in the order export writes them; import takes them in any order.
// `session` and `session_role` link a rating to the session it was taken for.
inline constexpr std::array<std::string_view, 11> csv_columns{
    "uuid", "at", "pain", "enjoyment", "activity", "where", "triggers", "helped", "note", "session", "session_role"};

// One entry as a JSON object: uuid, at, pain, enjoyment, activity, where, triggers,
// helped, note, session and session_role (null for an ordinary entry), and the row id
// first when `with_id`.
std::string entry_json(const Entry& e, bool with_id);

// One session as stored, for the on-session hook: id, uuid, kind, routine, start, end,
// phases_done, phases_total, outcome.
std::string session_json(const Session& s);

// One triage result as stored, for the on-triage hook: id, uuid, at, outcome, answers
// (an object), reasons (an array), routine (null when none).
std::string triage_json(const TriageRecord& r);

// The change log's record states read back (record_json.cpp, journal_import.cpp): what
// entry_json, session_json and triage_json wrote, with the row id (a hint only: row ids
// are local to a journal) when the text has one. Throw UsageError(<kind>, why).
Entry entry_from_json(std::string_view text);
// A session from session_json's text.
Session session_from_json(std::string_view text);
// A triage result from triage_json's text.
TriageRecord triage_from_json(std::string_view text);
// The "id" member of a record state, if it has one.
std::optional<std::int64_t> record_id_in_json(std::string_view text);
// The same, from a state already parsed.
std::optional<std::int64_t> record_id_in(const json::Value& v);

// Writes entries in a format, streaming: the CSV header or the JSON array's brackets
// come with the first write and finish().
class EntryExporter {
 public:
  EntryExporter(std::ostream& out, EntryFormat format);
  void write(const Entry& e);
  void finish();

 private:
  std::ostream& m_out;
  EntryFormat m_format;
  json::LineArray m_array{m_out};
  bool m_started = false;
};

// Reads entries in a format, one at a time, validating each (with `now`, nothing more
// than a day in the future). Errors throw DataError("import", "<name>:<line>: <why>").
// A time without an offset ("2026-11-20T10:00") is read in `zone`, or refused without one.
class EntryImporter {
 public:
  EntryImporter(std::istream& in, EntryFormat format, std::string name, std::optional<Instant> now,
                const when::Zone* zone = nullptr);
  ~EntryImporter();
  // The next entry, checked, or nothing at the end of the input.
  std::optional<CheckedEntry> next();

 private:
  struct State;
  std::unique_ptr<State> m_state;
};

}  // namespace psoas
