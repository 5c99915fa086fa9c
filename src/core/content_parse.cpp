// Parsing and validating one content document (the format is described in content.hpp):
// its items, ids and references. Each table's fields are read by content_fields.cpp.
#include "content_parse.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "content_fields.hpp"

namespace psoas::detail {
namespace {

constexpr ExerciseKind all_kinds[] = {ExerciseKind::stretch, ExerciseKind::strength,
                                      ExerciseKind::massage, ExerciseKind::habit};
constexpr Urgency all_urgencies[] = {Urgency::emergency, Urgency::see_clinician, Urgency::mention,
                                     Urgency::none};
constexpr QuestionGroup all_groups[] = {QuestionGroup::scope, QuestionGroup::red_flag,
                                        QuestionGroup::pattern, QuestionGroup::history};
constexpr std::string_view all_applies[] = {"flare-up", "tightness", "see-clinician", "always"};
constexpr std::string_view all_suggests[] = {"flare-up", "tightness"};
constexpr std::string_view stop_caution_example =
    "Stop if you feel numbness, tingling or pain shooting down a leg, or pain that is sharp "
    "or builds.";

// Parses the tables of one document, remembering ids to catch duplicates.
class Parser {
 public:
  explicit Parser(Document& doc) : m_doc(doc) {}

  void exercise(const toml::table& table) {
    Fields f(m_doc, table, "exercise",
             {"id", "name", "kind", "summary", "cues", "cautions", "hold", "per_side", "reps",
              "sets", "tempo", "rest", "source"});
    Exercise e;
    e.pos = f.pos();
    e.id = item_id(f, "exercise");
    e.name = f.text("name", Need::required).value_or("");
    e.kind = f.choice("kind", all_kinds, Need::required).value_or(ExerciseKind::stretch);
    e.summary = f.text("summary", Need::optional).value_or("");
    e.cues = f.texts("cues", Need::required);
    e.cautions = f.texts("cautions", Need::optional);
    e.dosage.hold = f.duration("hold");
    e.dosage.per_side = f.flag("per_side").value_or(false);
    e.dosage.reps = f.count("reps");
    e.dosage.sets = f.count("sets").value_or(1);
    e.dosage.tempo = f.duration("tempo");
    e.dosage.rest = f.duration("rest");
    e.source = f.text("source", Need::optional).value_or("");
    stop_caution(f, e);
    m_doc.exercises.push_back(std::move(e));
  }

  void routine(const toml::table& table) {
    Fields f(m_doc, table, "routine", {"id", "name", "summary", "rest", "cautions", "step"});
    Routine r;
    r.pos = f.pos();
    r.id = item_id(f, "routine");
    r.name = f.text("name", Need::required).value_or("");
    r.summary = f.text("summary", Need::optional).value_or("");
    r.rest = f.duration("rest");
    r.cautions = f.texts("cautions", Need::optional);
    const toml::node* steps = f.get("step");
    if (!steps) {
      f.missing("step");
    } else if (const auto* array = steps->as_array(); array && !array->empty()) {
      for (const toml::node& s : *array) {
        if (const auto* t = s.as_table()) {
          r.steps.push_back(step(*t, r.id, static_cast<int>(r.steps.size()) + 1));
        } else {
          f.issue(s.source(), "each step must be a table: write [[routine.step]]");
        }
      }
    } else {
      f.issue(steps->source(),
              "'step' must be a non-empty array of tables: write [[routine.step]]");
    }
    m_doc.routines.push_back(std::move(r));
  }

  void advice(const toml::table& table) {
    Fields f(m_doc, table, "advice", {"id", "title", "applies", "not_with", "body", "source"});
    Advice a;
    a.pos = f.pos();
    a.id = item_id(f, "advice");
    a.title = f.text("title", Need::required).value_or("");
    a.applies = f.choices("applies", all_applies);
    a.not_with = f.texts("not_with", Need::optional);
    question_references(f, "not_with", fmt::format("advice '{}' not_with", a.id));
    a.body = f.texts("body", Need::required);
    a.source = f.text("source", Need::optional).value_or("");
    m_doc.advice.push_back(std::move(a));
  }

  void question(const toml::table& table) {
    Fields f(
        m_doc, table, "question",
        {"id", "text", "help", "group", "urgency", "escalate", "suggests", "advice", "source"});
    TriageQuestion q;
    q.pos = f.pos();
    q.id = item_id(f, "question");
    q.text = f.text("text", Need::required).value_or("");
    q.help = f.text("help", Need::optional).value_or("");
    q.group = f.choice("group", all_groups, Need::optional).value_or(QuestionGroup::red_flag);
    q.urgency = f.choice("urgency", all_urgencies, Need::optional).value_or(Urgency::none);
    if (const toml::node* e = f.get("escalate")) {
      if (const auto* t = e->as_table()) {
        q.escalate = escalation(*t, q.id);
      } else {
        f.issue(
            e->source(),
            R"('escalate' must be a table: escalate = { with = ["id"], urgency = "emergency" })");
      }
    }
    q.suggests = f.choice("suggests", all_suggests, Need::optional).value_or("");
    // A mention changes no outcome, so what to do about it must come with it.
    const Need advice = q.urgency == Urgency::mention ? Need::required : Need::optional;
    if (advice == Need::required && !f.get("advice")) {
      f.issue(table.source(),
              fmt::format("question '{}' has urgency 'mention' but no 'advice': say what to do "
                          "about it",
                          q.id));
    } else {
      q.advice = f.text("advice", advice).value_or("");
    }
    q.source = f.text("source", Need::optional).value_or("");
    m_doc.questions.push_back(std::move(q));
  }

 private:
  // Warns about a stretch or strength exercise that does not say when to stop, at its
  // cautions (or at its kind when it has none).
  void stop_caution(const Fields& f, const Exercise& e) {
    if (!needs_stop_caution(e.kind) || has_stop_caution(e.cautions)) return;
    m_doc.warnings.push_back(
        {f.pos(f.get("cautions") ? "cautions" : "kind"),
         fmt::format("{} exercise '{}' has no caution to stop on numbness or tingling; add one "
                     "such as \"{}\"",
                     to_string(e.kind), e.id, stop_caution_example),
         Severity::warning});
  }

  Step step(const toml::table& table, const std::string& routine_id, int number) {
    std::string where = fmt::format("routine '{}' step {}", routine_id, number);
    Fields f(m_doc, table, "routine step",
             {"exercise", "hold", "per_side", "reps", "sets", "tempo", "rest", "note"});
    f.rename(where);
    Step s;
    s.pos = f.pos("exercise");
    s.exercise = f.text("exercise", Need::required).value_or("");
    if (!s.exercise.empty())
      m_doc.references.push_back({Reference::Kind::exercise, s.exercise, where, s.pos});
    s.hold = f.duration("hold");
    s.per_side = f.flag("per_side");
    s.reps = f.count("reps");
    s.sets = f.count("sets");
    s.tempo = f.duration("tempo");
    s.rest = f.duration("rest");
    s.note = f.text("note", Need::optional).value_or("");
    return s;
  }

  Escalation escalation(const toml::table& table, const std::string& question_id) {
    Fields f(m_doc, table, "escalate", {"with", "urgency"});
    f.rename(fmt::format("escalate of question '{}'", question_id));
    Escalation e;
    e.with = f.texts("with", Need::required);
    question_references(f, "with", fmt::format("question '{}' escalate.with", question_id));
    e.urgency = f.choice("urgency", all_urgencies, Need::required).value_or(Urgency::none);
    return e;
  }

  // Each string of the array `key` names a question, checked once all content is known.
  void question_references(const Fields& f, std::string_view key, const std::string& from) {
    const toml::node* n = f.get(key);
    const auto* array = n ? n->as_array() : nullptr;
    if (!array) return;
    for (const toml::node& item : *array) {
      if (const auto* s = item.as_string()) {
        m_doc.references.push_back(
            {Reference::Kind::question, s->get(), from, position(m_doc.name, item.source())});
      }
    }
  }

  // Reads and checks the id, and reports a second use of it in this document.
  std::string item_id(Fields& f, std::string_view kind) {
    std::string id = f.id();
    if (id.empty()) return id;
    f.rename(fmt::format("{} '{}'", kind, id));
    auto [it, fresh] = m_seen.try_emplace(fmt::format("{}:{}", kind, id), f.pos("id").line);
    if (!fresh) {
      f.issue(f.get("id")->source(),
              fmt::format("duplicate {} id '{}' (first at line {})", kind, id, it->second));
    }
    return id;
  }

  Document& m_doc;
  std::map<std::string, int> m_seen;
};

// Calls `parse` for each table of the top-level array `key`.
template <class Parse>
void each_table(Document& doc, const toml::key& key, const toml::node& node, Parse parse) {
  const auto* array = node.as_array();
  if (!array) {
    doc.issues.push_back(
        {position(doc.name, key.source()),
         fmt::format("'{0}' must be an array of tables: write [[{0}]]", key.str())});
    return;
  }
  for (const toml::node& item : *array) {
    if (const auto* table = item.as_table()) {
      parse(*table);
    } else {
      doc.issues.push_back(
          {position(doc.name, item.source()),
           fmt::format("'{0}' must be an array of tables: write [[{0}]]", key.str())});
    }
  }
}

}  // namespace

Document parse_document(const ContentSource& source) {
  Document doc;
  doc.name = source.name;
  toml::table root;
  try {
    root = toml::parse(source.text, std::string_view(source.name));
  } catch (const toml::parse_error& e) {
    doc.issues.push_back({position(doc.name, e.source()), std::string(e.description())});
    return doc;
  }
  Parser parser(doc);
  const std::vector<std::string> top{"exercise", "routine", "advice", "question", "wording", "triage"};
  for (auto&& [key, node] : root) {
    if (key == "exercise") {
      each_table(doc, key, node, [&](const toml::table& t) { parser.exercise(t); });
    } else if (key == "routine") {
      each_table(doc, key, node, [&](const toml::table& t) { parser.routine(t); });
    } else if (key == "advice") {
      each_table(doc, key, node, [&](const toml::table& t) { parser.advice(t); });
    } else if (key == "question") {
      each_table(doc, key, node, [&](const toml::table& t) { parser.question(t); });
    } else if (key == "wording") {
      parse_wording(doc, key, node);
    } else if (key == "triage") {
      parse_triage_lists(doc, key, node);
    } else {
      doc.issues.push_back(
          {position(doc.name, key.source()),
           fmt::format("unknown table '{}': expected [[exercise]], [[routine]], [[advice]], "
                       "[[question]], [wording] or [triage]{}",
                       key.str(), did_you_mean(key.str(), top))});
    }
  }
  sort_issues(doc.issues);
  sort_issues(doc.warnings);
  return doc;
}

void KnownIds::add(const Document& doc) {
  for (const auto& e : doc.exercises) exercises.insert(e.id);
  for (const auto& q : doc.questions) questions.insert(q.id);
  for (const auto& r : doc.routines) routines.insert(r.id);
}

void KnownIds::add(const Content& content) {
  for (const auto& [id, e] : content.exercises) exercises.insert(id);
  for (const auto& q : content.questions) questions.insert(q.id);
  for (const auto& [id, r] : content.routines) routines.insert(id);
}

std::vector<ContentIssue> check_references(const Document& doc, const KnownIds& known) {
  std::vector<ContentIssue> issues;
  for (const auto& ref : doc.references) {
    const auto& ids = ref.kind == Reference::Kind::exercise   ? known.exercises
                      : ref.kind == Reference::Kind::question ? known.questions
                                                              : known.routines;
    if (ids.count(ref.id)) continue;
    const std::string_view kind = ref.kind == Reference::Kind::exercise   ? "exercise"
                                  : ref.kind == Reference::Kind::question ? "question"
                                                                          : "routine";
    issues.push_back({ref.pos, fmt::format("{} names unknown {} '{}'{}", ref.from, kind, ref.id,
                                           did_you_mean(ref.id, ids))});
  }
  return issues;
}

void sort_issues(std::vector<ContentIssue>& issues) {
  std::stable_sort(issues.begin(), issues.end(), [](const ContentIssue& a, const ContentIssue& b) {
    return std::tie(a.pos.line, a.pos.column) < std::tie(b.pos.line, b.pos.column);
  });
}

}  // namespace psoas::detail
