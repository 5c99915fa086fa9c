#pragma once
// A small JSON reader for the journal: its list columns and `psoas log import` of JSON and
// JSON Lines. (Writing goes through psoas/json.hpp.) Internal to the core library.

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace psoas::jsonread {

// A syntax error at a 1-based line.
class ParseError : public std::runtime_error {
 public:
  ParseError(std::size_t line, const std::string& what) : std::runtime_error(what), m_line(line) {}
  std::size_t line() const noexcept { return m_line; }

 private:
  std::size_t m_line;
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
};

// An object's member. (Not std::pair: a pair may not hold the incomplete Value, and
// clang's libstdc++ checks refuse it; vector may.)
struct Member {
  std::string first;
  Value second;
};

// Reads values from a text, keeping count of lines.
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
  std::string string_body();
  void append_utf8(std::string& out, unsigned cp);
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

}  // namespace psoas::jsonread
