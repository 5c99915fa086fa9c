#pragma once
// What the full-screen timer shows, and how it is laid out for any terminal size.

#include <chrono>
#include <string>
#include <vector>

#include "terminal.hpp"

namespace psoas::cli {

// How to draw: colour (never the only carrier of meaning) and UTF-8 block characters.
struct ViewStyle {
  bool colour = false;
  bool utf8 = true;
};

// The mood of a phase, for its colour.
enum class Tone { prepare, work, change, rest, alert };

// One screen's content, filled in by the caller.
struct View {
  std::string heading;                 // "Morning"
  std::string position;                // "exercise 2 of 6"
  std::string total_left;              // "12:30 left"
  std::string title;                   // "Kneeling hip-flexor stretch"
  std::string what;                    // "HOLD · LEFT SIDE"
  std::string detail;                  // "set 1 of 2", "rep 4 of 10"
  Tone tone = Tone::work;
  std::chrono::seconds remaining{0};   // shown large
  std::chrono::seconds duration{0};    // of the phase, for the progress bar (0: no bar)
  std::vector<std::string> cautions;   // when to stop or skip: shown before the cues
  std::string more_cautions;           // a line in place of the cautions that do not fit
  std::vector<std::string> cues;       // the phase's cue first
  std::string next;                    // "Next: switch sides · 0:05"
  std::string status;                  // e.g. "PAUSED · space resumes"; empty while running
  std::string hints;                   // "space pause · n next · p previous · q quit"
};

// The lines of the screen for a terminal of `size`: each fits the width, at most size.rows.
// Big digits from about 30x17 up, the same layout with a plain time from 30x12, and a compact
// list of the most important lines below that.
std::vector<std::string> render_view(const View& view, TermSize size, const ViewStyle& style);

// "12:05" as five rows of block characters, each pixel `scale` columns wide.
std::vector<std::string> big_digits(std::string_view clock, int scale, bool utf8);

}  // namespace psoas::cli
