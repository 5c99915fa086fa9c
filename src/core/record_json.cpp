// Record states as the change log keeps them: sessions and triage results read back from
// session_json and triage_json (entries are read by the importer, journal_import.cpp), and
// the field-level view (changed_fields, with_fields) that undo and sync's fold share.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "psoas/error.hpp"
#include "psoas/history.hpp"
#include "psoas/journal_io.hpp"
#include "psoas/json.hpp"
#include "psoas/when.hpp"

namespace psoas {

namespace {

using json::Value;

// Reads one record state as an object, or throws UsageError(subject, why).
Value object(std::string_view text, const char* subject) {
  try {
    Value v = json::parse(text);
    if (v.type != Value::Type::object) throw UsageError(subject, fmt::format("expected an object, found {}", json::describe(v.type)));
    return v;
  } catch (const json::ParseError& e) {
    throw UsageError(subject, e.what());
  }
}

const Value& member(const Value& v, const char* key, Value::Type type, const char* subject) {
  const Value* m = v.find(key);
  if (!m || m->type != type) throw UsageError(subject, fmt::format("'{}' must be {}", key, json::describe(type)));
  return *m;
}

std::string string_of(const Value& v, const char* key, const char* subject) {
  return member(v, key, Value::Type::string, subject).text;
}

std::int64_t number_of(const Value& v, const char* key, const char* subject) {
  const std::string& t = member(v, key, Value::Type::number, subject).text;
  std::int64_t n = 0;
  auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), n);
  if (ec != std::errc{} || p != t.data() + t.size()) throw UsageError(subject, fmt::format("'{}' must be a whole number", key));
  return n;
}

Instant time_of(const Value& v, const char* key, const char* subject, std::chrono::seconds& offset) {
  auto t = when::parse_offset_time(string_of(v, key, subject));
  if (!t) throw UsageError(subject, fmt::format("cannot read the time in '{}'", key));
  offset = t->second;
  return t->first;
}

}  // namespace

std::optional<std::int64_t> record_id_in(const json::Value& v) {
  const Value* id = v.find("id");
  if (!id || id->type != Value::Type::number) return std::nullopt;
  std::int64_t n = 0;
  auto [p, ec] = std::from_chars(id->text.data(), id->text.data() + id->text.size(), n);
  if (ec != std::errc{} || p != id->text.data() + id->text.size()) return std::nullopt;
  return n;
}

std::optional<std::int64_t> record_id_in_json(std::string_view text) {
  try {
    return record_id_in(json::parse(text));
  } catch (const json::ParseError&) {
    return std::nullopt;
  }
}

Session session_from_json(std::string_view text) {
  const char* subject = "session";
  Value v = object(text, subject);
  Session s;
  if (v.find("id")) s.id = number_of(v, "id", subject);
  s.uuid = string_of(v, "uuid", subject);
  s.kind = string_of(v, "kind", subject);
  s.routine = string_of(v, "routine", subject);
  s.start = time_of(v, "start", subject, s.utc_offset);
  s.end = time_of(v, "end", subject, s.utc_offset);
  s.phases_done = static_cast<int>(number_of(v, "phases_done", subject));
  s.phases_total = static_cast<int>(number_of(v, "phases_total", subject));
  s.outcome = string_of(v, "outcome", subject);
  return s;
}

TriageRecord triage_from_json(std::string_view text) {
  const char* subject = "triage result";
  Value v = object(text, subject);
  TriageRecord r;
  if (v.find("id")) r.id = number_of(v, "id", subject);
  r.uuid = string_of(v, "uuid", subject);
  r.at = time_of(v, "at", subject, r.utc_offset);
  r.outcome = string_of(v, "outcome", subject);
  r.answers_json = history::text(member(v, "answers", Value::Type::object, subject));
  r.reasons_json = history::text(member(v, "reasons", Value::Type::array, subject));
  const Value* routine = v.find("routine");
  if (routine && routine->type == Value::Type::string) r.routine = routine->text;
  return r;
}

namespace history {

std::string text(const json::Value& v) {
  switch (v.type) {
    case Value::Type::null: return "null";
    case Value::Type::boolean: return v.boolean ? "true" : "false";
    case Value::Type::number: return v.text;
    case Value::Type::string: return json::quote(v.text);
    case Value::Type::array: {
      std::vector<std::string> items;
      for (const auto& item : v.items) items.push_back(text(item));
      return json::array_raw(items);
    }
    case Value::Type::object: {
      json::Object o;
      for (const auto& [key, value] : v.members) o.add_raw(key, text(value));
      return o.str();
    }
  }
  return "null";
}

std::vector<std::string> changed_fields(std::string_view before, std::string_view after) {
  const Value b = json::parse(before), a = json::parse(after);
  std::vector<std::string> out;
  auto differs = [](const Value* x, const Value* y) { return !x || !y || text(*x) != text(*y); };
  for (const auto& [key, value] : a.members) {
    if (differs(b.find(key), &value)) out.push_back(key);
  }
  for (const auto& [key, value] : b.members) {
    if (!a.find(key)) out.push_back(key);
  }
  return out;
}

std::string with_fields(std::string_view state, std::string_view from, const std::vector<std::string>& fields) {
  const Value s = json::parse(state), f = json::parse(from);
  auto wanted = [&](const std::string& key) { return std::find(fields.begin(), fields.end(), key) != fields.end(); };
  json::Object o;
  for (const auto& [key, value] : s.members) {
    if (!wanted(key)) o.add_raw(key, text(value));
    else if (const Value* v = f.find(key)) o.add_raw(key, text(*v));
  }
  for (const auto& [key, value] : f.members) {
    if (wanted(key) && !s.find(key)) o.add_raw(key, text(value));
  }
  return o.str();
}

}  // namespace history
}  // namespace psoas
