// Entries as text: times, and the writers for CSV, JSON and JSON Lines.
#include "psoas/journal_io.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <ostream>

#include "psoas/error.hpp"
#include "psoas/json.hpp"
#include "psoas/when.hpp"

namespace psoas {

namespace {

using namespace std::chrono;

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string csv_field(std::string_view s) {
  if (s.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// Items joined with ';', with '\' and ';' inside an item escaped by '\'.
std::string join_list(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ';';
    for (char c : items[i]) {
      if (c == '\\' || c == ';') out += '\\';
      out += c;
    }
  }
  return out;
}

std::string optional_text(std::optional<int> v) { return v ? std::to_string(*v) : std::string{}; }

// The CSV header line.
std::string csv_header() { return fmt::format("{}\n", fmt::join(csv_columns, ",")); }

}  // namespace

std::optional<EntryFormat> entry_format_from_string(std::string_view s) {
  if (s == "csv") return EntryFormat::csv;
  if (s == "json") return EntryFormat::json;
  if (s == "jsonl" || s == "ndjson") return EntryFormat::jsonl;
  return std::nullopt;
}

std::string to_string(EntryFormat f) {
  switch (f) {
    case EntryFormat::csv: return "csv";
    case EntryFormat::json: return "json";
    case EntryFormat::jsonl: return "jsonl";
  }
  return "";
}

EntryFormat detect_entry_format(std::string_view file_name, std::string_view head) {
  auto dot = file_name.rfind('.');
  if (dot != std::string_view::npos) {
    if (auto f = entry_format_from_string(lower(file_name.substr(dot + 1)))) return *f;
  }
  auto first = head.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return EntryFormat::csv;
  if (head[first] == '[') return EntryFormat::json;
  if (head[first] == '{') return EntryFormat::jsonl;
  return EntryFormat::csv;
}

std::string entry_json(const Entry& e, bool with_id) {
  json::Object o;
  if (with_id) o.add("id", static_cast<std::int64_t>(e.id));
  o.add("uuid", e.uuid).add("at", when::format_offset_time(e.at, e.utc_offset)).add("pain", e.pain);
  if (e.enjoyment) o.add("enjoyment", *e.enjoyment);
  else o.add_null("enjoyment");
  if (e.activity) o.add("activity", *e.activity);
  else o.add_null("activity");
  std::vector<std::string> where;
  for (const auto& l : e.where) {
    json::Object lo;
    lo.add("area", l.area);
    if (l.side == Side::none) lo.add_null("side");
    else lo.add("side", to_string(l.side));
    if (l.pain) lo.add("pain", *l.pain);
    else lo.add_null("pain");
    where.push_back(lo.str());
  }
  o.add_raw("where", json::array_raw(where));
  o.add_raw("triggers", json::array(e.triggers));
  o.add_raw("helped", json::array(e.helped));
  o.add("note", e.note);
  if (e.session.empty()) o.add_null("session").add_null("session_role");
  else o.add("session", e.session).add("session_role", to_string(e.session_role));
  return o.str();
}

std::string session_json(const Session& s) {
  json::Object o;
  o.add("id", static_cast<std::int64_t>(s.id))
      .add("uuid", s.uuid)
      .add("kind", s.kind)
      .add("routine", s.routine)
      .add("start", when::format_offset_time(s.start, s.utc_offset))
      .add("end", when::format_offset_time(s.end, s.utc_offset))
      .add("phases_done", s.phases_done)
      .add("phases_total", s.phases_total)
      .add("outcome", s.outcome);
  return o.str();
}

std::string triage_json(const TriageRecord& r) {
  json::Object o;
  o.add("id", static_cast<std::int64_t>(r.id))
      .add("uuid", r.uuid)
      .add("at", when::format_offset_time(r.at, r.utc_offset))
      .add("outcome", r.outcome)
      // Both columns hold JSON written by psoas itself; empty only in a hand-made record.
      .add_raw("answers", r.answers_json.empty() ? "{}" : r.answers_json)
      .add_raw("reasons", r.reasons_json.empty() ? "[]" : r.reasons_json);
  if (r.routine.empty()) o.add_null("routine");
  else o.add("routine", r.routine);
  return o.str();
}

EntryExporter::EntryExporter(std::ostream& out, EntryFormat format) : m_out(out), m_format(format) {}

void EntryExporter::write(const Entry& e) {
  switch (m_format) {
    case EntryFormat::csv: {
      if (!m_started) m_out << csv_header();
      std::vector<std::string> where;
      for (const auto& l : e.where) where.push_back(format_location(l));
      m_out << e.uuid << ',' << when::format_offset_time(e.at, e.utc_offset) << ',' << e.pain << ','
            << optional_text(e.enjoyment) << ',' << optional_text(e.activity) << ',' << csv_field(join_list(where))
            << ',' << csv_field(join_list(e.triggers)) << ',' << csv_field(join_list(e.helped)) << ','
            << csv_field(e.note) << ',' << e.session << ',' << to_string(e.session_role) << '\n';
      break;
    }
    case EntryFormat::json:
      m_array.add(entry_json(e, false));
      break;
    case EntryFormat::jsonl:
      m_out << entry_json(e, false) << '\n';
      break;
  }
  m_started = true;
}

void EntryExporter::finish() {
  if (m_format == EntryFormat::csv && !m_started) m_out << csv_header();
  if (m_format == EntryFormat::json) m_array.finish();
  m_started = true;
}

}  // namespace psoas
