#pragma once
// Plain-text layout shared by the terminal screens and the renderers: how wide a string
// shows, and word wrapping.

#include <cstddef>
#include <string>
#include <string_view>

namespace psoas::text {

// Columns `s` takes in a terminal: one per UTF-8 code point (psoas's text holds no wide or
// combining characters), escape sequences such as colours taking none.
std::size_t display_width(std::string_view s);

// `text` wrapped at spaces to `width` columns: `first` starts the first line and `indent`
// each following one (both count toward the width); lines are joined with '\n' and have
// no trailing spaces. A word longer than a line gets a line of its own.
std::string wrap(std::string_view text, std::string_view first, std::string_view indent, std::size_t width);

}  // namespace psoas::text
