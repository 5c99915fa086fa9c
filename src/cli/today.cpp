// psoas today (and `psoas` alone): gather -> compute (core, psoas/today.hpp) -> render the
// one screen that says where the user stands, as text or JSON; a welcome without a journal.
#include <fmt/format.h>
#include <signal.h>

#include <cerrno>
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "app.hpp"
#include "commands.hpp"
#include "psoas/json.hpp"
#include "psoas/text.hpp"
#include "psoas/timer_status.hpp"
#include "psoas/today.hpp"
#include "psoas/triage.hpp"

namespace psoas::cli {
namespace {

using today::NextFrom;
using today::Nudge;

constexpr std::size_t width = 78;
constexpr std::string_view indent = "            ";  // the width of a label column

std::string wrap(std::string_view text, std::string_view first = "", std::string_view rest = "") {
  return psoas::text::wrap(text, first, rest, width);
}

std::string disclaimer(const std::string& number) {
  return fmt::format("psoas informs and points to care; it does not diagnose. In an emergency call {}.", number);
}

// The first three commands to try, shown when there is no journal (or nothing in it).
const std::vector<std::pair<std::string, std::string>>& first_commands() {
  static const std::vector<std::pair<std::string, std::string>> commands{
      {"psoas triage", "a few questions: warning signs first, then which routine fits"},
      {"psoas log 4", "log your pain now, from 0 (none) to 10 (the worst)"},
      {"psoas routine run ID", "a guided routine (see psoas routine list for the ids)"},
  };
  return commands;
}

void print_welcome(bool json, const std::string& number) {
  if (json) {
    std::vector<std::string> tries;
    for (const auto& [cmd, what] : first_commands()) tries.push_back(json::Object().add("command", cmd).add("what", what).str());
    fmt::print("{}\n", json::Object().add("empty", true).add_raw("try", json::array_raw(tries))
                           .add("disclaimer", disclaimer(number)).str());
    return;
  }
  fmt::print("{}\n\n", wrap("Welcome to psoas: a stretch timer, a pain journal and a triage screen for psoas, "
                            "hip-flexor and low-back pain. Nothing is logged yet. Three commands to start with:"));
  for (const auto& [cmd, what] : first_commands()) fmt::print("  {:<22}{}\n", cmd, what);
  fmt::print("\nThen 'psoas' alone shows where you stand. See 'psoas --help' for everything.\n{}\n",
             wrap(disclaimer(number)));
}

// The running timer's status line, when one runs (what `psoas timer --status` reads).
std::optional<TimerStatus> running_timer(Services& s, WallTime now) {
  std::optional<TimerStatus> st = read_status(status_file(s.paths().runtime_dir));
  if (!st) return std::nullopt;
  bool alive = ::kill(static_cast<pid_t>(st->pid), 0) == 0 || errno == EPERM;
  if (!alive || status_stale(*st, now)) return std::nullopt;
  return st;
}

std::string age_text(int days) {
  if (days <= 0) return "today";
  if (days == 1) return "yesterday";
  return fmt::format("{} days ago", days);
}

std::string latest_text(const Entry& e, const today::Today& t, const when::Zone& zone, const when::Calendar& cal) {
  auto day = std::chrono::sys_days(when::local_day(e.at, zone, cal));
  int ago = static_cast<int>((std::chrono::sys_days(t.day) - day).count());
  std::string local = when::format_local(e.at, zone);
  std::string when_text = fmt::format("{} {}", ago <= 1 ? age_text(ago) : when::format_date(day), local.substr(11, 5));
  if (ago > 1) when_text += fmt::format(" ({})", age_text(ago));
  return fmt::format("{}/10, {}", e.pain, when_text);
}

std::string nudge_text(Nudge n, const today::Today& t) {
  switch (n) {
    case Nudge::worsening:
      return "Your pain is getting worse: run 'psoas triage' again and see a clinician within the next few days.";
    case Nudge::flare:
      return t.triage ? "A flare began since your last triage: if anything new appeared, run 'psoas triage' again."
                      : "A flare began: if anything new appeared, run 'psoas triage'.";
    case Nudge::stale:
      return fmt::format("Your last triage was {} days ago (4 weeks or more) and the pain goes on: run 'psoas triage' "
                         "again, and see a clinician if it is not clearly better.",
                         t.triage_age_days);
    case Nudge::never: return "No triage yet: 'psoas triage' asks about warning signs first, then which routine fits.";
  }
  return {};
}

std::string minutes(std::chrono::seconds s) {
  auto m = static_cast<long>(std::lround(static_cast<double>(s.count()) / 60.0));
  return m < 1 ? fmt::format("{} s", s.count()) : fmt::format("{} min", m);
}

std::string sessions_text(const today::Today& t) {
  std::string out = t.sessions.empty() ? "none yet today" : fmt::format("{} today:", t.sessions.size());
  for (std::size_t i = 0; i < t.sessions.size(); ++i) {
    const today::TodaySession& s = t.sessions[i];
    out += fmt::format("{} {} ({}{})", i ? "," : "", s.routine, minutes(s.time), s.outcome == "stopped" ? ", stopped" : "");
  }
  if (t.breaks_today > 0) out += fmt::format("; {} desk break{}", t.breaks_today, t.breaks_today == 1 ? "" : "s");
  std::string days = fmt::format("{}{} day{}", t.streak_may_be_longer ? "at least " : "", t.streak, t.streak == 1 ? "" : "s");
  return out + fmt::format(". Streak: {}.", days);
}

std::string next_text(const today::Today& t) {
  const today::NextRoutine& n = t.next;
  std::string run = fmt::format("psoas routine run {}", n.routine);
  switch (n.from) {
    case NextFrom::flare: {
      std::string text = fmt::format("{}: the gentle routine for the first 48 hours of a flare", run);
      for (const auto& a : n.advice) text += fmt::format("; with it, psoas advice {}", a);
      return text + ".";
    }
    case NextFrom::triage: return fmt::format("{}: the routine your last triage suggested.", run);
    case NextFrom::measured:
      return fmt::format("{}: over its {} rated sessions, pain went from before to after by {:+.1f} on average ({} fell "
                         "by 2 points or more).",
                         run, n.rated, n.rated_change.value_or(0), n.fell_by_2);
    case NextFrom::none: break;
  }
  if (t.emergency_card) return "Seek care first (the card above); psoas suggests no routine until you have been seen.";
  if (t.clinician_first) {
    return "See a clinician first, as your last triage said; psoas suggests no routine until you have been seen.";
  }
  return "No routine to suggest yet: 'psoas triage' suggests one, and rated sessions show which helps.";
}

// Triage's wording for an emergency result (content's [wording]): headline, steps, card.
triage::Wording emergency_wording(const Content& content, const std::string& number) {
  triage::Outcome o;
  o.level = triage::Level::emergency;
  return triage::wording(o, content.wording, number);
}

void print_card(const Content& content, const today::Today& t, const std::string& number, const when::Zone& zone) {
  triage::Wording w = emergency_wording(content, number);
  std::string rule(60, '-');
  fmt::print("{}\n", rule);
  fmt::print("{}\n", wrap(fmt::format("EMERGENCY: your triage on {} found signs that need care now. If you have not "
                                      "been seen since, seek care now.",
                                      when::format_date(when::local_day(t.triage->at, zone))),
                          "! ", "  "));
  fmt::print("{}\n", wrap(w.headline, "  ", "  "));
  for (const auto& line : w.next_steps) fmt::print("{}\n", wrap(line, "  - ", "    "));
  if (!w.card.empty()) fmt::print("{}\n", wrap(w.card[0], "! ", "  "));
  for (std::size_t i = 1; i < w.card.size(); ++i) fmt::print("{}\n", wrap(w.card[i], "  - ", "    "));
  fmt::print("{}\n\n", rule);
}

void print_row(std::string_view label, const std::string& text) {
  fmt::print("{}\n", wrap(text, fmt::format("{:<12}", label), indent));
}

void print_text(Services& s, const today::Today& t, const std::optional<TimerStatus>& timer, WallTime now) {
  const std::string& number = s.config().emergency_number;
  if (t.emergency_card) print_card(s.content(), t, number, s.zone());
  fmt::print("Today, {}\n\n", when::format_date(t.day));
  print_row("Pain", t.latest ? latest_text(*t.latest, t, s.zone(), s.config().calendar) : "nothing logged yet (psoas log 4)");
  print_row("Last 7 days", report::trend_sentence(t.report));
  if (const auto& f = t.report.flare) {
    print_row("", fmt::format("A flare: pain on {} ({:.1f}) well above your usual (median {:.1f} over the {} days "
                              "before).",
                              when::format_date(f->day), f->pain, f->median, report::flare_window.count()));
  }
  for (report::Warning w : t.report.warnings) {
    // The flare, worsening and (with the card up) emergency warnings are said above or below.
    bool said = w == report::Warning::flare || w == report::Warning::worsening ||
                (t.emergency_card && w == report::Warning::red_flag_emergency);
    if (!said) print_row("", report::warning_text(w, t.report));
  }
  std::string triage = t.triage ? fmt::format("{} ({}): {}", when::format_date(when::local_day(t.triage->at, s.zone(), s.config().calendar)),
                                              age_text(t.triage_age_days), t.triage->outcome)
                                : "none yet";
  print_row("Triage", triage);
  for (Nudge n : t.nudges) print_row("", nudge_text(n, t));
  print_row("Sessions", sessions_text(t));
  if (timer) print_row("Timer", fmt::format("running: {}", status_line(*timer, now)));
  print_row("Next", next_text(t));
  fmt::print("\n{}\n", wrap(disclaimer(number)));
}

std::string report_json(const report::Report& r) {
  json::Object o;
  o.add("from", r.days.empty() ? std::string() : when::format_date(r.days.front().date));
  o.add("to", r.days.empty() ? std::string() : when::format_date(r.days.back().date));
  o.add("trend", report::trend_key(r.trend)).add("trend_text", report::trend_sentence(r));
  o.add("mean", r.mean).add("days_with_entries", r.days_with_entries);
  if (r.flare) {
    o.add_raw("flare", json::Object().add("date", when::format_date(r.flare->day)).add("pain", r.flare->pain)
                           .add("median_before", r.flare->median).str());
  } else {
    o.add_null("flare");
  }
  std::vector<std::string> warnings;
  for (report::Warning w : r.warnings) warnings.push_back(std::string(report::warning_key(w)));
  return o.add_raw("warnings", json::array(warnings)).add("action", report::action_name(r.action)).str();
}

void add_where(json::Object& o, const today::Today& t) {
  if (t.latest) {
    o.add_raw("latest", json::Object().add("at", when::format_offset_time(t.latest->at, t.latest->utc_offset))
                            .add("pain", t.latest->pain).str());
  } else {
    o.add_null("latest");
  }
  o.add_raw("report", report_json(t.report));
  if (t.triage) {
    o.add_raw("triage", json::Object().add("at", when::format_offset_time(t.triage->at, t.triage->utc_offset))
                            .add("outcome", t.triage->outcome).add("routine", t.triage->routine)
                            .add("age_days", t.triage_age_days).str());
  } else {
    o.add_null("triage");
  }
  std::vector<std::string> nudges;
  for (Nudge n : t.nudges) nudges.push_back(std::string(today::nudge_key(n)));
  o.add_raw("triage_nudges", json::array(nudges)).add("emergency_card", t.emergency_card);
  o.add("clinician_first", t.clinician_first);
}

void add_doing(json::Object& o, const today::Today& t) {
  std::vector<std::string> sessions;
  for (const auto& s : t.sessions) {
    sessions.push_back(json::Object().add("kind", s.kind).add("routine", s.routine).add("start", when::format_utc(s.start))
                           .add("seconds", s.time).add("outcome", s.outcome).str());
  }
  o.add_raw("sessions_today", json::array_raw(sessions)).add("breaks_today", t.breaks_today);
  o.add("streak", t.streak).add("streak_may_be_longer", t.streak_may_be_longer);
  json::Object next;
  next.add("from", today::next_from_key(t.next.from));
  t.next.routine.empty() ? next.add_null("routine") : next.add("routine", t.next.routine);
  next.add_raw("advice", json::array(t.next.advice)).add("rated", t.next.rated);
  next.add("rated_change", t.next.rated_change).add("fell_by_2", t.next.fell_by_2);
  o.add_raw("next", next.str());
}

void print_json(Services& s, const today::Today& t, const std::optional<TimerStatus>& timer, WallTime now) {
  json::Object o;
  o.add("date", when::format_date(t.day)).add("empty", false);
  add_where(o, t);
  add_doing(o, t);
  timer ? o.add_raw("timer", status_report_json(*timer, now)) : o.add_null("timer");
  if (t.emergency_card) {
    o.add_raw("card", json::array(emergency_wording(s.content(), s.config().emergency_number).card));
  }
  o.add("disclaimer", disclaimer(s.config().emergency_number));
  fmt::print("{}\n", o.str());
}

// Whether any content directory (the user's, --content) holds a *.toml file that
// load_content would read: without one the built-in content decides alone.
bool has_user_content(Services& s) {
  std::vector<std::filesystem::path> dirs{s.paths().user_content_dir};
  dirs.insert(dirs.end(), s.globals.content_dirs.begin(), s.globals.content_dirs.end());
  for (const auto& dir : dirs) {
    std::error_code ec;
    for (const auto& f : std::filesystem::directory_iterator(dir, ec))
      if (f.path().extension() == ".toml") return true;
  }
  return false;
}

}  // namespace

void run_today(Services& s, bool json) {
  const std::string& number = s.config().emergency_number;
  std::error_code ec;
  // No journal: a welcome, and nothing is created (read-only never creates the file).
  if (!std::filesystem::exists(s.paths().journal, ec)) return print_welcome(json, number);
  const Config& config = s.config();
  const Instant now = s.clock().wall_now();
  const Journal& journal = s.journal(Access::read_only);
  today::Input in = today::gather(journal, now, s.zone(), config.calendar,
                                  [&s]() -> const std::vector<TriageQuestion>& { return s.content().questions; });
  in.report.emergency_number = number;
  today::Today t = today::compute(in, [&s] {
    if (!has_user_content(s)) return today::builtin_flare_care();  // no content to parse
    return today::flare_care(s.content().questions, s.content().advice, s.content().triage);
  });
  if (t.empty) return print_welcome(json, number);
  const WallTime real = std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
  std::optional<TimerStatus> timer = running_timer(s, real);
  json ? print_json(s, t, timer, real) : print_text(s, t, timer, real);
}

void add_today(CLI::App& app, Services& services) {
  auto format = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("today", "Where you stand and what to do next (also: psoas alone)");
  cmd->footer("The latest pain, the last 7 days' trend and any flare, the last triage, today's sessions and the "
              "streak, a running timer, and the routine to do next. See man psoas-today.\n"
              "Examples:\n  psoas\n  psoas today --json");
  add_format(*cmd, *format, {"text", "json"});
  cmd->callback([format, &services] { run_today(services, *format == "json" || services.globals.json); });
}

}  // namespace psoas::cli
