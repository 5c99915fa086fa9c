// Reading the typed fields of one content table, each problem reported to its document.
#include "content_fields.hpp"

#include <algorithm>

#include "psoas/when.hpp"

namespace psoas::detail {
namespace {

using std::chrono::seconds;

constexpr std::int64_t max_seconds = 24 * 60 * 60;
constexpr std::int64_t max_count = 999;
constexpr std::string_view duration_help =
    R"(a duration such as "45s", "2m", "1h30m", or whole seconds)";

}  // namespace

SourcePos position(const std::string& file, const toml::source_region& where) {
  return {file, static_cast<int>(where.begin.line), static_cast<int>(where.begin.column)};
}

bool valid_id(std::string_view id) {
  if (id.empty() || id.front() == '-') return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

Fields::Fields(Document& doc, const toml::table& table, std::string what, std::vector<std::string> keys)
    : m_doc(doc), m_table(table), m_what(std::move(what)) {
  for (auto&& [key, node] : table) {
    if (std::find(keys.begin(), keys.end(), key.str()) != keys.end()) continue;
    issue(key.source(), fmt::format("unknown key '{}' in {}{}", key.str(), m_what,
                                    did_you_mean(key.str(), keys)));
  }
}

SourcePos Fields::pos(std::string_view key) const {
  const toml::node* n = m_table.get(key);
  return n ? position(m_doc.name, n->source()) : pos();
}

void Fields::issue(const toml::source_region& where, std::string message) {
  m_doc.issues.push_back({position(m_doc.name, where), std::move(message)});
}

void Fields::missing(std::string_view key) {
  m_doc.issues.push_back({pos(), fmt::format("{} is missing required key '{}'", m_what, key)});
}

std::string Fields::id() {
  std::string id = text("id", Need::required).value_or("");
  if (const toml::node* n = get("id"); n && n->is_string() && !id.empty() && !valid_id(id)) {
    issue(n->source(), fmt::format("bad id '{}': use lower-case letters, digits and '-'", id));
  }
  return id;
}

std::optional<std::string> Fields::text(std::string_view key, Need need) {
  const toml::node* n = get(key);
  if (!n) {
    if (need == Need::required) missing(key);
    return std::nullopt;
  }
  const auto* s = n->as_string();
  if (!s) {
    issue(n->source(), fmt::format("'{}' must be a string", key));
    return std::nullopt;
  }
  if (need == Need::required && s->get().empty())
    issue(n->source(), fmt::format("'{}' must not be empty", key));
  return s->get();
}

std::vector<std::string> Fields::texts(std::string_view key, Need need) {
  std::vector<std::string> out;
  const toml::node* n = get(key);
  if (!n) {
    if (need == Need::required) missing(key);
    return out;
  }
  const auto* array = n->as_array();
  if (!array) {
    issue(n->source(), fmt::format("'{}' must be an array of strings", key));
    return out;
  }
  for (const toml::node& item : *array) {
    if (const auto* s = item.as_string()) {
      out.push_back(s->get());
    } else {
      issue(item.source(), fmt::format("'{}' must be an array of strings", key));
    }
  }
  if (need == Need::required && array->empty())
    issue(n->source(), fmt::format("'{}' must not be empty", key));
  return out;
}

std::optional<seconds> Fields::duration(std::string_view key) {
  const toml::node* n = get(key);
  if (!n) return std::nullopt;
  std::optional<std::int64_t> value;
  if (const auto* i = n->as_integer()) {
    value = i->get();
  } else if (const auto* s = n->as_string()) {
    // when's reader, with content's own limits: zero and over a day are worded below.
    const when::ScannedDuration d = when::scan_duration(s->get());
    if (d.status == when::DurationScan::ok || d.status == when::DurationScan::zero) {
      value = d.value.count();
    } else if (d.status == when::DurationScan::too_long) {
      value = max_seconds + 1;
    } else {
      issue(n->source(),
            fmt::format("bad duration '{}' for '{}': use {}", s->get(), key, duration_help));
      return std::nullopt;
    }
  } else {
    issue(n->source(), fmt::format("'{}' must be {}", key, duration_help));
    return std::nullopt;
  }
  if (*value <= 0) return bad(*n, fmt::format("'{}' must be longer than zero", key));
  if (*value > max_seconds) return bad(*n, fmt::format("'{}' must be at most a day", key));
  return seconds{*value};
}

std::optional<int> Fields::count(std::string_view key) {
  const toml::node* n = get(key);
  if (!n) return std::nullopt;
  const auto* i = n->as_integer();
  if (!i) return bad(*n, fmt::format("'{}' must be a whole number", key));
  if (i->get() < 1) return bad(*n, fmt::format("'{}' must be at least 1", key));
  if (i->get() > max_count)
    return bad(*n, fmt::format("'{}' must be at most {}", key, max_count));
  return static_cast<int>(i->get());
}

std::optional<bool> Fields::flag(std::string_view key) {
  const toml::node* n = get(key);
  if (!n) return std::nullopt;
  if (const auto* b = n->as_boolean()) return b->get();
  return bad(*n, fmt::format("'{}' must be true or false", key));
}

std::nullopt_t Fields::bad(const toml::node& n, std::string message) {
  issue(n.source(), std::move(message));
  return std::nullopt;
}

}  // namespace psoas::detail
