// The report's calendar, for ranges of calendar_min_days or more: weeks as rows (from the
// config's week_start), days as columns, each day's mean pain as one character and a mark
// for a day with a session. The digit is always there; a shade (terminal background, HTML
// cell colour) only repeats it. Days without entries are blank, days to come show "-".
#include <fmt/format.h>

#include <array>
#include <cmath>

#include "report_render.hpp"

namespace psoas::report::detail {

namespace {

using std::chrono::days;
using std::chrono::sys_days;

constexpr const char* session_mark = "●";

// 256-colour backgrounds from pale (0) to dark red (10), and a foreground that reads on each.
constexpr std::array<int, 11> shade_bg{255, 230, 229, 223, 222, 216, 209, 203, 167, 160, 124};
int shade_fg(int level) { return level >= 7 ? 231 : 16; }

int level_of(double mean) { return static_cast<int>(std::floor(std::clamp(mean, 0.0, 10.0) + 0.5 + 1e-9)); }

// "  3●" on a shade: the cell is 3 columns, then one blank between cells.
std::string text_cell(const Day* d, bool colour) {
  if (!d) return "    ";
  if (d->to_come) return " -  ";
  std::string mark = d->sessions ? session_mark : " ";
  if (!d->mean) return fmt::format("  {} ", mark);
  std::string cell = fmt::format(" {}{}", pain_digit(*d->mean), mark);
  if (!colour) return cell + " ";
  int lv = level_of(*d->mean);
  return fmt::format("\x1b[48;5;{}m\x1b[38;5;{}m{}\x1b[0m ", shade_bg[static_cast<std::size_t>(lv)], shade_fg(lv), cell);
}

std::string weekday_header(const Report& r, std::string_view sep) {
  std::string out;
  for (int i = 0; i < 7; ++i) {
    static constexpr const char* names[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    out += fmt::format("{}{}", i ? sep : "", names[(r.week_start.c_encoding() + static_cast<unsigned>(i)) % 7]);
  }
  return out;
}

// The date of a week's first column (every row holds at least one day of the range).
std::string row_label(const std::vector<const Day*>& row) {
  for (std::size_t i = 0; i < row.size(); ++i)
    if (row[i]) return date_label(std::chrono::year_month_day(sys_days(row[i]->date) - days(static_cast<int>(i))));
  return "";
}

std::string day_title(const Day& d) {
  if (d.to_come) return date_label(d.date) + ": to come";
  std::string out = date_label(d.date) + (d.mean ? ": mean pain " + num1(d.mean) : ": no entries");
  if (d.sessions) out += ", " + plural(d.sessions, "session", "sessions");
  return out;
}

}  // namespace

char pain_digit(double mean) {
  int lv = level_of(mean);
  return lv >= 10 ? 'X' : static_cast<char>('0' + lv);
}

std::vector<std::vector<const Day*>> calendar_weeks(const Report& r) {
  std::vector<std::vector<const Day*>> weeks;
  if (r.days.empty()) return weeks;
  sys_days first(r.days.front().date);
  sys_days start = first - (std::chrono::weekday(first) - r.week_start);
  sys_days last(r.days.back().date);
  for (sys_days w = start; w <= last; w += days(7)) {
    std::vector<const Day*> row;
    for (int i = 0; i < 7; ++i) {
      auto k = (w + days(i) - first).count();
      row.push_back(k >= 0 && k < std::ssize(r.days) ? &r.days[static_cast<std::size_t>(k)] : nullptr);
    }
    weeks.push_back(std::move(row));
  }
  return weeks;
}

std::string calendar_text(const Report& r, bool colour) {
  if (std::ssize(r.days) < calendar_min_days) return "";
  std::string out = "  week of     " + weekday_header(r, " ") + "\n";
  for (const auto& row : calendar_weeks(r)) {
    std::string line = "  " + row_label(row) + "  ";
    for (const Day* d : row) line += text_cell(d, colour);
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  out += fmt::format("  0-9: mean pain that day (rounded half up; X = 10). {}: a day with a session.\n"
                     "  Blank: no entries. -: to come.{}\n",
                     session_mark, colour ? " The shade repeats the digit: darker, more pain." : "");
  return out;
}

std::string calendar_markdown(const Report& r) {
  if (std::ssize(r.days) < calendar_min_days) return "";
  std::string out = "| week of | " + weekday_header(r, " | ") + " |\n|---|---|---|---|---|---|---|---|\n";
  for (const auto& row : calendar_weeks(r)) {
    out += "| " + row_label(row) + " |";
    for (const Day* d : row) {
      std::string cell = !d ? "" : d->to_come ? "-" : d->mean ? std::string(1, pain_digit(*d->mean)) : "";
      if (d && !d->to_come && d->sessions) cell += session_mark;
      out += " " + cell + " |";
    }
    out += "\n";
  }
  return out + fmt::format("\n0-9 mean pain that day (rounded half up, X = 10), {} a day with a session, blank: no "
                           "entries, - to come.\n", session_mark);
}

std::string calendar_html(const Report& r) {
  if (std::ssize(r.days) < calendar_min_days) return "";
  std::string s = "<table class=\"calendar\">\n<caption>Mean pain each day (0-9, X = 10) and days with a session "
                  "(" + std::string(session_mark) + ")</caption>\n<thead><tr><th scope=\"col\">week of</th>";
  for (int i = 0; i < 7; ++i) {
    static constexpr const char* names[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    s += fmt::format("<th scope=\"col\">{}</th>", names[(r.week_start.c_encoding() + static_cast<unsigned>(i)) % 7]);
  }
  s += "</tr></thead>\n<tbody>\n";
  for (const auto& row : calendar_weeks(r)) {
    s += "<tr><th scope=\"row\">" + row_label(row) + "</th>";
    for (const Day* d : row) {
      if (!d) {
        s += "<td class=\"out\"></td>";
        continue;
      }
      std::string cls = d->to_come ? "to-come" : d->mean ? fmt::format("p{}", level_of(*d->mean)) : "none";
      std::string body = d->to_come ? "-" : d->mean ? std::string(1, pain_digit(*d->mean)) : "";
      if (!d->to_come && d->sessions) body += "<span class=\"mark\">" + std::string(session_mark) + "</span>";
      s += fmt::format("<td class=\"{}\" title=\"{}\">{}</td>", cls, day_title(*d), body);
    }
    s += "</tr>\n";
  }
  s += "</tbody>\n</table>\n<p class=\"legend\">";
  for (int lv = 0; lv <= 10; ++lv) s += fmt::format("<span class=\"p{}\">{}</span>", lv, pain_digit(lv));
  s += fmt::format(" mean pain that day, rounded half up (X = 10; a darker shade, more pain); {} a day with a "
                   "session; blank: no entries; - to come.</p>\n", session_mark);
  return s;
}

}  // namespace psoas::report::detail
