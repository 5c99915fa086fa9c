// Reading entries back: CSV (RFC 4180, a header row), a JSON array, JSON Lines. Every
// problem names the file and line; every entry is validated as it is read.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <istream>
#include <iterator>

#include "psoas/error.hpp"
#include "psoas/journal_io.hpp"
#include "psoas/json.hpp"
#include "psoas/when.hpp"

namespace psoas {

namespace {

using json::Value;

// A problem with the current record; the importer adds the file and line.
struct Problem {
  std::string why;
  std::size_t line = 0;  // 0: the record's first line
};

[[noreturn]] void problem(std::string why, std::size_t line = 0) { throw Problem{std::move(why), line}; }

int to_int(std::string_view s, const char* what) {
  int v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc{} || p != s.data() + s.size()) {
    problem(fmt::format("{} must be a whole number, not '{}'", what, s));
  }
  return v;
}

// "2026-11-20T10:00" or "2026-11-20T10:00:00" without an offset: that local wall time.
std::optional<std::chrono::local_seconds> local_time(std::string_view s) {
  if (s.size() != 16 && s.size() != 19) return std::nullopt;
  const auto num = [&](std::size_t at, std::size_t n, int& out) {
    auto [p, ec] = std::from_chars(s.data() + at, s.data() + at + n, out);
    return ec == std::errc{} && p == s.data() + at + n;
  };
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
  if (s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':') return std::nullopt;
  if (!num(0, 4, y) || !num(5, 2, mo) || !num(8, 2, d) || !num(11, 2, h) || !num(14, 2, mi)) return std::nullopt;
  if (s.size() == 19 && (s[16] != ':' || !num(17, 2, sec))) return std::nullopt;
  const std::chrono::year_month_day day{std::chrono::year{y}, std::chrono::month(static_cast<unsigned>(mo)),
                                        std::chrono::day(static_cast<unsigned>(d))};
  if (!day.ok() || h > 23 || mi > 59 || sec > 59) return std::nullopt;
  return std::chrono::local_days{day} + std::chrono::hours{h} + std::chrono::minutes{mi} + std::chrono::seconds{sec};
}

// A time with its offset; without one, in `zone` (when given) as `log --at` reads it.
Instant read_time(std::string_view s, std::chrono::seconds& offset, const when::Zone* zone) {
  auto t = when::parse_offset_time(s);
  if (!t && zone) {
    if (auto local = local_time(s)) {
      const Instant at = zone->from_local(*local);
      offset = zone->offset_at(at);
      return at;
    }
  }
  if (!t) problem(fmt::format("cannot read time '{}' (expected e.g. 2026-11-20T21:00:00+01:00)", s));
  offset = t->second;
  return t->first;
}

// "left groin=6" exactly as export writes it (no aliases: the area is taken as it is).
Location read_location(std::string_view s) {
  Location l;
  if (auto eq = s.rfind('='); eq != std::string_view::npos) {
    l.pain = to_int(s.substr(eq + 1), "location pain");
    s = s.substr(0, eq);
  }
  if (auto sp = s.find(' '); sp != std::string_view::npos) {
    auto side = side_from_string(s.substr(0, sp));
    if (!side || *side == Side::none) problem(fmt::format("unknown side '{}' in location", s.substr(0, sp)));
    l.side = *side;
    s = s.substr(sp + 1);
  }
  l.area = std::string(s);
  return l;
}

// Splits "a;b\;c" into {"a", "b;c"}.
std::vector<std::string> split_list(std::string_view s, const char* what) {
  std::vector<std::string> out;
  if (s.empty()) return out;
  std::string cur;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\') {
      if (++i == s.size()) problem(fmt::format("{} ends with a lone '\\'", what));
      cur += s[i];
    } else if (s[i] == ';') {
      out.push_back(std::move(cur));
      cur.clear();
    } else {
      cur += s[i];
    }
  }
  out.push_back(std::move(cur));
  return out;
}

// JSON field readers.
int json_int(const Value& v, const std::string& key) {
  if (v.type != Value::Type::number) problem(fmt::format("'{}' must be a number, not {}", key, json::describe(v.type)), v.line);
  try {
    return to_int(v.text, key.c_str());
  } catch (Problem& p) {
    p.line = v.line;
    throw;
  }
}

std::optional<int> json_optional_int(const Value& v, const std::string& key) {
  if (v.type == Value::Type::null) return std::nullopt;
  return json_int(v, key);
}

std::string json_string(const Value& v, const std::string& key, bool null_ok = false) {
  if (null_ok && v.type == Value::Type::null) return {};
  if (v.type != Value::Type::string) problem(fmt::format("'{}' must be a string, not {}", key, json::describe(v.type)), v.line);
  return v.text;
}

std::vector<std::string> json_strings(const Value& v, const std::string& key) {
  if (v.type != Value::Type::array) problem(fmt::format("'{}' must be an array of strings", key), v.line);
  std::vector<std::string> out;
  for (const auto& item : v.items) out.push_back(json_string(item, key));
  return out;
}

Location json_location(const Value& v) {
  if (v.type == Value::Type::string) return read_location(v.text);
  if (v.type != Value::Type::object) problem("each 'where' item must be an object or a string", v.line);
  Location l;
  for (const auto& [key, value] : v.members) {
    if (key == "area") {
      l.area = json_string(value, key);
    } else if (key == "side") {
      auto side = side_from_string(json_string(value, key, true));
      if (!side) problem(fmt::format("unknown side '{}'", value.text), value.line);
      l.side = *side;
    } else if (key == "pain") {
      l.pain = json_optional_int(value, "location pain");
    } else {
      problem(fmt::format("unknown field '{}' in a location", key), value.line);
    }
  }
  return l;
}

SessionRole read_session_role(std::string_view text, std::size_t line = 0) {
  auto role = session_role_from_string(text);
  if (!role) problem(fmt::format("session_role must be 'before', 'after' or empty, not '{}'", text), line);
  return *role;
}

Entry json_entry(const Value& v, const when::Zone* zone) {
  if (v.type != Value::Type::object) problem(fmt::format("expected an entry object, found {}", json::describe(v.type)));
  Entry e;
  bool has_at = false, has_pain = false;
  for (const auto& [key, value] : v.members) {
    if (key == "id") {
      continue;  // row ids are local to a journal
    } else if (key == "uuid") {
      e.uuid = json_string(value, key);
    } else if (key == "at") {
      try {
        e.at = read_time(json_string(value, key), e.utc_offset, zone);
      } catch (Problem& p) {
        p.line = value.line;
        throw;
      }
      has_at = true;
    } else if (key == "pain") {
      e.pain = json_int(value, key);
      has_pain = true;
    } else if (key == "enjoyment") {
      e.enjoyment = json_optional_int(value, key);
    } else if (key == "activity") {
      e.activity = json_optional_int(value, key);
    } else if (key == "where") {
      if (value.type != Value::Type::array) problem("'where' must be an array", value.line);
      for (const auto& item : value.items) e.where.push_back(json_location(item));
    } else if (key == "triggers") {
      e.triggers = json_strings(value, key);
    } else if (key == "helped") {
      e.helped = json_strings(value, key);
    } else if (key == "note") {
      e.note = json_string(value, key, true);
    } else if (key == "session") {
      e.session = json_string(value, key, true);
    } else if (key == "session_role") {
      e.session_role = read_session_role(json_string(value, key, true), value.line);
    } else {
      problem(fmt::format("unknown field '{}'", key), value.line);
    }
  }
  if (!has_at) problem("the entry has no 'at' time");
  if (!has_pain) problem("the entry has no 'pain'");
  return e;
}

}  // namespace

Entry entry_from_json(std::string_view text) {
  try {
    const json::Value v = json::parse(text);  // parsed once: sync reads every record this way
    Entry e = json_entry(v, nullptr);
    if (auto id = record_id_in(v)) e.id = *id;
    return e;
  } catch (const Problem& p) {
    throw UsageError(entry_subject, p.why);
  } catch (const json::ParseError& p) {
    throw UsageError(entry_subject, p.what());
  }
}

struct EntryImporter::State {
  State(std::istream& i, EntryFormat f, std::string n, std::optional<Instant> t, const when::Zone* z)
      : in(i), format(f), name(std::move(n)), now(t), zone(z) {}
  std::istream& in;
  EntryFormat format;
  std::string name;
  std::optional<Instant> now;
  const when::Zone* zone;       // for times without an offset, or nullptr to refuse them
  std::size_t line = 0;         // physical lines read so far
  std::size_t record_line = 0;  // where the current record began
  // CSV
  std::vector<int> column_of;   // for each csv_columns item, its index in the file, or -1
  std::size_t field_count = 0;
  bool header_done = false;
  // JSON array
  std::string text;
  std::optional<json::Parser> parser;
  bool done = false;
  std::string line_buffer;           // the CSV line being read
  std::vector<std::string> record;   // the CSV record being read

  [[noreturn]] void fail(const std::string& why, std::size_t at_line = 0) const {
    throw DataError("import", fmt::format("{}:{}: {}", name, at_line ? at_line : record_line, why));
  }

  // One CSV record (quoted fields may span lines); false at the end of the input.
  bool read_record(std::vector<std::string>& fields) {
    std::string& l = line_buffer;  // reused: one allocation for the whole import
    do {
      if (!std::getline(in, l)) return false;
      ++line;
      if (!l.empty() && l.back() == '\r') l.pop_back();
    } while (l.empty());
    record_line = line;
    fields.clear();
    std::string cur;
    bool in_quotes = false, quoted = false;
    for (std::size_t i = 0;;) {
      if (i == l.size()) {
        if (!in_quotes) break;
        if (!std::getline(in, l)) fail("a quoted field is not closed");
        ++line;
        cur += '\n';
        i = 0;
        continue;
      }
      char c = l[i++];
      if (in_quotes) {
        if (c != '"') cur += c;
        else if (i < l.size() && l[i] == '"') cur += '"', ++i;
        else in_quotes = false;
      } else if (c == ',') {
        fields.push_back(std::move(cur));
        cur.clear();
        quoted = false;
      } else if (c == '"' && cur.empty() && !quoted) {
        in_quotes = quoted = true;
      } else if (c == '"' || quoted) {
        fail(fmt::format("stray '\"' in field {}", fields.size() + 1));
      } else {
        cur += c;
      }
    }
    fields.push_back(std::move(cur));
    return true;
  }

  void read_header() {
    header_done = true;
    std::vector<std::string> fields;
    if (!read_record(fields)) return;
    column_of.assign(csv_columns.size(), -1);
    for (std::size_t i = 0; i < fields.size(); ++i) {
      auto it = std::find(csv_columns.begin(), csv_columns.end(), fields[i]);
      if (it == csv_columns.end()) {
        fail(fmt::format("unknown column '{}' in the header (expected {})", fields[i], fmt::join(csv_columns, ",")));
      }
      auto k = static_cast<std::size_t>(it - csv_columns.begin());
      if (column_of[k] >= 0) fail(fmt::format("column '{}' appears twice", fields[i]));
      column_of[k] = static_cast<int>(i);
    }
    if (column_of[1] < 0 || column_of[2] < 0) fail("the header needs at least the columns 'at' and 'pain'");
    field_count = fields.size();
  }

  std::optional<Entry> next_csv() {
    if (!header_done) read_header();
    std::vector<std::string>& f = record;
    if (column_of.empty() || !read_record(f)) return std::nullopt;
    if (f.size() != field_count) fail(fmt::format("expected {} fields, found {}", field_count, f.size()));
    auto col = [&](std::size_t k) -> std::string_view {
      return column_of[k] < 0 ? std::string_view{} : std::string_view(f[static_cast<std::size_t>(column_of[k])]);
    };
    Entry e;
    e.uuid = std::string(col(0));
    e.at = read_time(col(1), e.utc_offset, zone);
    e.pain = to_int(col(2), "pain");
    if (!col(3).empty()) e.enjoyment = to_int(col(3), "enjoyment");
    if (!col(4).empty()) e.activity = to_int(col(4), "activity");
    for (const auto& w : split_list(col(5), "where")) e.where.push_back(read_location(w));
    e.triggers = split_list(col(6), "triggers");
    e.helped = split_list(col(7), "helped");
    e.note = std::string(col(8));
    e.session = std::string(col(9));
    e.session_role = read_session_role(col(10));
    return e;
  }

  std::optional<Entry> next_jsonl() {
    std::string l;
    do {
      if (!std::getline(in, l)) return std::nullopt;
      ++line;
    } while (l.find_first_not_of(" \t\r") == std::string::npos);
    record_line = line;
    return json_entry(json::parse(l, line), zone);
  }

  std::optional<Entry> next_json() {
    if (!parser) {
      text.assign(std::istreambuf_iterator<char>(in), {});
      parser.emplace(text);
      if (parser->at_end()) return std::nullopt;  // an empty file holds no entries
      parser->expect('[', "'[' (a JSON array of entries)");
      done = parser->consume(']');
    }
    if (done) {
      if (!parser->at_end()) fail("unexpected text after the JSON array", parser->line());
      return std::nullopt;
    }
    Value v = parser->value();
    record_line = v.line;
    Entry e = json_entry(v, zone);
    if (!parser->consume(',')) {
      parser->expect(']', "',' or ']'");
      done = true;
    }
    return e;
  }
};

EntryImporter::EntryImporter(std::istream& in, EntryFormat format, std::string name, std::optional<Instant> now,
                             const when::Zone* zone)
    : m_state(std::make_unique<State>(in, format, std::move(name), now, zone)) {}

EntryImporter::~EntryImporter() = default;

std::optional<CheckedEntry> EntryImporter::next() {
  State& s = *m_state;
  try {
    std::optional<Entry> e;
    switch (s.format) {
      case EntryFormat::csv: e = s.next_csv(); break;
      case EntryFormat::jsonl: e = s.next_jsonl(); break;
      case EntryFormat::json: e = s.next_json(); break;
    }
    if (!e) return std::nullopt;
    return CheckedEntry::check(std::move(*e), s.now);
  } catch (const Problem& p) {
    s.fail(p.why, p.line);
  } catch (const json::ParseError& p) {
    s.fail(p.what(), p.line());
  } catch (const UsageError& u) {
    s.fail(u.what());
  }
}

}  // namespace psoas
