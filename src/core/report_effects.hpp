#pragma once
// The report's measured effects (private to src/core/report*.cpp): each routine's rated
// sessions and the next-day comparison, filled into a Report that compute_report has begun.

#include <vector>

#include "psoas/journal.hpp"
#include "psoas/report.hpp"
#include "psoas/when.hpp"

namespace psoas::report::detail {

// Fills each RoutineSummary's rated, rated_change, fell_by_2 and pairs from `rated`
// (sessions outside r.range, desk breaks and routines not in r.routines are ignored).
void fill_rated(Report& r, const std::vector<RatedSession>& rated, const when::Zone& zone, const when::Calendar& cal);

// Fills r.next_day from r.days and the routine and timer sessions in `sessions` (which must
// cover the day before the range's first day).
void fill_next_day(Report& r, const std::vector<Session>& sessions, const when::Zone& zone, const when::Calendar& cal);

}  // namespace psoas::report::detail
