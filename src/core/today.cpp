// The dashboard's value: what `psoas today` shows, the nudges to run triage again, the
// streak and the routine to do next. The judgement of the week is the report's.
#include "psoas/today.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>
#include <tuple>

#include "psoas/triage.hpp"

namespace psoas::today {

namespace {

using std::chrono::days;
using std::chrono::sys_days;

sys_days day_of(Instant t, const when::Zone& zone, const when::Calendar& cal) {
  return sys_days(when::local_day(t, zone, cal));
}

bool counts_for_streak(const Session& s) { return s.kind != "break"; }

// The first of a comma-separated list of routine ids ("acute,stretch" -> "acute").
std::string first_routine(const std::string& list) {
  std::string id = list.substr(0, list.find(','));
  auto blank = [](char c) { return c == ' ' || c == '\t'; };
  while (!id.empty() && blank(id.back())) id.pop_back();
  while (!id.empty() && blank(id.front())) id.erase(id.begin());
  return id;
}

// The routine (not a timer label) whose rated sessions helped most, when any did.
const report::RoutineSummary* best_measured(const report::Report& r) {
  const report::RoutineSummary* best = nullptr;
  for (const report::RoutineSummary& s : r.routines) {
    if (s.kind != "routine" || s.rated < report::min_rated_sessions || !s.rated_change || *s.rated_change >= 0) continue;
    if (!best || std::tie(*s.rated_change, best->rated, best->fell_by_2) <
                     std::tie(*best->rated_change, s.rated, s.fell_by_2)) {
      best = &s;
    }
  }
  return best;
}

void fill_today_sessions(Today& t, const Input& in) {
  for (const Session& s : in.sessions) {
    if (day_of(s.start, *in.zone, in.calendar) != sys_days(t.day)) continue;
    if (!counts_for_streak(s)) {
      if (s.outcome == "done" || s.outcome == "idle") ++t.breaks_today;
      continue;
    }
    auto time = std::chrono::duration_cast<std::chrono::seconds>(std::max(s.end, s.start) - s.start);
    t.sessions.push_back({s.kind, s.routine, s.start, time, s.outcome});
  }
  std::stable_sort(t.sessions.begin(), t.sessions.end(),
                   [](const TodaySession& a, const TodaySession& b) { return a.start < b.start; });
}

}  // namespace

int streak(const std::vector<Session>& sessions, Instant now, Instant from, bool from_start, const when::Zone& zone,
           const when::Calendar& cal, bool* may_be_longer) {
  std::set<sys_days> with_session;
  for (const Session& s : sessions)
    if (counts_for_streak(s) && s.start >= from) with_session.insert(day_of(s.start, zone, cal));
  const sys_days first = day_of(from, zone, cal);
  sys_days day = day_of(now, zone, cal);
  if (!with_session.count(day)) day -= days(1);  // today is still open
  int n = 0;
  while (day >= first && with_session.count(day)) {
    ++n;
    day -= days(1);
  }
  if (may_be_longer) *may_be_longer = n > 0 && day < first && !from_start;
  return n;
}

FlareCare flare_care(const std::vector<TriageQuestion>& questions, const std::map<std::string, Advice>& advice,
                     const TriageLists& lists) {
  triage::Answers answers;
  bool any_history = std::any_of(questions.begin(), questions.end(), [](const TriageQuestion& q) {
    return q.suggests == "flare-up" && q.group == QuestionGroup::history;
  });
  for (const TriageQuestion& q : questions) {
    bool yes = q.suggests == "flare-up" && (!any_history || q.group == QuestionGroup::history);
    answers[q.id] = yes ? triage::Answer::yes : triage::Answer::no;
  }
  triage::Outcome o = triage::evaluate(questions, advice, answers, lists);
  FlareCare care;
  if (o.level != triage::Level::self_care || o.routines.empty()) return care;
  care.routine = o.routines.front();
  // The advice for a flare-up alone (cold), not what fits any self-care.
  for (const Advice& a : o.advice) {
    bool flare = std::find(a.applies.begin(), a.applies.end(), "flare-up") != a.applies.end();
    if (flare && a.applies.size() == 1) care.advice.push_back(a.id);
  }
  return care;
}

FlareCare builtin_flare_care() { return {"acute", {"cold"}}; }

NextRoutine next_routine(const report::Report& r, const std::optional<TriageRecord>& triage, bool care_first,
                         const std::function<FlareCare()>& care) {
  NextRoutine next;
  if (care_first) return next;
  if (r.flare && care) {
    FlareCare c = care();
    if (!c.routine.empty()) {
      next.from = NextFrom::flare;
      next.routine = c.routine;
      next.advice = c.advice;
      return next;
    }
  }
  if (triage && triage->outcome == "self-care") {
    if (std::string id = first_routine(triage->routine); !id.empty()) {
      next.from = NextFrom::triage;
      next.routine = id;
      return next;
    }
  }
  if (const report::RoutineSummary* best = best_measured(r)) {
    next.from = NextFrom::measured;
    next.routine = best->routine;
    next.rated = best->rated;
    next.rated_change = best->rated_change;
    next.fell_by_2 = best->fell_by_2;
  }
  return next;
}

std::vector<Nudge> nudges(const report::Report& r, const std::optional<Entry>& latest,
                          const std::optional<TriageRecord>& triage, int triage_age_days,
                          std::optional<std::chrono::year_month_day> triage_day) {
  std::vector<Nudge> out;
  if (r.trend == report::Trend::worsening) out.push_back(Nudge::worsening);
  if (r.flare && (!triage_day || sys_days(*triage_day) < sys_days(r.flare->day))) out.push_back(Nudge::flare);
  const bool pain_goes_on = latest && latest->pain > 0 && latest->at >= r.range.from;
  if (triage && triage_age_days >= triage_stale_after.count() && pain_goes_on) out.push_back(Nudge::stale);
  if (!triage && latest) out.push_back(Nudge::never);
  return out;
}

bool recent(const std::optional<TriageRecord>& triage, std::string_view outcome, Instant now) {
  return triage && triage->outcome == outcome && triage->at <= now && now - triage->at < emergency_card_for;
}

bool shows_emergency_card(const std::optional<TriageRecord>& triage, Instant now) {
  return recent(triage, "emergency", now);
}

Today compute(const Input& in, const std::function<FlareCare()>& care) {
  if (!in.zone) throw std::invalid_argument("today::compute: no zone");
  Today t;
  t.day = when::local_day(in.now, *in.zone, in.calendar);
  t.report = in.report;
  t.latest = in.latest;
  t.triage = in.triage;
  fill_today_sessions(t, in);
  t.streak = streak(in.sessions, in.now, in.sessions_from, in.sessions_from_start, *in.zone, in.calendar,
                    &t.streak_may_be_longer);
  std::optional<std::chrono::year_month_day> triage_day;
  if (t.triage) {
    triage_day = when::local_day(t.triage->at, *in.zone, in.calendar);
    t.triage_age_days = static_cast<int>((sys_days(t.day) - sys_days(*triage_day)).count());
  }
  t.emergency_card = shows_emergency_card(t.triage, in.now);
  // The card says to seek care now: no nudge may say "within days" beside it.
  if (!t.emergency_card) t.nudges = nudges(t.report, t.latest, t.triage, t.triage_age_days, triage_day);
  t.clinician_first = recent(t.triage, "see-clinician", in.now);
  t.next = next_routine(t.report, t.triage, t.emergency_card || t.clinician_first, care);
  t.empty = !t.latest && !t.triage && in.sessions.empty() && report::is_empty(t.report);
  return t;
}

std::string_view nudge_key(Nudge n) {
  switch (n) {
    case Nudge::never: return "never";
    case Nudge::worsening: return "worsening";
    case Nudge::flare: return "flare";
    case Nudge::stale: return "stale";
  }
  return "never";
}

std::string_view next_from_key(NextFrom f) {
  switch (f) {
    case NextFrom::none: return "none";
    case NextFrom::flare: return "flare";
    case NextFrom::triage: return "triage";
    case NextFrom::measured: return "measured";
  }
  return "none";
}

namespace {

// Sessions further back, streak_step days at a time, while the streak reaches the first day
// fetched; and, while nothing else is there to show, back to streak_step days before today.
void extend_sessions(Input& in, const Journal& j, bool nothing_else) {
  const when::Zone& zone = *in.zone;
  const when::Calendar& cal = in.calendar;
  const sys_days today_day = day_of(in.now, zone, cal);
  auto fetch_before = [&](Instant earlier) {
    std::vector<Session> more = j.sessions(earlier, in.sessions_from);
    more.insert(more.end(), std::make_move_iterator(in.sessions.begin()), std::make_move_iterator(in.sessions.end()));
    in.sessions = std::move(more);
    in.sessions_from = earlier;
  };
  const Instant step_back = when::day_begin(std::chrono::year_month_day(today_day - streak_step), zone, cal);
  if (nothing_else && in.sessions.empty() && step_back < in.sessions_from) fetch_before(step_back);
  for (int step = 0; step < 100; ++step) {
    bool longer = false;
    streak(in.sessions, in.now, in.sessions_from, false, zone, cal, &longer);
    if (!longer) break;
    fetch_before(when::day_begin(std::chrono::year_month_day(day_of(in.sessions_from, zone, cal) - streak_step), zone, cal));
  }
}

// gather's queries, all in one read of the journal. The report's input already holds the
// sessions from the previous range's start (at least): the streak starts from those
// sessions, so they are not read twice (bench/README.md, "Read-command latency").
void gather_into(Input& in, const Journal& j, Instant now, const when::Zone& zone, const when::Calendar& cal,
                 const std::function<const std::vector<TriageQuestion>&()>& questions) {
  in.now = now;
  in.zone = &zone;
  in.calendar = cal;
  const when::Range range = when::parse_range(std::to_string(judged_days) + "d", now, zone, cal);
  report::ReportInput report_in = report::gather(j, range, now, zone, cal, questions);
  in.report = report::compute_report(report_in);
  in.sessions_from = report::previous_range(range, zone, cal).from;
  // Read whole (its note, places and tags): the report's entries hold only what it judges.
  in.latest = j.last_before(range.to);
  in.triage = j.latest_triage_before(now + std::chrono::seconds(1));
  for (Session& s : report_in.sessions) {
    if (s.start >= in.sessions_from && s.start < range.to) in.sessions.push_back(std::move(s));
  }
  extend_sessions(in, j, !in.latest && !in.triage && report::is_empty(in.report));
}

}  // namespace

Input gather(const Journal& j, Instant now, const when::Zone& zone, const when::Calendar& cal,
             const std::function<const std::vector<TriageQuestion>&()>& questions) {
  Input in;
  j.in_one_read([&] { gather_into(in, j, now, zone, cal, questions); });
  return in;
}

}  // namespace psoas::today

