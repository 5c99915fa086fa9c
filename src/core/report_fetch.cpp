// The report's queries: what compute_report needs from the journal, and no more.
#include <algorithm>

#include "psoas/report.hpp"
#include "psoas/triage.hpp"

namespace psoas::report {

namespace {

using std::chrono::days;
using std::chrono::sys_days;

Instant day_begin_at(sys_days d, const when::Zone& zone, const when::Calendar& cal) {
  return when::day_begin(std::chrono::year_month_day(d), zone, cal);
}

// The instant the local day after `t`'s begins.
Instant next_day_begin(Instant t, const when::Zone& zone, const when::Calendar& cal) {
  return day_begin_at(sys_days(when::local_day(t, zone, cal)) + days(1), zone, cal);
}

// The number of local days with entries in `entries` (sorted by time) within [from, to). A
// local day is the span [day_begin(d), day_begin(d + 1)), so in time order an entry starts a
// new day exactly when it is at or past the end of the last one: one zone lookup a day, not
// one an entry.
int logged_days(const std::vector<Entry>& entries, Instant from, Instant to, const when::Zone& zone,
                const when::Calendar& cal) {
  int n = 0;
  Instant day_end = Instant::min();
  for (const Entry& e : entries) {
    if (e.at < from || e.at >= to || e.at < day_end) continue;
    ++n;
    day_end = next_day_begin(e.at, zone, cal);
  }
  return n;
}

// The run-start walk's jumps: back through the journal's UTC days with entries while each
// is at most Journal::day_run_gap (9) days before the next, with no zone lookup. Entries on
// such days are less than 10 x 24 h apart, which spans at most 13 local days even if the
// zone's offset moved by a day or two in between (episode_gap is 14): a jump never leaves
// the run, and episode_start's local-day steps from where it stops find the same start.
static_assert(Journal::day_run_gap + std::chrono::days(4) <= episode_gap);

// The local day that holds `t`, as [begin, end).
when::Range day_around(Instant t, const when::Zone& zone, const when::Calendar& cal) {
  sys_days d(when::local_day(t, zone, cal));
  return {day_begin_at(d, zone, cal), day_begin_at(d + days(1), zone, cal)};
}

// Prepends `more` (all earlier than `to`'s entries) to `to`.
void prepend(std::vector<Entry>& to, std::vector<Entry> more) {
  more.insert(more.end(), std::make_move_iterator(to.begin()), std::make_move_iterator(to.end()));
  to = std::move(more);
}

// The latest triage up to `to` and its mention-level answers, with their advice.
// `in.triage` holds those of [range.from, to) by time and id: when there is one, the last
// is the latest before `to` (the query's own order, at then id), so no query is needed.
void fill_mentions(ReportInput& in, const Journal& j, Instant to,
                   const std::function<const std::vector<TriageQuestion>&()>& questions) {
  std::optional<TriageRecord> latest = in.triage.empty() ? j.latest_triage_before(to) : in.triage.back();
  if (!latest) return;
  in.mentions_at = latest->at;
  triage::Answers answers;
  try {
    answers = triage::parse_answers(latest->answers_json, "journal");
  } catch (const std::exception&) {
    return;  // a damaged record lists nothing rather than failing the report
  }
  if (answers.empty()) return;
  const std::vector<TriageQuestion>& qs = questions();
  triage::Outcome o = triage::evaluate(qs, {}, answers);
  for (const triage::Reason& m : o.mentions) {
    auto q = std::find_if(qs.begin(), qs.end(), [&m](const TriageQuestion& t) { return t.id == m.id; });
    in.mentions.push_back({m.id, m.text, q == qs.end() ? std::string() : q->advice});
  }
}

bool on_quarter_hour(Instant t) { return t.time_since_epoch().count() % 900 == 0; }

// The run's first run_days logged days before `to` as day sums (in.run_head), from the
// journal's quarter-hour sums: a few hundred rows where the entries may be thousands. A
// local day is whole quarter hours when its bounds are (every zone's offset and
// day_starts_at are); false, and nothing filled, when one is not.
bool head_from_slots(ReportInput& in, const Journal& j, Instant run_start, Instant to, const when::Zone& zone,
                     const when::Calendar& cal) {
  if (!on_quarter_hour(to)) return false;
  std::vector<DayPain> head;
  bool aligned = true;
  Instant day_end = Instant::min();
  j.each_pain_slot(run_start, to, [&](const Journal::PainSlot& s) {
    if (s.start >= day_end) {
      if (std::ssize(head) == run_days) return false;
      when::Range d = day_around(s.start, zone, cal);
      aligned = on_quarter_hour(d.from) && on_quarter_hour(d.to);
      if (!aligned) return false;
      head.push_back({when::local_day(s.start, zone, cal), 0, 0});
      day_end = d.to;
    }
    head.back().sum += s.pain;
    head.back().entries += s.entries;
    return true;
  });
  if (aligned) in.run_head = std::move(head);
  return aligned;
}

// The current run of logging (it holds the latest entry before `end`): its start, the
// flare window, its last and first run_days logged days (only their time, offset and pain)
// and its session count; `fetched_from` is where in.entries begins and moves back.
void gather_run(ReportInput& in, const Journal& j, Instant latest, Instant end, Instant fetched_from,
                const when::Zone& zone, const when::Calendar& cal) {
  // Most of the way back in jumps over the journal's days; the exact local-day steps for the rest.
  Instant run_start = episode_start(
      latest, Instant::min() + episode_gap, zone, cal, [&j](Instant t) { return j.first_time_at_or_after(t); },
      [&j](Instant t) { return j.first_time_of_day_run(t).value_or(t); });
  in.run_start = run_start;
  // The flare window: the flare_window days before the latest logged day.
  Instant flare_from = std::max(run_start, day_begin_at(sys_days(when::local_day(latest, zone, cal)) - flare_window, zone, cal));
  if (flare_from < fetched_from) {
    prepend(in.entries, j.pain_points(flare_from, fetched_from));
    fetched_from = flare_from;
  }
  // The run's last logged days: one whole day at a time, back until there are run_days.
  while (fetched_from > run_start && logged_days(in.entries, run_start, end, zone, cal) < run_days) {
    std::optional<Instant> before = j.last_time_before(fetched_from);
    if (!before || *before < run_start) break;
    Instant from = day_around(*before, zone, cal).from;
    prepend(in.entries, j.pain_points(from, fetched_from));
    fetched_from = from;
  }
  // Its first logged days when they lie before what was fetched: summed per day from the
  // journal's quarter-hour sums; else every entry from the run's start (none earlier on its
  // day: the run starts after a gap) up to the end of its run_days-th logged day, in one
  // query read until the entry that starts one day more.
  std::vector<Entry> head;
  if (run_start < fetched_from && !head_from_slots(in, j, run_start, fetched_from, zone, cal)) {
    int n = 0;
    Instant day_end = Instant::min();
    j.each_pain_point(run_start, fetched_from, [&](Entry&& e) {
      if (e.at >= day_end) {
        if (++n > run_days) return false;
        day_end = next_day_begin(e.at, zone, cal);
      }
      head.push_back(std::move(e));
      return true;
    });
  }
  prepend(in.entries, std::move(head));
  in.run_sessions = static_cast<int>(j.count_sessions(run_start, end));
}

// gather's queries, all in one read of the journal.
void gather_into(ReportInput& in, const Journal& j, when::Range range, Instant now, const when::Zone& zone,
                 const when::Calendar& cal, const std::function<const std::vector<TriageQuestion>&()>& questions) {
  in.range = range;
  in.now = now;
  in.zone = &zone;
  in.calendar = cal;
  when::Range window = entry_window(range, zone, cal);
  in.entries = j.report_entries(window.from, window.to);
  Instant fetched_from = window.from;
  const Instant sessions_from = previous_range(range, zone, cal).from;

  sys_days today(when::local_day(now, zone, cal));
  Instant end = std::min(range.to, day_begin_at(today + days(1), zone, cal));
  // The run holds the latest entry before the range's end, in the range or not.
  if (std::optional<Instant> latest = j.last_time_before(end)) gather_run(in, j, *latest, end, fetched_from, zone, cal);
  in.sessions = j.sessions(sessions_from, range.to);
  gather_ratings(in, j);  // each routine's rated sessions (report_effects.cpp)
  in.triage = j.triage_results(range.from, range.to);
  fill_mentions(in, j, range.to, questions);
}

}  // namespace

ReportInput gather(const Journal& j, when::Range range, Instant now, const when::Zone& zone,
                   const when::Calendar& cal, const std::function<const std::vector<TriageQuestion>&()>& questions) {
  ReportInput in;
  j.in_one_read([&] { gather_into(in, j, range, now, zone, cal, questions); });
  return in;
}

}  // namespace psoas::report
