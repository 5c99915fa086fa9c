// A minimal JSON writer: escaping and a small object builder.
#include "psoas/json.hpp"

#include <fmt/format.h>

#include <cmath>

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

}  // namespace psoas::json
