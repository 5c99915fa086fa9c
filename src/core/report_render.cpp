// Report wording shared by every format, and the dispatch to each renderer.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "psoas/triage.hpp"
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

std::string plural(int n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

std::string break_extras(const Report& r) {
  std::string out;
  if (r.breaks_missed > 0) out += fmt::format(", {} missed", r.breaks_missed);
  if (r.breaks_idle > 0) out += fmt::format(", {} idle", r.breaks_idle);
  return out;
}

std::string streak_text(const Report& r) {
  return (r.streak_may_be_longer ? "at least " : "") + plural(r.streak, "day", "days");
}

int rated_needed(const RoutineSummary& s) { return std::max(0, min_rated_sessions - s.rated); }

std::string rated_text(const RoutineSummary& s) {
  if (s.rated < min_rated_sessions) {
    std::string so_far = s.rated > 0 ? fmt::format("{} of {} rated before and after so far; ", s.rated, s.sessions) : "";
    return fmt::format("{}rate {} more {} of {} before and after to see how your pain changed across them", so_far,
                       rated_needed(s), rated_needed(s) == 1 ? "session" : "sessions", s.routine);
  }
  return fmt::format("rated before and after in {} of {}: pain {} from before to after on average, and it fell by 2 "
                     "points or more in {} of {}",
                     s.rated, plural(s.sessions, "session", "sessions"), signed1(s.rated_change.value_or(0)),
                     s.fell_by_2, s.rated);
}

std::string next_day_text(const Report& r) {
  const NextDay& n = r.next_day;
  if (n.mean_after_session && n.mean_after_none) {
    return fmt::format("On the {} after a day with a session, mean pain was {}; on the {} after a day without one, {}.",
                       plural(n.after_session, "day", "days"), num1(n.mean_after_session),
                       plural(n.after_none, "day", "days"), num1(n.mean_after_none));
  }
  int need_with = std::max(0, min_next_days - n.after_session), need_without = std::max(0, min_next_days - n.after_none);
  std::vector<std::string> parts;
  if (need_with) parts.push_back(fmt::format("{} more after a day with a session", need_with));
  if (need_without) parts.push_back(fmt::format("{} more after a day without one", need_without));
  return fmt::format("Not enough days yet to compare pain on the days after a day with a session with the days after "
                     "a day without: that needs {} logged days of each, and this range has {} and {} ({}).",
                     min_next_days, n.after_session, n.after_none, fmt::join(parts, ", "));
}

std::string effects_note() {
  return "Before and after ratings and next-day pain show what went together, not what caused what: pain also "
         "changes from hour to hour and day to day on its own.";
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

std::string_view warning_key(Warning w) {
  switch (w) {
    case Warning::red_flag_emergency: return "red-flag-emergency";
    case Warning::red_flag_clinician: return "red-flag-see-clinician";
    case Warning::worsening: return "worsening";
    case Warning::place_worsening: return "place-worsening";
    case Warning::peg_worsening: return "peg-worsening";
    case Warning::flare: return "flare";
    case Warning::no_improvement_1_week: return "no-improvement-1-week";
    case Warning::no_improvement_4_weeks: return "no-improvement-4-weeks";
    case Warning::no_improvement_8_weeks: return "no-improvement-8-weeks";
    case Warning::chronic_12_weeks: return "chronic-12-weeks";
  }
  return "warning";
}

std::string_view action_name(Action a) {
  switch (a) {
    case Action::self_care: return "self-care";
    case Action::consider_clinician: return "consider-clinician";
    case Action::see_clinician: return "see-clinician";
    case Action::emergency: return "emergency";
  }
  return "see-clinician";
}

std::string_view trend_key(Trend t) {
  switch (t) {
    case Trend::not_enough_data: return "not_enough_data";
    case Trend::improving: return "improving";
    case Trend::may_be_improving: return "may_be_improving";
    case Trend::no_clear_change: return "no_clear_change";
    case Trend::worsening: return "worsening";
  }
  return "not_enough_data";
}

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

std::string date_label(std::chrono::year_month_day d) { return when::format_date(d); }

std::string range_label(const Report& r) {
  if (r.days.empty()) return "an empty range";
  std::string first = date_label(r.days.front().date);
  if (r.days.size() == 1) return first;
  return fmt::format("{} to {} ({} days)", first, date_label(r.days.back().date), r.days.size());
}

namespace {
// "from 4.0 to 6.0 (+2.0 points, +50%)".
std::string change_figures(std::optional<double> from, std::optional<double> to, std::optional<double> change,
                           std::optional<double> pct) {
  std::string out = fmt::format("from {} to {} ({} points", num1(from), num1(to), signed1(change.value_or(0)));
  if (pct) out += fmt::format(", {}{:.0f}%", *pct > 0 ? "+" : "", *pct);
  return out + ")";
}
}  // namespace

std::string trend_sentence(const Report& r) {
  if (r.trend == Trend::not_enough_data) {
    return fmt::format("Not enough data yet for a trend: log your pain on {} more {}. A trend compares your first {} "
                       "days of logging with your latest {} once you have logged on {} days, and this range with "
                       "the one before when each has entries on {} days.",
                       r.days_needed, r.days_needed == 1 ? "day" : "days", run_days, run_days, min_run_days,
                       min_trend_days);
  }
  std::vector<std::string> parts;
  if (r.pain.trend != Trend::not_enough_data) {
    parts.push_back(fmt::format("mean pain {} compared with the previous {}",
                                change_figures(r.pain.previous_mean, r.pain.mean, r.pain.change, r.pain.percent),
                                plural(static_cast<int>(r.days.size()), "day", "days")));
  }
  if (r.run && r.run->trend != Trend::not_enough_data) {
    std::string pct = r.run->percent ? fmt::format(", {}{:.0f}%", *r.run->percent > 0 ? "+" : "", *r.run->percent) : "";
    parts.push_back(fmt::format("{}from {} in your first {} logged days (from {}) to {} in your latest {} ({} points{})",
                                parts.empty() ? "mean pain " : "", num1(r.run->baseline), run_days,
                                date_label(r.run->start), num1(r.run->latest), run_days,
                                signed1(r.run->change.value_or(0)), pct));
  }
  std::string name(trend_name(r.trend));
  name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
  std::string out = fmt::format("{}: {}.", name, fmt::join(parts, "; "));
  if (r.trend == Trend::may_be_improving) out += " Early on, a change like this is less certain; keep logging.";
  if (r.trend_overridden) out += " A triage in this range found warning signs: follow its advice whatever the trend.";
  return out;
}

namespace detail {
std::string mention_heading(const Report& r) {
  return fmt::format("To raise with a clinician, from your latest triage{}",
                     r.mentions_day ? fmt::format(" ({})", date_label(*r.mentions_day)) : "");
}

std::string mention_text(const Mention& m) {
  return m.advice.empty() ? m.text : fmt::format("{} {}", m.text, m.advice);
}
}  // namespace detail

namespace {
std::string latest_triage(const Report& r, std::string_view outcome) {
  for (auto it = r.red_flags.rbegin(); it != r.red_flags.rend(); ++it) {
    if (it->outcome == outcome) return date_label(it->day);
  }
  return "";
}
std::string call_text(const std::string& number) {
  return fmt::format("Call {}", triage::emergency_numbers(number));
}
}  // namespace

namespace {
// "logged self-care" only where sessions were logged (TRIAGE-SOURCES.md).
std::string logged_what(const Report& r) {
  return r.run_sessions > 0 ? "logged self-care" : "logging";
}
std::string worse_places(const Report& r) {
  std::vector<std::string> names;
  for (const LocationSummary& l : r.locations)
    if (l.trend.trend == Trend::worsening) names.push_back(l.name);
  return fmt::format("{}", fmt::join(names, ", "));
}
constexpr std::string_view again = "Run 'psoas triage' again and see a clinician within the next few days.";
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
      return fmt::format("Your pain is getting worse. {}", again);
    case Warning::place_worsening:
      return fmt::format("Pain in one place is getting worse ({}). {}", worse_places(r), again);
    case Warning::peg_worsening:
      return fmt::format("Your PEG score (pain and how much it gets in the way of enjoyment and activity) is "
                         "getting worse. {}",
                         again);
    case Warning::flare:
      return fmt::format("Pain on {} ({}) was well above your usual level (median {} over the {} days before): a "
                         "flare. For the first "
                         "48 hours, do the gentle 'acute' routine (psoas routine run acute) and use cold. If anything "
                         "new appeared, run 'psoas triage' again.",
                         r.flare ? date_label(r.flare->day) : "", r.flare ? num1(r.flare->pain) : "-",
                         r.flare ? num1(r.flare->median) : "-", flare_window.count());
    case Warning::no_improvement_1_week:
      return fmt::format("No clear improvement after {} days of {}: consider seeing a clinician.", n, logged_what(r));
    case Warning::no_improvement_4_weeks:
      return fmt::format("No clear improvement after {} days (4 weeks or more) of {}: see a clinician.", n,
                         logged_what(r));
    case Warning::no_improvement_8_weeks:
      return fmt::format("No clear improvement after {} days (8 weeks or more) of {}: see a clinician "
                         "and ask about a specialist.",
                         n, logged_what(r));
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
