// psoas routine: list, show and check routines (`routine run` lives in run.cpp).
#include <fmt/color.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <memory>

#include "app.hpp"
#include "commands.hpp"
#include "psoas/content.hpp"
#include "psoas/error.hpp"
#include "psoas/json.hpp"
#include "psoas/plan.hpp"
#include "psoas/text.hpp"
#include "psoas/when.hpp"
#include "timer_run.hpp"

namespace psoas::cli {
namespace {

using std::chrono::seconds;

enum class Output { text, json, names };
enum class Align { left, right };

struct ListOptions {
  std::string format;
  bool names = false;  // --ids (and its old name --names)
};

struct ShowOptions {
  std::string id;
  std::string format;
};

struct CheckOptions {
  std::vector<std::filesystem::path> files;
};

using psoas::text::display_width;

// `s` padded with spaces to `width` columns.
std::string pad(const std::string& s, std::size_t width, Align align) {
  std::string fill(width - std::min(width, display_width(s)), ' ');
  return align == Align::right ? fill + s : s + fill;
}

std::string plural(int n, std::string_view word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

// "hold 30s each side, 3 sets, 15s rest between sets".
std::string dosage_text(const Dosage& d) {
  std::vector<std::string> parts;
  const char* each_side = d.per_side ? " each side" : "";
  if (d.reps) {
    std::string reps = fmt::format("{}{}", plural(*d.reps, "rep"), each_side);
    if (d.hold) reps += fmt::format(", hold {} each", when::format_duration(*d.hold));
    if (d.tempo) reps += fmt::format(", {} per rep", when::format_duration(*d.tempo));
    parts.push_back(reps);
  } else if (d.hold) {
    parts.push_back(fmt::format("hold {}{}", when::format_duration(*d.hold), each_side));
  } else if (d.per_side) {
    parts.push_back("each side");
  }
  if (d.sets > 1) {
    parts.push_back(plural(d.sets, "set"));
    if (d.rest)
      parts.push_back(fmt::format("{} rest between sets", when::format_duration(*d.rest)));
  }
  return parts.empty() ? std::string("at your own pace")
                       : fmt::format("{}", fmt::join(parts, ", "));
}

std::string dosage_json(const Dosage& d) {
  return json::Object{}
      .add("hold_seconds", d.hold)
      .add("per_side", d.per_side)
      .add("reps", d.reps)
      .add("sets", d.sets)
      .add("tempo_seconds", d.tempo)
      .add("rest_seconds", d.rest)
      .str();
}

void render_list(const Content& content, const PlanSettings& settings, Output output,
                 const Terminal& term) {
  if (output == Output::names) {
    for (const auto& [id, r] : content.routines) fmt::print("{}\n", id);
    return;
  }
  std::vector<std::string> json_rows;
  std::vector<std::array<std::string, 4>> rows{{"ID", "NAME", "TIME", "STEPS"}};
  for (const auto& [id, r] : content.routines) {
    const seconds total = plan_routine(r, content, settings).total();
    const int steps = static_cast<int>(r.steps.size());
    rows.push_back({id, r.name, when::format_duration(total), std::to_string(steps)});
    json_rows.push_back(json::Object{}
                            .add("id", id)
                            .add("name", r.name)
                            .add("summary", r.summary)
                            .add("total_seconds", total)
                            .add("steps", steps)
                            .str());
  }
  if (output == Output::json) {
    fmt::print("{}\n", json::array_raw(json_rows));
    return;
  }
  std::array<std::size_t, 4> width{};
  for (const auto& row : rows) {
    for (std::size_t c = 0; c < row.size(); ++c)
      width[c] = std::max(width[c], display_width(row[c]));
  }
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& row = rows[i];
    std::string line = fmt::format(
        "{}  {}  {}  {}", pad(row[0], width[0], Align::left), pad(row[1], width[1], Align::left),
        pad(row[2], width[2], Align::right), pad(row[3], width[3], Align::right));
    fmt::print(i == 0 ? term.style(fmt::emphasis::bold) : fmt::text_style{}, "{}", line);
    fmt::print("\n");  // outside the style, so no escape runs past the line
  }
  fmt::print("\nSee one with 'psoas routine show ID'; follow it with 'psoas routine run ID'.\n");
}

// "Caution: ..." lines, each starting with `indent`.
void print_cautions(const std::vector<std::string>& cautions, std::string_view indent,
                    const Terminal& term) {
  for (const auto& caution : cautions) {
    fmt::print(term.style(fmt::fg(fmt::terminal_color::yellow)), "{}Caution:", indent);
    fmt::print(" {}\n", caution);
  }
}

void render_show_text(const Routine& r, const Content& content, const Plan& plan,
                      const Terminal& term) {
  fmt::print(term.style(fmt::emphasis::bold), "{} ({})", r.name, r.id);
  fmt::print("\n");
  if (!r.summary.empty()) fmt::print("{}\n", r.summary);
  fmt::print("{}, about {} in all.\n", plural(static_cast<int>(r.steps.size()), "step"),
             when::format_duration(plan.total()));
  print_cautions(r.cautions, "", term);
  for (std::size_t i = 0; i < r.steps.size(); ++i) {
    const Step& step = r.steps[i];
    const Exercise& e = content.exercise(step.exercise);
    fmt::print("\n");
    fmt::print(term.style(fmt::emphasis::bold), "{}. {}", i + 1, e.name);
    fmt::print(" [{}, {}]\n", e.id, to_string(e.kind));
    fmt::print("   {} (about {})\n", dosage_text(dosage_of(e, step)),
               when::format_duration(plan.step_total(static_cast<int>(i))));
    if (!step.note.empty()) fmt::print("   Note: {}\n", step.note);
    for (const auto& cue : e.cues) fmt::print("   - {}\n", cue);
    print_cautions(e.cautions, "   ", term);
  }
}

std::string show_json(const Routine& r, const Content& content, const Plan& plan) {
  std::vector<std::string> steps;
  for (std::size_t i = 0; i < r.steps.size(); ++i) {
    const Step& step = r.steps[i];
    const Exercise& e = content.exercise(step.exercise);
    steps.push_back(json::Object{}
                        .add("number", static_cast<int>(i) + 1)
                        .add("exercise", e.id)
                        .add("name", e.name)
                        .add("kind", to_string(e.kind))
                        .add("summary", e.summary)
                        .add("note", step.note)
                        .add_raw("dosage", dosage_json(dosage_of(e, step)))
                        .add("seconds", plan.step_total(static_cast<int>(i)))
                        .add_raw("cues", json::array(e.cues))
                        .add_raw("cautions", json::array(e.cautions))
                        .str());
  }
  return json::Object{}
      .add("id", r.id)
      .add("name", r.name)
      .add("summary", r.summary)
      .add("total_seconds", plan.total())
      .add_raw("cautions", json::array(r.cautions))
      .add_raw("steps", json::array_raw(steps))
      .str();
}

// A file's errors and warnings on stderr, in file order.
void print_issues(const FileCheck& check) {
  std::vector<ContentIssue> all = check.issues;
  all.insert(all.end(), check.warnings.begin(), check.warnings.end());
  std::stable_sort(all.begin(), all.end(), [](const ContentIssue& a, const ContentIssue& b) {
    return std::pair(a.pos.line, a.pos.column) < std::pair(b.pos.line, b.pos.column);
  });
  for (const auto& issue : all) fmt::print(stderr, "{}\n", issue.to_string());
}

// "1 exercise, 1 routine; 1 warning": what a clean file defines.
std::string defined_text(const FileCheck& check) {
  std::vector<std::string> parts;
  if (check.exercises) parts.push_back(plural(check.exercises, "exercise"));
  if (check.routines) parts.push_back(plural(check.routines, "routine"));
  if (check.advice) parts.push_back(fmt::format("{} advice", check.advice));
  if (check.questions) parts.push_back(plural(check.questions, "question"));
  std::string text = parts.empty() ? "nothing defined" : fmt::format("{}", fmt::join(parts, ", "));
  if (!check.warnings.empty())
    text += "; " + plural(static_cast<int>(check.warnings.size()), "warning");
  return text;
}

// Checks user files against the content they would join (built-in, user dir, --content).
void run_check(const CheckOptions& opts, Services& services) {
  std::vector<ContentSource> sources;
  for (const auto& file : opts.files) {
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) {
      throw UsageError("routine check", fmt::format("no such file '{}'", file.string()));
    }
    if (std::filesystem::is_directory(file, ec)) {
      throw UsageError("routine check", fmt::format("'{}' is a directory", file.string()),
                       "give the *.toml files in it");
    }
    sources.push_back(read_content_file(file));
  }
  ContentDirs dirs{{services.paths().user_content_dir}};
  dirs.dirs.insert(dirs.dirs.end(), services.globals.content_dirs.begin(),
                   services.globals.content_dirs.end());
  const Content base = load_content(dirs);

  int problems = 0, broken = 0;
  for (const FileCheck& check : check_files(sources, base)) {
    print_issues(check);
    problems += static_cast<int>(check.issues.size());
    if (!check.issues.empty()) {
      ++broken;
      continue;
    }
    fmt::print("ok: {} ({})\n", check.file, defined_text(check));
  }
  if (problems > 0) {
    std::string where = sources.size() == 1
                            ? std::string("found")
                            : fmt::format("in {} of {} files", broken, sources.size());
    fmt::print(stderr, "psoas: routine check: {} {}\n", plural(problems, "problem"), where);
    services.exit_status = 1;
  }
}

}  // namespace

void add_routine(CLI::App& app, Services& services) {
  auto* cmd = app.add_subcommand(
      "routine", "List, show, check and run the stretch, strength, massage and habit routines");

  auto list_opts = std::make_shared<ListOptions>();
  auto* list = cmd->add_subcommand("list", "List the routines: id, name, total time, steps");
  add_format(*list, list_opts->format, {"text", "json"});
  auto* ids_flag = add_ids(*list, list_opts->names, "routine");
  hide(list->add_flag("--names", list_opts->names, "Old name of --ids")->excludes(ids_flag));
  list->footer("Examples:\n  psoas routine list\n  psoas routine list --ids\n  psoas routine list --json");
  list->callback([list, list_opts, &services] {
    for (const char* other : {"--json", "--format"}) {
      if (list->count("--names") > 0 && list->count(other) > 0) {
        throw UsageError("routine list", fmt::format("give {} or --names, not both", other), "see 'psoas routine list --help'");
      }
    }
    const Output output = list_opts->names             ? Output::names
                          : list_opts->format == "json" ? Output::json
                                                        : Output::text;
    render_list(services.content(), plan_settings_from(services.config()), output,
                services.terminal());
  });

  auto show_opts = std::make_shared<ShowOptions>();
  auto* show =
      cmd->add_subcommand("show", "Show every step of a routine: cues, cautions, dosage and time");
  show->add_option("routine", show_opts->id, "Routine id (see 'psoas routine list')")
      ->required()
      ->type_name("ROUTINE");
  add_format(*show, show_opts->format, {"text", "json"});
  show->footer("Examples:\n  psoas routine show stretch\n  psoas routine show desk-break --json");
  show->callback([show_opts, &services] {
    const Content& content = services.content();
    const Routine& routine = content.routine(show_opts->id);
    const Plan plan = plan_routine(routine, content, plan_settings_from(services.config()));
    if (show_opts->format == "json") {
      fmt::print("{}\n", show_json(routine, content, plan));
    } else {
      Pager pager(services);
      render_show_text(routine, content, plan, services.terminal());
    }
  });

  auto check_opts = std::make_shared<CheckOptions>();
  auto* check = cmd->add_subcommand(
      "check", "Check content files: prints file:line:column: problem, exit 1 if any");
  check->add_option("files", check_opts->files, "Content files (*.toml) to check")
      ->required()
      ->type_name("FILE");
  check->footer("Examples:\n  psoas routine check ~/.config/psoas/content/mine.toml\n  psoas routine check *.toml");
  check->callback([check_opts, &services] { run_check(*check_opts, services); });

  add_routine_run(*cmd, services);
  cmd->footer(
      "Without a subcommand, lists the routines.\nExamples:\n  psoas routine list\n  psoas routine show stretch\n"
      "  psoas routine run desk-break");  // after the subcommands: they would inherit it

  cmd->callback([cmd, &services] {
    if (!cmd->get_subcommands().empty()) return;
    render_list(services.content(), plan_settings_from(services.config()), Output::text,
                services.terminal());
  });
}

}  // namespace psoas::cli
