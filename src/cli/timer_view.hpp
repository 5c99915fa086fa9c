#pragma once
// How the full-screen timer's view (psoas/timer_view.hpp) is laid out and drawn for any
// terminal size.

#include <chrono>
#include <string>
#include <vector>

#include "psoas/timer_view.hpp"
#include "terminal.hpp"

namespace psoas::cli {

// How to draw: colour (never the only carrier of meaning) and UTF-8 block characters.
struct ViewStyle {
  bool colour = false;
  bool utf8 = true;
};

// The lines of the screen for a terminal of `size`: each fits the width, at most size.rows.
// Big digits from about 30x17 up, the same layout with a plain time from 30x12, and a compact
// list of the most important lines below that.
std::vector<std::string> render_view(const View& view, TermSize size, const ViewStyle& style);

// "12:05" as five rows of block characters, each pixel `scale` columns wide.
std::vector<std::string> big_digits(std::string_view clock, int scale, bool utf8);

}  // namespace psoas::cli
