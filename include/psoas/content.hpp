#pragma once
// The built-in and user content: exercises, routines, advice and triage questions,
// loaded from TOML, validated, and merged by id (later sources override earlier ones).
//
// TOML format (documented for users in psoas-content(5)):
//
//   [[exercise]]
//   id = "kneeling-hip-flexor"        # lower-case letters, digits and '-'
//   name = "Kneeling hip-flexor stretch"
//   kind = "stretch"                   # stretch | strength | massage | habit
//   summary = "One line on what it does."
//   cues = ["Step one.", "Step two."]  # how-to, in order
//   cautions = ["Stop if ..."]         # optional
//   hold = "30s"                       # optional; a duration string or integer seconds
//   per_side = true                    # optional, default false
//   reps = 10                          # optional
//   sets = 1                           # optional, default 1
//   tempo = "3s"                       # optional: seconds per rep
//   rest = "15s"                       # optional: rest between sets
//   source = "seed 001, step 3"        # where the facts come from
//
//   [[routine]]
//   id = "morning"
//   name = "Morning"
//   summary = "..."
//   rest = "10s"                       # optional: default rest between steps
//   cautions = ["Not with a fever."]   # optional: shown before the first phase of a run
//   [[routine.step]]
//   exercise = "pelvic-tilt"           # must name an exercise
//   # optional overrides: hold, per_side, reps, sets, tempo, rest (after this step), note
//
//   [[advice]]
//   id = "cold"
//   title = "Cold for a flare-up"
//   applies = ["flare-up"]             # flare-up | tightness | see-clinician | always
//   not_with = ["fever", "pregnant"]   # optional: question ids; triage leaves the item out
//                                      # when any of them is answered yes (or not sure)
//   body = ["Paragraph one.", "Paragraph two."]
//   source = "..."
//
//   [[question]]                       # triage questions, asked in file order
//   id = "urine-retention"
//   text = "Is it newly hard to start peeing, or is your stream weak, or can you not pee?"
//   help = "Longer explanation shown on '?'."
//   group = "red-flag"                 # scope | red-flag | pattern | history
//   urgency = "emergency"              # emergency | see-clinician | mention | none
//   escalate = { with = ["fever"], urgency = "emergency" }   # optional
//   suggests = "flare-up"              # optional: flare-up | tightness (self-care routine)
//   advice = "Ask about ..."           # what to do about a yes; required when urgency = "mention"
//   source = "NICE CKS low back pain; ACP 2011"
//
//   [wording]                          # the texts of a triage result, by key (wording_keys);
//   disclaimer = "... call {number}."  # a user file may replace any of them; placeholders
//   card = ["...", "..."]              # as wording_keys allows; `card` is a list of lines
//
//   [triage]                           # the ids triage decides with (triage_list_keys);
//   flare-up = ["acute"]               # routines self-care suggests for each fit: flare-up,
//   infection = ["fever"]              # tightness, both, unknown; question ids: infection
//                                      # (wins over a muscle pattern), same-day (see a
//                                      # clinician today); a user file may replace any list

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace psoas {

enum class ExerciseKind { stretch, strength, massage, habit };

// How much of an exercise to do.
struct Dosage {
  std::optional<std::chrono::seconds> hold;   // hold time per side (or per rep when reps are set)
  bool per_side = false;
  std::optional<int> reps;
  int sets = 1;
  std::optional<std::chrono::seconds> tempo;  // time per rep, when counted reps are timed
  std::optional<std::chrono::seconds> rest;   // rest between sets
};

// Where an item was defined, for error messages.
struct SourcePos {
  std::string file;
  int line = 0;
  int column = 0;
};

struct Exercise {
  std::string id;
  std::string name;
  ExerciseKind kind = ExerciseKind::stretch;
  std::string summary;
  std::vector<std::string> cues;
  std::vector<std::string> cautions;
  Dosage dosage;
  std::string source;
  SourcePos pos;
};

// One step of a routine: an exercise with optional overrides of its dosage.
struct Step {
  std::string exercise;
  std::optional<std::chrono::seconds> hold;
  std::optional<bool> per_side;
  std::optional<int> reps;
  std::optional<int> sets;
  std::optional<std::chrono::seconds> tempo;
  std::optional<std::chrono::seconds> rest;   // rest after this step
  std::string note;
  SourcePos pos;                              // where its `exercise` is named
};

struct Routine {
  std::string id;
  std::string name;
  std::string summary;
  std::optional<std::chrono::seconds> rest;   // default rest between steps
  std::vector<std::string> cautions;          // when not to do the routine at all
  std::vector<Step> steps;
  SourcePos pos;
};

struct Advice {
  std::string id;
  std::string title;
  std::vector<std::string> applies;           // "flare-up", "tightness", "see-clinician", "always"
  std::vector<std::string> not_with;          // question ids: left out when any is yes or unsure
  std::vector<std::string> body;
  std::string source;
  SourcePos pos;
};

enum class Urgency { none, mention, see_clinician, emergency };
enum class QuestionGroup { scope, red_flag, pattern, history };

struct Escalation {
  std::vector<std::string> with;              // other question ids
  Urgency urgency = Urgency::none;            // when this and any of `with` are yes
};

struct TriageQuestion {
  std::string id;
  std::string text;
  std::string help;
  QuestionGroup group = QuestionGroup::red_flag;
  Urgency urgency = Urgency::none;
  std::optional<Escalation> escalate;
  std::string suggests;                       // "", "flare-up" or "tightness"
  std::string advice;                         // what to do about a yes (required for mention)
  std::string source;
  SourcePos pos;
};

// One TOML document to load: a name for messages and its text.
struct ContentSource {
  std::string name;
  std::string text;
};

// A content file that was skipped, and why (first error).
struct SkippedFile {
  std::string file;
  std::string reason;
};

// How bad a content problem is.
enum class Severity { error, warning };

// One validation problem, printed as `file:line:column: message` (an error) or
// `file:line:column: warning: message`. Errors make psoas skip a user file; warnings do not.
struct ContentIssue {
  SourcePos pos;
  std::string message;
  Severity severity = Severity::error;
  std::string to_string() const;
};

// The [wording] texts by key: one line each, `card` a list of lines.
using WordingTexts = std::map<std::string, std::vector<std::string>, std::less<>>;

// The [triage] lists by key: routine ids for each fit ("flare-up", "tightness", "both",
// "unknown"), question ids for "infection" and "same-day".
using TriageLists = std::map<std::string, std::vector<std::string>, std::less<>>;

// Everything loaded, merged by id.
struct Content {
  std::map<std::string, Exercise> exercises;
  std::map<std::string, Routine> routines;
  std::map<std::string, Advice> advice;
  std::vector<TriageQuestion> questions;      // in asking order
  WordingTexts wording;                       // [wording]: the triage result's texts
  TriageLists triage;                         // [triage]: the ids triage decides with
  std::vector<std::string> loaded;            // names of the files that were loaded
  std::vector<SkippedFile> skipped;           // user files that were broken and skipped

  // Lookups that throw UsageError("routine", "no routine 'x' (see 'psoas routine list')")
  // with a "did you mean" hint when a close id exists.
  const Routine& routine(std::string_view id) const;
  const Exercise& exercise(std::string_view id) const;
  // UsageError("advice", "no advice 'x' (see 'psoas advice')") with a "did you mean" hint.
  const Advice& advice_item(std::string_view id) const;
};

// The content compiled into the binary (generated from content/*.toml).
const std::vector<ContentSource>& builtin_content();

// Parses and validates one document; returns every error found (empty = clean; warnings
// are left out), in document order. Its routines and questions may name items of the
// built-in content.
std::vector<ContentIssue> check_content(const ContentSource& source);

// The result of checking one user file.
struct FileCheck {
  std::string file;
  std::vector<ContentIssue> issues;           // errors; empty = clean
  std::vector<ContentIssue> warnings;         // e.g. a stretch without a stop caution
  int exercises = 0, routines = 0, advice = 0, questions = 0;  // what the file defines
};

// Checks user files together: their routines and questions may name items in `base`
// (e.g. the loaded content) or in any of the files. One result per file, in order.
std::vector<FileCheck> check_files(const std::vector<ContentSource>& files, const Content& base);

// Reads one content file; throws DataError when it cannot be read.
ContentSource read_content_file(const std::filesystem::path& path);

// The exercise's dosage with a routine step's overrides applied (the step's `rest` is the
// rest after the step, not between sets, so it is not part of the dosage).
Dosage dosage_of(const Exercise& exercise, const Step& step);

// Where to look for content beyond the built-in files.
struct ContentDirs {
  std::vector<std::filesystem::path> dirs;    // e.g. $XDG_CONFIG_HOME/psoas/content, then --content DIR
};

// Loads the built-in content, then every *.toml in each dir (sorted by name), merging by id.
// A broken user file is skipped and listed in `skipped`; broken built-in content throws DataError.
// A routine that names a missing exercise after merging is an issue of the file that defined it.
Content load_content(const ContentDirs& dirs = {});

// Loads from explicit sources (for tests), same rules; sources after the first are "user" files.
Content load_content(const std::vector<ContentSource>& sources);

// Whether an exercise of this kind must say when to stop (stretch and strength).
bool needs_stop_caution(ExerciseKind kind);

// Whether one of `cautions` tells the user to stop on nerve signs: a caution that names
// numbness or tingling (a word starting "numb" or "tingl", in any case).
bool has_stop_caution(const std::vector<std::string>& cautions);

// "stretch", ... ; "emergency", "see-clinician", "mention", "none".
std::string_view to_string(ExerciseKind k);
std::string_view to_string(Urgency u);
std::string_view to_string(QuestionGroup g);

// A [wording] key: the placeholders its text may use ("{number}" ...) and whether it is a
// list of lines (the rest are one string).
struct WordingKey {
  std::string_view key;
  std::vector<std::string_view> placeholders;
  bool lines = false;
};
// Every [wording] key; the built-in triage.toml gives all of them.
const std::vector<WordingKey>& wording_keys();

// A [triage] key and whether its list names routines (the rest name questions); routine
// lists must not be empty.
struct TriageListKey {
  std::string_view key;
  bool routines = false;
};
// Every [triage] key; the built-in triage.toml gives all of them.
const std::vector<TriageListKey>& triage_list_keys();

// Closest candidate within a small edit distance, or empty: for "did you mean".
std::string closest_match(std::string_view name, const std::vector<std::string>& candidates);

}  // namespace psoas
