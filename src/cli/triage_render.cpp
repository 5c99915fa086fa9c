// psoas triage: the question list and the result, as text or JSON.
#include <fmt/format.h>

#include <algorithm>

#include "psoas/json.hpp"
#include "psoas/text.hpp"
#include "triage_cli.hpp"

namespace psoas::cli::triage_cli {
namespace {

using triage::Level;

// Display width of UTF-8 text (one column per code point).
std::size_t columns(std::string_view s) { return psoas::text::display_width(s); }

std::string_view label(Level level) {
  switch (level) {
    case Level::emergency: return "EMERGENCY";
    case Level::see_clinician: return "SEE A CLINICIAN";
    case Level::self_care: break;
  }
  return "SELF-CARE";
}

std::string_view answered(triage::Answer a) { return a == triage::Answer::unsure ? "not sure" : "yes"; }

std::string reason_line(const triage::Reason& r) {
  std::string line = fmt::format("{} (you answered {}", r.text, answered(r.answer));
  if (!r.escalated_with.empty()) line += fmt::format("; together with '{}'", r.escalated_with);
  return line + ")";
}

std::string reason_json(const triage::Reason& r) {
  json::Object o;
  o.add("id", r.id).add("text", r.text).add("urgency", triage::urgency_name(r.urgency));
  o.add("answer", triage::to_string(r.answer));
  if (!r.escalated_with.empty()) o.add("escalated_with", r.escalated_with);
  if (!r.advice.empty()) o.add("advice", r.advice);
  return o.str();
}

template <typename T, typename F>
std::string json_array_of(const std::vector<T>& items, F&& f) {
  std::vector<std::string> out;
  for (const auto& i : items) out.push_back(f(i));
  return json::array_raw(out);
}

void print_reasons(std::string_view title, const std::vector<triage::Reason>& reasons, bool with_level) {
  if (reasons.empty()) return;
  fmt::print("\n{}\n", title);
  for (const auto& r : reasons) {
    std::string head = with_level ? fmt::format("  - [{}] ", triage::urgency_name(r.urgency)) : "  - ";
    fmt::print("{}\n", wrap(reason_line(r), head, "    "));
    if (!r.advice.empty()) fmt::print("{}\n", wrap(fmt::format("What to do: {}", r.advice), "    ", "    "));
  }
}

void print_routines(const Result& r) {
  if (r.outcome.routines.empty()) return;
  fmt::print("\nRoutines to start with:\n");
  for (const auto& id : r.outcome.routines) {
    auto it = r.content.routines.find(id);
    std::string name = it != r.content.routines.end() ? it->second.name : id;
    fmt::print("{}\n", wrap(fmt::format("{}: psoas routine run {}", name, id), "  - ", "    "));
  }
}

bool applies_to(const Advice& a, std::string_view tag) {
  return std::find(a.applies.begin(), a.applies.end(), tag) != a.applies.end();
}

// Cold and heat in full, the professional options by their first paragraph, the rest as
// `psoas advice ID` lines (--json has it all).
void print_advice(const Result& r) {
  if (r.outcome.advice.empty()) return;
  const bool clinician = r.outcome.level == Level::see_clinician;
  const std::string_view heading = !clinician                  ? "Advice:"
                                   : r.outcome.withheld.empty() ? "What a clinician may offer:"
                                                                : "What to expect:";
  std::vector<const Advice*> more;
  bool heading_shown = false;
  for (const auto& a : r.outcome.advice) {
    const bool full = a.id == "cold" || a.id == "heat";
    if (!full && !(clinician && applies_to(a, "see-clinician"))) {
      more.push_back(&a);
      continue;
    }
    if (!heading_shown) fmt::print("\n{}\n", heading);
    heading_shown = true;
    fmt::print("  {}\n", a.title);
    for (std::size_t i = 0; i < a.body.size() && (full || i < 1); ++i) {
      fmt::print("{}\n", wrap(a.body[i], "    ", "    "));
    }
  }
  if (more.empty()) return;
  fmt::print("\nMore advice:\n");
  for (const Advice* a : more) {
    fmt::print("{}\n", wrap(fmt::format("{}: psoas advice {}", a->title, a->id), "  - ", "    "));
  }
}

void print_card(const Result& r, const Terminal& term) {
  const auto& card = r.wording.card;
  if (card.empty()) return;
  std::string rule(60, '-');
  fmt::print("\n{}\n", rule);
  fmt::print("{}\n", fmt::styled(wrap(card[0], "! ", "  "), term.style(fmt::emphasis::bold)));
  for (std::size_t i = 1; i < card.size(); ++i) fmt::print("{}\n", wrap(card[i], "  - ", "    "));
  fmt::print("{}\n", rule);
}

}  // namespace

std::string wrap(std::string_view text, std::string_view first, std::string_view indent, std::size_t width) {
  return psoas::text::wrap(text, first, indent, width);
}

void print_list(const std::vector<TriageQuestion>& questions, const Options& options) {
  auto order = triage::asking_order(questions);
  if (options.ids) {
    for (const auto* q : order) fmt::print("{}\n", q->id);
    return;
  }
  if (options.json) {
    fmt::print("{}\n", json_array_of(order, [](const TriageQuestion* q) {
                 json::Object o;
                 o.add("id", q->id).add("group", triage::group_name(q->group));
                 o.add("urgency", triage::urgency_name(q->urgency)).add("text", q->text).add("help", q->help);
                 if (q->escalate) {
                   json::Object e;
                   e.add_raw("with", json::array(q->escalate->with));
                   e.add("urgency", triage::urgency_name(q->escalate->urgency));
                   o.add_raw("escalate", e.str());
                 }
                 if (!q->suggests.empty()) o.add("suggests", q->suggests);
                 if (!q->advice.empty()) o.add("advice", q->advice);
                 o.add("source", q->source);
                 return o.str();
               }));
    return;
  }
  std::size_t id_width = 0;
  for (const auto* q : order) id_width = std::max(id_width, q->id.size());
  fmt::print("{:<{}}  {:<8}  {:<13}  {}\n", "ID", id_width, "GROUP", "URGENCY", "QUESTION");
  for (const auto* q : order) {
    std::string head = fmt::format("{:<{}}  {:<8}  {:<13}  ", q->id, id_width, triage::group_name(q->group),
                                   triage::urgency_name(q->urgency));
    fmt::print("{}\n", wrap(q->text, head, std::string(columns(head), ' '), std::max<std::size_t>(columns(head) + 40, 100)));
  }
}

void print_text(const Result& r, const Terminal& term, bool disclaimer_shown) {
  const auto& w = r.wording;
  if (!disclaimer_shown) fmt::print("{}\n\n", wrap(w.disclaimer, "", ""));
  auto colour = r.outcome.level == Level::emergency       ? fmt::terminal_color::red
                : r.outcome.level == Level::see_clinician ? fmt::terminal_color::yellow
                                                          : fmt::terminal_color::green;
  fmt::print("{}\n", fmt::styled(fmt::format("Result: {}", label(r.outcome.level)),
                                 term.style(fmt::emphasis::bold | fmt::fg(colour))));
  fmt::print("{}\n", wrap(w.headline, "", ""));
  for (const auto& s : w.next_steps) fmt::print("{}\n", wrap(s, "  - ", "    "));
  print_reasons("Why:", r.outcome.reasons, true);
  print_reasons("Mention at your next visit:", r.outcome.mentions, false);
  if (!w.pattern.empty()) fmt::print("\n{}\n", wrap(w.pattern, "", ""));
  print_routines(r);
  print_advice(r);
  print_card(r, term);
  fmt::print("\n");
  for (const auto& s : w.safety_net) fmt::print("{}\n", wrap(s, "", ""));
  if (!r.stored) fmt::print("\n(This result was not stored in the journal.)\n");
  fmt::print("\n{}\n", wrap(w.disclaimer, "", ""));
}

void print_json(const Result& r) {
  const auto& o = r.outcome;
  const auto& w = r.wording;
  json::Object pattern;
  pattern.add_raw("matches", json::array(o.pattern)).add("fits", o.pattern_fits);
  pattern.add("overridden", o.pattern_overridden).add("statement", w.pattern);
  json::Object out;
  out.add("disclaimer", w.disclaimer);
  out.add("outcome", triage::to_string(o.level)).add("exit_status", r.exit_status);
  out.add("headline", w.headline).add_raw("next_steps", json::array(w.next_steps));
  out.add_raw("reasons", json_array_of(o.reasons, reason_json));
  out.add_raw("mentions", json_array_of(o.mentions, reason_json));
  out.add_raw("pattern", pattern.str());
  out.add("fit", triage::to_string(o.fit)).add_raw("routines", json::array(o.routines));
  out.add_raw("advice", json_array_of(o.advice, [](const Advice& a) {
                json::Object j;
                j.add("id", a.id).add("title", a.title).add_raw("applies", json::array(a.applies));
                j.add_raw("not_with", json::array(a.not_with));
                return j.add_raw("body", json::array(a.body)).str();
              }));
  out.add_raw("withheld", json::array(o.withheld));
  out.add_raw("card", json::array(w.card)).add_raw("safety_net", json::array(w.safety_net));
  out.add("emergency_number", r.emergency_number);
  out.add_raw("answers", triage::answers_json(r.answers)).add("stored", r.stored);
  fmt::print("{}\n", out.str());
}

}  // namespace psoas::cli::triage_cli
