// The report's measured effects: pain before and after each routine's rated sessions, and
// pain on the days after a day with a session against the days after a day without. Both
// say what went together; neither can say what caused what.
#include "report_effects.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <string_view>
#include <unordered_map>

namespace psoas::report {

namespace {

using std::chrono::days;
using std::chrono::sys_days;

// Rounded to one decimal, as every format shows it; never "-0".
double round1(double v) {
  double r = std::round(v * 10.0) / 10.0;
  return r == 0.0 ? 0.0 : r;
}

}  // namespace

// The same as journal.rated_sessions(range): the range's routine and timer sessions from
// in.sessions (by start, then id), each with the latest rating of each role (the ratings
// come oldest first, so a later one replaces an earlier).
void gather_ratings(ReportInput& in, const Journal& journal) {
  in.rated.clear();
  std::unordered_map<std::string_view, std::size_t> by_uuid;
  for (const Session& s : in.sessions) {
    if (s.start < in.range.from || s.start >= in.range.to || s.kind == "break") continue;
    in.rated.push_back({s, std::nullopt, std::nullopt});
  }
  if (in.rated.empty()) return;
  for (std::size_t i = 0; i < in.rated.size(); ++i) by_uuid.emplace(in.rated[i].session.uuid, i);
  for (const Journal::SessionRating& r : journal.session_ratings(in.range.from, in.range.to)) {
    auto it = by_uuid.find(r.session);
    if (it == by_uuid.end() || r.role == SessionRole::none) continue;
    RatedSession& s = in.rated[it->second];
    (r.role == SessionRole::before ? s.before : s.after) = r.pain;
  }
}

namespace detail {

void fill_rated(Report& r, const std::vector<RatedSession>& rated, const when::Zone& zone, const when::Calendar& cal) {
  std::vector<double> sums(r.routines.size(), 0.0);
  for (const RatedSession& rs : rated) {
    const Session& s = rs.session;
    if (s.kind == "break" || s.start < r.range.from || s.start >= r.range.to) continue;
    if (!rs.before || !rs.after) continue;  // one rating alone is not a before and after
    auto it = std::find_if(r.routines.begin(), r.routines.end(),
                           [&s](const RoutineSummary& x) { return x.routine == s.routine && x.kind == s.kind; });
    if (it == r.routines.end()) continue;
    ++it->rated;
    sums[static_cast<std::size_t>(it - r.routines.begin())] += *rs.after - *rs.before;
    if (*rs.before - *rs.after >= 2) ++it->fell_by_2;
    it->pairs.push_back({when::local_day(s.start, zone, cal), *rs.before, *rs.after});
  }
  for (std::size_t i = 0; i < r.routines.size(); ++i) {
    RoutineSummary& x = r.routines[i];
    if (x.rated >= min_rated_sessions) x.rated_change = round1(sums[i] / x.rated);
  }
}

void fill_next_day(Report& r, const std::vector<Session>& sessions, const when::Zone& zone, const when::Calendar& cal) {
  if (r.days.empty()) return;
  // A session belongs to the local day it started on, even when it ends after midnight.
  std::set<sys_days> with_session;
  for (const Session& s : sessions)
    if (s.kind != "break") with_session.insert(sys_days(when::local_day(s.start, zone, cal)));
  double sum_after = 0, sum_none = 0;
  NextDay& n = r.next_day;
  for (const Day& d : r.days) {
    if (d.to_come || !d.mean) continue;
    if (with_session.count(sys_days(d.date) - days(1))) {
      ++n.after_session;
      sum_after += *d.mean;
    } else {
      ++n.after_none;
      sum_none += *d.mean;
    }
  }
  if (n.after_session >= min_next_days && n.after_none >= min_next_days) {
    n.mean_after_session = round1(sum_after / n.after_session);
    n.mean_after_none = round1(sum_none / n.after_none);
  }
}

}  // namespace detail

}  // namespace psoas::report
