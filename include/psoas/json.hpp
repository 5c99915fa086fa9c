#pragma once
// The one JSON reader and writer. The writer (quote, arrays, Object) builds compact text for
// `--json`, the journal's list columns, exports and state files; the reader (parse) keeps
// count of lines so that every error names one.
//
//   json::Object o;
//   o.add("id", r.id).add("steps", 3).add("per_side", true).add_raw("cues", json::array(cues));
//   fmt::print("{}\n", o.str());   // {"id":"morning","steps":3,"per_side":true,"cues":["a","b"]}

#include <chrono>
#include <cstdint>
#include <optional>
#include <ostream>
#include <stdexcept>
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

// Writes a JSON array one value a line, "[\n  v1,\n  v2\n]\n", or "[]\n" when empty,
// as values come (an export streams its entries).
class LineArray {
 public:
  explicit LineArray(std::ostream& out) : m_out(out) {}
  // Writes one already-encoded value.
  void add(std::string_view value);
  // Closes the array; call once after the last value.
  void finish();

 private:
  std::ostream& m_out;
  bool m_started = false;
};

// --- Reading -------------------------------------------------------------------------------

// A syntax error at a 1-based line.
class ParseError : public std::runtime_error {
 public:
  ParseError(std::size_t line, const std::string& what, bool at_end = false)
      : std::runtime_error(what), m_line(line), m_at_end(at_end) {}
  std::size_t line() const noexcept { return m_line; }
  // True when the text ended before the value did.
  bool at_end() const noexcept { return m_at_end; }

 private:
  std::size_t m_line;
  bool m_at_end;
};

struct Member;

// One parsed value; numbers keep their text.
struct Value {
  enum class Type { null, boolean, number, string, array, object };
  Type type = Type::null;
  bool boolean = false;
  std::string text;                                     // a string's value or a number's text
  std::vector<Value> items;                             // array
  std::vector<Member> members;                          // object, in document order
  std::size_t line = 1;                                 // where the value starts
  // The member `key` of an object, or null when there is none.
  const Value* find(std::string_view key) const;
};

// An object's member. (Not std::pair: a pair may not hold the incomplete Value, and
// clang's libstdc++ checks refuse it; vector may.)
struct Member {
  std::string first;
  Value second;
};

// Reads values from a text (RFC 8259, \u escapes with surrogate pairs), keeping count of lines.
class Parser {
 public:
  explicit Parser(std::string_view text, std::size_t first_line = 1) : m_text(text), m_line(first_line) {}
  // Parses the next value (after optional whitespace).
  Value value();
  // Skips whitespace; true when the text is exhausted.
  bool at_end();
  // Skips whitespace and consumes `c` when it comes next.
  bool consume(char c);
  // Skips whitespace and requires `c`.
  void expect(char c, const char* what);
  std::size_t line() const { return m_line; }

 private:
  [[noreturn]] void fail(const std::string& why) const;
  void skip_ws();
  void container(Value& v, char open);
  void number(Value& v);
  void word(Value& v);
  std::string string_body();
  unsigned escape_u();
  unsigned hex4();
  std::string_view m_text;
  std::size_t m_pos = 0;
  std::size_t m_line;
  int m_depth = 0;
};

// Parses a whole document that must hold exactly one value.
Value parse(std::string_view text, std::size_t first_line = 1);

// Parses `["a","b"]` (a list column); throws ParseError on anything else.
std::vector<std::string> parse_string_array(std::string_view text);

// A short description of a value's type for messages: "a string", "an object", ...
const char* describe(Value::Type t);

}  // namespace psoas::json
