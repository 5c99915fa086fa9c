#pragma once
// `psoas today` (and `psoas` alone): where the user stands, as one value. The judgement of
// the last 7 days is the report's (report::gather + report::compute_report), never judged
// anew here; this module adds the latest pain, the last triage and when to run it again,
// today's sessions and the streak, the emergency card, and the routine to do next.
// Nothing here prints or reads the clock: `now` is handed in.

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "psoas/content.hpp"
#include "psoas/journal.hpp"
#include "psoas/report.hpp"
#include "psoas/when.hpp"

namespace psoas::today {

// The report's range: the last this many local days, today included.
inline constexpr int judged_days = 7;
// An emergency triage younger than this brings the emergency card back.
inline constexpr std::chrono::days emergency_card_for{7};
// A triage this old, with pain going on, is worth running again.
inline constexpr std::chrono::days triage_stale_after{28};
// Sessions are fetched this many days at a time while the streak reaches further back.
inline constexpr std::chrono::days streak_step{35};

// Why to run triage again.
enum class Nudge {
  never,      // entries but no triage yet
  worsening,  // the report says the pain is getting worse
  flare,      // a flare began on or after the last triage's day
  stale,      // the last triage is 4 weeks old or more and the latest pain is above 0
};

// What `psoas today` shows for a flare: the routine and advice triage gives a new flare-up.
struct FlareCare {
  std::string routine;                  // e.g. the gentle routine for a flare-up
  std::vector<std::string> advice;      // advice ids, e.g. cold
};

// Where the routine to do next comes from.
enum class NextFrom { none, flare, triage, measured };

// The routine to do next, and why.
struct NextRoutine {
  NextFrom from = NextFrom::none;
  std::string routine;                  // a routine id; empty for none
  std::vector<std::string> advice;      // advice ids to go with it (a flare: cold)
  int rated = 0;                        // measured: rated sessions behind it
  std::optional<double> rated_change;   // measured: mean change over them (negative: less pain)
  int fell_by_2 = 0;                    // measured: sessions whose pain fell by 2 or more
};

// One session today (routine or timer; desk breaks are counted apart).
struct TodaySession {
  std::string kind;                     // "routine" or "timer"
  std::string routine;                  // routine id or timer label
  Instant start{};
  std::chrono::seconds time{0};
  std::string outcome;                  // "completed" or "stopped"
};

// What compute needs; `gather` fills it from a journal.
struct Input {
  Instant now{};
  const when::Zone* zone = nullptr;     // required
  when::Calendar calendar;
  report::Report report;                // the last judged_days days ending today
  std::optional<Entry> latest;          // the latest entry up to the end of today
  std::optional<TriageRecord> triage;   // the latest triage up to now
  // Routine and timer sessions (and desk breaks) from `sessions_from` to the end of today.
  std::vector<Session> sessions;
  Instant sessions_from{};
  bool sessions_from_start = false;     // no session lies before sessions_from
};

// The dashboard's value.
struct Today {
  std::chrono::year_month_day day;      // today's local day
  bool empty = true;                    // no entry, session or triage at all: welcome instead
  report::Report report;                // the judgement of the last judged_days days
  std::optional<Entry> latest;
  std::optional<TriageRecord> triage;
  int triage_age_days = 0;              // local days from the triage's day to today
  std::vector<Nudge> nudges;            // reasons to run triage again, most urgent first; none with the card
  bool emergency_card = false;          // an emergency triage less than emergency_card_for ago
  bool clinician_first = false;         // a see-clinician triage less than emergency_card_for ago
  std::vector<TodaySession> sessions;   // today's routine and timer sessions, by start
  int breaks_today = 0;                 // desk breaks taken today (done or idle)
  int streak = 0;                       // consecutive local days with a session, see streak()
  bool streak_may_be_longer = false;    // it reaches the first day fetched
  NextRoutine next;
};

// The streak: consecutive local days, ending today, with at least one routine or timer
// session (desk breaks do not count); while today has none yet, it ends yesterday. Days are
// local days (23 or 25 hours across a DST change). `may_be_longer` is set when the streak
// reaches the day of `from` and `from_start` is false.
int streak(const std::vector<Session>& sessions, Instant now, Instant from, bool from_start, const when::Zone& zone,
           const when::Calendar& cal, bool* may_be_longer = nullptr);

// flare_care of the built-in content alone ({"acute", {"cold"}}; test_today.cpp checks it
// against flare_care(load_content())): `psoas` alone in a flare without parsing 70 KB of
// TOML when the user has no content files of their own.
FlareCare builtin_flare_care();

// The routine and advice triage gives a new flare-up, from content: the outcome of the
// questions that suggest a flare-up answered yes and every other question no.
FlareCare flare_care(const std::vector<TriageQuestion>& questions, const std::map<std::string, Advice>& advice,
                     const TriageLists& lists);

// The routine to do next: for a flare, `care()` (called only then); else the last triage's
// first suggested routine; else the routine (not a timer label) whose rated sessions
// helped most, once it has report::min_rated_sessions of them and its mean change is below 0
// (ties: more rated sessions, then more that fell by 2). None while `care_first` is set
// (a recent triage asked for care: triage itself suggests no routine then).
NextRoutine next_routine(const report::Report& r, const std::optional<TriageRecord>& triage, bool care_first,
                         const std::function<FlareCare()>& care);

// The nudges to run triage again, most urgent first.
// `triage_day` is the triage's local day and `triage_age_days` the local days since it.
std::vector<Nudge> nudges(const report::Report& r, const std::optional<Entry>& latest,
                          const std::optional<TriageRecord>& triage, int triage_age_days,
                          std::optional<std::chrono::year_month_day> triage_day);

// True when `triage` is an emergency less than emergency_card_for before `now`.
bool shows_emergency_card(const std::optional<TriageRecord>& triage, Instant now);
// True when `triage` has `outcome` and is less than emergency_card_for before `now`.
bool recent(const std::optional<TriageRecord>& triage, std::string_view outcome, Instant now);

// Computes the dashboard. `care` is as for next_routine. Throws std::invalid_argument when
// input.zone is null.
Today compute(const Input& input, const std::function<FlareCare()>& care);

// Fills an Input: the report of the last judged_days days (report::gather), the latest entry
// and triage, and sessions back far enough for the streak (streak_step days at a time).
// `questions` is as for report::gather. Every query is indexed.
Input gather(const Journal& journal, Instant now, const when::Zone& zone, const when::Calendar& cal,
             const std::function<const std::vector<TriageQuestion>&()>& questions);

// Keys for JSON: "never", "worsening", "flare", "stale"; "none", "flare", "triage", "measured".
std::string_view nudge_key(Nudge n);
std::string_view next_from_key(NextFrom f);

}  // namespace psoas::today
