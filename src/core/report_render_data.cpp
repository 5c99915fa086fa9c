// The report for programs: JSON (the whole Report) and CSV (one row a day).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "psoas/json.hpp"
#include "report_render.hpp"

namespace psoas::report::detail {

namespace {

double round2(double v) {
  double r = std::round(v * 100.0) / 100.0;
  return r == 0.0 ? 0.0 : r;
}

double minutes_value(std::chrono::seconds s) { return std::round(static_cast<double>(s.count()) / 6.0) / 10.0; }

json::Object& opt(json::Object& o, std::string_view key, std::optional<double> v) {
  return v ? o.add(key, round2(*v)) : o.add_null(key);
}

json::Object& opt(json::Object& o, std::string_view key, std::optional<int> v) {
  return v ? o.add(key, *v) : o.add_null(key);
}

std::string trend_json(const TrendResult& t) {
  json::Object o;
  o.add("trend", trend_key(t.trend)).add("label", trend_name(t.trend)).add("days", t.days);
  o.add("previous_days", t.previous_days);
  opt(o, "mean", t.mean);
  opt(o, "previous_mean", t.previous_mean);
  opt(o, "change", t.change);
  opt(o, "percent", t.percent);
  return o.str();
}

std::string run_json(const RunTrend& t) {
  json::Object o;
  o.add("trend", trend_key(t.trend)).add("label", trend_name(t.trend)).add("start", date_label(t.start));
  std::vector<std::string> first, last;
  for (auto d : t.first_days) first.push_back(date_label(d));
  for (auto d : t.last_days) last.push_back(date_label(d));
  o.add_raw("first_days", json::array(first)).add_raw("last_days", json::array(last));
  opt(o, "baseline", t.baseline);
  opt(o, "latest", t.latest);
  opt(o, "change", t.change);
  opt(o, "percent", t.percent);
  return o.str();
}

// The judgement, with both comparisons behind it.
std::string judgement_json(const Report& r) {
  json::Object o;
  o.add("trend", trend_key(r.trend)).add("label", trend_name(r.trend));
  if (r.trend == Trend::not_enough_data) o.add("days_needed", r.days_needed);
  else o.add_null("days_needed");
  o.add_raw("previous_range", trend_json(r.pain));
  if (r.run) o.add_raw("within_run", run_json(*r.run));
  else o.add_null("within_run");
  return o.str();
}

std::string flare_json(const Report& r) {
  if (!r.flare) return "null";
  return json::Object()
      .add("date", date_label(r.flare->day))
      .add("pain", round2(r.flare->pain))
      .add("median_before", round2(r.flare->median))
      .add("days_before", r.flare->days_before)
      .str();
}

std::string mentions_json(const Report& r) {
  std::vector<std::string> out;
  for (const Mention& m : r.mentions)
    out.push_back(json::Object().add("id", m.id).add("text", m.text).add("advice", m.advice).str());
  return json::array_raw(out);
}

std::string range_json(const when::Range& r) {
  return json::Object().add("from", when::format_utc(r.from)).add("to", when::format_utc(r.to)).str();
}

std::string days_json(const Report& r) {
  std::vector<std::string> days;
  for (const Day& d : r.days) {
    json::Object o;
    o.add("date", date_label(d.date)).add("to_come", d.to_come).add("entries", d.entries);
    opt(o, "mean", d.mean);
    opt(o, "min", d.min);
    opt(o, "max", d.max);
    o.add("sessions", d.sessions).add("session_minutes", minutes_value(d.session_time));
    o.add("breaks_done", d.breaks_done).add("breaks_skipped", d.breaks_skipped).add("breaks_snoozed", d.breaks_snoozed);
    days.push_back(o.str());
  }
  return json::array_raw(days);
}

std::string sessions_json(const Report& r) {
  std::vector<std::string> routines;
  for (const RoutineSummary& s : r.routines) {
    json::Object o;
    o.add("routine", s.routine).add("kind", s.kind).add("sessions", s.sessions).add("completed", s.completed);
    o.add("minutes", minutes_value(s.time)).add("rated_sessions", s.rated).add("rated_needed", rated_needed(s));
    opt(o, "rated_mean_change", s.rated_change);
    o.add("fell_by_2", s.fell_by_2);
    std::vector<std::string> pairs;
    for (const RatedPair& p : s.pairs)
      pairs.push_back(json::Object().add("date", date_label(p.day)).add("before", p.before).add("after", p.after).str());
    o.add_raw("rated", json::array_raw(pairs));
    routines.push_back(o.str());
  }
  json::Object o;
  o.add("count", r.sessions).add("minutes", minutes_value(r.session_time));
  o.add("days_with_session", r.days_with_session).add("days_judged", r.days_judged);
  opt(o, "adherence", r.adherence);
  o.add("streak", r.streak).add("streak_may_be_longer", r.streak_may_be_longer);
  o.add_raw("routines", json::array_raw(routines));
  const NextDay& n = r.next_day;
  json::Object next;
  next.add("days_after_session", n.after_session).add("days_after_none", n.after_none);
  opt(next, "mean_after_session", n.mean_after_session);
  opt(next, "mean_after_none", n.mean_after_none);
  next.add("days_needed_after_session", std::max(0, min_next_days - n.after_session));
  next.add("days_needed_after_none", std::max(0, min_next_days - n.after_none));
  o.add_raw("next_day", next.str()).add("note", effects_note());
  o.add_raw("breaks", json::Object()
                          .add("done", r.breaks_done)
                          .add("skipped", r.breaks_skipped)
                          .add("snoozed", r.breaks_snoozed)
                          .add("missed", r.breaks_missed)
                          .add("idle", r.breaks_idle)
                          .str());
  return o.str();
}

std::string factors_json(const std::vector<Factor>& fs) {
  std::vector<std::string> out;
  for (const Factor& f : fs) {
    json::Object o;
    o.add("name", f.name).add("days_with", f.days_with).add("mean_with", round2(f.mean_with));
    o.add("days_without", f.days_without);
    opt(o, "mean_without", f.mean_without);
    out.push_back(o.str());
  }
  return json::array_raw(out);
}

std::string warnings_json(const Report& r) {
  std::vector<std::string> out;
  for (Warning w : r.warnings) out.push_back(json::Object().add("kind", warning_key(w)).add("text", warning_text(w, r)).str());
  return json::array_raw(out);
}

std::string red_flags_json(const Report& r) {
  std::vector<std::string> out;
  for (const RedFlag& f : r.red_flags) {
    out.push_back(json::Object()
                      .add("at", when::format_utc(f.at))
                      .add("date", date_label(f.day))
                      .add("outcome", f.outcome)
                      .add_raw("reasons", json::array(f.reasons))
                      .str());
  }
  return json::array_raw(out);
}

}  // namespace

std::string render_json(const Report& r, const RenderOptions& o) {
  json::Object j;
  j.add("first_day", r.days.empty() ? "" : date_label(r.days.front().date));
  j.add("last_day", r.days.empty() ? "" : date_label(r.days.back().date));
  j.add("days_in_range", static_cast<int>(r.days.size()));
  j.add_raw("range", range_json(r.range)).add_raw("previous_range", range_json(r.previous));
  if (!o.generated.empty()) j.add("generated", o.generated);
  j.add("entries", r.entries).add("days_with_entries", r.days_with_entries);
  opt(j, "mean", r.mean);
  opt(j, "min", r.min);
  opt(j, "max", r.max);
  j.add_raw("trend", judgement_json(r)).add("trend_overridden_by_red_flag", r.trend_overridden);
  j.add_raw("flare", flare_json(r));
  if (r.peg) j.add_raw("peg", trend_json(*r.peg));
  else j.add_null("peg");
  j.add_raw("days", days_json(r)).add_raw("sessions", sessions_json(r));
  j.add_raw("triggers", factors_json(r.triggers)).add_raw("helpers", factors_json(r.helpers));
  std::vector<std::string> locations;
  for (const LocationSummary& l : r.locations)
    locations.push_back(json::Object().add("name", l.name).add_raw("trend", trend_json(l.trend)).str());
  j.add_raw("locations", json::array_raw(locations));
  j.add_raw("red_flags", red_flags_json(r));
  opt(j, "days_logged", r.days_logged);
  j.add("run_sessions", r.run_sessions);
  j.add_raw("warnings", warnings_json(r));
  j.add("urgency", action_name(r.action));
  if (r.mentions_day) j.add("latest_triage_date", date_label(*r.mentions_day));
  else j.add_null("latest_triage_date");
  j.add_raw("mentions", mentions_json(r));
  j.add("emergency_number", r.emergency_number);
  j.add_raw("emergency_signs", json::array(cauda_equina_card(r.emergency_number)));
  j.add("safety_net", safety_net()).add("disclaimer", disclaimer());
  return j.str() + "\n";
}

std::string render_csv(const Report& r) {
  std::string out =
      "date,entries,mean_pain,min_pain,max_pain,sessions,session_minutes,breaks_done,breaks_skipped,breaks_snoozed\n";
  for (const Day& d : r.days) {
    if (d.to_come) continue;
    out += fmt::format("{},{},{},{},{},{},{},{},{},{}\n", date_label(d.date), d.entries, d.mean ? num1(d.mean) : "",
                       d.min ? fmt::format("{}", *d.min) : "", d.max ? fmt::format("{}", *d.max) : "", d.sessions,
                       minutes(d.session_time), d.breaks_done, d.breaks_skipped, d.breaks_snoozed);
  }
  return out;
}

}  // namespace psoas::report::detail
