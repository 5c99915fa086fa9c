#pragma once
// Inside the content module: reading the typed fields of one TOML table (strings, lists,
// durations, counts, flags, choices) and reporting each problem to its document with a
// position and a "did you mean". content_parse.cpp uses it for every content table.

#include <fmt/format.h>
#include <toml++/toml.h>

#include <chrono>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "content_parse.hpp"

namespace psoas::detail {

// Whether a key must be given.
enum class Need { optional, required };

// A file position from a TOML source region.
SourcePos position(const std::string& file, const toml::source_region& where);

// Lower-case letters, digits and '-', not starting with '-'.
bool valid_id(std::string_view id);

// "; did you mean 'x'?" when a candidate is close, else "".
template <class Names>
std::string did_you_mean(std::string_view name, const Names& names) {
  std::string guess =
      closest_match(name, std::vector<std::string>(std::begin(names), std::end(names)));
  return guess.empty() ? std::string{} : fmt::format("; did you mean '{}'?", guess);
}

// Reads the fields of one table, reporting every problem to the document.
class Fields {
 public:
  // Reports keys of `table` that are not in `keys`; `what` names the table in messages.
  Fields(Document& doc, const toml::table& table, std::string what, std::vector<std::string> keys);

  // Where the table starts, or where `key`'s value is (the table when it is absent).
  SourcePos pos() const { return position(m_doc.name, m_table.source()); }
  SourcePos pos(std::string_view key) const;
  // The value of `key`, or null.
  const toml::node* get(std::string_view key) const { return m_table.get(key); }
  // Names the item in later messages, e.g. "exercise 'pelvic-tilt'".
  void rename(std::string what) { m_what = std::move(what); }

  // Reports `message` at `where`.
  void issue(const toml::source_region& where, std::string message);
  // Reports that the required `key` is absent.
  void missing(std::string_view key);

  // The required "id", checked for its characters.
  std::string id();
  // A string; required ones must not be empty.
  std::optional<std::string> text(std::string_view key, Need need);
  // An array of strings; required ones must not be empty.
  std::vector<std::string> texts(std::string_view key, Need need);
  // A duration string or whole seconds, over zero and at most a day.
  std::optional<std::chrono::seconds> duration(std::string_view key);
  // A whole number from 1 to 999.
  std::optional<int> count(std::string_view key);
  // true or false.
  std::optional<bool> flag(std::string_view key);

  // One of `names` (an enum's to_string values, or plain strings).
  template <class T, std::size_t N>
  std::optional<T> choice(std::string_view key, const T (&values)[N], Need need) {
    auto name = text(key, need);
    if (!name) return std::nullopt;
    return pick(*get(key), key, *name, values);
  }

  // Like choice, for an array of strings.
  template <std::size_t N>
  std::vector<std::string> choices(std::string_view key, const std::string_view (&values)[N]) {
    std::vector<std::string> out;
    const toml::node* n = get(key);
    if (!n) return out;
    const auto* array = n->as_array();
    if (!array) {
      issue(n->source(), fmt::format("'{}' must be an array of strings", key));
      return out;
    }
    for (const toml::node& item : *array) {
      const auto* s = item.as_string();
      if (!s) {
        issue(item.source(), fmt::format("'{}' must be an array of strings", key));
      } else if (pick(item, key, s->get(), values)) {
        out.push_back(s->get());
      }
    }
    return out;
  }

 private:
  // Reports `message` at `n`; returns nullopt for the caller to return.
  std::nullopt_t bad(const toml::node& n, std::string message);

  template <class T, std::size_t N>
  std::optional<T> pick(const toml::node& n, std::string_view key, std::string_view name,
                        const T (&values)[N]) {
    std::vector<std::string> names;
    for (const T& v : values) {
      if (to_name(v) == name) return v;
      names.emplace_back(to_name(v));
    }
    return bad(n, fmt::format("bad {} '{}': expected one of {}{}", key, name,
                              fmt::join(names, ", "), did_you_mean(name, names)));
  }
  template <class T>
  static std::string_view to_name(const T& v) {
    if constexpr (std::is_same_v<T, std::string_view>) {
      return v;
    } else {
      return to_string(v);
    }
  }

  Document& m_doc;
  const toml::table& m_table;
  std::string m_what;
};

}  // namespace psoas::detail
