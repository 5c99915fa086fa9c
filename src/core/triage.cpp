// The red-flag screen: answers -> outcome (the wording is in triage_wording.cpp; the routine
// and question ids it decides with are content's [triage] lists).
#include "psoas/triage.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <tuple>

namespace psoas::triage {
namespace {

// The ids content's [triage] lists under `key`; none when it has no such list.
const std::vector<std::string>& listed(const TriageLists& lists, std::string_view key) {
  static const std::vector<std::string> none;
  auto it = lists.find(key);
  return it == lists.end() ? none : it->second;
}

// Whether [triage]'s list `key` names `id`: "infection" (questions that mean a fever or
// infection, which win over a muscle pattern) or "same-day" (see a clinician today).
bool listed_in(const TriageLists& lists, std::string_view key, std::string_view id) {
  const auto& ids = listed(lists, key);
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

// Yes and unsure both count as yes.
bool counts_as_yes(const Answers& answers, std::string_view id) {
  auto it = answers.find(id);
  return it != answers.end() && it->second != Answer::no;
}

bool is_plain_yes(const Answers& answers, std::string_view id) {
  auto it = answers.find(id);
  return it != answers.end() && it->second == Answer::yes;
}

// The question's urgency given all answers (none when not answered yes); `with` names the
// question that escalated it.
Urgency effective_urgency(const TriageQuestion& q, const Answers& answers, std::string* with = nullptr) {
  if (!counts_as_yes(answers, q.id)) return Urgency::none;
  Urgency u = q.urgency;
  if (q.escalate && q.escalate->urgency > u) {
    for (const auto& other : q.escalate->with) {
      if (counts_as_yes(answers, other)) {
        if (with) *with = other;
        return q.escalate->urgency;
      }
    }
  }
  return u;
}

Reason make_reason(const TriageQuestion& q, const Answers& answers) {
  Reason r;
  r.id = q.id;
  r.text = q.text;
  r.urgency = effective_urgency(q, answers, &r.escalated_with);
  r.answer = answers.find(q.id)->second;
  r.advice = q.advice;
  return r;
}

Fit fit_of(bool flare, bool tight) {
  if (flare && tight) return Fit::both;
  if (flare) return Fit::flare_up;
  if (tight) return Fit::tightness;
  return Fit::unknown;
}

// History answers decide; without them, the pattern answers that lean one way.
Fit choose_fit(const std::vector<TriageQuestion>& questions, const Answers& answers) {
  bool history_flare = false, history_tight = false;
  int pattern_flare = 0, pattern_tight = 0;
  for (const auto& q : questions) {
    if (q.suggests.empty() || !is_plain_yes(answers, q.id)) continue;
    const bool flare = q.suggests == "flare-up";
    if (q.group == QuestionGroup::history) {
      (flare ? history_flare : history_tight) = true;
    } else {
      ++(flare ? pattern_flare : pattern_tight);
    }
  }
  if (history_flare || history_tight) return fit_of(history_flare, history_tight);
  if (pattern_flare == pattern_tight) return fit_of(pattern_flare > 0, pattern_tight > 0);
  return pattern_flare > pattern_tight ? Fit::flare_up : Fit::tightness;
}

// The routines self-care suggests for `fit`: [triage]'s list named after it.
std::vector<std::string> routines_for(Fit fit, const TriageLists& lists) { return listed(lists, to_string(fit)); }

// An advice item is ruled out when a question its `not_with` names counts as yes.
bool ruled_out(const Advice& a, const Answers& answers) {
  return std::any_of(a.not_with.begin(), a.not_with.end(), [&](const auto& id) { return counts_as_yes(answers, id); });
}

// The advice whose `applies` names one of `tags`, in the order of the tags; `extra_ids`
// (heat, cold) are added when present even if their `applies` says otherwise. Items that the
// answers rule out go to `o.withheld` instead.
void pick_advice(Outcome& o, const std::map<std::string, Advice>& advice, const Answers& answers,
                 const std::vector<std::string>& tags, const std::vector<std::string>& extra_ids) {
  std::set<std::string> taken;
  auto take = [&](const Advice& a) {
    if (!taken.insert(a.id).second) return;
    if (ruled_out(a, answers)) {
      o.withheld.push_back(a.id);
    } else {
      o.advice.push_back(a);
    }
  };
  for (const auto& id : extra_ids) {
    if (auto it = advice.find(id); it != advice.end()) take(it->second);
  }
  // In the order the content files give them, not by id.
  std::vector<const Advice*> ordered;
  for (const auto& [id, a] : advice) ordered.push_back(&a);
  std::stable_sort(ordered.begin(), ordered.end(), [](const Advice* a, const Advice* b) {
    return std::tie(a->pos.file, a->pos.line) < std::tie(b->pos.file, b->pos.line);
  });
  for (const auto& tag : tags) {
    for (const Advice* a : ordered) {
      if (std::find(a->applies.begin(), a->applies.end(), tag) != a->applies.end()) take(*a);
    }
  }
}

void choose_advice(Outcome& o, const std::map<std::string, Advice>& advice, const Answers& answers) {
  switch (o.level) {
    case Level::emergency: return;
    case Level::see_clinician:
      pick_advice(o, advice, answers, {"see-clinician", "always"}, {});
      return;
    case Level::self_care: break;
  }
  std::vector<std::string> tags, ids;
  if (o.fit == Fit::flare_up || o.fit == Fit::both) {
    tags.push_back("flare-up");
    ids.push_back("cold");
  }
  if (o.fit == Fit::tightness || o.fit == Fit::both) {
    tags.push_back("tightness");
    ids.push_back("heat");
  }
  tags.push_back("always");
  pick_advice(o, advice, answers, tags, ids);
}

}  // namespace

std::optional<Answer> parse_answer(std::string_view text) {
  // Lower case, trimmed, inner runs of spaces collapsed to one.
  std::string s;
  bool space = false;
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !s.empty();
      continue;
    }
    if (space) s += ' ';
    space = false;
    s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (s == "y" || s == "yes" || s == "true") return Answer::yes;
  if (s == "n" || s == "no" || s == "false") return Answer::no;
  if (s == "u" || s == "unsure" || s == "not sure" || s == "dont know" || s == "don't know") {
    return Answer::unsure;
  }
  return std::nullopt;
}

std::string_view to_string(Answer a) {
  switch (a) {
    case Answer::yes: return "yes";
    case Answer::no: return "no";
    case Answer::unsure: return "unsure";
  }
  return "unsure";
}

std::string_view to_string(Level l) {
  switch (l) {
    case Level::self_care: return "self-care";
    case Level::see_clinician: return "see-clinician";
    case Level::emergency: return "emergency";
  }
  return "emergency";
}

std::string_view to_string(Fit f) {
  switch (f) {
    case Fit::unknown: return "unknown";
    case Fit::flare_up: return "flare-up";
    case Fit::tightness: return "tightness";
    case Fit::both: return "both";
  }
  return "unknown";
}

std::string_view urgency_name(Urgency u) {
  switch (u) {
    case Urgency::none: return "none";
    case Urgency::mention: return "mention";
    case Urgency::see_clinician: return "see-clinician";
    case Urgency::emergency: return "emergency";
  }
  return "none";
}

std::string_view group_name(QuestionGroup g) {
  switch (g) {
    case QuestionGroup::scope: return "scope";
    case QuestionGroup::red_flag: return "red-flag";
    case QuestionGroup::pattern: return "pattern";
    case QuestionGroup::history: return "history";
  }
  return "red-flag";
}

std::vector<const TriageQuestion*> asking_order(const std::vector<TriageQuestion>& questions) {
  std::vector<const TriageQuestion*> order;
  for (const auto& q : questions) {
    if (q.urgency == Urgency::emergency) order.push_back(&q);
  }
  for (const auto& q : questions) {
    if (q.urgency != Urgency::emergency) order.push_back(&q);
  }
  return order;
}

bool emergency_reached(const std::vector<TriageQuestion>& questions, const Answers& answers) {
  return std::any_of(questions.begin(), questions.end(),
                     [&](const auto& q) { return effective_urgency(q, answers) == Urgency::emergency; });
}

std::vector<const TriageQuestion*> remaining(const std::vector<TriageQuestion>& questions, const Answers& answers) {
  if (emergency_reached(questions, answers)) return {};
  std::vector<const TriageQuestion*> left;
  for (const auto* q : asking_order(questions)) {
    if (!answers.contains(q->id)) left.push_back(q);
  }
  return left;
}

std::vector<std::string> missing_answers(const std::vector<TriageQuestion>& questions, const Answers& answers) {
  std::vector<std::string> ids;
  for (const auto* q : remaining(questions, answers)) ids.push_back(q->id);
  return ids;
}

std::vector<std::string> unknown_answers(const std::vector<TriageQuestion>& questions, const Answers& answers) {
  std::vector<std::string> ids;
  for (const auto& entry : answers) {
    const std::string& id = entry.first;  // (a structured binding can't be captured in C++20)
    if (std::none_of(questions.begin(), questions.end(), [&](const auto& q) { return q.id == id; })) {
      ids.push_back(id);
    }
  }
  return ids;
}

Outcome evaluate(const std::vector<TriageQuestion>& questions, const std::map<std::string, Advice>& advice,
                 const Answers& answers, const TriageLists& lists) {
  Outcome o;
  Urgency highest = Urgency::none;
  bool infection = false;
  for (const auto* q : asking_order(questions)) {
    if (!counts_as_yes(answers, q->id)) continue;
    Reason r = make_reason(*q, answers);
    highest = std::max(highest, r.urgency);
    if (listed_in(lists, "infection", q->id)) infection = true;
    if (q->group == QuestionGroup::scope) o.out_of_scope = true;
    if (r.urgency == Urgency::see_clinician && listed_in(lists, "same-day", q->id)) o.same_day = true;
    if (q->group == QuestionGroup::pattern && is_plain_yes(answers, q->id)) o.pattern.push_back(q->id);
    if (r.urgency >= Urgency::see_clinician) {
      o.reasons.push_back(std::move(r));
    } else if (r.urgency == Urgency::mention) {
      o.mentions.push_back(std::move(r));
    }
  }
  std::stable_sort(o.reasons.begin(), o.reasons.end(),
                   [](const Reason& a, const Reason& b) { return a.urgency > b.urgency; });
  o.level = highest == Urgency::emergency       ? Level::emergency
            : highest == Urgency::see_clinician ? Level::see_clinician
                                                : Level::self_care;
  const bool enough = o.pattern.size() >= pattern_threshold;
  o.pattern_fits = enough && !infection;
  o.pattern_overridden = enough && infection;
  o.fit = choose_fit(questions, answers);
  if (o.level == Level::self_care) o.routines = routines_for(o.fit, lists);
  choose_advice(o, advice, answers);
  return o;
}

std::string emergency_numbers(std::string_view number) {
  std::vector<std::string> others;
  if (number != "911") others.emplace_back("911 in the US and Canada");
  if (number != "999") others.emplace_back("999 in the UK");
  if (others.size() < 2) others.emplace_back("112 across Europe");
  return fmt::format("{} ({})", number, fmt::join(others, ", "));
}

TriageRecord make_record(const Outcome& o, const Answers& answers) {
  TriageRecord r;
  r.outcome = std::string(to_string(o.level));
  r.answers_json = answers_json(answers);
  r.reasons_json = reasons_json(o);
  for (const auto& id : o.routines) r.routine += (r.routine.empty() ? "" : ",") + id;
  return r;
}

}  // namespace psoas::triage
