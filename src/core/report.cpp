// The report's numbers: days, sessions, adherence, trends, triggers and helpers, warnings.
// Over 400 lines on purpose: every step works on one Context (the input, the zone that
// remembers its lookups, the day index) and the same per-day accumulators, and each is a
// short function; split across files they would need an internal header for all of it.
// The measured effects (report_effects.cpp) and the fetch (report_fetch.cpp) stand alone.
#include "psoas/report.hpp"

#include "psoas/json.hpp"
#include "report_effects.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <stdexcept>
#include <unordered_map>

namespace psoas::report {

namespace {

using std::chrono::days;
using std::chrono::sys_days;

// The report asks for the same instants' local days many times over (each trend, each
// place, the previous range): the zone's answers, kept for the one report. A zone's offset
// is a function of the instant, so this changes no result; the system zone's lookup
// (localtime_r) was the report's costliest step (bench/README.md).
class RememberingZone final : public when::Zone {
 public:
  explicit RememberingZone(const when::Zone& zone) : m_zone(zone) {}
  std::chrono::seconds offset_at(Instant t) const override {
    auto [it, added] = m_offsets.try_emplace(t.time_since_epoch().count());
    if (added) it->second = m_zone.offset_at(t);
    return it->second;
  }
  Instant from_local(std::chrono::local_seconds t) const override {
    auto [it, added] = m_instants.try_emplace(t.time_since_epoch().count());
    if (added) it->second = m_zone.from_local(t);
    return it->second;
  }

 private:
  const when::Zone& m_zone;
  mutable std::unordered_map<std::int64_t, std::chrono::seconds> m_offsets;
  mutable std::unordered_map<std::int64_t, Instant> m_instants;
};

// Sums toward a mean.
struct Acc {
  double sum = 0;
  int n = 0;
  void add(double v) { sum += v; ++n; }
  std::optional<double> mean() const { return n ? std::optional<double>(sum / n) : std::nullopt; }
};

// Rounded to one decimal, as every format shows it; never "-0".
double round1(double v) {
  double r = std::round(v * 10.0) / 10.0;
  return r == 0.0 ? 0.0 : r;
}

// The local days [from, to) covers, and how to find a day's index.
struct DayIndex {
  sys_days first;
  int count = 0;
  std::optional<int> of(Instant t, const when::Zone& zone, const when::Calendar& cal) const {
    auto i = static_cast<int>((sys_days(when::local_day(t, zone, cal)) - first).count());
    if (i < 0 || i >= count) return std::nullopt;
    return i;
  }
};

DayIndex day_index(const when::Range& r, const when::Zone& zone, const when::Calendar& cal) {
  DayIndex ix{sys_days(when::local_day(r.from, zone, cal)), 0};
  while (when::day_begin(std::chrono::year_month_day(ix.first + days(ix.count)), zone, cal) < r.to) ++ix.count;
  return ix;
}

// Daily means of `value(entry)` for entries in `r`, by local day (only days with a value).
template <typename F>
std::map<sys_days, Acc> daily(const std::vector<Entry>& entries, const when::Range& r, const when::Zone& zone,
                              const when::Calendar& cal, F value) {
  std::map<sys_days, Acc> out;
  for (const Entry& e : entries) {
    if (e.at < r.from || e.at >= r.to) continue;
    if (std::optional<double> v = value(e)) out[sys_days(when::local_day(e.at, zone, cal))].add(*v);
  }
  return out;
}

// The first (or last) `n` days of `by_day`.
std::map<sys_days, Acc> first_n(const std::map<sys_days, Acc>& by_day, int n) {
  return {by_day.begin(), std::next(by_day.begin(), std::min<std::ptrdiff_t>(n, std::ssize(by_day)))};
}
std::map<sys_days, Acc> last_n(const std::map<sys_days, Acc>& by_day, int n) {
  return {std::prev(by_day.end(), std::min<std::ptrdiff_t>(n, std::ssize(by_day))), by_day.end()};
}

// The mean of daily means.
std::optional<double> mean_of_days(const std::map<sys_days, Acc>& by_day) {
  Acc a;
  for (const auto& [i, acc] : by_day) a.add(*acc.mean());
  return a.mean();
}

// Labels a change with a minimal important difference of `points` or 30%, judged on the
// rounded figures the user sees.
TrendResult judge(const std::map<sys_days, Acc>& now, const std::map<sys_days, Acc>& before, int min_days,
                  double points, bool early) {
  TrendResult t;
  t.days = static_cast<int>(now.size());
  t.previous_days = static_cast<int>(before.size());
  if (auto m = mean_of_days(now)) t.mean = round1(*m);
  if (auto m = mean_of_days(before)) t.previous_mean = round1(*m);
  if (t.mean && t.previous_mean) {
    t.change = round1(*t.mean - *t.previous_mean);
    if (*t.previous_mean > 0) t.percent = std::round(*t.change / *t.previous_mean * 100.0);
  }
  if (t.days < min_days || t.previous_days < min_days || !t.change) return t;
  constexpr double eps = 1e-9;
  double c = *t.change;
  double rel = *t.previous_mean > 0 ? c / *t.previous_mean : 0.0;
  if (c <= -points + eps || rel <= -0.3 + eps) {
    t.trend = early ? Trend::may_be_improving : Trend::improving;
  } else if (c >= points - eps || rel >= 0.3 - eps) {
    t.trend = Trend::worsening;
  } else {
    t.trend = Trend::no_clear_change;
  }
  return t;
}

// A stored reasons column as a list; a damaged one reads as no reasons, not a failure.
std::vector<std::string> reasons_of(const TriageRecord& t) {
  try {
    return json::parse_string_array(t.reasons_json);
  } catch (const std::exception&) {
    return {};
  }
}

std::string location_name(const Location& l) {
  std::string side = to_string(l.side);
  return side.empty() ? l.area : side + " " + l.area;
}

std::chrono::seconds duration_of(const Session& s) {
  return s.end > s.start ? std::chrono::seconds(s.end - s.start) : std::chrono::seconds(0);
}

// The first entry of the run that holds the latest entry before `end`, from sorted entries
// that hold the whole run.
std::optional<Instant> run_start_in(const std::vector<Entry>& sorted, Instant end, const when::Zone& zone,
                                    const when::Calendar& cal) {
  auto it = std::lower_bound(sorted.begin(), sorted.end(), end, [](const Entry& e, Instant t) { return e.at < t; });
  if (it == sorted.begin()) return std::nullopt;
  --it;
  auto day = [&](const Entry& e) { return sys_days(when::local_day(e.at, zone, cal)); };
  while (it != sorted.begin() && day(*it) - day(*std::prev(it)) < episode_gap) --it;
  return it->at;
}

struct Context {
  const ReportInput& in;
  const when::Zone& zone;
  DayIndex ix;
  std::optional<int> today;  // index of today's day; may be < 0 or >= count
  const std::vector<Entry>& entries;  // sorted by time (in.entries, or a sorted copy)
  Instant end{};               // the end of the range's last judged day (today at the latest)
  std::optional<Instant> run_start;
};

void fill_days(Report& r, const Context& c) {
  std::vector<Acc> pain(static_cast<std::size_t>(c.ix.count));
  for (int i = 0; i < c.ix.count; ++i) {
    Day d;
    d.date = std::chrono::year_month_day(c.ix.first + days(i));
    d.to_come = c.today && i > *c.today;
    r.days.push_back(d);
  }
  Acc all;
  for (const Entry& e : c.entries) {
    if (e.at < r.range.from || e.at >= r.range.to) continue;
    auto i = c.ix.of(e.at, c.zone, c.in.calendar);
    if (!i) continue;
    Day& d = r.days[static_cast<std::size_t>(*i)];
    ++d.entries;
    pain[static_cast<std::size_t>(*i)].add(e.pain);
    d.min = std::min(d.min.value_or(e.pain), e.pain);
    d.max = std::max(d.max.value_or(e.pain), e.pain);
    r.min = std::min(r.min.value_or(e.pain), e.pain);
    r.max = std::max(r.max.value_or(e.pain), e.pain);
    ++r.entries;
  }
  for (std::size_t i = 0; i < r.days.size(); ++i) {
    if (auto m = pain[i].mean()) {
      r.days[i].mean = round1(*m);
      all.add(*m);
      ++r.days_with_entries;
    }
  }
  if (auto m = all.mean()) r.mean = round1(*m);
}

// Counts a desk break in its day and in the range's totals, by how it was answered.
void count_break(Report& r, const Context& c, const Session& s) {
  if (s.start < r.range.from || s.start >= r.range.to) return;
  auto i = c.ix.of(s.start, c.zone, c.in.calendar);
  if (!i) return;
  Day& d = r.days[static_cast<std::size_t>(*i)];
  // "stopped" (a break routine ended early) counts with the snoozed ones, as before.
  auto pick = [&s](auto& x) -> int& {
    if (s.outcome == "done") return x.breaks_done;
    if (s.outcome == "skipped") return x.breaks_skipped;
    if (s.outcome == "missed") return x.breaks_missed;
    if (s.outcome == "idle") return x.breaks_idle;
    return x.breaks_snoozed;
  };
  ++pick(d);
  ++pick(r);
}

// Days with a session, adherence over the judged days, and the streak that ends on the
// range's last judged day (today still counts while it is open).
void fill_adherence(Report& r, const Context& c, const std::set<sys_days>& session_days) {
  for (const Day& d : r.days) {
    if (d.to_come) continue;
    ++r.days_judged;
    if (d.sessions > 0) ++r.days_with_session;
  }
  if (r.days_judged > 0) r.adherence = static_cast<double>(r.days_with_session) / r.days_judged;
  int last = c.ix.count - 1;
  if (c.today) last = std::min(last, *c.today);
  if (last < 0) return;
  sys_days day = c.ix.first + days(last);
  if (c.today && last == *c.today && !session_days.count(day)) day -= days(1);
  sys_days window_start(when::local_day(r.previous.from, c.zone, c.in.calendar));
  while (day >= window_start && session_days.count(day)) {
    ++r.streak;
    day -= days(1);
  }
  r.streak_may_be_longer = r.streak > 0 && day < window_start;
}

void fill_sessions(Report& r, const Context& c) {
  std::map<std::pair<std::string, std::string>, RoutineSummary> by_routine;
  std::set<sys_days> session_days;  // over the whole window, for the streak
  for (const Session& s : c.in.sessions) {
    if (s.kind == "break") {
      count_break(r, c, s);
      continue;
    }
    if (s.start < r.previous.from || s.start >= r.range.to) continue;
    session_days.insert(sys_days(when::local_day(s.start, c.zone, c.in.calendar)));
    if (s.start < r.range.from) continue;
    auto i = c.ix.of(s.start, c.zone, c.in.calendar);
    if (!i) continue;
    Day& d = r.days[static_cast<std::size_t>(*i)];
    ++d.sessions;
    d.session_time += duration_of(s);
    ++r.sessions;
    r.session_time += duration_of(s);
    RoutineSummary& sum = by_routine[{s.routine, s.kind}];
    sum.routine = s.routine;
    sum.kind = s.kind;
    ++sum.sessions;
    if (s.outcome == "completed") ++sum.completed;
    sum.time += duration_of(s);
  }
  // The pain change around a session comes from the ratings taken for it (issue 13), not from
  // guessing which entries before and after belong to it: that guess is gone.
  for (auto& [key, sum] : by_routine) r.routines.push_back(std::move(sum));
  std::stable_sort(r.routines.begin(), r.routines.end(),
                   [](const RoutineSummary& a, const RoutineSummary& b) { return a.sessions > b.sessions; });
  fill_adherence(r, c, session_days);
}

// Days with entries, as the set of trigger or helper names logged that day.
std::vector<Factor> factors(const Report& r, const Context& c, std::vector<std::string> Entry::*field) {
  std::map<int, std::set<std::string>> names_by_day;
  std::map<int, Acc> pain_by_day;
  for (const Entry& e : c.entries) {
    if (e.at < r.range.from || e.at >= r.range.to) continue;
    auto i = c.ix.of(e.at, c.zone, c.in.calendar);
    if (!i) continue;
    pain_by_day[*i].add(e.pain);
    for (const std::string& n : e.*field) names_by_day[*i].insert(n);
  }
  std::map<std::string, std::set<int>> days_by_name;
  for (const auto& [i, names] : names_by_day)
    for (const std::string& n : names) days_by_name[n].insert(i);
  std::vector<Factor> out;
  for (const auto& [name, with] : days_by_name) {
    if (static_cast<int>(with.size()) < min_factor_days) continue;
    Acc yes, no;
    for (const auto& [i, acc] : pain_by_day) (with.count(i) ? yes : no).add(*acc.mean());
    Factor f{name, yes.n, no.n, round1(*yes.mean()), std::nullopt};
    if (auto m = no.mean()) f.mean_without = round1(*m);
    out.push_back(f);
  }
  std::stable_sort(out.begin(), out.end(), [](const Factor& a, const Factor& b) { return a.days_with > b.days_with; });
  return out;
}

// The change from baseline within the current run of logging, when it has enough days.
std::optional<RunTrend> run_trend(const Context& c, bool early, int& logged_days) {
  if (!c.run_start) return std::nullopt;
  auto pain = [](const Entry& e) { return std::optional<double>(e.pain); };
  auto days_ = daily(c.entries, {*c.run_start, c.end}, c.zone, c.in.calendar, pain);
  for (const DayPain& d : c.in.run_head) {  // the first days, summed by gather
    Acc& a = days_[sys_days(d.day)];
    a.sum += static_cast<double>(d.sum);
    a.n += d.entries;
  }
  logged_days = static_cast<int>(days_.size());
  if (days_.empty()) return std::nullopt;
  RunTrend t;
  t.start = std::chrono::year_month_day(days_.begin()->first);
  auto head = first_n(days_, run_days), tail = last_n(days_, run_days);
  for (const auto& [d, acc] : head) t.first_days.emplace_back(d);
  for (const auto& [d, acc] : tail) t.last_days.emplace_back(d);
  // The head and tail are complete (gather fetches them); they overlap when the run is short.
  if (head.rbegin()->first >= tail.begin()->first) return t;
  TrendResult j = judge(tail, head, run_days, 2.0, early);
  t.trend = j.trend;
  t.baseline = j.previous_mean;
  t.latest = j.mean;
  t.change = j.change;
  t.percent = j.percent;
  return t;
}

// Worsening from either comparison wins; improving needs one saying so and none worsening.
Trend combine(const TrendResult& previous, const std::optional<RunTrend>& run) {
  std::vector<Trend> ts;
  if (previous.trend != Trend::not_enough_data) ts.push_back(previous.trend);
  if (run && run->trend != Trend::not_enough_data) ts.push_back(run->trend);
  if (ts.empty()) return Trend::not_enough_data;
  auto any = [&ts](Trend t) { return std::find(ts.begin(), ts.end(), t) != ts.end(); };
  if (any(Trend::worsening)) return Trend::worsening;
  if (any(Trend::improving)) return Trend::improving;
  if (any(Trend::may_be_improving)) return Trend::may_be_improving;
  return Trend::no_clear_change;
}

// How many more logged days until either comparison can be made.
int days_needed(const Report& r, int run_logged_days) {
  int need = std::max(1, min_run_days - run_logged_days);
  if (r.pain.previous_days >= min_trend_days) need = std::min(need, std::max(1, min_trend_days - r.pain.days));
  return need;
}

std::optional<Flare> find_flare(const Context& c) {
  auto pain = [](const Entry& e) { return std::optional<double>(e.pain); };
  Instant from = c.run_start ? *c.run_start : c.in.range.from;
  auto by_day = daily(c.entries, {std::max(from, c.in.range.from), c.end}, c.zone, c.in.calendar, pain);
  if (by_day.empty()) return std::nullopt;
  auto [last, acc] = *by_day.rbegin();
  Instant window_from = when::day_begin(std::chrono::year_month_day(last - flare_window), c.zone, c.in.calendar);
  Instant last_begin = when::day_begin(std::chrono::year_month_day(last), c.zone, c.in.calendar);
  auto before = daily(c.entries, {window_from, last_begin}, c.zone, c.in.calendar, pain);
  if (static_cast<int>(before.size()) < min_flare_days) return std::nullopt;
  std::vector<double> means;
  for (const auto& [d, a] : before) means.push_back(round1(*a.mean()));
  std::sort(means.begin(), means.end());
  std::size_t n = means.size();
  double median = n % 2 ? means[n / 2] : (means[n / 2 - 1] + means[n / 2]) / 2.0;
  double day_mean = round1(*acc.mean());
  constexpr double eps = 1e-9;
  bool flare = day_mean - median >= 2.0 - eps || (median > 0 && day_mean >= median * 1.3 - eps);
  if (!flare) return std::nullopt;
  return Flare{std::chrono::year_month_day(last), day_mean, round1(median), static_cast<int>(n)};
}

void fill_trends(Report& r, const Context& c, bool early) {
  const auto& cal = c.in.calendar;
  auto pain = [](const Entry& e) { return std::optional<double>(e.pain); };
  r.pain = judge(daily(c.entries, r.range, c.zone, cal, pain), daily(c.entries, r.previous, c.zone, cal, pain),
                 min_trend_days, 2.0, early);
  int run_logged_days = 0;
  r.run = run_trend(c, early, run_logged_days);
  r.trend = combine(r.pain, r.run);
  if (r.trend == Trend::not_enough_data) r.days_needed = days_needed(r, run_logged_days);
  r.flare = find_flare(c);
  auto peg = [](const Entry& e) { return peg_score(e); };
  auto peg_now = daily(c.entries, r.range, c.zone, cal, peg);
  if (!peg_now.empty()) r.peg = judge(peg_now, daily(c.entries, r.previous, c.zone, cal, peg), 1, 1.0, early);

  std::set<std::string> names;
  for (const Entry& e : c.entries)
    if (e.at >= r.range.from && e.at < r.range.to)
      for (const Location& l : e.where)
        if (l.pain) names.insert(location_name(l));
  for (const std::string& name : names) {
    auto at = [&name](const Entry& e) -> std::optional<double> {
      Acc a;
      for (const Location& l : e.where)
        if (l.pain && location_name(l) == name) a.add(*l.pain);
      return a.mean();
    };
    r.locations.push_back({name, judge(daily(c.entries, r.range, c.zone, cal, at),
                                       daily(c.entries, r.previous, c.zone, cal, at), min_trend_days, 2.0, early)});
  }
}

bool is_improving(Trend t) { return t == Trend::improving || t == Trend::may_be_improving; }

// The 1/4/8/12-week rules, counted from the run's start, when pain has not improved.
void duration_warnings(Report& r) {
  bool improved = is_improving(r.trend) || (r.trend == Trend::not_enough_data && r.peg && is_improving(r.peg->trend));
  // "No improvement" needs pain to improve on: some pain logged in the range.
  if (improved || !r.mean || *r.mean < 1.0 || !r.days_logged) return;
  int n = *r.days_logged;
  if (r.trend == Trend::worsening) {
    // The worsening warning already says to see a clinician within days; a specialist after
    // 8 weeks and chronic care after 12 still apply (the sources are silent: err toward care).
    if (n >= 56) r.warnings.push_back(Warning::no_improvement_8_weeks);
    if (n >= 84) r.warnings.push_back(Warning::chronic_12_weeks);
    return;
  }
  if (n >= 56) r.warnings.push_back(Warning::no_improvement_8_weeks);
  else if (n >= 28) r.warnings.push_back(Warning::no_improvement_4_weeks);
  else if (n >= 7) r.warnings.push_back(Warning::no_improvement_1_week);
  if (n >= 84) r.warnings.push_back(Warning::chronic_12_weeks);
}

Action action_of(const Report& r) {
  Action a = Action::self_care;
  for (Warning w : r.warnings) {
    Action b = w == Warning::red_flag_emergency              ? Action::emergency
               : w == Warning::no_improvement_1_week         ? Action::consider_clinician
               : w == Warning::flare                         ? Action::self_care
                                                             : Action::see_clinician;
    a = std::max(a, b);
  }
  return a;
}

void fill_warnings(Report& r, const Context& c) {
  for (const TriageRecord& t : c.in.triage) {
    if (t.at < r.range.from || t.at >= r.range.to) continue;
    if (t.outcome != "emergency" && t.outcome != "see-clinician") continue;
    r.red_flags.push_back({t.at, when::local_day(t.at, c.zone, c.in.calendar), t.outcome, reasons_of(t)});
  }
  std::stable_sort(r.red_flags.begin(), r.red_flags.end(),
                   [](const RedFlag& a, const RedFlag& b) { return a.at < b.at; });
  auto has = [&r](std::string_view o) {
    return std::any_of(r.red_flags.begin(), r.red_flags.end(), [o](const RedFlag& f) { return f.outcome == o; });
  };
  if (has("emergency")) r.warnings.push_back(Warning::red_flag_emergency);
  if (has("see-clinician")) r.warnings.push_back(Warning::red_flag_clinician);
  r.trend_overridden = !r.red_flags.empty();
  if (!r.trend_overridden) {
    bool worse = r.trend == Trend::worsening;
    if (worse) r.warnings.push_back(Warning::worsening);
    bool place = std::any_of(r.locations.begin(), r.locations.end(),
                             [](const LocationSummary& l) { return l.trend.trend == Trend::worsening; });
    if (!worse && place) r.warnings.push_back(Warning::place_worsening);
    if (!worse && r.peg && r.peg->trend == Trend::worsening) r.warnings.push_back(Warning::peg_worsening);
    if (r.flare) r.warnings.push_back(Warning::flare);
    duration_warnings(r);
  }
  r.action = action_of(r);
}

}  // namespace

Instant episode_start(Instant latest, Instant horizon, const when::Zone& zone, const when::Calendar& cal,
                      const std::function<std::optional<Instant>(Instant)>& first_at_or_after,
                      const std::function<Instant(Instant)>& jump) {
  auto back = [&jump](Instant t) { return jump ? std::min(jump(t), t) : t; };
  Instant t = back(latest);
  while (t >= horizon) {
    // An entry on the day episode_gap - 1 days before t's day, or later, is in t's run.
    sys_days reach = sys_days(when::local_day(t, zone, cal)) - (episode_gap - days(1));
    std::optional<Instant> e = first_at_or_after(when::day_begin(std::chrono::year_month_day(reach), zone, cal));
    if (!e || *e >= t) break;
    t = back(*e);
  }
  return t;
}

when::Range previous_range(const when::Range& range, const when::Zone& zone, const when::Calendar& cal) {
  DayIndex ix = day_index(range, zone, cal);
  auto first = std::chrono::year_month_day(ix.first - days(ix.count));
  return {when::day_begin(first, zone, cal), range.from};
}

when::Range entry_window(const when::Range& range, const when::Zone& zone, const when::Calendar& cal) {
  Instant from = previous_range(range, zone, cal).from;
  if (range.to > range.from) {
    sys_days last(when::local_day(range.to - std::chrono::seconds(1), zone, cal));
    from = std::min(from, when::day_begin(std::chrono::year_month_day(last - flare_window), zone, cal));
  }
  return {from, range.to};
}

Report compute_report(const ReportInput& in) {
  if (!in.zone) throw std::invalid_argument("compute_report: no zone");
  const RememberingZone zone(*in.zone);
  // gather hands the entries in time order: then they are used as they are, else a copy is
  // sorted (stable: entries at one instant keep their order).
  auto by_time = [](const Entry& a, const Entry& b) { return a.at < b.at; };
  std::vector<Entry> sorted;
  if (!std::is_sorted(in.entries.begin(), in.entries.end(), by_time)) {
    sorted = in.entries;
    std::stable_sort(sorted.begin(), sorted.end(), by_time);
  }
  const std::vector<Entry>& entries = sorted.empty() ? in.entries : sorted;
  Context c{in, zone, day_index(in.range, zone, in.calendar), std::nullopt, entries, {}, in.run_start};
  sys_days today(when::local_day(in.now, c.zone, in.calendar));
  c.today = static_cast<int>((today - c.ix.first).count());
  c.end = std::min(in.range.to, when::day_begin(std::chrono::year_month_day(today + days(1)), c.zone, in.calendar));
  if (!c.run_start) c.run_start = run_start_in(c.entries, c.end, c.zone, in.calendar);

  Report r;
  r.range = in.range;
  r.previous = previous_range(in.range, c.zone, in.calendar);
  r.emergency_number = in.emergency_number;
  fill_days(r, c);
  fill_sessions(r, c);
  r.week_start = in.calendar.week_start;
  detail::fill_rated(r, in.rated, c.zone, in.calendar);
  detail::fill_next_day(r, in.sessions, c.zone, in.calendar);

  std::optional<Instant> first = c.run_start;
  int last_judged = std::min(c.ix.count - 1, *c.today);
  if (first && last_judged >= 0) {
    auto since = (c.ix.first + days(last_judged) - sys_days(when::local_day(*first, c.zone, in.calendar))).count();
    if (since >= 0) r.days_logged = static_cast<int>(since) + 1;
  }
  bool early = !r.days_logged || *r.days_logged < early_days;
  fill_trends(r, c, early);
  r.triggers = factors(r, c, &Entry::triggers);
  r.helpers = factors(r, c, &Entry::helped);
  if (in.run_sessions) {
    r.run_sessions = *in.run_sessions;
  } else if (c.run_start) {
    for (const Session& s : in.sessions)
      if (s.kind != "break" && s.start >= *c.run_start && s.start < c.end) ++r.run_sessions;
  }
  r.mentions = in.mentions;
  if (in.mentions_at) r.mentions_day = when::local_day(*in.mentions_at, c.zone, in.calendar);
  fill_warnings(r, c);
  return r;
}

bool is_empty(const Report& r) {
  return r.entries == 0 && r.sessions == 0 && r.red_flags.empty() && r.breaks_done + r.breaks_skipped + r.breaks_snoozed + r.breaks_missed + r.breaks_idle == 0;
}

std::optional<Format> format_from_string(std::string_view s) {
  if (s == "text") return Format::text;
  if (s == "markdown" || s == "md") return Format::markdown;
  if (s == "json") return Format::json;
  if (s == "csv") return Format::csv;
  if (s == "html") return Format::html;
  return std::nullopt;
}

}  // namespace psoas::report
