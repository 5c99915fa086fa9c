// Answers files (a flat JSON object or TOML document) and the JSON stored in the journal.
#include <fmt/format.h>

#include <toml++/toml.h>

#include <cctype>

#include "psoas/error.hpp"
#include "psoas/json.hpp"
#include "psoas/triage.hpp"

namespace psoas::triage {
namespace {

constexpr std::string_view expected_value = "expected \"yes\", \"no\", \"unsure\", true or false";

[[noreturn]] void fail(std::string_view name, int line, const std::string& why) {
  throw DataError(line > 0 ? fmt::format("{}:{}", name, line) : std::string(name), why);
}

// Records one answer, rejecting repeats.
class Collector {
 public:
  explicit Collector(std::string_view name) : m_name(name) {}
  void add(const std::string& id, std::optional<Answer> answer, int line) {
    if (!answer) fail(m_name, line, fmt::format("'{}': {}", id, expected_value));
    if (!m_answers.emplace(id, *answer).second) fail(m_name, line, fmt::format("'{}' is answered twice", id));
  }
  Answers take() { return std::move(m_answers); }

 private:
  std::string_view m_name;
  Answers m_answers;
};

// A reader for one flat JSON object whose values are strings or booleans.
class FlatJson {
 public:
  FlatJson(std::string_view text, std::string_view name) : m_text(text), m_name(name) {}

  Answers parse() {
    Collector out(m_name);
    skip_space();
    expect('{', "expected a JSON object '{'");
    skip_space();
    if (peek() == '}') {
      ++m_pos;
    } else {
      for (;;) {
        skip_space();
        if (peek() != '"') fail_here("expected a question id in double quotes");
        std::string id = string();
        const int line = m_line;
        skip_space();
        expect(':', "expected ':' after the question id");
        skip_space();
        out.add(id, value(id), line);
        skip_space();
        if (peek() == ',') {
          ++m_pos;
          continue;
        }
        expect('}', "expected ',' or '}'");
        break;
      }
    }
    skip_space();
    if (m_pos < m_text.size()) fail_here("unexpected text after the JSON object");
    return out.take();
  }

 private:
  char peek() const { return m_pos < m_text.size() ? m_text[m_pos] : '\0'; }
  [[noreturn]] void fail_here(const std::string& why) const {
    fail(m_name, m_line, m_pos >= m_text.size() ? why + " (the file ends early)" : why);
  }
  void expect(char c, const char* why) {
    if (peek() != c) fail_here(why);
    ++m_pos;
  }
  void skip_space() {
    while (m_pos < m_text.size() && std::isspace(static_cast<unsigned char>(m_text[m_pos]))) {
      if (m_text[m_pos] == '\n') ++m_line;
      ++m_pos;
    }
  }
  std::optional<Answer> value(const std::string& id) {
    if (peek() == '"') return parse_answer(string());
    for (auto [word, answer] : {std::pair{std::string_view("true"), Answer::yes}, {"false", Answer::no}}) {
      if (m_text.substr(m_pos, word.size()) == word) {
        m_pos += word.size();
        return answer;
      }
    }
    fail_here(fmt::format("'{}': {}", id, expected_value));
  }
  unsigned hex4() {
    if (m_pos + 4 > m_text.size()) fail_here("incomplete \\u escape");
    unsigned v = 0;
    for (int i = 0; i < 4; ++i) {
      char c = m_text[m_pos++];
      if (!std::isxdigit(static_cast<unsigned char>(c))) fail_here("bad \\u escape");
      v = v * 16 + static_cast<unsigned>(std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : (std::tolower(c) - 'a' + 10));
    }
    return v;
  }
  void append_utf8(std::string& s, unsigned cp) {
    if (cp < 0x80) {
      s += static_cast<char>(cp);
    } else if (cp < 0x800) {
      s += static_cast<char>(0xC0 | (cp >> 6));
      s += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      s += static_cast<char>(0xE0 | (cp >> 12));
      s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      s += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      s += static_cast<char>(0xF0 | (cp >> 18));
      s += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      s += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  std::string string() {
    ++m_pos;  // the opening quote
    std::string s;
    for (;;) {
      if (m_pos >= m_text.size()) fail_here("unterminated string");
      char c = m_text[m_pos++];
      if (c == '"') return s;
      if (static_cast<unsigned char>(c) < 0x20) fail_here("control character in a string");
      if (c != '\\') {
        s += c;
        continue;
      }
      char e = peek();
      ++m_pos;
      switch (e) {
        case '"': case '\\': case '/': s += e; break;
        case 'b': s += '\b'; break;
        case 'f': s += '\f'; break;
        case 'n': s += '\n'; break;
        case 'r': s += '\r'; break;
        case 't': s += '\t'; break;
        case 'u': {
          unsigned cp = hex4();
          if (cp >= 0xD800 && cp < 0xDC00 && m_text.substr(m_pos, 2) == "\\u") {
            m_pos += 2;
            unsigned low = hex4();
            if (low < 0xDC00 || low > 0xDFFF) fail_here("bad surrogate pair");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          } else if (cp >= 0xD800 && cp <= 0xDFFF) {
            fail_here("bad surrogate in \\u escape");
          }
          append_utf8(s, cp);
          break;
        }
        default: fail_here("bad escape in a string");
      }
    }
  }

  std::string_view m_text;
  std::string_view m_name;
  std::size_t m_pos = 0;
  int m_line = 1;
};

Answers parse_toml(std::string_view text, std::string_view name) {
  toml::table table;
  try {
    table = toml::parse(text, name);
  } catch (const toml::parse_error& e) {
    fail(name, static_cast<int>(e.source().begin.line), std::string(e.description()));
  }
  Collector out(name);
  for (auto&& [key, node] : table) {
    const int line = static_cast<int>(node.source().begin.line);
    std::optional<Answer> a;
    if (auto s = node.value_exact<std::string>()) {
      a = parse_answer(*s);
    } else if (auto b = node.value_exact<bool>()) {
      a = *b ? Answer::yes : Answer::no;
    }
    out.add(std::string(key.str()), a, line);
  }
  return out.take();
}

}  // namespace

Answers parse_answers(std::string_view text, std::string_view name) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a UTF-8 byte order mark
  std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && text[first] == '{') return FlatJson(text, name).parse();
  return parse_toml(text, name);
}

std::string answers_json(const Answers& answers) {
  json::Object o;
  for (const auto& [id, a] : answers) o.add(id, to_string(a));
  return o.str();
}

std::string reasons_json(const Outcome& outcome) {
  std::vector<std::string> ids;
  for (const auto& r : outcome.reasons) ids.push_back(r.id);
  return json::array(ids);
}

}  // namespace psoas::triage
