#pragma once
// A minimal JSON writer for `--json` output: string escaping and a small object/array builder.
// Output is compact (no spaces or newlines); print it with fmt and add a trailing newline.
//
//   json::Object o;
//   o.add("id", r.id).add("steps", 3).add("per_side", true).add_raw("cues", json::array(cues));
//   fmt::print("{}\n", o.str());   // {"id":"morning","steps":3,"per_side":true,"cues":["a","b"]}

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace psoas::json {

// `s` as a JSON string literal, quotes included: `"`, `\` and control characters escaped,
// other bytes (UTF-8) passed through unchanged.
std::string quote(std::string_view s);

// A JSON array of strings: ["a","b"].
std::string array(const std::vector<std::string>& items);

// A JSON array of already-encoded values (objects, numbers, ...): [v1,v2].
std::string array_raw(const std::vector<std::string>& values);

// Builds one JSON object, keys in insertion order.
class Object {
 public:
  Object& add(std::string_view key, std::string_view value);
  Object& add(std::string_view key, const char* value) { return add(key, std::string_view(value)); }
  Object& add(std::string_view key, const std::string& value) {
    return add(key, std::string_view(value));
  }
  Object& add(std::string_view key, std::int64_t value);
  Object& add(std::string_view key, int value) {
    return add(key, static_cast<std::int64_t>(value));
  }
  Object& add(std::string_view key, double value);
  Object& add(std::string_view key, bool value);
  // Whole seconds, as a number.
  Object& add(std::string_view key, std::chrono::seconds value) {
    return add(key, static_cast<std::int64_t>(value.count()));
  }
  // The value, or `null` when there is none.
  template <class T>
  Object& add(std::string_view key, const std::optional<T>& value) {
    return value ? add(key, *value) : add_null(key);
  }
  // Adds `null`.
  Object& add_null(std::string_view key);
  // Adds an already-encoded JSON value (an Object's str(), array(), ...).
  Object& add_raw(std::string_view key, std::string_view json);
  // The object as compact JSON text.
  std::string str() const { return m_body + "}"; }

 private:
  void key(std::string_view k);
  std::string m_body = "{";
};

}  // namespace psoas::json
