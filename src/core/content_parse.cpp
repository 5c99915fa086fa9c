// Parsing and validating one content document (the format is described in content.hpp).
#include "content_parse.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <iterator>
#include <map>
#include <tuple>
#include <type_traits>

#include "psoas/when.hpp"

namespace psoas::detail {
namespace {

using std::chrono::seconds;

enum class Need { optional, required };

constexpr std::int64_t max_seconds = 24 * 60 * 60;
constexpr std::int64_t max_count = 999;
constexpr std::string_view duration_help =
    R"(a duration such as "45s", "2m", "1h30m", or whole seconds)";

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

SourcePos position(const std::string& file, const toml::source_region& where) {
  return {file, static_cast<int>(where.begin.line), static_cast<int>(where.begin.column)};
}

bool valid_id(std::string_view id) {
  if (id.empty() || id.front() == '-') return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

// "; did you mean 'x'?" when a candidate is close, else "".
template <class Names>
std::string did_you_mean(std::string_view name, const Names& names) {
  std::string guess =
      closest_match(name, std::vector<std::string>(std::begin(names), std::end(names)));
  return guess.empty() ? std::string{} : fmt::format("; did you mean '{}'?", guess);
}

// Reads the fields of one table, reporting every problem to the document.
class Fields {
 public:
  // Reports keys of `table` that are not in `keys`; `what` names the table in messages.
  Fields(Document& doc, const toml::table& table, std::string what, std::vector<std::string> keys)
      : m_doc(doc), m_table(table), m_what(std::move(what)) {
    for (auto&& [key, node] : table) {
      if (std::find(keys.begin(), keys.end(), key.str()) != keys.end()) continue;
      issue(key.source(), fmt::format("unknown key '{}' in {}{}", key.str(), m_what,
                                      did_you_mean(key.str(), keys)));
    }
  }

  SourcePos pos() const { return position(m_doc.name, m_table.source()); }
  SourcePos pos(std::string_view key) const {
    const toml::node* n = m_table.get(key);
    return n ? position(m_doc.name, n->source()) : pos();
  }
  const toml::node* get(std::string_view key) const { return m_table.get(key); }
  // Names the item in later messages, e.g. "exercise 'pelvic-tilt'".
  void rename(std::string what) { m_what = std::move(what); }

  void issue(const toml::source_region& where, std::string message) {
    m_doc.issues.push_back({position(m_doc.name, where), std::move(message)});
  }
  void missing(std::string_view key) {
    m_doc.issues.push_back({pos(), fmt::format("{} is missing required key '{}'", m_what, key)});
  }

  std::string id() {
    std::string id = text("id", Need::required).value_or("");
    if (const toml::node* n = get("id"); n && n->is_string() && !id.empty() && !valid_id(id)) {
      issue(n->source(), fmt::format("bad id '{}': use lower-case letters, digits and '-'", id));
    }
    return id;
  }

  std::optional<std::string> text(std::string_view key, Need need) {
    const toml::node* n = get(key);
    if (!n) {
      if (need == Need::required) missing(key);
      return std::nullopt;
    }
    const auto* s = n->as_string();
    if (!s) {
      issue(n->source(), fmt::format("'{}' must be a string", key));
      return std::nullopt;
    }
    if (need == Need::required && s->get().empty())
      issue(n->source(), fmt::format("'{}' must not be empty", key));
    return s->get();
  }

  std::vector<std::string> texts(std::string_view key, Need need) {
    std::vector<std::string> out;
    const toml::node* n = get(key);
    if (!n) {
      if (need == Need::required) missing(key);
      return out;
    }
    const auto* array = n->as_array();
    if (!array) {
      issue(n->source(), fmt::format("'{}' must be an array of strings", key));
      return out;
    }
    for (const toml::node& item : *array) {
      if (const auto* s = item.as_string()) {
        out.push_back(s->get());
      } else {
        issue(item.source(), fmt::format("'{}' must be an array of strings", key));
      }
    }
    if (need == Need::required && array->empty())
      issue(n->source(), fmt::format("'{}' must not be empty", key));
    return out;
  }

  std::optional<seconds> duration(std::string_view key) {
    const toml::node* n = get(key);
    if (!n) return std::nullopt;
    std::optional<std::int64_t> value;
    if (const auto* i = n->as_integer()) {
      value = i->get();
    } else if (const auto* s = n->as_string()) {
      // when's reader, with content's own limits: zero and over a day are worded below.
      const when::ScannedDuration d = when::scan_duration(s->get());
      if (d.status == when::DurationScan::ok || d.status == when::DurationScan::zero) {
        value = d.value.count();
      } else if (d.status == when::DurationScan::too_long) {
        value = max_seconds + 1;
      } else {
        issue(n->source(),
              fmt::format("bad duration '{}' for '{}': use {}", s->get(), key, duration_help));
        return std::nullopt;
      }
    } else {
      issue(n->source(), fmt::format("'{}' must be {}", key, duration_help));
      return std::nullopt;
    }
    if (*value <= 0) return bad(*n, fmt::format("'{}' must be longer than zero", key));
    if (*value > max_seconds) return bad(*n, fmt::format("'{}' must be at most a day", key));
    return seconds{*value};
  }

  std::optional<int> count(std::string_view key) {
    const toml::node* n = get(key);
    if (!n) return std::nullopt;
    const auto* i = n->as_integer();
    if (!i) return bad(*n, fmt::format("'{}' must be a whole number", key));
    if (i->get() < 1) return bad(*n, fmt::format("'{}' must be at least 1", key));
    if (i->get() > max_count)
      return bad(*n, fmt::format("'{}' must be at most {}", key, max_count));
    return static_cast<int>(i->get());
  }

  std::optional<bool> flag(std::string_view key) {
    const toml::node* n = get(key);
    if (!n) return std::nullopt;
    if (const auto* b = n->as_boolean()) return b->get();
    return bad(*n, fmt::format("'{}' must be true or false", key));
  }

  // One of `names` (an enum's to_string values, or plain strings).
  template <class T, std::size_t N>
  std::optional<T> choice(std::string_view key, const T (&values)[N], Need need) {
    auto name = text(key, need);
    if (!name) return std::nullopt;
    return pick(*get(key), key, *name, values);
  }

  // Like choice, for an array of strings.
  template <std::size_t N>
  std::vector<std::string> choices(std::string_view key, const std::string_view (&values)[N]) {
    std::vector<std::string> out;
    const toml::node* n = get(key);
    if (!n) return out;
    const auto* array = n->as_array();
    if (!array) {
      issue(n->source(), fmt::format("'{}' must be an array of strings", key));
      return out;
    }
    for (const toml::node& item : *array) {
      const auto* s = item.as_string();
      if (!s) {
        issue(item.source(), fmt::format("'{}' must be an array of strings", key));
      } else if (pick(item, key, s->get(), values)) {
        out.push_back(s->get());
      }
    }
    return out;
  }

 private:
  std::nullopt_t bad(const toml::node& n, std::string message) {
    issue(n.source(), std::move(message));
    return std::nullopt;
  }

  template <class T, std::size_t N>
  std::optional<T> pick(const toml::node& n, std::string_view key, std::string_view name,
                        const T (&values)[N]) {
    std::vector<std::string> names;
    for (const T& v : values) {
      if (to_name(v) == name) return v;
      names.emplace_back(to_name(v));
    }
    return bad(n, fmt::format("bad {} '{}': expected one of {}{}", key, name,
                              fmt::join(names, ", "), did_you_mean(name, names)));
  }
  template <class T>
  static std::string_view to_name(const T& v) {
    if constexpr (std::is_same_v<T, std::string_view>) {
      return v;
    } else {
      return to_string(v);
    }
  }

  Document& m_doc;
  const toml::table& m_table;
  std::string m_what;
};

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
  const std::vector<std::string> top{"exercise", "routine", "advice", "question", "wording"};
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
    } else {
      doc.issues.push_back(
          {position(doc.name, key.source()),
           fmt::format("unknown table '{}': expected [[exercise]], [[routine]], [[advice]], "
                       "[[question]] or [wording]{}",
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
}

void KnownIds::add(const Content& content) {
  for (const auto& [id, e] : content.exercises) exercises.insert(id);
  for (const auto& q : content.questions) questions.insert(q.id);
}

std::vector<ContentIssue> check_references(const Document& doc, const KnownIds& known) {
  std::vector<ContentIssue> issues;
  for (const auto& ref : doc.references) {
    const bool exercise = ref.kind == Reference::Kind::exercise;
    const auto& ids = exercise ? known.exercises : known.questions;
    if (ids.count(ref.id)) continue;
    issues.push_back({ref.pos, fmt::format("{} names unknown {} '{}'{}", ref.from,
                                           exercise ? "exercise" : "question", ref.id,
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
