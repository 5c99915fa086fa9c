#pragma once
// Helpers the report renderers share (private to src/core/report_render*.cpp).

#include <string>
#include <vector>

#include "psoas/report.hpp"

namespace psoas::report::detail {

// "4.5", "0.0"; "-" when absent.
std::string num1(std::optional<double> v);
// "+1.5", "-2.0", "0.0".
std::string signed1(double v);
// Minutes to one decimal, e.g. "15" or "12.5".
std::string minutes(std::chrono::seconds s);
// "71%".
std::string percent(double fraction);
// "Mon", "Tue", ... for a date.
std::string weekday_name(std::chrono::year_month_day d);
// "To raise with a clinician, from your latest triage (2026-11-20)".
std::string mention_heading(const Report& r);
// The question and its advice, as one line.
std::string mention_text(const Mention& m);
// "3 days" / "1 day".
std::string plural(int n, std::string_view one, std::string_view many);
// The streak, e.g. "3 days" or "at least 14 days".
std::string streak_text(const Report& r);
// ", 2 missed, 1 idle" after the desk breaks' done/skipped/snoozed, or "" when both are 0.
std::string break_extras(const Report& r);
// More rated sessions a routine needs before its figures are shown (0 once it has enough).
int rated_needed(const RoutineSummary& s);
// A routine's rated sessions, e.g. "rated before and after in 4 of 5 sessions: pain -1.5 ...",
// or how many more it needs.
std::string rated_text(const RoutineSummary& s);
// The next-day comparison as a sentence, or how many more days it needs.
std::string next_day_text(const Report& r);
// "... show what went together, not what caused what ...".
std::string effects_note();
// The calendar's weeks: seven days a row from r.week_start; null for days outside the range.
std::vector<std::vector<const Day*>> calendar_weeks(const Report& r);
// A day's mean pain as one character: '0'..'9' rounded half up, 'X' for 10.
char pain_digit(double mean);
// The calendar for a terminal (shaded backgrounds when `colour`), or "" below calendar_min_days.
std::string calendar_text(const Report& r, bool colour);
// The calendar as an HTML table with a legend, or "" below calendar_min_days.
std::string calendar_html(const Report& r);
// The calendar as a Markdown table, or "" below calendar_min_days.
std::string calendar_markdown(const Report& r);
// "mean 5.5 on 4 days with it, 3.0 on 2 days without".
std::string factor_text(const Factor& f);
// A location's line, e.g. "mean 4.0 on 5 days; no clear change (previous 5.5)".
std::string location_text(const LocationSummary& l);
// "PEG 4.7 (previous 5.0): no clear change".
std::string peg_text(const TrendResult& t);

std::string render_text(const Report& r, const RenderOptions& o);
std::string render_markdown(const Report& r, const RenderOptions& o);
std::string render_json(const Report& r, const RenderOptions& o);
std::string render_csv(const Report& r);
std::string render_html(const Report& r, const RenderOptions& o);

}  // namespace psoas::report::detail
