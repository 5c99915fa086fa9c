// The report as Markdown (CommonMark with pipe tables), e.g. to paste into notes or an email.
#include <fmt/format.h>

#include "report_render.hpp"

namespace psoas::report::detail {

namespace {

// Escapes what would start markup inside a table cell or a line of text.
std::string md(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '|' || c == '*' || c == '_' || c == '`' || c == '[' || c == ']' || c == '<' || c == '>' || c == '\\' ||
        c == '#')
      out += '\\';
    out += c == '\n' ? ' ' : c;
  }
  return out;
}

// The day-by-day table.
std::string days_markdown(const Report& r) {
  std::string out;
  auto add = [&out](std::string_view s) { (out += s) += '\n'; };
  add("## Day by day\n");
  add("| day | date | entries | mean pain | lowest | highest | sessions | minutes |");
  add("|---|---|--:|--:|--:|--:|--:|--:|");
  for (const Day& d : r.days) {
    if (d.to_come) {
      add(fmt::format("| {} | {} | to come | | | | | |", weekday_name(d.date), date_label(d.date)));
      continue;
    }
    add(fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} |", weekday_name(d.date), date_label(d.date), d.entries,
                    num1(d.mean), d.min ? fmt::format("{}", *d.min) : "-", d.max ? fmt::format("{}", *d.max) : "-",
                    d.sessions, minutes(d.session_time)));
  }
  add("");
  return out;
}

// Adherence, each routine with its rated sessions, the next-day comparison and desk breaks.
std::string sessions_markdown(const Report& r) {
  std::string out;
  auto add = [&out](std::string_view s) { (out += s) += '\n'; };
  add("## Self-care sessions\n");
  if (r.adherence)
    add(fmt::format("Days with a session: {} of {} ({}). Current streak: {}.\n", r.days_with_session, r.days_judged,
                    percent(*r.adherence), streak_text(r)));
  if (r.routines.empty()) add("No routine or timer sessions in this range.\n");
  else {
    add("| routine | kind | sessions | completed | minutes | pain before and after (rated sessions) |");
    add("|---|---|--:|--:|--:|---|");
    for (const RoutineSummary& s : r.routines)
      add(fmt::format("| {} | {} | {} | {} | {} | {} |", md(s.routine), s.kind, s.sessions, s.completed,
                      minutes(s.time), md(rated_text(s))));
    add("");
  }
  add(md(next_day_text(r)) + "\n");
  add(md(effects_note()) + "\n");
  if (r.breaks_done + r.breaks_skipped + r.breaks_snoozed + r.breaks_missed + r.breaks_idle > 0)
    add(fmt::format("Desk breaks: {} done, {} skipped, {} snoozed{}.\n", r.breaks_done, r.breaks_skipped, r.breaks_snoozed, break_extras(r)));
  return out;
}

}  // namespace

std::string render_markdown(const Report& r, const RenderOptions& o) {
  std::string out = fmt::format("# psoas report: {}\n\n", range_label(r));
  auto add = [&out](std::string_view s) { (out += s) += '\n'; };
  if (!o.generated.empty()) add(fmt::format("Made {}.\n", o.generated));

  if (!r.warnings.empty()) {
    add("## Warnings\n");
    for (Warning w : r.warnings) add("- **" + md(warning_text(w, r)) + "**");
    for (const RedFlag& f : r.red_flags) {
      add(fmt::format("- triage on {}: {}{}", date_label(f.day), f.outcome,
                      f.reasons.empty() ? "" : " (" + md(fmt::format("{}", fmt::join(f.reasons, ", "))) + ")"));
    }
    add("");
  }

  if (!r.mentions.empty()) {
    add("## " + md(mention_heading(r)) + "\n");
    for (const Mention& m : r.mentions) add("- " + md(mention_text(m)));
    add("");
  }

  add("## Pain\n");
  if (r.entries == 0) add("No entries in this range.\n");
  else
    add(fmt::format("Mean {} (lowest {}, highest {}) from {} on {} of {}.\n", num1(r.mean), *r.min, *r.max,
                    plural(r.entries, "entry", "entries"), r.days_with_entries,
                    plural(static_cast<int>(r.days.size()), "day", "days")));
  add(md(trend_sentence(r)) + "\n");
  if (r.peg) add(md(peg_text(*r.peg)) + ".\n");

  if (std::string c = calendar_markdown(r); !c.empty()) add("## Calendar\n\n" + c);

  out += days_markdown(r);
  out += sessions_markdown(r);

  if (!r.triggers.empty() || !r.helpers.empty()) {
    add(fmt::format("## Triggers and helpers (seen on {} days or more)\n", min_factor_days));
    for (const Factor& f : r.triggers) add(fmt::format("- trigger **{}**: {}.", md(f.name), factor_text(f)));
    for (const Factor& f : r.helpers) add(fmt::format("- helped **{}**: {}.", md(f.name), factor_text(f)));
    add("\nThese show what went together, not what caused what.\n");
  }
  if (!r.locations.empty()) {
    add("## Pain by place\n");
    for (const LocationSummary& l : r.locations) add(fmt::format("- {}: {}.", md(l.name), location_text(l)));
    add("");
  }

  auto card = cauda_equina_card(r.emergency_number);
  add("## Emergency signs\n");
  add(fmt::format("> **{}**", md(card.front())));
  add(">");
  for (std::size_t i = 1; i + 1 < card.size(); ++i) add(fmt::format("> - {}", md(card[i])));
  add(">");
  add(fmt::format("> {}\n", md(card.back())));
  add(fmt::format("{}\n", md(safety_net())));
  // (fmt, not "literal" + string: GCC 12 -O2 gives a false -Wstringop-overflow on that.)
  add(fmt::format("*{}*", md(disclaimer())));
  return out;
}

}  // namespace psoas::report::detail
