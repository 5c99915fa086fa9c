// psoas report: parse the range -> fetch it (indexed range queries only) -> compute -> render.
#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "app.hpp"
#include "commands.hpp"
#include "psoas/error.hpp"
#include "psoas/files.hpp"
#include "psoas/report.hpp"

namespace psoas::cli {

namespace {

struct ReportOptions {
  bool week = false;
  bool last_week = false;
  bool month = false;
  int weeks = 0;
  std::string from;
  std::string to;
  std::string from_name = "--since";  // as given: --since or its old name --from
  std::string to_name = "--until";
  std::string range;
  std::string format = "text";
  std::string output;
};

// A bad --since or --until names the option, not the parser's "time".
void check_end(const std::string& text, const char* option, Instant now, const when::Zone& zone,
               const when::Calendar& cal) {
  if (text.empty()) return;
  try {
    when::range_between(text, text, now, zone, cal);
  } catch (const UsageError& e) {
    throw UsageError(option, e.what(), e.hint());
  }
}

when::Range choose_range(const ReportOptions& o, Instant now, const when::Zone& zone, const when::Calendar& cal) {
  check_end(o.from, o.from_name.c_str(), now, zone, cal);
  check_end(o.to, o.to_name.c_str(), now, zone, cal);
  if (!o.range.empty()) {
    try {
      return when::parse_range(o.range, now, zone, cal);
    } catch (const UsageError& e) {
      throw UsageError("--range", e.what(), e.hint());
    }
  }
  if (o.week) return when::parse_range("week", now, zone, cal);
  if (o.last_week) return when::parse_range("last-week", now, zone, cal);
  if (o.month) return when::parse_range("month", now, zone, cal);
  if (o.weeks > 0) return when::parse_range(fmt::format("{}d", o.weeks * 7), now, zone, cal);
  if (!o.from.empty()) return when::range_between(o.from, o.to.empty() ? "today" : o.to, now, zone, cal);
  if (!o.to.empty()) {  // the 7 days ending on --to
    when::Range r = when::range_between(o.to, o.to, now, zone, cal);
    auto last = std::chrono::sys_days(when::local_day(r.from, zone, cal));
    r.from = when::day_begin(std::chrono::year_month_day(last - std::chrono::days(6)), zone, cal);
    return r;
  }
  return when::parse_range("7d", now, zone, cal);
}

void run(const ReportOptions& o, Services& s) {
  std::optional<report::Format> format = report::format_from_string(o.format);
  if (!format) throw UsageError("--format", fmt::format("unknown format '{}'", o.format), "text, markdown, json, csv or html");
  const Config& config = s.config();
  Instant now = s.clock().wall_now();
  when::Range range = choose_range(o, now, s.zone(), config.calendar);

  // A missing journal is an empty one: read-only never creates the file.
  const Journal& journal = s.journal(Access::read_only);
  report::ReportInput input = report::gather(journal, range, now, s.zone(), config.calendar,
                                             [&s]() -> const std::vector<TriageQuestion>& { return s.content().questions; });
  input.emergency_number = config.emergency_number;
  report::Report r = report::compute_report(input);

  bool to_stdout = o.output.empty() || o.output == "-";
  // Nothing to show, and nothing to warn about (a range without entries may still judge the run).
  if (*format == report::Format::text && to_stdout && report::is_empty(r) && r.warnings.empty()) {
    fmt::print("No entries yet for {}. Add one with: psoas log 4 (your pain from 0 to 10).\n", report::range_label(r));
    return;
  }
  report::RenderOptions options;
  options.colour = to_stdout && *format == report::Format::text && s.terminal().colour();
  if (*format == report::Format::html || *format == report::Format::markdown)
    options.generated = when::format_local(now, s.zone());
  std::string text = report::render(r, *format, options);
  if (to_stdout) {
    Pager pager(s);
    fmt::print("{}", text);
    return;
  }
  files::write_atomically(o.output, text, 0600, "--output");
  fmt::print("Wrote the report for {} to {}.\n", report::range_label(r), o.output);
}

}  // namespace

void add_report(CLI::App& app, Services& services) {
  auto o = std::make_shared<ReportOptions>();
  auto* cmd = app.add_subcommand("report", "Weekly (or any range) summary: trend, adherence, what helps, warnings");
  cmd->footer(
      "Default: the last 7 days ending today. The trend compares the range with the range of the same length "
      "before it.\nExamples:\n  psoas report --last-week\n  psoas report --since 2026-11-01 --until 2026-11-30\n"
      "  psoas report --weeks 4 --format html --output report.html\n"
      "Ranges of 28 days or more also show a calendar (weeks as rows).");
  auto* week = cmd->add_flag("--week", o->week, "This week (config week_start)");
  auto* last = cmd->add_flag("--last-week", o->last_week, "Last week");
  auto* month = cmd->add_flag("--month", o->month, "This calendar month");
  auto* weeks = cmd->add_option("--weeks", o->weeks, "The last N weeks ending today")
                    ->check(whole_number(1, 520))
                    ->type_name("N");
  auto* from = cmd->add_option("--since", o->from, "First day (2026-11-16, -14d, 7d, mon, ...)")->type_name("DATE");
  auto* to = cmd->add_option("--until", o->to, "Last day, included (default today)")->type_name("DATE");
  // The old names, hidden: scripts that use them go on working.
  auto* old_from = hide(cmd->add_option("--from", o->from, "Old name of --since")->type_name("DATE")->excludes(from));
  auto* old_to = hide(cmd->add_option("--to", o->to, "Old name of --until")->type_name("DATE")->excludes(to));
  auto* range = cmd->add_option("--range", o->range, "A range: week, last-week, month, last-month, 7d, 2w, 2026-11, 2026-W47")
                    ->type_name("RANGE");
  std::vector<CLI::Option*> choices{week, last, month, weeks, range};
  for (CLI::Option* a : choices) {
    for (CLI::Option* b : choices)
      if (a != b) a->excludes(b);
    a->excludes(from)->excludes(to)->excludes(old_from)->excludes(old_to);
  }
  add_format(*cmd, o->format, {"text", "markdown", "md", "json", "csv", "html"});
  cmd->add_option("-o,--output", o->output, "Write to FILE (atomically) instead of standard output")
      ->type_name("FILE")
      ->check(non_empty());
  cmd->callback([o, cmd, &services] {
    if (cmd->count("--from") > 0) o->from_name = "--from";
    if (cmd->count("--to") > 0) o->to_name = "--to";
    run(*o, services);
  });
}

}  // namespace psoas::cli
