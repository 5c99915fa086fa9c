// Report wording shared by every format, and the dispatch to each renderer.
#include <fmt/format.h>

#include <cmath>

#include "report_render.hpp"

namespace psoas::report {

namespace detail {

std::string num1(std::optional<double> v) {
  if (!v) return "-";
  double r = std::round(*v * 10.0) / 10.0;
  return fmt::format("{:.1f}", r == 0.0 ? 0.0 : r);
}

std::string signed1(double v) {
  double r = std::round(v * 10.0) / 10.0;
  if (r == 0.0) return "0.0";
  return fmt::format("{:+.1f}", r);
}

std::string minutes(std::chrono::seconds s) {
  double m = std::round(static_cast<double>(s.count()) / 6.0) / 10.0;
  return m == std::floor(m) ? fmt::format("{:.0f}", m) : fmt::format("{:.1f}", m);
}

std::string percent(double fraction) { return fmt::format("{:.0f}%", std::round(fraction * 100.0)); }

std::string weekday_name(std::chrono::year_month_day d) {
  static constexpr const char* names[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  return names[std::chrono::weekday(std::chrono::sys_days(d)).c_encoding()];
}

std::string_view warning_key(Warning w) {
  switch (w) {
    case Warning::red_flag_emergency: return "red-flag-emergency";
    case Warning::red_flag_clinician: return "red-flag-see-clinician";
    case Warning::worsening: return "worsening";
    case Warning::no_improvement_1_week: return "no-improvement-1-week";
    case Warning::no_improvement_4_weeks: return "no-improvement-4-weeks";
    case Warning::no_improvement_8_weeks: return "no-improvement-8-weeks";
    case Warning::chronic_12_weeks: return "chronic-12-weeks";
  }
  return "warning";
}

std::string plural(int n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

std::string streak_text(const Report& r) {
  return (r.streak_may_be_longer ? "at least " : "") + plural(r.streak, "day", "days");
}

std::string change_text(const RoutineSummary& s) {
  if (!s.mean_change) return "to see how it changes your pain, log before a session and within 6 hours after";
  return fmt::format("pain {} afterwards on average ({} of {} with an entry before and within 6 hours after)",
                     signed1(*s.mean_change), s.with_change, plural(s.sessions, "session", "sessions"));
}

std::string factor_text(const Factor& f) {
  std::string out = fmt::format("mean pain {} on {} with it", num1(f.mean_with), plural(f.days_with, "day", "days"));
  if (f.mean_without) out += fmt::format(", {} on {} without", num1(f.mean_without), plural(f.days_without, "day", "days"));
  else out += ", no days without it";
  return out;
}

namespace {
std::string compare_text(const TrendResult& t) {
  std::string out = fmt::format("{}", trend_name(t.trend));
  if (t.previous_mean) out += fmt::format(" (previous {})", num1(t.previous_mean));
  return out;
}
}  // namespace

std::string location_text(const LocationSummary& l) {
  return fmt::format("mean {} on {}; {}", num1(l.trend.mean), plural(l.trend.days, "day", "days"), compare_text(l.trend));
}

std::string peg_text(const TrendResult& t) {
  return fmt::format("PEG score {} (mean of pain, enjoyment and activity items); {}", num1(t.mean), compare_text(t));
}

}  // namespace detail

using namespace detail;

std::string_view trend_name(Trend t) {
  switch (t) {
    case Trend::not_enough_data: return "not enough data yet";
    case Trend::improving: return "improving";
    case Trend::may_be_improving: return "may be improving";
    case Trend::no_clear_change: return "no clear change";
    case Trend::worsening: return "worsening";
  }
  return "unknown";
}

std::string date_label(std::chrono::year_month_day d) {
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                     static_cast<unsigned>(d.day()));
}

std::string range_label(const Report& r) {
  if (r.days.empty()) return "an empty range";
  std::string first = date_label(r.days.front().date);
  if (r.days.size() == 1) return first;
  return fmt::format("{} to {} ({} days)", first, date_label(r.days.back().date), r.days.size());
}

std::string trend_sentence(const Report& r) {
  const TrendResult& t = r.pain;
  std::string prev = fmt::format("the previous {}", plural(static_cast<int>(r.days.size()), "day", "days"));
  if (t.trend == Trend::not_enough_data) {
    return fmt::format("Not enough data yet: a trend needs entries on at least {} days in this range and in {} "
                       "(now {} and {}).",
                       min_trend_days, prev, t.days, t.previous_days);
  }
  std::string figures = fmt::format("mean pain from {} to {} ({} points", num1(t.previous_mean), num1(t.mean),
                                    signed1(t.change.value_or(0)));
  if (t.percent) figures += fmt::format(", {}{:.0f}%", *t.percent > 0 ? "+" : "", *t.percent);
  figures += fmt::format(") compared with {}.", prev);
  std::string name(trend_name(t.trend));
  name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
  std::string out = name + ": " + figures;
  if (t.trend == Trend::may_be_improving) out += " Early on, a change like this is less certain; keep logging.";
  if (r.trend_overridden) out += " A triage in this range found warning signs: follow its advice whatever the trend.";
  return out;
}

namespace {
std::string latest_triage(const Report& r, std::string_view outcome) {
  for (auto it = r.red_flags.rbegin(); it != r.red_flags.rend(); ++it) {
    if (it->outcome == outcome) return date_label(it->day);
  }
  return "";
}
std::string call_text(const std::string& number) {
  if (number == "112") return "Call 112 (911 or 999 where those are the emergency numbers)";
  return fmt::format("Call {}", number);
}
}  // namespace

std::string warning_text(Warning w, const Report& r) {
  int n = r.days_logged.value_or(0);
  switch (w) {
    case Warning::red_flag_emergency:
      return fmt::format("A triage in this range (last on {}) found signs that need care now. If you have not "
                         "been seen since, seek care now. {} or go to an emergency department. Do not wait for an "
                         "appointment.",
                         latest_triage(r, "emergency"), call_text(r.emergency_number));
    case Warning::red_flag_clinician:
      return fmt::format("A triage in this range (last on {}) found signs that need a clinician. If you have not "
                         "been seen since, see one within the next few days, the same day if you have a fever.",
                         latest_triage(r, "see-clinician"));
    case Warning::worsening:
      return "Your pain is getting worse. Run 'psoas triage' again and see a clinician within the next few days.";
    case Warning::no_improvement_1_week:
      return fmt::format("No clear improvement after {} days of logged self-care: consider seeing a clinician.", n);
    case Warning::no_improvement_4_weeks:
      return fmt::format("No clear improvement after {} days (4 weeks or more) of logged self-care: see a clinician.", n);
    case Warning::no_improvement_8_weeks:
      return fmt::format("No clear improvement after {} days (8 weeks or more) of logged self-care: see a clinician "
                         "and ask about a specialist.",
                         n);
    case Warning::chronic_12_weeks:
      return "Back pain that lasts 12 weeks or more is called chronic: plan ongoing care with a clinician.";
  }
  return {};
}

std::string disclaimer() {
  return "psoas informs and points to care; it does not diagnose. This report summarises what you logged; it is "
         "not a diagnosis.";
}

std::string safety_net() {
  return "Most episodes of low-back pain get better over a few weeks. See a clinician within days for a fever, pain "
         "that wakes you at night, weight loss without trying, numbness or shooting pain down one leg, or pain that "
         "keeps getting worse. If you are worried, don't delay: contact a clinician.";
}

std::vector<std::string> cauda_equina_card(const std::string& emergency_number) {
  return {"Seek emergency care now if you notice any of these:",
          "new difficulty peeing, a weak stream, or leaking urine or stool",
          "new numbness or tingling between your legs, around your genitals or bottom",
          "weakness, numbness or pain in both legs",
          fmt::format("{} or go to an emergency department. Do not wait for an appointment.",
                      call_text(emergency_number))};
}

std::string render(const Report& r, Format format, const RenderOptions& options) {
  switch (format) {
    case Format::text: return render_text(r, options);
    case Format::markdown: return render_markdown(r, options);
    case Format::json: return render_json(r, options);
    case Format::csv: return render_csv(r);
    case Format::html: return render_html(r, options);
  }
  return {};
}

}  // namespace psoas::report
