#pragma once
// The red-flag screen: answers to the triage questions -> an outcome (emergency, see a
// clinician, or self-care with a routine), the reasons, the advice, and the wording (its
// texts come from content's [wording]; this module holds none).
// Pure: no printing, no clock. "Not sure" counts as yes for every warning sign.
// It never says the user is fine and never diagnoses.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "psoas/content.hpp"
#include "psoas/journal.hpp"

namespace psoas::triage {

// One answer to one question.
enum class Answer { yes, no, unsure };

// Question id -> answer.
using Answers = std::map<std::string, Answer, std::less<>>;

// The outcome's level, lowest first.
enum class Level { self_care, see_clinician, emergency };

// What the history and pattern answers suggest for self-care.
enum class Fit { unknown, flare_up, tightness, both };

// A question that raised the level, or one worth mentioning.
struct Reason {
  std::string id;
  std::string text;                 // the question, as asked
  Urgency urgency = Urgency::none;  // its effective urgency (after escalation)
  Answer answer = Answer::yes;      // yes or unsure
  std::string escalated_with;       // the question that escalated it, or empty
  std::string advice;               // the question's advice: what to do about it (mentions have one)
};

// What the answers lead to.
struct Outcome {
  Level level = Level::self_care;
  std::vector<Reason> reasons;           // red flags at see-clinician or emergency, highest first
  std::vector<Reason> mentions;          // answered yes, to raise at the next visit
  std::vector<std::string> pattern;      // psoas-pattern questions answered yes
  bool pattern_fits = false;             // enough pattern answers and no fever/infection sign
  bool pattern_overridden = false;       // it would fit, but a fever/infection sign wins
  bool same_day = false;                 // see-clinician reasons that should be seen today
  bool out_of_scope = false;             // a scope question (under 16, pregnant) was yes
  Fit fit = Fit::unknown;
  std::vector<std::string> routines;     // routine ids to start with (self-care only)
  std::vector<Advice> advice;            // the matching advice from content
  std::vector<std::string> withheld;     // advice ids that would match but an answer rules out (not_with)
};

// The wording of a result; every line is shown (text) or emitted (JSON).
struct Wording {
  std::string disclaimer;                // shown at the start and at the end
  std::string headline;                  // what to do, first
  std::vector<std::string> next_steps;   // routines, scope, mentions
  std::string pattern;                   // the pattern statement, or empty
  std::vector<std::string> card;         // the cauda equina warning card
  std::vector<std::string> safety_net;   // not a diagnosis, what to watch, where, how long, don't delay
};

// How many psoas-pattern answers make the pattern statement.
inline constexpr std::size_t pattern_threshold = 2;

// Reads "yes"/"y"/"true", "no"/"n"/"false", "unsure"/"u"/"not sure" (any case);
// nullopt for anything else.
std::optional<Answer> parse_answer(std::string_view text);

// "yes", "no", "unsure".
std::string_view to_string(Answer a);
// "self-care", "see-clinician", "emergency".
std::string_view to_string(Level l);
// "unknown", "flare-up", "tightness", "both".
std::string_view to_string(Fit f);
// "emergency", "see-clinician", "mention", "none".
std::string_view urgency_name(Urgency u);
// "scope", "red-flag", "pattern", "history".
std::string_view group_name(QuestionGroup g);

// The questions in asking order: emergency questions first, the rest in file order.
std::vector<const TriageQuestion*> asking_order(const std::vector<TriageQuestion>& questions);

// True when an answer so far (yes or unsure) makes the outcome an emergency.
bool emergency_reached(const std::vector<TriageQuestion>& questions, const Answers& answers);

// The questions still to ask, in asking order; empty once an emergency is reached.
std::vector<const TriageQuestion*> remaining(const std::vector<TriageQuestion>& questions,
                                             const Answers& answers);

// The ids still missing for a result (the ids of `remaining`), for non-interactive use.
std::vector<std::string> missing_answers(const std::vector<TriageQuestion>& questions,
                                         const Answers& answers);

// Answer ids that name no question, in id order.
std::vector<std::string> unknown_answers(const std::vector<TriageQuestion>& questions,
                                         const Answers& answers);

// The outcome of `answers` (which may be partial only when an emergency is reached).
// `advice` is the content's advice, chosen by its `applies` field; an item whose `not_with`
// names a question answered yes or unsure is left out and listed in `withheld`. `lists` is
// content's [triage]: the routines for each fit, the infection and same-day questions;
// without it no routine is suggested and no question counts as an infection or same-day
// sign (enough for the reasons and mentions alone).
Outcome evaluate(const std::vector<TriageQuestion>& questions, const std::map<std::string, Advice>& advice,
                 const Answers& answers, const TriageLists& lists = {});

// The emergency number with 911 and 999 named beside it:
// "112 (911 in the US and Canada, 999 in the UK)"; for 911 or 999, 112 is named instead.
std::string emergency_numbers(std::string_view number);

// The wording for `outcome` from content's [wording] `texts`, with {number} and {numbers}
// from `emergency_number` (config, default 112) and {routine1}... from outcome.routines.
// Throws DataError when `texts` lacks a key the outcome needs.
Wording wording(const Outcome& outcome, const WordingTexts& texts, std::string_view emergency_number);

// Parses an answers file: a JSON object or a TOML document of id = "yes"|"no"|"unsure"|true|false.
// Throws DataError naming `name` (and the line when known) when it cannot be read.
Answers parse_answers(std::string_view text, std::string_view name);

// The answers given as lists of ids (`--yes`, `--no`, `--unsure`): ids trimmed of spaces and
// tabs, empty ones skipped; an id in two lists with different answers is a UsageError.
Answers answers_from_lists(const std::vector<std::string>& yes, const std::vector<std::string>& no,
                           const std::vector<std::string>& unsure);

// Throws UsageError naming the answers that name no question ("did you mean" for the first).
void reject_unknown(const std::vector<TriageQuestion>& questions, const Answers& answers);

// {"id":"yes",...} in id order.
std::string answers_json(const Answers& answers);

// ["id",...]: the reasons' ids, highest first.
std::string reasons_json(const Outcome& outcome);

// The journal record for a completed triage (without time, id and uuid).
TriageRecord make_record(const Outcome& outcome, const Answers& answers);

}  // namespace psoas::triage
