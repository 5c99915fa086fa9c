#pragma once
// Inside the content module: one TOML document turned into typed items and its problems.
// The loader (content.cpp) merges documents and checks references across them.

#include <toml++/toml.h>

#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "psoas/content.hpp"

namespace psoas::detail {

// A name one item uses for another: a step's exercise, an escalation's question.
struct Reference {
  enum class Kind { exercise, question, routine };
  Kind kind = Kind::exercise;
  std::string id;    // the name used
  std::string from;  // for messages: "routine 'morning' step 2"
  SourcePos pos;     // where the name is written
};

// One document: the items it defines (broken ones too, as far as they could be read),
// the names it uses, and its syntax and schema problems in document order.
struct Document {
  std::string name;
  std::vector<Exercise> exercises;
  std::vector<Routine> routines;
  std::vector<Advice> advice;
  std::vector<TriageQuestion> questions;
  std::map<std::string, std::vector<std::string>> wording;  // [wording] keys given
  std::map<std::string, std::vector<std::string>> triage;   // [triage] keys given
  std::vector<Reference> references;
  std::vector<ContentIssue> issues;
  std::vector<ContentIssue> warnings;  // problems that do not stop the document loading
};

// Reads the [wording] table `node` (named by `key`) into `doc` (content_wording.cpp).
void parse_wording(Document& doc, const toml::key& key, const toml::node& node);

// Reads the [triage] table `node` (named by `key`) into `doc` (content_wording.cpp).
void parse_triage_lists(Document& doc, const toml::key& key, const toml::node& node);

// Parses and validates one document on its own (references are not resolved here).
Document parse_document(const ContentSource& source);

// The exercise, question and routine ids that references may name.
struct KnownIds {
  std::set<std::string> exercises;
  std::set<std::string> questions;
  std::set<std::string> routines;
  void add(const Document& doc);
  void add(const Content& content);
};

// One issue per reference in `doc` that names nothing in `known`, with a "did you mean".
std::vector<ContentIssue> check_references(const Document& doc, const KnownIds& known);

// Sorts issues by file position, keeping the order of issues at the same place.
void sort_issues(std::vector<ContentIssue>& issues);

}  // namespace psoas::detail
