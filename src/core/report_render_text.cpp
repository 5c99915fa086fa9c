// The report for a terminal: plain UTF-8 text with a chart in block characters.
// Colour (ANSI) only when asked; every coloured thing also has a number or a word.
#include <fmt/color.h>
#include <fmt/format.h>

#include <cmath>

#include "psoas/text.hpp"
#include "report_render.hpp"

namespace psoas::report::detail {

namespace {

// A horizontal bar 10 cells wide for pain 0-10, in eighths of a cell.
std::string pain_bar(double pain) {
  static constexpr const char* eighths[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
  int units = static_cast<int>(std::lround(std::clamp(pain, 0.0, 10.0) * 8.0));
  std::string out;
  int cells = 0;
  for (; units >= 8; units -= 8, ++cells) out += "█";
  if (units > 0) {
    out += eighths[units];
    ++cells;
  }
  return out + std::string(static_cast<std::size_t>(10 - cells), ' ');
}

// One character a day: ▁ (0) to █ (10), "·" without entries, " " for days to come.
std::string spark(const Day& d) {
  static constexpr const char* levels[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
  if (d.to_come) return " ";
  if (!d.mean) return "·";
  return levels[std::lround(std::clamp(*d.mean, 0.0, 10.0) * 7.0 / 10.0)];
}

// Columns `s` takes on a terminal: code points, not counting ANSI escape sequences.
std::size_t visible_width(std::string_view s) { return text::display_width(s); }

constexpr std::size_t line_width = 80;

class Text {
 public:
  explicit Text(bool colour) : m_colour(colour) {}
  std::string paint(std::string_view s, fmt::text_style st) const {
    return m_colour ? fmt::format(st, "{}", s) : std::string(s);
  }
  std::string bold(std::string_view s) const { return paint(s, fmt::emphasis::bold); }
  // Green below 4, yellow 4-6, red 7 and up: the number is always printed beside it.
  fmt::text_style for_pain(double p) const {
    return fmt::fg(p >= 7 ? fmt::terminal_color::red : p >= 4 ? fmt::terminal_color::yellow : fmt::terminal_color::green);
  }
  void line(std::string_view s = {}) { (m_out += s) += '\n'; }
  // `text` wrapped to the line width, after `prefix` on the first line and aligned under it after.
  void para(std::string_view prefix, std::string_view body) {
    line(text::wrap(body, prefix, std::string(visible_width(prefix), ' '), line_width));
  }
  void heading(std::string_view s) {
    line();
    line(bold(s));
  }
  std::string str() const { return m_out; }

 private:
  bool m_colour;
  std::string m_out;
};

void warnings(Text& t, const Report& r) {
  if (r.warnings.empty()) return;
  t.heading("Warnings");
  for (Warning w : r.warnings) {
    bool urgent = w != Warning::flare && w != Warning::no_improvement_1_week;
    t.para(fmt::format("  {} ", t.paint("!", urgent ? fmt::fg(fmt::terminal_color::red) | fmt::emphasis::bold
                                                     : fmt::emphasis::bold)),
           warning_text(w, r));
  }
  for (const RedFlag& f : r.red_flags) {
    t.para("    ", fmt::format("triage on {}: {}{}", date_label(f.day), f.outcome,
                                f.reasons.empty() ? "" : fmt::format(" ({})", fmt::join(f.reasons, ", "))));
  }
}

void mentions(Text& t, const Report& r) {
  if (r.mentions.empty()) return;
  t.heading(mention_heading(r));
  for (const Mention& m : r.mentions) t.para("  - ", mention_text(m));
}

void pain(Text& t, const Report& r) {
  t.heading("Pain");
  if (r.entries == 0) {
    t.line("  No entries in this range.");
  } else {
    t.para("  ", fmt::format("Mean {} (lowest {}, highest {}) from {} on {} of {}.", num1(r.mean), *r.min, *r.max,
                       plural(r.entries, "entry", "entries"), r.days_with_entries,
                       plural(static_cast<int>(r.days.size()), "day", "days")));
  }
  t.para("  ", trend_sentence(r));
  if (r.peg) t.para("  ", peg_text(*r.peg) + ".");
}

void chart(Text& t, const Report& r) {
  t.heading("Day by day (pain 0-10)");
  for (const Day& d : r.days) {
    std::string label = fmt::format("  {} {}  ", weekday_name(d.date), date_label(d.date));
    if (d.to_come) {
      t.line(label + "(to come)");
      continue;
    }
    std::string bar = d.mean ? t.paint(pain_bar(*d.mean), t.for_pain(*d.mean)) : "·         ";
    std::string what = d.mean ? fmt::format("{:>4}  {}", num1(d.mean), d.entries == 1 ? std::string("1 entry")
                                                                          : fmt::format("{} entries ({}-{})", d.entries, *d.min, *d.max))
                              : fmt::format("{:>4}  {}", "-", "no entries");
    std::string sessions = d.sessions ? fmt::format("{}, {} min", plural(d.sessions, "session", "sessions"),
                                                    minutes(d.session_time))
                                      : "";
    std::string line = fmt::format("{}{} {:<22} {}", label, bar, what, sessions);
    while (!line.empty() && line.back() == ' ') line.pop_back();
    t.line(line);
  }
  std::string pains, sessions;
  for (const Day& d : r.days) {
    pains += spark(d);
    sessions += d.to_come ? " " : d.sessions ? "●" : "·";
  }
  t.line();
  t.line("  pain      " + pains);
  t.line("  sessions  " + sessions + "   (● a day with a session, · none)");
}

void calendar(Text& t, const Report& r, bool colour) {
  std::string c = calendar_text(r, colour);
  if (c.empty()) return;
  t.heading("Calendar (mean pain each day)");
  t.line(c.substr(0, c.size() - 1));
}

void sessions(Text& t, const Report& r) {
  t.heading("Self-care sessions");
  if (r.adherence) {
    t.para("  ", fmt::format("Days with a session: {} of {} ({}). Current streak: {}.", r.days_with_session,
                       r.days_judged, percent(*r.adherence), streak_text(r)));
  }
  if (r.routines.empty()) t.line("  No routine or timer sessions in this range.");
  for (const RoutineSummary& s : r.routines) {
    t.para("  ", fmt::format("{} ({}): {}, {} completed, {} min; {}.", s.routine, s.kind,
                       plural(s.sessions, "session", "sessions"), s.completed, minutes(s.time), rated_text(s)));
  }
  t.para("  ", next_day_text(r));
  t.para("  ", effects_note());
  if (r.breaks_done + r.breaks_skipped + r.breaks_snoozed + r.breaks_missed + r.breaks_idle > 0) {
    t.line(fmt::format("  Desk breaks: {} done, {} skipped, {} snoozed{}.", r.breaks_done, r.breaks_skipped, r.breaks_snoozed, break_extras(r)));
  }
}

void factors(Text& t, const Report& r) {
  if (r.triggers.empty() && r.helpers.empty()) return;
  t.heading(fmt::format("Triggers and helpers (seen on {} days or more)", min_factor_days));
  for (const Factor& f : r.triggers) t.para("  ", fmt::format("trigger {}: {}.", f.name, factor_text(f)));
  for (const Factor& f : r.helpers) t.para("  ", fmt::format("helped {}: {}.", f.name, factor_text(f)));
  t.line("  These show what went together, not what caused what.");
}

void locations(Text& t, const Report& r) {
  if (r.locations.empty()) return;
  t.heading("Pain by place");
  for (const LocationSummary& l : r.locations) t.para("  ", fmt::format("{}: {}.", l.name, location_text(l)));
}

void safety(Text& t, const Report& r) {
  auto card = cauda_equina_card(r.emergency_number);
  t.line();
  t.line(t.bold(card.front()));
  for (std::size_t i = 1; i + 1 < card.size(); ++i) t.para("  - ", card[i]);
  t.para("", card.back());
  t.line();
  t.para("", safety_net());
  t.para("", disclaimer());
}

}  // namespace

std::string render_text(const Report& r, const RenderOptions& o) {
  Text t(o.colour);
  t.line(t.bold("psoas report: " + range_label(r)));
  if (!o.generated.empty()) t.line("Made " + o.generated);
  warnings(t, r);
  mentions(t, r);
  pain(t, r);
  calendar(t, r, o.colour);
  chart(t, r);
  sessions(t, r);
  factors(t, r);
  locations(t, r);
  safety(t, r);
  return t.str();
}

}  // namespace psoas::report::detail
