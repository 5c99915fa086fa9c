#pragma once
// The report: a range of the journal turned into numbers (compute_report), and those
// numbers turned into text, markdown, JSON, CSV or HTML (render). Nothing here prints,
// reads the clock or opens the journal: the caller fetches what ReportInput lists with
// indexed range queries, so the cost depends on the range, not on the journal's size.

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "psoas/content.hpp"
#include "psoas/journal.hpp"
#include "psoas/when.hpp"

namespace psoas::report {

// The comparison with the previous range needs this many days with entries in each.
inline constexpr int min_trend_days = 4;
// The within-run comparison: the mean of the run's first `run_days` logged days (the
// baseline) against its last `run_days`, once the run has `min_run_days` logged days.
inline constexpr int run_days = 3;
inline constexpr int min_run_days = 6;
// A flare: the latest logged day 2 points or 30% above the median of the days logged in the
// `flare_window` before it, when at least `min_flare_days` of them were logged.
inline constexpr std::chrono::days flare_window{14};
inline constexpr int min_flare_days = 4;
// A trigger or helper is summarised when seen on at least this many days in the range.
inline constexpr int min_factor_days = 3;
// "May be improving" while the run of logging is less than this many days old (Mehling 2011).
inline constexpr int early_days = 28;

// A mention-level answer of the latest triage (eight weeks, age, low mood, ...), with the
// advice its question carries in content.
struct Mention {
  std::string id;
  std::string text;                    // the question as asked
  std::string advice;                  // what to do about it, e.g. ask about a specialist
};

// One local day's pain summed: a day of the run's first days that gather read from the
// journal's quarter-hour sums instead of as entries.
struct DayPain {
  std::chrono::year_month_day day;
  long long sum = 0;                   // the day's pain ratings added up
  int entries = 0;                     // how many there were
};

// What compute_report needs; `gather` fills it from a journal with bounded, indexed queries.
struct ReportInput {
  when::Range range;                   // the days to report, whole local days
  Instant now{};                       // days after now's day are "to come" and not judged
  // At least entry_window(range), and every entry of the current run's first and last
  // `run_days` logged days (they may lie before the window, and then only their time,
  // offset and pain are needed).
  std::vector<Entry> entries;
  // The run's first run_days logged days as sums, when they lie before `entries` (then none
  // of their entries is in `entries`); empty when `entries` holds them.
  std::vector<DayPain> run_head;
  std::vector<Session> sessions;       // by start, at least [min(previous.from, run start), range.to)
  // Routine and timer sessions that started in [range.from, range.to) with the ratings taken
  // for them (Journal::rated_sessions; gather_ratings fills it).
  std::vector<RatedSession> rated;
  std::vector<TriageRecord> triage;    // at least [range.from, range.to)
  // The first entry of the current run of logging (episode_start from the latest entry
  // before the range's end); when absent it is found in `entries`, which must then hold
  // the whole run.
  std::optional<Instant> run_start;
  // Routine and timer sessions since run_start; when absent they are counted in `sessions`.
  std::optional<int> run_sessions;
  std::vector<Mention> mentions;       // of the latest triage up to range.to
  std::optional<Instant> mentions_at;  // when that triage was done
  const when::Zone* zone = nullptr;    // required
  when::Calendar calendar;
  std::string emergency_number = "112";
};

// Consecutive entries this many local days apart or more are in different runs of logging.
inline constexpr std::chrono::days episode_gap{14};

// The start of the run of logging that holds the entry at `latest`: walking back, each step
// to the first entry within episode_gap - 1 local days before the day of the last one
// found, until there is none or the walk passes `horizon`. `first_at_or_after(t)` is the
// journal's index-only lookup. About one lookup per episode_gap walked. `jump`, when given,
// takes each entry the walk reaches (and `latest`) further back to an earlier entry that is
// surely in its run, with no zone lookup (the journal's days: Journal::first_time_of_day_run);
// the exact step then only has to cross what the jump could not.
Instant episode_start(Instant latest, Instant horizon, const when::Zone& zone, const when::Calendar& cal,
                      const std::function<std::optional<Instant>(Instant)>& first_at_or_after,
                      const std::function<Instant(Instant)>& jump = {});

// The range of equal length (in local days) just before `range`.
when::Range previous_range(const when::Range& range, const when::Zone& zone, const when::Calendar& cal = {});

// The entry query's window for `range`: from the previous range's start (or `flare_window`
// before the range's last day, if earlier) to range.to.
when::Range entry_window(const when::Range& range, const when::Zone& zone, const when::Calendar& cal = {});

// Fills a ReportInput for `range` from `journal`: the entry window, the current run's start,
// its first and last logged days, sessions, triage results and the latest triage's
// mention answers. `questions` is called only when a triage with answers exists, so a
// report without one parses no content. Every query is an indexed range or lookup.
ReportInput gather(const Journal& journal, when::Range range, Instant now, const when::Zone& zone,
                   const when::Calendar& calendar,
                   const std::function<const std::vector<TriageQuestion>&()>& questions);

// Fills in.rated for in.range: the range's routine and timer sessions from in.sessions
// (which must hold them) with their ratings from one indexed query of `journal`.
void gather_ratings(ReportInput& in, const Journal& journal);

// One local day of the range.
struct Day {
  std::chrono::year_month_day date;
  bool to_come = false;                 // after today: not counted in adherence
  int entries = 0;
  std::optional<double> mean;           // mean pain of the day's entries
  std::optional<int> min;
  std::optional<int> max;
  int sessions = 0;                     // routine and timer sessions (not desk breaks)
  std::chrono::seconds session_time{0};
  int breaks_done = 0;                  // desk breaks (`psoas timer --every`, `psoas remind`)
  int breaks_skipped = 0;
  int breaks_snoozed = 0;
  int breaks_missed = 0;                // a reminder notification nobody answered
  int breaks_idle = 0;                  // idle at least a break's length: counted as a break
};

// One rated session: its day (the day it started) and its two ratings.
struct RatedPair {
  std::chrono::year_month_day day;
  int before = 0;
  int after = 0;
};

// Sessions of one routine (or timer label) in the range.
struct RoutineSummary {
  std::string routine;
  std::string kind;                     // "routine" or "timer"
  int sessions = 0;
  int completed = 0;
  std::chrono::seconds time{0};
  // From the ratings the timer asks for (Journal::rated_sessions, issue 13). A session with
  // only one of its two ratings is not rated.
  int rated = 0;                        // sessions rated both before and after
  std::optional<double> rated_change;   // mean (after - before) over them, once rated >= min_rated_sessions
  int fell_by_2 = 0;                    // rated sessions whose pain fell by 2 points or more
  std::vector<RatedPair> pairs;         // each rated session's two ratings, oldest first
};

// A routine's rated sessions are summed up once there are this many.
inline constexpr int min_rated_sessions = 3;

// Pain on the days after a day with a routine or timer session against the days after a
// day without one. Days are the report's local days (zone, day_starts_at); a session
// belongs to the day it started, even when it ends after midnight. Each day's mean is the
// day-by-day mean (rating entries included, as they are pain entries too).
struct NextDay {
  int after_session = 0;                // days in the range with entries, the day before with a session
  int after_none = 0;                   // ... the day before without one
  std::optional<double> mean_after_session;  // mean of those days' means, once both counts reach min_next_days
  std::optional<double> mean_after_none;
};

// The next-day comparison is made once there are this many days of each kind.
inline constexpr int min_next_days = 3;
// Reports of this many days or more show a calendar (weeks as rows, days as columns).
inline constexpr int calendar_min_days = 28;

enum class Trend { not_enough_data, improving, may_be_improving, no_clear_change, worsening };

// A comparison of two sets of days (this range with the previous one, or a place's).
struct TrendResult {
  Trend trend = Trend::not_enough_data;
  int days = 0;                         // days with data in the range
  int previous_days = 0;                // ... and in the previous range
  std::optional<double> mean;           // mean of the daily means
  std::optional<double> previous_mean;
  std::optional<double> change;         // mean - previous_mean, when both exist
  std::optional<double> percent;        // change / previous_mean * 100, when previous_mean > 0
};

// Mean pain on days with a trigger (or helper) and on days without it.
struct Factor {
  std::string name;
  int days_with = 0;
  int days_without = 0;
  double mean_with = 0;
  std::optional<double> mean_without;   // none when every day had it
};

// The within-run comparison (TRIAGE-SOURCES.md, "Trend rule"): the change from baseline.
struct RunTrend {
  Trend trend = Trend::not_enough_data;
  std::chrono::year_month_day start;    // the run's first logged day
  std::vector<std::chrono::year_month_day> first_days;  // its first run_days logged days
  std::vector<std::chrono::year_month_day> last_days;   // its last run_days logged days
  std::optional<double> baseline;       // mean of the first days' means
  std::optional<double> latest;         // mean of the last days' means
  std::optional<double> change;         // latest - baseline
  std::optional<double> percent;        // change / baseline * 100, when baseline > 0
};

// The latest logged day well above the days before it.
struct Flare {
  std::chrono::year_month_day day;
  double pain = 0;                      // that day's mean
  double median = 0;                    // median of the daily means in the flare_window before it
  int days_before = 0;                  // logged days in that window
};

// Pain in one place (from `psoas log --where`).
struct LocationSummary {
  std::string name;                     // "left groin", "lower-back"
  TrendResult trend;
};

// A triage in the range that asked for care.
struct RedFlag {
  Instant at{};
  std::chrono::year_month_day day;      // its local day
  std::string outcome;                  // "emergency" or "see-clinician"
  std::vector<std::string> reasons;     // question ids
};

enum class Warning {
  red_flag_emergency,      // an emergency triage outcome in the range
  red_flag_clinician,      // a see-clinician triage outcome in the range
  worsening,               // re-run triage, see a clinician within days
  place_worsening,         // one place worse while the overall trend is not
  peg_worsening,           // the PEG score worse while the pain trend is not
  flare,                   // the latest day well above the fortnight before: acute routine, cold
  no_improvement_1_week,   // suggest a clinician
  no_improvement_4_weeks,  // see a clinician
  no_improvement_8_weeks,  // see a specialist
  chronic_12_weeks,        // the pain has lasted 12 weeks or more: chronic
};

// The most urgent step the report points to.
enum class Action { self_care, consider_clinician, see_clinician, emergency };

// The numbers a report shows.
struct Report {
  when::Range range;
  when::Range previous;
  std::vector<Day> days;
  int entries = 0;
  int days_with_entries = 0;
  std::optional<double> mean;           // mean of the daily means
  std::optional<int> min;
  std::optional<int> max;
  std::vector<RoutineSummary> routines;
  NextDay next_day;
  std::chrono::weekday week_start = std::chrono::Monday;  // the calendar's first column
  int sessions = 0;
  std::chrono::seconds session_time{0};
  int days_judged = 0;                  // days up to today
  int days_with_session = 0;
  std::optional<double> adherence;      // days_with_session / days_judged, 0..1
  int streak = 0;                       // consecutive days with a session, ending today or the range's last day
  bool streak_may_be_longer = false;    // reaches back to the start of the data looked at
  int breaks_done = 0;
  int breaks_skipped = 0;
  int breaks_snoozed = 0;
  int breaks_missed = 0;
  int breaks_idle = 0;
  Trend trend = Trend::not_enough_data; // the judgement: from `pain` and `run`, worsening wins
  TrendResult pain;                     // this range against the previous one
  std::optional<RunTrend> run;          // the current run's first days against its last days
  int days_needed = 0;                  // more logged days until a trend, when not enough data
  std::optional<TrendResult> peg;       // when PEG items were logged in the range
  std::optional<Flare> flare;
  bool trend_overridden = false;        // a red flag in the range overrides any trend
  std::vector<Factor> triggers;
  std::vector<Factor> helpers;
  std::vector<LocationSummary> locations;
  std::vector<RedFlag> red_flags;
  std::optional<int> days_logged;       // days from the run's first entry to the range's last judged day
  int run_sessions = 0;                 // routine and timer sessions since the run began
  std::vector<Warning> warnings;        // most urgent first
  Action action = Action::self_care;
  std::vector<Mention> mentions;        // the latest triage's mention-level answers
  std::optional<std::chrono::year_month_day> mentions_day;
  std::string emergency_number;
};

// Computes the report. Throws std::invalid_argument when input.zone is null.
Report compute_report(const ReportInput& input);

// Output formats.
enum class Format { text, markdown, json, csv, html };
// "text", "markdown" (or "md"), "json", "csv", "html" -> Format.
std::optional<Format> format_from_string(std::string_view s);

// How to render.
struct RenderOptions {
  bool colour = false;                  // ANSI colour (text only); meaning is never in colour alone
  std::string generated;                // e.g. "2026-11-22T18:00:00+01:00"; shown when not empty
};

// The whole report in `format`, ending with a newline.
std::string render(const Report& r, Format format, const RenderOptions& options = {});

// The output for a range without entries, sessions or triage results.
bool is_empty(const Report& r);

// Wording shared by every format.
std::string_view trend_name(Trend t);                  // "improving", "not enough data yet", ...
std::string_view trend_key(Trend t);                   // "improving", "not_enough_data", ...
std::string_view warning_key(Warning w);               // "worsening", "no-improvement-1-week", ...
std::string_view action_name(Action a);                // "self-care", "consider-clinician", ...
std::string warning_text(Warning w, const Report& r);  // one or two sentences, plain text
std::string disclaimer();                              // "This report is not a diagnosis. ..."
std::string safety_net();                              // time course, what to watch for, don't delay
std::string trend_sentence(const Report& r);           // "No clear change: mean pain from 4.6 to 4.3 ..."
std::vector<std::string> cauda_equina_card(const std::string& emergency_number);  // title, then lines
std::string date_label(std::chrono::year_month_day d); // "2026-11-20"
std::string range_label(const Report& r);              // "2026-11-16 to 2026-11-22 (7 days)"

}  // namespace psoas::report
