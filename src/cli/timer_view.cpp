#include "timer_view.hpp"

#include <fmt/color.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <utility>

#include "psoas/text.hpp"
#include "psoas/when.hpp"

namespace psoas::cli {

namespace {

// 3x5 glyphs for 0-9 and ':' ('#' = lit).
constexpr std::array<std::array<const char*, 5>, 10> digit_glyphs{{
    {"###", "#.#", "#.#", "#.#", "###"}, {".#.", "##.", ".#.", ".#.", "###"},
    {"###", "..#", "###", "#..", "###"}, {"###", "..#", "###", "..#", "###"},
    {"#.#", "#.#", "###", "..#", "..#"}, {"###", "#..", "###", "..#", "###"},
    {"###", "#..", "###", "#.#", "###"}, {"###", "..#", "..#", "..#", "..#"},
    {"###", "#.#", "###", "#.#", "###"}, {"###", "#.#", "###", "..#", "###"},
}};
constexpr std::array<const char*, 5> colon_glyph{".", "#", ".", "#", "."};

int big_width(std::string_view clock, int scale) {
  int w = 0;
  for (char c : clock) w += (c == ':' ? 1 : 3) * scale + scale;
  return std::max(0, w - scale);
}

fmt::text_style tone_style(Tone t) {
  switch (t) {
    case Tone::prepare: return fmt::fg(fmt::terminal_color::cyan);
    case Tone::work: return fmt::fg(fmt::terminal_color::green);
    case Tone::change: return fmt::fg(fmt::terminal_color::yellow);
    case Tone::rest: return fmt::fg(fmt::terminal_color::blue);
    case Tone::alert: return fmt::fg(fmt::terminal_color::magenta);
  }
  return {};
}

// Paints `text` (already fitted) when colour is on.
std::string paint(const ViewStyle& st, fmt::text_style s, std::string_view text) {
  if (!st.colour || text.empty()) return std::string(text);
  return fmt::format(s, "{}", text);
}

std::string spaces(int n) { return std::string(static_cast<std::size_t>(std::max(0, n)), ' '); }

std::string centre(std::string_view painted, int width) {
  return spaces((width - display_width(painted)) / 2) + std::string(painted);
}

// `left` and `right` on one line of `width`, right-aligned; `right` goes when there is no room.
std::string spread(const std::string& left, const std::string& right, int width) {
  int gap = width - display_width(left) - display_width(right);
  if (right.empty() || gap < 2) return left;
  return left + spaces(gap) + right;
}

std::string bar(const View& v, int width, const ViewStyle& st) {
  if (v.duration.count() <= 0 || width < 4) return {};
  double done = 1.0 - static_cast<double>(v.remaining.count()) / static_cast<double>(v.duration.count());
  int fill = std::clamp(static_cast<int>(done * width + 0.5), 0, width);
  std::string full, empty;
  for (int i = 0; i < fill; ++i) full += st.utf8 ? "█" : "#";
  for (int i = fill; i < width; ++i) empty += st.utf8 ? "░" : "-";
  return paint(st, tone_style(v.tone), full) + paint(st, fmt::emphasis::faint, empty);
}

std::string dot(const ViewStyle& st) { return st.utf8 ? " · " : " - "; }

// `caution` as "Caution: ..." wrapped to `width` (the text module), with a hanging indent.
std::vector<std::string> caution_block(const std::string& caution, int width, const ViewStyle& st) {
  constexpr std::string_view label = "Caution: ";
  const std::string text = psoas::text::wrap(caution, label, spaces(static_cast<int>(label.size())),
                                             static_cast<std::size_t>(std::max(width, 1)));
  std::vector<std::string> lines;
  for (std::size_t start = 0; start != std::string::npos;) {
    std::size_t nl = text.find('\n', start);
    lines.push_back(fit(std::string_view(text).substr(start, nl - start), width, st.utf8));
    start = nl == std::string::npos ? nl : nl + 1;
  }
  const std::string painted = paint(st, tone_style(Tone::change) | fmt::emphasis::bold, "Caution:");
  if (lines.front().starts_with(label)) lines.front() = painted + lines.front().substr(label.size() - 1);
  return lines;
}

// The cautions in at most `room` lines: all of them, or the whole ones that fit and then
// `v.more_cautions` (a caution is never cut in the middle).
std::vector<std::string> caution_lines(const View& v, int width, int room, const ViewStyle& st) {
  std::vector<std::vector<std::string>> blocks;
  std::size_t total = 0;
  for (const auto& caution : v.cautions) {
    blocks.push_back(caution_block(caution, width, st));
    total += blocks.back().size();
  }
  std::vector<std::string> lines;
  const bool all_fit = static_cast<int>(total) <= room;
  const int budget = all_fit ? room : room - 1;  // keep a line for the pointer to the rest
  for (const auto& block : blocks) {
    if (static_cast<int>(lines.size() + block.size()) > budget) break;
    lines.insert(lines.end(), block.begin(), block.end());
  }
  if (!all_fit && room > 0) lines.push_back(fit(v.more_cautions, width, st.utf8));
  return lines;
}

// The screen from 30x12 up: header, title, what, the time (in big digits when `scale` > 0),
// bar, cues, next, hints.
std::vector<std::string> full_layout(const View& v, TermSize size, const ViewStyle& st, int scale) {
  int width = size.cols - 1;  // never the last column: some terminals wrap there
  int m = width >= 60 ? 2 : 1;
  int inner = width - 2 * m;
  std::string pad = spaces(m);
  std::vector<std::string> top, bottom;
  std::string right = v.position.empty() ? v.total_left : v.position + (v.total_left.empty() ? "" : dot(st) + v.total_left);
  std::string left = fit("psoas" + dot(st) + v.heading, inner - display_width(right) - 2, st.utf8);
  top.push_back(pad + paint(st, fmt::emphasis::bold, left) + spread("", right, inner - display_width(left)));
  std::string rule;
  for (int i = 0; i < inner; ++i) rule += st.utf8 ? "─" : "-";
  top.push_back(pad + paint(st, fmt::emphasis::faint, rule));
  top.emplace_back();
  std::string title = fit(v.title, inner - display_width(v.detail) - 2, st.utf8);
  top.push_back(pad + paint(st, fmt::emphasis::bold, title) + spread("", v.detail, inner - display_width(title)));
  top.push_back(pad + paint(st, tone_style(v.tone) | fmt::emphasis::bold, fit(v.what, inner, st.utf8)));
  top.emplace_back();
  std::string clock = when::format_clock(v.remaining);
  auto digit_style = v.status.empty() ? tone_style(v.tone) | fmt::emphasis::bold : fmt::emphasis::faint;
  if (scale > 0) {
    for (const auto& row : big_digits(clock, scale, st.utf8)) top.push_back(pad + centre(paint(st, digit_style, row), inner));
  } else {
    top.push_back(pad + centre(paint(st, digit_style, clock), inner));
  }
  top.push_back(v.status.empty() ? std::string{}
                                 : pad + centre(paint(st, fmt::emphasis::reverse | fmt::emphasis::bold,
                                                      " " + fit(v.status, inner - 2, st.utf8) + " "),
                                                inner));
  std::string b = bar(v, std::min(inner, 64), st);
  if (!b.empty()) top.push_back(pad + centre(b, inner));

  bottom.push_back(pad + paint(st, fmt::emphasis::faint, fit(v.hints, inner, st.utf8)));
  if (!v.next.empty()) {
    bottom.insert(bottom.begin(), std::string{});
    bottom.insert(bottom.begin(), pad + fit(v.next, inner, st.utf8));
  }
  // Cues fill what is left between the two, with a blank line above them.
  int room = size.rows - static_cast<int>(top.size() + bottom.size()) - 2;
  std::vector<std::string> middle;
  for (auto& l : caution_lines(v, inner, room, st)) middle.push_back(pad + l);
  for (const auto& cue : v.cues) {
    for (auto& l : wrap(cue, inner)) {
      if (static_cast<int>(middle.size()) < room) middle.push_back(pad + l);
    }
  }
  std::vector<std::string> lines = top;
  if (!middle.empty()) {
    lines.emplace_back();
    lines.insert(lines.end(), middle.begin(), middle.end());
  }
  while (static_cast<int>(lines.size() + bottom.size()) < size.rows) lines.emplace_back();
  lines.insert(lines.end(), bottom.begin(), bottom.end());
  return lines;
}

// Small terminals: the most important lines that fit, in screen order.
std::vector<std::string> compact_layout(const View& v, TermSize size, const ViewStyle& st) {
  int width = std::max(1, size.cols - 1);
  std::string time = when::format_clock(v.remaining);
  std::vector<std::pair<int, std::string>> items;  // (priority: lower is kept first, line)
  items.emplace_back(5, paint(st, fmt::emphasis::bold, fit(v.heading + (v.position.empty() ? "" : dot(st) + v.position), width, st.utf8)));
  items.emplace_back(2, fit(v.title, width, st.utf8));
  std::string what = fit(v.what, width - display_width(time) - 2, st.utf8);
  items.emplace_back(0, paint(st, tone_style(v.tone) | fmt::emphasis::bold, time) + "  " +
                            paint(st, tone_style(v.tone), what));
  if (!v.status.empty()) items.emplace_back(1, paint(st, fmt::emphasis::reverse, fit(v.status, width, st.utf8)));
  std::string b = bar(v, std::min(width, 40), st);
  if (!b.empty()) items.emplace_back(4, b);
  if (!v.cautions.empty()) {
    items.emplace_back(6, fit("Caution: " + v.cautions.front(), width, st.utf8));
  } else if (!v.cues.empty()) {
    items.emplace_back(6, fit(v.cues.front(), width, st.utf8));
  }
  if (!v.next.empty()) items.emplace_back(7, fit(v.next, width, st.utf8));
  items.emplace_back(3, paint(st, fmt::emphasis::faint, fit(v.hints, width, st.utf8)));
  int rows = std::max(1, size.rows);
  for (int prio = 7; static_cast<int>(items.size()) > rows && prio >= 0; --prio) {
    std::erase_if(items, [&](const auto& it) { return it.first == prio; });
  }
  std::vector<std::string> lines;
  for (auto& it : items) lines.push_back(std::move(it.second));
  return lines;
}

}  // namespace

std::vector<std::string> big_digits(std::string_view clock, int scale, bool utf8) {
  std::string on, off = spaces(scale);
  for (int i = 0; i < scale; ++i) on += utf8 ? "█" : "#";
  std::vector<std::string> rows(5);
  for (std::size_t r = 0; r < 5; ++r) {
    bool first = true;
    for (char c : clock) {
      if (!first) rows[r] += off;
      first = false;
      const char* g = c == ':' ? colon_glyph[r] : (c >= '0' && c <= '9') ? digit_glyphs[c - '0'][r] : "...";
      for (const char* p = g; *p; ++p) rows[r] += *p == '#' ? on : off;
    }
    while (!rows[r].empty() && rows[r].back() == ' ') rows[r].pop_back();
  }
  // Keep the block's alignment: pad every row to the widest.
  int w = 0;
  for (auto& row : rows) w = std::max(w, display_width(row));
  for (auto& row : rows) row += spaces(w - display_width(row));
  return rows;
}

std::vector<std::string> render_view(const View& v, TermSize size, const ViewStyle& st) {
  std::string clock = when::format_clock(v.remaining);
  int inner = size.cols - 1 - 2 * (size.cols - 1 >= 60 ? 2 : 1);
  int scale = big_width(clock, 2) <= inner ? 2 : big_width(clock, 1) <= inner ? 1 : 0;
  if (size.cols < 30 || size.rows < 12) return compact_layout(v, size, st);
  // Cautions need the room more than large digits do.
  return full_layout(v, size, st, size.rows >= 17 && v.cautions.empty() ? scale : 0);
}

}  // namespace psoas::cli
