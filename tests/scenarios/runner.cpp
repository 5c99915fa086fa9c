// The scenario suite: the report's health judgement, specified as data.
//
// Each tests/scenarios/*.toml is a journal (entries, sessions, triage answers, on days
// relative to "today"), an optional setup (zone, week start, day start, range) and the
// judgement expected of `psoas report` (trend, warnings in order, flare, urgency, ...).
// The runner builds each journal in memory, runs the report exactly as the CLI does
// (report::gather, then compute_report), and prints one line per difference:
//   tests/scenarios/new-user-rising.toml: trend: expected "worsening", got "not_enough_data"
// A file with an unknown key or a value of the wrong type fails with file:line.
// Usage: psoas_scenarios DIR_OR_FILE...
// (Over 400 lines: one reader and one checker of one file format, kept together.)
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "psoas/content.hpp"
#include "psoas/journal.hpp"
#include "psoas/report.hpp"
#include "psoas/triage.hpp"
#include "psoas/when.hpp"

namespace fs = std::filesystem;
using namespace psoas;
using namespace std::chrono;

namespace {

// A problem with the scenario file itself (not with the judgement).
struct FileError {
  std::string message;
};

[[noreturn]] void bad(const toml::node& n, const std::string& what) {
  throw FileError{fmt::format("{}: {}", n.source().begin.line, what)};
}

// Rejects keys of `t` not in `allowed`.
void only_keys(const toml::table& t, std::string_view where, std::initializer_list<std::string_view> allowed) {
  for (const auto& [k, v] : t) {
    if (std::find(allowed.begin(), allowed.end(), k.str()) == allowed.end())
      bad(v, fmt::format("unknown key '{}' in {}", k.str(), where));
  }
}

template <typename T>
std::optional<T> get(const toml::table& t, std::string_view key) {
  const toml::node* n = t.get(key);
  if (!n) return std::nullopt;
  if constexpr (std::is_same_v<T, std::string>) {
    if (!n->is_string()) bad(*n, fmt::format("'{}' must be a string", key));
    return n->as_string()->get();
  } else if constexpr (std::is_same_v<T, bool>) {
    if (!n->is_boolean()) bad(*n, fmt::format("'{}' must be true or false", key));
    return n->as_boolean()->get();
  } else if constexpr (std::is_same_v<T, double>) {
    if (!n->is_number()) bad(*n, fmt::format("'{}' must be a number", key));
    return n->value<double>();
  } else {
    if (!n->is_integer()) bad(*n, fmt::format("'{}' must be an integer", key));
    return static_cast<T>(n->as_integer()->get());
  }
}

// An integer or an array of integers.
std::vector<int> ints(const toml::table& t, std::string_view key) {
  const toml::node* n = t.get(key);
  if (!n) return {};
  if (n->is_integer()) return {static_cast<int>(n->as_integer()->get())};
  if (!n->is_array()) bad(*n, fmt::format("'{}' must be an integer or an array of integers", key));
  std::vector<int> out;
  for (const toml::node& x : *n->as_array()) {
    if (!x.is_integer()) bad(x, fmt::format("'{}' must hold integers", key));
    out.push_back(static_cast<int>(x.as_integer()->get()));
  }
  return out;
}

std::vector<std::string> strings(const toml::table& t, std::string_view key) {
  const toml::node* n = t.get(key);
  if (!n) return {};
  if (!n->is_array()) bad(*n, fmt::format("'{}' must be an array of strings", key));
  std::vector<std::string> out;
  for (const toml::node& x : *n->as_array()) {
    if (!x.is_string()) bad(x, fmt::format("'{}' must hold strings", key));
    out.push_back(x.as_string()->get());
  }
  return out;
}

const toml::array* tables(const toml::table& t, std::string_view key) {
  const toml::node* n = t.get(key);
  if (!n) return nullptr;
  if (!n->is_array_of_tables()) bad(*n, fmt::format("'{}' must be an array of tables ([[{}]])", key, key));
  return n->as_array();
}

seconds clock_time(const toml::table& t, std::string_view key, std::string_view fallback) {
  std::string s = get<std::string>(t, key).value_or(std::string(fallback));
  unsigned h = 0, m = 0;
  char colon = 0;
  std::istringstream in(s);
  if (!(in >> h >> colon >> m) || colon != ':' || h > 23 || m > 59 || !in.eof())
    bad(t.get(key) ? *t.get(key) : static_cast<const toml::node&>(t), fmt::format("'{}' must be HH:MM", key));
  return hours(h) + minutes(m);
}

// The relative days a series covers: `days = [...]`, or `from`..`to` every `every` days.
std::vector<int> series_days(const toml::table& t) {
  std::vector<int> days_ = ints(t, "days");
  if (!days_.empty()) return days_;
  auto from = get<int>(t, "from"), to = get<int>(t, "to");
  if (!from || !to) bad(t, "give 'days' or both 'from' and 'to'");
  int every = get<int>(t, "every").value_or(1);
  if (every < 1 || *from > *to) bad(t, "'from' must not be after 'to', and 'every' must be 1 or more");
  for (int d = *from; d <= *to; d += every) days_.push_back(d);
  return days_;
}

// One value a day: a single value repeats, a list must match the days.
std::vector<int> per_day(const toml::table& t, std::string_view key, std::size_t n, bool required) {
  std::vector<int> v = ints(t, key);
  if (v.empty()) {
    if (required) bad(t, fmt::format("'{}' is required", key));
    return {};
  }
  if (v.size() == 1) return std::vector<int>(n, v[0]);
  if (v.size() != n) bad(*t.get(key), fmt::format("'{}' has {} values for {} days", key, v.size(), n));
  return v;
}

struct Setup {
  sys_days today;
  Instant now;
  const when::Zone* zone;
  when::Calendar calendar;
  std::string range = "7d";
};

Instant local(const Setup& s, int day, seconds time) {
  return s.zone->from_local(local_seconds((s.today + days(day)).time_since_epoch()) + time);
}

Setup read_setup(const toml::table& doc) {
  Setup s;
  const toml::table empty;
  const toml::table* t = doc.get_as<toml::table>("setup");
  if (doc.get("setup") && !t) bad(*doc.get("setup"), "'setup' must be a table");
  if (!t) t = &empty;
  only_keys(*t, "[setup]", {"today", "now", "zone", "week_start", "day_starts_at", "range"});
  std::string zone = get<std::string>(*t, "zone").value_or("UTC");
  ::setenv("TZ", zone.c_str(), 1);
  ::tzset();
  s.zone = &when::system_zone();
  std::string today = get<std::string>(*t, "today").value_or("2026-11-30");
  s.today = sys_days(when::local_day(when::parse_instant(today + "T12:00", Instant{}, when::FixedZone(seconds(0))),
                                     when::FixedZone(seconds(0))));
  if (auto ws = get<std::string>(*t, "week_start")) {
    static const std::vector<std::string> names{"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
    auto it = std::find(names.begin(), names.end(), *ws);
    if (it == names.end()) bad(*t->get("week_start"), "'week_start' must be sun, mon, ... sat");
    s.calendar.week_start = weekday(static_cast<unsigned>(it - names.begin()));
  }
  if (t->get("day_starts_at")) s.calendar.day_start = clock_time(*t, "day_starts_at", "00:00");
  s.now = local(s, 0, clock_time(*t, "now", "20:00"));
  if (auto r = get<std::string>(*t, "range")) s.range = *r;
  return s;
}

void add_entries(Journal& j, const Setup& s, const toml::table& doc) {
  const toml::array* list = tables(doc, "entries");
  if (!list) return;
  for (const toml::node& n : *list) {
    const toml::table& t = *n.as_table();
    only_keys(t, "[[entries]]", {"days", "from", "to", "every", "time", "pain", "enjoyment", "activity", "where",
                                 "where_pain", "triggers", "helped"});
    std::vector<int> ds = series_days(t);
    std::vector<int> pain = per_day(t, "pain", ds.size(), true);
    std::vector<int> enjoyment = per_day(t, "enjoyment", ds.size(), false);
    std::vector<int> activity = per_day(t, "activity", ds.size(), false);
    std::vector<int> where_pain = per_day(t, "where_pain", ds.size(), false);
    std::optional<std::string> where = get<std::string>(t, "where");
    if (where_pain.size() && !where) bad(t, "'where_pain' needs 'where'");
    seconds time = clock_time(t, "time", "09:00");
    for (std::size_t i = 0; i < ds.size(); ++i) {
      Entry e;
      e.at = local(s, ds[i], time);
      e.utc_offset = s.zone->offset_at(e.at);
      e.pain = pain[i];
      if (!enjoyment.empty()) e.enjoyment = enjoyment[i];
      if (!activity.empty()) e.activity = activity[i];
      if (where) {
        Location l;
        auto space = where->find(' ');
        std::optional<Side> side = space == std::string::npos ? std::nullopt : side_from_string(where->substr(0, space));
        l.side = side.value_or(Side::none);
        l.area = side ? where->substr(space + 1) : *where;
        if (!where_pain.empty()) l.pain = where_pain[i];
        e.where.push_back(l);
      }
      e.triggers = strings(t, "triggers");
      e.helped = strings(t, "helped");
      j.add(e, sys_days{year{9999} / January / 1});  // any day: the report is under test, not "now"
    }
  }
}

void add_sessions(Journal& j, const Setup& s, const toml::table& doc) {
  const toml::array* list = tables(doc, "sessions");
  if (!list) return;
  for (const toml::node& n : *list) {
    const toml::table& t = *n.as_table();
    only_keys(t, "[[sessions]]",
              {"days", "from", "to", "every", "time", "routine", "minutes", "kind", "outcome", "before", "after"});
    std::vector<int> ds = series_days(t);
    // The ratings the timer takes a minute before the start and after the end; -1: not given.
    std::vector<int> before = per_day(t, "before", ds.size(), false), after = per_day(t, "after", ds.size(), false);
    for (std::size_t i = 0; i < ds.size(); ++i) {
      int d = ds[i];
      Session x;
      x.kind = get<std::string>(t, "kind").value_or("routine");
      x.routine = get<std::string>(t, "routine").value_or("stretch");
      x.start = local(s, d, clock_time(t, "time", "07:00"));
      x.end = x.start + minutes(get<int>(t, "minutes").value_or(10));
      x.utc_offset = s.zone->offset_at(x.start);
      x.outcome = get<std::string>(t, "outcome").value_or(x.kind == "break" ? "done" : "completed");
      x.phases_done = x.phases_total = 1;
      x = j.add_session(x);
      auto rate = [&](const std::vector<int>& v, Instant when_, SessionRole role) {
        if (v.empty() || v[i] < 0) return;
        Entry e;
        e.at = when_;
        e.utc_offset = s.zone->offset_at(when_);
        e.pain = v[i];
        e.session = x.uuid;
        e.session_role = role;
        j.add(e, sys_days{year{9999} / January / 1});
      };
      rate(before, x.start - minutes(1), SessionRole::before);
      rate(after, x.end + minutes(1), SessionRole::after);
    }
  }
}

// Every question answered: "no" unless listed under yes or unsure.
void add_triage(Journal& j, const Setup& s, const toml::table& doc, const Content& content) {
  const toml::array* list = tables(doc, "triage");
  if (!list) return;
  for (const toml::node& n : *list) {
    const toml::table& t = *n.as_table();
    only_keys(t, "[[triage]]", {"day", "time", "yes", "unsure"});
    triage::Answers answers;
    for (const TriageQuestion& q : content.questions) answers[q.id] = triage::Answer::no;
    for (const std::string& id : strings(t, "yes")) answers[id] = triage::Answer::yes;
    for (const std::string& id : strings(t, "unsure")) answers[id] = triage::Answer::unsure;
    if (auto unknown = triage::unknown_answers(content.questions, answers); !unknown.empty())
      bad(t, fmt::format("no triage question '{}'", unknown.front()));
    triage::Outcome o = triage::evaluate(content.questions, content.advice, answers, content.triage);
    TriageRecord r = triage::make_record(o, answers);
    r.at = local(s, get<int>(t, "day").value_or(0), clock_time(t, "time", "10:00"));
    r.utc_offset = s.zone->offset_at(r.at);
    j.add_triage(r);
  }
}

// Runs of blanks become one space, so wrapped text compares with its unwrapped source.
std::string squeeze(std::string_view s) {
  std::string out;
  for (char c : s) {
    bool blank = c == ' ' || c == '\n' || c == '\t';
    if (blank && (out.empty() || out.back() == ' ')) continue;
    out += blank ? ' ' : c;
  }
  return out;
}

std::string quoted(const std::vector<std::string>& v) { return fmt::format("[{}]", fmt::join(v, ", ")); }

// The measured effects: `routine` names the routine whose `rated`, `rated_change` (or
// "none") and `fell_by_2` are checked; `next_day` is [days after a session, days after none,
// their two means ×10, or -1 for none].
template <typename Differ>
void compare_effects(const report::Report& r, const toml::table& e, Differ differ) {
  if (auto name = get<std::string>(e, "routine")) {
    auto it = std::find_if(r.routines.begin(), r.routines.end(), [&](const auto& x) { return x.routine == *name; });
    if (it == r.routines.end()) return differ("routine", *name, "no such routine in the range");
    if (auto n = get<int>(e, "rated")) differ("rated", fmt::format("{}", *n), fmt::format("{}", it->rated));
    if (e.get("rated_change"))
      differ("rated_change",
             e.get("rated_change")->is_number() ? fmt::format("{:.1f}", *get<double>(e, "rated_change"))
                                                : *get<std::string>(e, "rated_change"),
             it->rated_change ? fmt::format("{:.1f}", *it->rated_change) : "none");
    if (auto n = get<int>(e, "fell_by_2")) differ("fell_by_2", fmt::format("{}", *n), fmt::format("{}", it->fell_by_2));
  }
  if (std::vector<int> want = ints(e, "next_day"); !want.empty()) {
    auto tenths = [](std::optional<double> v) { return v ? static_cast<int>(std::lround(*v * 10)) : -1; };
    const report::NextDay& n = r.next_day;
    std::vector<int> got{n.after_session, n.after_none, tenths(n.mean_after_session), tenths(n.mean_after_none)};
    differ("next_day", fmt::format("{}", want), fmt::format("{}", got));
  }
}

// Compares the report with [expect]; returns one line per difference.
std::vector<std::string> compare(const report::Report& r, const toml::table& e) {
  only_keys(e, "[expect]", {"trend", "warnings", "flare", "urgency", "mentions", "previous_trend", "run_trend",
                            "days_with_entries", "days_logged", "days_needed", "run_start", "text_contains",
                            "text_lacks", "routine", "rated", "rated_change", "fell_by_2", "next_day"});
  for (std::string_view key : {"trend", "warnings", "flare", "urgency"})
    if (!e.get(key)) bad(e, fmt::format("[expect] needs '{}'", key));
  std::vector<std::string> diffs;
  auto differ = [&diffs](std::string_view field, const std::string& want, const std::string& got) {
    if (want != got) diffs.push_back(fmt::format("{}: expected {}, got {}", field, want, got));
  };
  differ("trend", *get<std::string>(e, "trend"), std::string(report::trend_key(r.trend)));
  std::vector<std::string> warnings;
  for (report::Warning w : r.warnings) warnings.emplace_back(report::warning_key(w));
  if (const toml::node* w = e.get("warnings"); w && !w->is_array()) bad(*w, "'warnings' must be an array of strings");
  differ("warnings", quoted(strings(e, "warnings")), quoted(warnings));
  differ("flare", fmt::format("{}", *get<bool>(e, "flare")), fmt::format("{}", r.flare.has_value()));
  differ("urgency", *get<std::string>(e, "urgency"), std::string(report::action_name(r.action)));
  if (e.get("mentions")) {
    std::vector<std::string> ids;
    for (const report::Mention& m : r.mentions) ids.push_back(m.id);
    differ("mentions", quoted(strings(e, "mentions")), quoted(ids));
  }
  if (auto t = get<std::string>(e, "previous_trend")) differ("previous_trend", *t, std::string(report::trend_key(r.pain.trend)));
  if (auto t = get<std::string>(e, "run_trend"))
    differ("run_trend", *t, r.run ? std::string(report::trend_key(r.run->trend)) : "none");
  if (auto n = get<int>(e, "days_with_entries")) differ("days_with_entries", fmt::format("{}", *n), fmt::format("{}", r.days_with_entries));
  if (auto n = get<int>(e, "days_logged"))
    differ("days_logged", fmt::format("{}", *n), r.days_logged ? fmt::format("{}", *r.days_logged) : "none");
  if (auto n = get<int>(e, "days_needed")) differ("days_needed", fmt::format("{}", *n), fmt::format("{}", r.days_needed));
  if (auto d = get<std::string>(e, "run_start"))
    differ("run_start", *d, r.run ? report::date_label(r.run->start) : "none");
  compare_effects(r, e, differ);
  std::string text = squeeze(report::render(r, report::Format::text));
  for (const std::string& s : strings(e, "text_contains"))
    if (text.find(s) == std::string::npos) diffs.push_back(fmt::format("text_contains: '{}' is not in the text report", s));
  for (const std::string& s : strings(e, "text_lacks"))
    if (text.find(s) != std::string::npos) diffs.push_back(fmt::format("text_lacks: '{}' is in the text report", s));
  return diffs;
}

// The same judgement in every format: each warning's words in text and markdown, its key
// and the urgency in JSON.
std::vector<std::string> formats_agree(const report::Report& r) {
  std::vector<std::string> diffs;
  std::string text = squeeze(report::render(r, report::Format::text));
  std::string md = squeeze(report::render(r, report::Format::markdown));
  std::string json = report::render(r, report::Format::json);
  std::string html = report::render(r, report::Format::html);
  for (report::Warning w : r.warnings) {
    std::string words = squeeze(report::warning_text(w, r));
    std::string key = fmt::format("\"kind\":\"{}\"", report::warning_key(w));
    if (text.find(words) == std::string::npos) diffs.push_back(fmt::format("text format lacks warning {}", report::warning_key(w)));
    if (md.find(words) == std::string::npos) diffs.push_back(fmt::format("markdown format lacks warning {}", report::warning_key(w)));
    if (json.find(key) == std::string::npos) diffs.push_back(fmt::format("json format lacks warning {}", report::warning_key(w)));
    if (html.find("<strong>Warning:</strong>") == std::string::npos) diffs.push_back("html format lacks its warnings");
  }
  if (json.find(fmt::format("\"urgency\":\"{}\"", report::action_name(r.action))) == std::string::npos)
    diffs.push_back("json format lacks the urgency");
  if (json.find(fmt::format("\"trend\":{{\"trend\":\"{}\"", report::trend_key(r.trend))) == std::string::npos)
    diffs.push_back("json format lacks the trend");
  return diffs;
}

std::vector<std::string> run_file(const fs::path& file, const Content& content) {
  std::ifstream in(file);
  std::stringstream buf;
  buf << in.rdbuf();
  std::string source = buf.str();
  if (source.find("\n# Rule:") == std::string::npos && !source.starts_with("# Rule:"))
    throw FileError{"1: a scenario names the rule it checks in a '# Rule:' comment"};
  toml::table doc;
  try {
    doc = toml::parse(source, file.string());
  } catch (const toml::parse_error& e) {
    throw FileError{fmt::format("{}:{}: {}", e.source().begin.line, e.source().begin.column, e.description())};
  }
  only_keys(doc, "the file", {"setup", "entries", "sessions", "triage", "expect"});
  Setup s = read_setup(doc);
  Journal j = Journal::in_memory();
  add_entries(j, s, doc);
  add_sessions(j, s, doc);
  add_triage(j, s, doc, content);
  const toml::table* expect = doc.get_as<toml::table>("expect");
  if (!expect) throw FileError{"1: [expect] is required"};
  when::Range range = when::parse_range(s.range, s.now, *s.zone, s.calendar);
  report::ReportInput input = report::gather(j, range, s.now, *s.zone, s.calendar,
                                             [&content]() -> const std::vector<TriageQuestion>& { return content.questions; });
  report::Report r = report::compute_report(input);
  std::vector<std::string> diffs = compare(r, *expect);
  for (std::string& d : formats_agree(r)) diffs.push_back(std::move(d));
  return diffs;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<fs::path> files;
  for (int i = 1; i < argc; ++i) {
    fs::path p = argv[i];
    if (fs::is_directory(p)) {
      for (const auto& e : fs::directory_iterator(p))
        if (e.path().extension() == ".toml") files.push_back(e.path());
    } else {
      files.push_back(p);
    }
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) {
    fmt::print(stderr, "psoas_scenarios: no scenario files given\n");
    return 2;
  }
  Content content = load_content();
  int failed = 0;
  for (const fs::path& f : files) {
    std::vector<std::string> diffs;
    try {
      diffs = run_file(f, content);
    } catch (const FileError& e) {
      diffs = {e.message};
      fmt::print("{}:{}\n", f.string(), e.message);
      ++failed;
      continue;
    } catch (const std::exception& e) {
      diffs = {e.what()};
    }
    for (const std::string& d : diffs) fmt::print("{}: {}\n", f.string(), d);
    if (!diffs.empty()) ++failed;
  }
  fmt::print("{} scenarios, {} failed\n", files.size(), failed);
  return failed ? 1 : 0;
}
