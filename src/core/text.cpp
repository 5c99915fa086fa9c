#include "psoas/text.hpp"

namespace psoas::text {

std::size_t display_width(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == 0x1b) {  // an escape sequence, up to its final letter
      while (i + 1 < s.size() && !((s[i + 1] >= 'A' && s[i + 1] <= 'Z') || (s[i + 1] >= 'a' && s[i + 1] <= 'z'))) ++i;
      ++i;
      continue;
    }
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n;
}

std::string wrap(std::string_view text, std::string_view first, std::string_view indent, std::size_t width) {
  std::string out(first);
  std::size_t col = display_width(first);
  bool line_empty = true;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find(' ', pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view word = text.substr(pos, end - pos);
    pos = end + 1;
    if (word.empty()) continue;
    const std::size_t w = display_width(word);
    if (!line_empty && col + 1 + w > width) {
      out += '\n';
      out += indent;
      col = display_width(indent);
      line_empty = true;
    }
    if (!line_empty) {
      out += ' ';
      ++col;
    }
    out += word;
    col += w;
    line_empty = false;
  }
  return out;
}

}  // namespace psoas::text
