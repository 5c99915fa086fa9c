// The one JSON reader and writer: escaping, arrays, objects; a line-counting parser.
#include "psoas/json.hpp"

#include <fmt/format.h>

#include <cmath>
#include <tuple>

namespace psoas::json {

std::string quote(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out += '"';
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          out += fmt::format("\\u{:04x}", static_cast<unsigned char>(c));
        } else {
          out += c;
        }
    }
  }
  out += '"';
  return out;
}

std::string array(const std::vector<std::string>& items) {
  std::vector<std::string> quoted;
  quoted.reserve(items.size());
  for (const auto& i : items) quoted.push_back(quote(i));
  return array_raw(quoted);
}

std::string array_raw(const std::vector<std::string>& values) {
  return fmt::format("[{}]", fmt::join(values, ","));
}

void Object::key(std::string_view k) {
  if (m_body.size() > 1) m_body += ',';
  m_body += quote(k);
  m_body += ':';
}

Object& Object::add(std::string_view k, std::string_view value) {
  key(k);
  m_body += quote(value);
  return *this;
}

Object& Object::add(std::string_view k, std::int64_t value) {
  key(k);
  m_body += fmt::format("{}", value);
  return *this;
}

Object& Object::add(std::string_view k, double value) {
  key(k);
  // JSON has no NaN or infinity.
  m_body += std::isfinite(value) ? fmt::format("{}", value) : std::string("null");
  return *this;
}

Object& Object::add(std::string_view k, bool value) {
  key(k);
  m_body += value ? "true" : "false";
  return *this;
}

Object& Object::add_null(std::string_view k) {
  key(k);
  m_body += "null";
  return *this;
}

Object& Object::add_raw(std::string_view k, std::string_view json) {
  key(k);
  m_body += json;
  return *this;
}

void LineArray::add(std::string_view value) {
  m_out << (m_started ? ",\n  " : "[\n  ") << value;
  m_started = true;
}

void LineArray::finish() { m_out << (m_started ? "\n]\n" : "[]\n"); }

// --- Reading -------------------------------------------------------------------------------

namespace {
constexpr int max_depth = 64;

void append_utf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}
}  // namespace

const Value* Value::find(std::string_view key) const {
  for (const auto& m : members) {
    if (m.first == key) return &m.second;
  }
  return nullptr;
}

void Parser::fail(const std::string& why) const { throw ParseError(m_line, why, m_pos >= m_text.size()); }

void Parser::skip_ws() {
  while (m_pos < m_text.size()) {
    char c = m_text[m_pos];
    if (c == '\n') {
      ++m_line;
    } else if (c != ' ' && c != '\t' && c != '\r') {
      return;
    }
    ++m_pos;
  }
}

bool Parser::at_end() {
  skip_ws();
  return m_pos >= m_text.size();
}

bool Parser::consume(char c) {
  skip_ws();
  if (m_pos < m_text.size() && m_text[m_pos] == c) {
    ++m_pos;
    return true;
  }
  return false;
}

void Parser::expect(char c, const char* what) {
  if (!consume(c)) {
    if (m_pos >= m_text.size()) fail(fmt::format("unexpected end of JSON, expected {}", what));
    fail(fmt::format("expected {} in JSON, found '{}'", what, m_text[m_pos]));
  }
}

unsigned Parser::hex4() {
  if (m_pos + 4 > m_text.size()) fail("truncated \\u escape in JSON string");
  unsigned v = 0;
  for (int i = 0; i < 4; ++i) {
    char c = m_text[m_pos++];
    v <<= 4;
    if (c >= '0' && c <= '9') v |= static_cast<unsigned>(c - '0');
    else if (c >= 'a' && c <= 'f') v |= static_cast<unsigned>(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F') v |= static_cast<unsigned>(c - 'A' + 10);
    else fail("bad \\u escape in JSON string");
  }
  return v;
}

// The code point of a \u escape (after the `u`), joining a surrogate pair.
unsigned Parser::escape_u() {
  unsigned cp = hex4();
  if (cp >= 0xD800 && cp <= 0xDBFF) {
    if (m_pos + 2 > m_text.size() || m_text[m_pos] != '\\' || m_text[m_pos + 1] != 'u') {
      fail("unpaired surrogate in JSON string");
    }
    m_pos += 2;
    unsigned lo = hex4();
    if (lo < 0xDC00 || lo > 0xDFFF) fail("unpaired surrogate in JSON string");
    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
  } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
    fail("unpaired surrogate in JSON string");
  }
  return cp;
}

std::string Parser::string_body() {
  std::string out;
  while (true) {
    if (m_pos >= m_text.size()) fail("unterminated JSON string");
    char c = m_text[m_pos++];
    if (c == '"') return out;
    if (static_cast<unsigned char>(c) < 0x20) fail("control character inside a JSON string");
    if (c != '\\') {
      out += c;
      continue;
    }
    if (m_pos >= m_text.size()) fail("unterminated JSON string");
    char e = m_text[m_pos++];
    switch (e) {
      case '"': out += '"'; break;
      case '\\': out += '\\'; break;
      case '/': out += '/'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'u': append_utf8(out, escape_u()); break;
      default: fail(fmt::format("bad escape '\\{}' in JSON string", e));
    }
  }
}

void Parser::container(Value& v, char open) {
  if (++m_depth > max_depth) fail("JSON nested too deeply");
  ++m_pos;
  const char close = open == '{' ? '}' : ']';
  v.type = open == '{' ? Value::Type::object : Value::Type::array;
  if (!consume(close)) {
    do {
      if (v.type == Value::Type::object) {
        expect('"', "a quoted key");
        std::string key = string_body();
        expect(':', "':'");
        v.members.push_back(Member{std::move(key), value()});
      } else {
        v.items.push_back(value());
      }
    } while (consume(','));
    expect(close, close == '}' ? "',' or '}'" : "',' or ']'");
  }
  --m_depth;
}

void Parser::number(Value& v) {
  std::size_t start = m_pos;
  if (m_text[m_pos] == '-') ++m_pos;
  auto digits = [&] {
    std::size_t s = m_pos;
    while (m_pos < m_text.size() && m_text[m_pos] >= '0' && m_text[m_pos] <= '9') ++m_pos;
    if (m_pos == s) fail("malformed number in JSON");
  };
  digits();
  if (m_pos < m_text.size() && m_text[m_pos] == '.') {
    ++m_pos;
    digits();
  }
  if (m_pos < m_text.size() && (m_text[m_pos] == 'e' || m_text[m_pos] == 'E')) {
    ++m_pos;
    if (m_pos < m_text.size() && (m_text[m_pos] == '+' || m_text[m_pos] == '-')) ++m_pos;
    digits();
  }
  v.type = Value::Type::number;
  v.text = std::string(m_text.substr(start, m_pos - start));
}

void Parser::word(Value& v) {
  for (auto [w, type, b] : {std::tuple{std::string_view("null"), Value::Type::null, false},
                            std::tuple{std::string_view("true"), Value::Type::boolean, true},
                            std::tuple{std::string_view("false"), Value::Type::boolean, false}}) {
    if (m_text.substr(m_pos, w.size()) == w) {
      m_pos += w.size();
      v.type = type;
      v.boolean = b;
      return;
    }
  }
  fail(fmt::format("unexpected '{}' in JSON", m_text[m_pos]));
}

Value Parser::value() {
  skip_ws();
  if (m_pos >= m_text.size()) fail("unexpected end of JSON");
  Value v;
  v.line = m_line;
  char c = m_text[m_pos];
  if (c == '{' || c == '[') {
    container(v, c);
  } else if (c == '"') {
    ++m_pos;
    v.type = Value::Type::string;
    v.text = string_body();
  } else if (c == '-' || (c >= '0' && c <= '9')) {
    number(v);
  } else {
    word(v);
  }
  return v;
}

Value parse(std::string_view text, std::size_t first_line) {
  Parser p(text, first_line);
  Value v = p.value();
  if (!p.at_end()) throw ParseError(p.line(), "unexpected text after the JSON value");
  return v;
}

std::vector<std::string> parse_string_array(std::string_view text) {
  Value v = parse(text);
  if (v.type != Value::Type::array) throw ParseError(v.line, "expected a JSON array");
  std::vector<std::string> out;
  out.reserve(v.items.size());
  for (auto& item : v.items) {
    if (item.type != Value::Type::string) throw ParseError(item.line, "expected strings in the JSON array");
    out.push_back(std::move(item.text));
  }
  return out;
}

const char* describe(Value::Type t) {
  switch (t) {
    case Value::Type::null: return "null";
    case Value::Type::boolean: return "a boolean";
    case Value::Type::number: return "a number";
    case Value::Type::string: return "a string";
    case Value::Type::array: return "an array";
    case Value::Type::object: return "an object";
  }
  return "a value";
}

}  // namespace psoas::json
