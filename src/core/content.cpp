// The content loader: built-in and user documents, merged by id, with references checked
// after merging. Parsing and validating one document lives in content_parse.cpp.
#include "psoas/content.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "content_parse.hpp"
#include "psoas/error.hpp"

namespace psoas {
namespace {

namespace fs = std::filesystem;
using detail::Document;
using detail::KnownIds;

template <class Map>
std::vector<std::string> keys_of(const Map& map) {
  std::vector<std::string> keys;
  for (const auto& [key, value] : map) keys.push_back(key);
  return keys;
}

std::string hint_for(std::string_view name, const std::vector<std::string>& candidates) {
  std::string guess = closest_match(name, candidates);
  return guess.empty() ? std::string{} : fmt::format("did you mean '{}'?", guess);
}

// All problems of a document: its own, then those of its references against `known`.
std::vector<ContentIssue> all_issues(const Document& doc, const KnownIds& known) {
  std::vector<ContentIssue> issues = doc.issues;
  for (auto& issue : detail::check_references(doc, known)) issues.push_back(std::move(issue));
  detail::sort_issues(issues);
  return issues;
}

// Why a user file is skipped: its first problem, and how many more there are.
std::string skip_reason(const std::vector<ContentIssue>& issues) {
  const ContentIssue& first = issues.front();
  std::string reason =
      fmt::format("line {}, column {}: {}", first.pos.line, first.pos.column, first.message);
  if (issues.size() > 1)
    reason += fmt::format(" (and {} more; see 'psoas routine check')", issues.size() - 1);
  return reason;
}

void merge(Content& content, const Document& doc) {
  for (const auto& e : doc.exercises) content.exercises.insert_or_assign(e.id, e);
  for (const auto& r : doc.routines) content.routines.insert_or_assign(r.id, r);
  for (const auto& a : doc.advice) content.advice.insert_or_assign(a.id, a);
  for (const auto& q : doc.questions) {
    auto same = std::find_if(content.questions.begin(), content.questions.end(),
                             [&](const TriageQuestion& old) { return old.id == q.id; });
    if (same != content.questions.end()) {
      *same = q;
    } else {
      content.questions.push_back(q);
    }
  }
  for (const auto& [key, lines] : doc.wording) content.wording.insert_or_assign(key, lines);
  for (const auto& [key, ids] : doc.triage) content.triage.insert_or_assign(key, ids);
  content.loaded.push_back(doc.name);
}

// Built-in documents must be clean; user documents with any problem are skipped whole.
// Skipping one user file can leave another naming a missing exercise, so repeat until stable.
Content load(const std::vector<ContentSource>& builtin, const std::vector<ContentSource>& user) {
  Content content;
  std::vector<Document> docs;
  KnownIds builtin_ids;
  for (const auto& source : builtin) {
    docs.push_back(detail::parse_document(source));
    builtin_ids.add(docs.back());
  }
  for (const auto& doc : docs) {
    auto issues = all_issues(doc, builtin_ids);
    if (!issues.empty()) {
      throw DataError("content", "built-in content is broken: " + issues.front().to_string(),
                      "this is a bug in psoas; please report it");
    }
    merge(content, doc);
  }

  docs.clear();
  std::vector<bool> skip(user.size());
  for (std::size_t i = 0; i < user.size(); ++i) {
    docs.push_back(detail::parse_document(user[i]));
    skip[i] = !docs[i].issues.empty();
  }
  // The ids the files not (yet) skipped define, with the built-in ones.
  auto known_ids = [&] {
    KnownIds known = builtin_ids;
    for (std::size_t i = 0; i < docs.size(); ++i) {
      if (!skip[i]) known.add(docs[i]);
    }
    return known;
  };
  for (bool changed = true; changed;) {
    changed = false;
    const KnownIds known = known_ids();
    for (std::size_t i = 0; i < docs.size(); ++i) {
      if (!skip[i] && !detail::check_references(docs[i], known).empty()) skip[i] = changed = true;
    }
  }
  const KnownIds known = known_ids();
  for (std::size_t i = 0; i < docs.size(); ++i) {
    if (!skip[i]) {
      merge(content, docs[i]);
      continue;
    }
    // Its first problem of all, as `psoas routine check` would list them.
    KnownIds with_own = known;
    with_own.add(docs[i]);
    content.skipped.push_back({docs[i].name, skip_reason(all_issues(docs[i], with_own))});
  }
  return content;
}

// The *.toml files of `dir`, sorted by name; hidden files (editor backups) are left out.
std::vector<fs::path> toml_files(const fs::path& dir) {
  std::vector<fs::path> files;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return files;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const fs::path& p = entry.path();
    if (p.extension() == ".toml" && p.filename().string().front() != '.' &&
        entry.is_regular_file(ec)) {
      files.push_back(p);
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

std::string ContentIssue::to_string() const {
  std::string_view label = severity == Severity::warning ? "warning: " : "";
  if (pos.line <= 0) return fmt::format("{}: {}{}", pos.file, label, message);
  return fmt::format("{}:{}:{}: {}{}", pos.file, pos.line, pos.column, label, message);
}

bool needs_stop_caution(ExerciseKind kind) {
  return kind == ExerciseKind::stretch || kind == ExerciseKind::strength;
}

namespace {

// Whether a word of `text` (lower case) starts with `stem`.
bool has_word_starting(const std::string& text, std::string_view stem) {
  for (auto at = text.find(stem); at != std::string::npos; at = text.find(stem, at + 1)) {
    if (at == 0 || !std::isalpha(static_cast<unsigned char>(text[at - 1]))) return true;
  }
  return false;
}

}  // namespace

bool has_stop_caution(const std::vector<std::string>& cautions) {
  return std::any_of(cautions.begin(), cautions.end(), [](std::string caution) {
    for (char& c : caution) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return has_word_starting(caution, "numb") || has_word_starting(caution, "tingl");
  });
}

const Routine& Content::routine(std::string_view id) const {
  if (auto it = routines.find(std::string(id)); it != routines.end()) return it->second;
  throw UsageError("routine", fmt::format("no routine '{}' (see 'psoas routine list')", id),
                   hint_for(id, keys_of(routines)));
}

const Exercise& Content::exercise(std::string_view id) const {
  if (auto it = exercises.find(std::string(id)); it != exercises.end()) return it->second;
  throw UsageError("exercise", fmt::format("no exercise '{}'", id),
                   hint_for(id, keys_of(exercises)));
}

const Advice& Content::advice_item(std::string_view id) const {
  if (auto it = advice.find(std::string(id)); it != advice.end()) return it->second;
  throw UsageError("advice", fmt::format("no advice '{}' (see 'psoas advice')", id),
                   hint_for(id, keys_of(advice)));
}

std::vector<ContentIssue> check_content(const ContentSource& source) {
  Document doc = detail::parse_document(source);
  KnownIds known;
  for (const auto& builtin : builtin_content()) known.add(detail::parse_document(builtin));
  known.add(doc);
  return all_issues(doc, known);
}

std::vector<FileCheck> check_files(const std::vector<ContentSource>& files, const Content& base) {
  std::vector<Document> docs;
  KnownIds known;
  known.add(base);
  for (const auto& file : files) {
    docs.push_back(detail::parse_document(file));
    known.add(docs.back());
  }
  std::vector<FileCheck> checks;
  for (const auto& doc : docs) {
    checks.push_back({doc.name, all_issues(doc, known), doc.warnings,
                      static_cast<int>(doc.exercises.size()), static_cast<int>(doc.routines.size()),
                      static_cast<int>(doc.advice.size()), static_cast<int>(doc.questions.size())});
  }
  return checks;
}

ContentSource read_content_file(const fs::path& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec))
    throw DataError("content", fmt::format("'{}' is a directory", path.string()));
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw DataError("content",
                    fmt::format("cannot read '{}': {}", path.string(), std::strerror(errno)));
  std::ostringstream text;
  text << in.rdbuf();
  return {path.string(), text.str()};
}

Content load_content(const ContentDirs& dirs) {
  std::vector<ContentSource> user;
  std::vector<SkippedFile> unreadable;
  for (const auto& dir : dirs.dirs) {
    for (const auto& file : toml_files(dir)) {
      try {
        user.push_back(read_content_file(file));
      } catch (const DataError& e) {
        unreadable.push_back({file.string(), e.what()});
      }
    }
  }
  Content content = load(builtin_content(), user);
  content.skipped.insert(content.skipped.end(), unreadable.begin(), unreadable.end());
  return content;
}

Content load_content(const std::vector<ContentSource>& sources) {
  if (sources.empty()) return {};
  return load({sources.front()}, {sources.begin() + 1, sources.end()});
}

Dosage dosage_of(const Exercise& exercise, const Step& step) {
  Dosage d = exercise.dosage;
  if (step.hold) d.hold = step.hold;
  if (step.per_side) d.per_side = *step.per_side;
  if (step.reps) d.reps = step.reps;
  if (step.sets) d.sets = *step.sets;
  if (step.tempo) d.tempo = step.tempo;
  return d;
}

std::string_view to_string(ExerciseKind k) {
  switch (k) {
    case ExerciseKind::stretch:
      return "stretch";
    case ExerciseKind::strength:
      return "strength";
    case ExerciseKind::massage:
      return "massage";
    case ExerciseKind::habit:
      return "habit";
  }
  return "stretch";
}

std::string_view to_string(Urgency u) {
  switch (u) {
    case Urgency::none:
      return "none";
    case Urgency::mention:
      return "mention";
    case Urgency::see_clinician:
      return "see-clinician";
    case Urgency::emergency:
      return "emergency";
  }
  return "none";
}

std::string_view to_string(QuestionGroup g) {
  switch (g) {
    case QuestionGroup::scope:
      return "scope";
    case QuestionGroup::red_flag:
      return "red-flag";
    case QuestionGroup::pattern:
      return "pattern";
    case QuestionGroup::history:
      return "history";
  }
  return "red-flag";
}

}  // namespace psoas
