#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>

#include "psoas/content.hpp"
#include "psoas/error.hpp"
#include "temp_dir.hpp"

using namespace psoas;
using std::chrono::seconds;

// Shows issue lists in failure messages.
template <>
struct doctest::StringMaker<std::vector<std::string>> {
  static doctest::String convert(const std::vector<std::string>& v) {
    return fmt::format("{{\"{}\"}}", fmt::join(v, "\", \"")).c_str();
  }
};

namespace {

// A small, clean built-in set for the merge tests.
const ContentSource base{"base.toml", R"(
[[exercise]]
id = "lunge"
name = "Lunge"
kind = "stretch"
cues = ["Step forward."]
hold = "30s"
per_side = true

[[exercise]]
id = "bridge"
name = "Bridge"
kind = "strength"
cues = ["Lift your hips."]
reps = 10
sets = 2
rest = "15s"

[[routine]]
id = "morning"
name = "Morning"
[[routine.step]]
exercise = "lunge"
[[routine.step]]
exercise = "bridge"
reps = 5

[[question]]
id = "fever"
text = "Do you have a fever?"
urgency = "see-clinician"

[[question]]
id = "night-pain"
text = "Is the pain worse at night?"
urgency = "mention"
advice = "Tell your clinician."
escalate = { with = ["fever"], urgency = "emergency" }
)"};

// The issues of `text` as "line:column: message" strings.
std::vector<std::string> issues_of(std::string text) {
  std::vector<std::string> out;
  for (const auto& issue : check_content({"t.toml", std::move(text)})) {
    out.push_back(fmt::format("{}:{}: {}", issue.pos.line, issue.pos.column, issue.message));
  }
  return out;
}

// A clean exercise table with `extra` lines added.
std::string exercise_with(const std::string& extra) {
  return "[[exercise]]\nid = \"x\"\nname = \"X\"\nkind = \"stretch\"\ncues = [\"c\"]\n" + extra;
}

// A fresh directory under the system temp dir, removed at the end of the test.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    path = std::filesystem::temp_directory_path() /
           fmt::format("psoas-test-content-{}", std::random_device{}());
    std::filesystem::create_directories(path);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  void write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name) << text;
  }
};

}  // namespace

TEST_SUITE("content") {
  TEST_CASE("content: a clean document has no issues") {
    CHECK(check_content(base).empty());
    CHECK(issues_of("").empty());
  }

  TEST_CASE("content: TOML syntax errors are reported at their position") {
    auto issues = check_content({"bad.toml", "[[exercise]]\nid = \"x\nname = 1\n"});
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].pos.file == "bad.toml");
    CHECK(issues[0].pos.line == 2);
    CHECK(issues[0].to_string().rfind("bad.toml:2:", 0) == 0);
  }

  TEST_CASE("content: unknown keys are errors with a did-you-mean") {
    SUBCASE("in an exercise") {
      CHECK(issues_of(exercise_with("nmae = \"y\"\n")) ==
            std::vector<std::string>{"6:1: unknown key 'nmae' in exercise; did you mean 'name'?"});
    }
    SUBCASE("in a step, indented") {
      auto issues =
          issues_of(exercise_with("[[routine]]\nid = \"r\"\nname = "
                                  "\"R\"\n[[routine.step]]\nexercise = \"x\"\n  rps = 3\n"));
      CHECK(issues == std::vector<std::string>{
                          "11:3: unknown key 'rps' in routine step; did you mean 'reps'?"});
    }
    SUBCASE("at the top level") {
      CHECK(issues_of("[[exercises]]\nid = \"x\"\n") ==
            std::vector<std::string>{
                "1:3: unknown table 'exercises': expected [[exercise]], [[routine]], "
                "[[advice]], [[question]], [wording] or [triage]; did you mean 'exercise'?"});
    }
    SUBCASE("nothing close") {
      CHECK(issues_of(exercise_with("zzzzzzzz = 1\n")) ==
            std::vector<std::string>{"6:1: unknown key 'zzzzzzzz' in exercise"});
    }
  }

  TEST_CASE("content: missing required fields are reported at the item") {
    SUBCASE("exercise name and cues") {
      CHECK(issues_of("\n[[exercise]]\nid = \"x\"\nkind = \"habit\"\n") ==
            std::vector<std::string>{"2:1: exercise 'x' is missing required key 'name'",
                                     "2:1: exercise 'x' is missing required key 'cues'"});
    }
    SUBCASE("id") {
      CHECK(issues_of("[[advice]]\ntitle = \"T\"\nbody = [\"b\"]\n") ==
            std::vector<std::string>{"1:1: advice is missing required key 'id'"});
    }
    SUBCASE("a routine without steps") {
      CHECK(issues_of("[[routine]]\nid = \"r\"\nname = \"R\"\n") ==
            std::vector<std::string>{"1:1: routine 'r' is missing required key 'step'"});
    }
    SUBCASE("a step without an exercise") {
      CHECK(issues_of("[[routine]]\nid = \"r\"\nname = \"R\"\n[[routine.step]]\nnote = \"n\"\n") ==
            std::vector<std::string>{"4:1: routine 'r' step 1 is missing required key 'exercise'"});
    }
    SUBCASE("empty strings and arrays") {
      CHECK(issues_of("[[exercise]]\nid = \"x\"\nname = \"\"\nkind = \"habit\"\ncues = []\n") ==
            std::vector<std::string>{"3:8: 'name' must not be empty",
                                     "5:8: 'cues' must not be empty"});
    }
  }

  TEST_CASE("content: wrong types are reported at the value") {
    SUBCASE("string") {
      CHECK(issues_of("[[exercise]]\nid = \"x\"\nname = 3\nkind = \"habit\"\ncues = [\"c\"]\n") ==
            std::vector<std::string>{"3:8: 'name' must be a string"});
    }
    SUBCASE("array of strings") {
      CHECK(issues_of(exercise_with("cautions = \"careful\"\n")) ==
            std::vector<std::string>{"6:12: 'cautions' must be an array of strings"});
      CHECK(issues_of(exercise_with("cautions = [\"a\", 2]\n")) ==
            std::vector<std::string>{"6:18: 'cautions' must be an array of strings"});
    }
    SUBCASE("boolean, whole number, duration") {
      CHECK(
          issues_of(exercise_with("per_side = \"yes\"\nreps = 2.5\nhold = true\n")) ==
          std::vector<std::string>{
              "6:12: 'per_side' must be true or false", "7:8: 'reps' must be a whole number",
              R"(8:8: 'hold' must be a duration such as "45s", "2m", "1h30m", or whole seconds)"});
    }
    SUBCASE("a table where an array of tables belongs") {
      CHECK(issues_of("[exercise]\nid = \"x\"\n") ==
            std::vector<std::string>{
                "1:2: 'exercise' must be an array of tables: write [[exercise]]"});
    }
  }

  TEST_CASE("content: durations must be positive and well-formed") {
    SUBCASE("zero and negative") {
      CHECK(issues_of(exercise_with("hold = 0\n")) ==
            std::vector<std::string>{"6:8: 'hold' must be longer than zero"});
      CHECK(issues_of(exercise_with("rest = -5\n")) ==
            std::vector<std::string>{"6:8: 'rest' must be longer than zero"});
      CHECK(issues_of(exercise_with("tempo = \"0s\"\n")) ==
            std::vector<std::string>{"6:9: 'tempo' must be longer than zero"});
    }
    SUBCASE("malformed") {
      CHECK(
          issues_of(exercise_with("hold = \"3x\"\n")) ==
          std::vector<std::string>{
              R"(6:8: bad duration '3x' for 'hold': use a duration such as "45s", "2m", "1h30m", or whole seconds)"});
      CHECK(issues_of(exercise_with("hold = \"30s1m\"\n")).size() == 1);
      CHECK(issues_of(exercise_with("hold = \"\"\n")).size() == 1);
    }
    SUBCASE("too long") {
      CHECK(issues_of(exercise_with("hold = \"25h\"\n")) ==
            std::vector<std::string>{"6:8: 'hold' must be at most a day"});
    }
    SUBCASE("accepted forms") {
      Content c = load_content(std::vector<ContentSource>{
          {"b.toml", exercise_with("hold = \"1h30m\"\ntempo = \"45s\"\nrest = 90\n") +
                         "[[exercise]]\nid = \"y\"\nname = \"Y\"\nkind = \"habit\"\ncues = "
                         "[\"c\"]\nhold = \"2m\"\n"
                         "rest = \"90\"\n"}});
      CHECK(c.exercise("x").dosage.hold == seconds{5400});
      CHECK(c.exercise("x").dosage.tempo == seconds{45});
      CHECK(c.exercise("x").dosage.rest == seconds{90});
      CHECK(c.exercise("y").dosage.hold == seconds{120});
      CHECK(c.exercise("y").dosage.rest == seconds{90});
    }
    SUBCASE("reps and sets must be at least 1") {
      CHECK(issues_of(exercise_with("reps = 0\nsets = -1\n")) ==
            std::vector<std::string>{"6:8: 'reps' must be at least 1",
                                     "7:8: 'sets' must be at least 1"});
    }
  }

  TEST_CASE("content: ids are lower-case letters, digits and '-'") {
    CHECK(issues_of("[[exercise]]\nid = \"Hip_Flexor\"\nname = \"X\"\nkind = \"habit\"\ncues = "
                    "[\"c\"]\n") ==
          std::vector<std::string>{
              "2:6: bad id 'Hip_Flexor': use lower-case letters, digits and '-'"});
    CHECK(issues_of("[[exercise]]\nid = \"-x\"\nname = \"X\"\nkind = \"habit\"\ncues = [\"c\"]\n")
              .size() == 1);
    CHECK(
        issues_of("[[exercise]]\nid = \"hip-2\"\nname = \"X\"\nkind = \"habit\"\ncues = [\"c\"]\n")
            .empty());
  }

  TEST_CASE("content: enum values must be known") {
    SUBCASE("kind") {
      CHECK(issues_of(
                "[[exercise]]\nid = \"x\"\nname = \"X\"\nkind = \"strech\"\ncues = [\"c\"]\n") ==
            std::vector<std::string>{
                "4:8: bad kind 'strech': expected one of stretch, strength, massage, habit; "
                "did you mean 'stretch'?"});
    }
    SUBCASE("urgency, group and suggests") {
      CHECK(
          issues_of(
              "[[question]]\nid = \"q\"\ntext = \"Q?\"\nurgency = \"urgent\"\ngroup = \"redflag\"\n"
              "suggests = \"rest\"\n") ==
          std::vector<std::string>{
              "4:11: bad urgency 'urgent': expected one of emergency, see-clinician, mention, none",
              "5:9: bad group 'redflag': expected one of scope, red-flag, pattern, history; did "
              "you mean "
              "'red-flag'?",
              "6:12: bad suggests 'rest': expected one of flare-up, tightness"});
    }
    SUBCASE("advice applies") {
      CHECK(issues_of("[[advice]]\nid = \"a\"\ntitle = \"T\"\nbody = [\"b\"]\napplies = "
                      "[\"always\", \"flareup\"]\n") ==
            std::vector<std::string>{
                "5:22: bad applies 'flareup': expected one of flare-up, tightness, "
                "see-clinician, always; did you mean 'flare-up'?"});
    }
  }

  TEST_CASE("content: duplicate ids within one file") {
    CHECK(issues_of(exercise_with("") + "\n" + exercise_with("")) ==
          std::vector<std::string>{"8:6: duplicate exercise id 'x' (first at line 2)"});
    SUBCASE("the same id in different kinds is fine") {
      CHECK(issues_of(exercise_with("") +
                      "[[routine]]\nid = \"x\"\nname = \"R\"\n[[routine.step]]\nexercise = \"x\"\n")
                .empty());
    }
  }

  TEST_CASE("content: a step naming a missing exercise is reported at the step") {
    SUBCASE("check_content, with a did-you-mean") {
      CHECK(issues_of(exercise_with("") +
                      "[[routine]]\nid = \"r\"\nname = \"R\"\n[[routine.step]]\nexercise = \"y\"\n"
                      "[[routine.step]]\n  exercise = \"xx\"\n") ==
            std::vector<std::string>{
                "10:12: routine 'r' step 1 names unknown exercise 'y'; did you mean 'x'?",
                "12:14: routine 'r' step 2 names unknown exercise 'xx'; did you mean 'x'?"});
    }
    SUBCASE("a user routine may name built-in exercises") {
      Content c = load_content(std::vector<ContentSource>{
          base,
          {"mine.toml",
           "[[routine]]\nid = \"short\"\nname = \"S\"\n[[routine.step]]\nexercise = \"lunge\"\n"}});
      CHECK(c.skipped.empty());
      CHECK(c.routine("short").steps.at(0).exercise == "lunge");
    }
    SUBCASE("checked after merging: another user file may define the exercise") {
      Content c = load_content(std::vector<ContentSource>{
          base,
          {"a.toml",
           "[[routine]]\nid = \"short\"\nname = \"S\"\n[[routine.step]]\nexercise = \"mine\"\n"},
          {"b.toml",
           "[[exercise]]\nid = \"mine\"\nname = \"M\"\nkind = \"habit\"\ncues = [\"c\"]\n"}});
      CHECK(c.skipped.empty());
      CHECK(c.routines.count("short") == 1);
    }
    SUBCASE("skipping one file skips the files that needed it") {
      Content c = load_content(std::vector<ContentSource>{
          base,
          {"a.toml",
           "[[routine]]\nid = \"short\"\nname = \"S\"\n[[routine.step]]\nexercise = \"mine\"\n"},
          {"b.toml",
           "[[exercise]]\nid = \"mine\"\nname = \"M\"\nkind = \"habbit\"\ncues = [\"c\"]\n"}});
      REQUIRE(c.skipped.size() == 2);
      CHECK(c.skipped[0].file == "a.toml");
      CHECK(c.skipped[0].reason ==
            "line 5, column 12: routine 'short' step 1 names unknown exercise 'mine'");
      CHECK(c.skipped[1].file == "b.toml");
      CHECK(c.routines.count("short") == 0);
      CHECK(c.exercises.count("mine") == 0);
    }
  }

  TEST_CASE("content: escalate.with must name known questions") {
    CHECK(issues_of("[[question]]\nid = \"q\"\ntext = \"Q?\"\nescalate = { with = [\"q\", \"q2\"], "
                    "urgency = "
                    "\"emergency\" }\n") ==
          std::vector<std::string>{
              "4:27: question 'q' escalate.with names unknown question 'q2'; did you mean 'q'?"});
    SUBCASE("escalate needs with and urgency") {
      CHECK(issues_of("[[question]]\nid = \"q\"\ntext = \"Q?\"\nescalate = { wiht = [\"q\"] }\n") ==
            std::vector<std::string>{
                "4:12: escalate of question 'q' is missing required key 'with'",
                "4:12: escalate of question 'q' is missing required key 'urgency'",
                "4:14: unknown key 'wiht' in escalate; did you mean 'with'?"});
    }
    SUBCASE("a user question may escalate with a built-in one") {
      Content c = load_content(std::vector<ContentSource>{
          base,
          {"q.toml",
           "[[question]]\nid = \"q\"\ntext = \"Q?\"\nescalate = { with = [\"fever\"], urgency = "
           "\"emergency\" }\n"}});
      CHECK(c.skipped.empty());
      REQUIRE(c.questions.back().escalate.has_value());
      CHECK(c.questions.back().escalate->with == std::vector<std::string>{"fever"});
      CHECK(c.questions.back().escalate->urgency == Urgency::emergency);
    }
  }

  TEST_CASE("content: a question with urgency mention needs its advice") {
    CHECK(issues_of("[[question]]\nid = \"q\"\ntext = \"Q?\"\nurgency = \"mention\"\n") ==
          std::vector<std::string>{"1:1: question 'q' has urgency 'mention' but no 'advice': say what to do "
                                   "about it"});
    CHECK(issues_of("[[question]]\nid = \"q\"\ntext = \"Q?\"\nurgency = \"mention\"\nadvice = \"\"\n") ==
          std::vector<std::string>{"5:10: 'advice' must not be empty"});
    CHECK(issues_of("[[question]]\nid = \"q\"\ntext = \"Q?\"\nurgency = \"mention\"\nadvice = 3\n") ==
          std::vector<std::string>{"5:10: 'advice' must be a string"});
    SUBCASE("optional for the other urgencies, and kept") {
      CHECK(issues_of("[[question]]\nid = \"q\"\ntext = \"Q?\"\nurgency = \"none\"\n").empty());
      Content c = load_content(std::vector<ContentSource>{
          base, {"q.toml", "[[question]]\nid = \"q\"\ntext = \"Q?\"\nadvice = \"Ask about it.\"\n"}});
      CHECK(c.skipped.empty());
      CHECK(c.questions.back().advice == "Ask about it.");
    }
    SUBCASE("every built-in mention-level question has advice") {
      for (const auto& q : load_content().questions) {
        CAPTURE(q.id);
        if (q.urgency == Urgency::mention) CHECK_FALSE(q.advice.empty());
      }
    }
  }

  TEST_CASE("content: advice not_with names the questions that rule it out") {
    const std::string head = "[[question]]\nid = \"q\"\ntext = \"Q?\"\n"
                             "[[advice]]\nid = \"a\"\ntitle = \"A\"\nbody = [\"b\"]\n";
    CHECK(issues_of(head + "not_with = [\"q\"]\n").empty());
    CHECK(issues_of(head + "not_with = [\"q\", \"q2\"]\n") ==
          std::vector<std::string>{"8:18: advice 'a' not_with names unknown question 'q2'; did you mean 'q'?"});
    CHECK(issues_of(head + "not_with = \"q\"\n") ==
          std::vector<std::string>{"8:12: 'not_with' must be an array of strings"});
    SUBCASE("a user advice item may name built-in questions, and keeps them") {
      Content c = load_content(std::vector<ContentSource>{
          base, {"a.toml", "[[advice]]\nid = \"a\"\ntitle = \"A\"\nbody = [\"b\"]\nnot_with = [\"fever\"]\n"}});
      CHECK(c.skipped.empty());
      CHECK(c.advice.at("a").not_with == std::vector<std::string>{"fever"});
    }
    SUBCASE("a user file naming an unknown question is skipped") {
      Content c = load_content(std::vector<ContentSource>{
          base, {"a.toml", "[[advice]]\nid = \"a\"\ntitle = \"A\"\nbody = [\"b\"]\nnot_with = [\"fevr\"]\n"}});
      REQUIRE(c.skipped.size() == 1);
      CHECK(c.skipped[0].reason ==
            "line 5, column 13: advice 'a' not_with names unknown question 'fevr'; did you mean 'fever'?");
      CHECK(c.advice.count("a") == 0);
    }
  }

  TEST_CASE("content: later sources override earlier ones by id") {
    Content c = load_content(std::vector<ContentSource>{base, {"user.toml", R"(
[[routine]]
id = "morning"
name = "My morning"
rest = "5s"
[[routine.step]]
exercise = "bridge"

[[exercise]]
id = "lunge"
name = "Gentle lunge"
kind = "stretch"
cues = ["Small step."]

[[question]]
id = "night-pain"
text = "Does pain wake you up?"
urgency = "see-clinician"

[[question]]
id = "new-one"
text = "Anything else?"
)"}});
    CHECK(c.skipped.empty());
    CHECK(c.loaded == std::vector<std::string>{"base.toml", "user.toml"});
    SUBCASE("routines and exercises are replaced whole") {
      CHECK(c.routine("morning").name == "My morning");
      CHECK(c.routine("morning").steps.size() == 1);
      CHECK(c.routine("morning").rest == seconds{5});
      CHECK(c.exercise("lunge").name == "Gentle lunge");
      CHECK_FALSE(c.exercise("lunge").dosage.hold.has_value());
      CHECK(c.exercise("bridge").name == "Bridge");
    }
    SUBCASE("questions are replaced in place; new ones are appended") {
      REQUIRE(c.questions.size() == 3);
      CHECK(c.questions[0].id == "fever");
      CHECK(c.questions[1].id == "night-pain");
      CHECK(c.questions[1].text == "Does pain wake you up?");
      CHECK_FALSE(c.questions[1].escalate.has_value());
      CHECK(c.questions[2].id == "new-one");
      CHECK(c.questions[2].group == QuestionGroup::red_flag);
      CHECK(c.questions[2].urgency == Urgency::none);
    }
  }

  TEST_CASE("content: a broken user file is skipped whole with its first issue") {
    Content c = load_content(std::vector<ContentSource>{
        base,
        {"broken.toml",
         "[[routine]]\nid = \"morning\"\nname = \"Broken\"\nnmae = \"x\"\n[[routine.step]]\n"
         "exercise = \"lunge\"\nhold = 0\n"}});
    REQUIRE(c.skipped.size() == 1);
    CHECK(c.skipped[0].file == "broken.toml");
    CHECK(c.skipped[0].reason ==
          "line 4, column 1: unknown key 'nmae' in routine; did you mean 'name'? (and 1 more; see "
          "'psoas routine "
          "check')");
    CHECK(c.routine("morning").name == "Morning");
    CHECK(c.loaded == std::vector<std::string>{"base.toml"});
  }

  TEST_CASE("content: broken built-in content throws DataError") {
    CHECK_THROWS_AS(
        load_content(std::vector<ContentSource>{{"builtin:x.toml", "[[exercise]]\nid = 3\n"}}),
        DataError);
    CHECK_THROWS_WITH(
        load_content(std::vector<ContentSource>{
            {"builtin:x.toml",
             "[[routine]]\nid = \"r\"\nname = \"R\"\n[[routine.step]]\nexercise = \"nope\"\n"}}),
        "built-in content is broken: builtin:x.toml:5:12: routine 'r' step 1 names unknown "
        "exercise 'nope'");
  }

  TEST_CASE("content: lookups of unknown ids suggest a close one") {
    Content c = load_content(std::vector<ContentSource>{base});
    SUBCASE("routine") {
      try {
        c.routine("mornin");
        FAIL("no throw");
      } catch (const UsageError& e) {
        CHECK(e.subject() == "routine");
        CHECK(std::string(e.what()) == "no routine 'mornin' (see 'psoas routine list')");
        CHECK(e.hint() == "did you mean 'morning'?");
        CHECK(e.exit_code() == 2);
      }
    }
    SUBCASE("nothing close") {
      try {
        c.routine("zzzzzzzzzz");
        FAIL("no throw");
      } catch (const UsageError& e) {
        CHECK(e.hint().empty());
      }
    }
    SUBCASE("exercise") {
      CHECK_THROWS_WITH_AS(c.exercise("brige"), "no exercise 'brige'", UsageError);
    }
    SUBCASE("advice") {
      Content all = load_content();
      CHECK(all.advice_item("cold").title == all.advice.at("cold").title);
      try {
        all.advice_item("colt");
        FAIL("no throw");
      } catch (const UsageError& e) {
        CHECK(e.subject() == "advice");
        CHECK(std::string(e.what()) == "no advice 'colt' (see 'psoas advice')");
        CHECK(e.hint() == "did you mean 'cold'?");
        CHECK(e.exit_code() == 2);
      }
    }
  }

  TEST_CASE("content: load_content reads each dir's *.toml sorted by name") {
    TempDir dir;
    dir.write("b.toml",
              "[[routine]]\nid = \"r\"\nname = \"From b\"\n[[routine.step]]\nexercise = "
              "\"kneeling-hip-flexor\"\n");
    dir.write("a.toml",
              "[[routine]]\nid = \"r\"\nname = \"From a\"\n[[routine.step]]\nexercise = "
              "\"kneeling-hip-flexor\"\n");
    dir.write(".#c.toml", "garbage [");
    dir.write("notes.txt", "garbage [");
    dir.write("z.toml", "garbage [");
    Content c = load_content(ContentDirs{{dir.path / "missing", dir.path}});
    CHECK(c.routine("r").name == "From b");
    REQUIRE(c.skipped.size() == 1);
    CHECK(c.skipped[0].file == (dir.path / "z.toml").string());
    CHECK(c.loaded.back() == (dir.path / "b.toml").string());
  }

  TEST_CASE("content: the built-in content loads cleanly") {
    Content c = load_content();
    CHECK(c.skipped.empty());
    for (const char* id :
         {"morning", "desk-break", "stretch", "strength", "massage", "weekly", "acute"}) {
      CAPTURE(id);
      CHECK(c.routines.count(id) == 1);
    }
    CHECK(c.exercises.count("kneeling-hip-flexor") == 1);
    for (const auto& source : builtin_content()) {
      CAPTURE(source.name);
      CHECK(check_content(source).empty());
    }
  }

  TEST_CASE("content: check_files checks files together against a base") {
    Content c = load_content(std::vector<ContentSource>{base});
    auto checks = check_files(
        {{"r.toml",
          "[[routine]]\nid = \"r\"\nname = \"R\"\n[[routine.step]]\nexercise = "
          "\"mine\"\n[[routine.step]]\n"
          "exercise = \"bridge\"\n"},
         {"e.toml",
          "[[exercise]]\nid = \"mine\"\nname = \"M\"\nkind = \"habit\"\ncues = [\"c\"]\n"},
         {"bad.toml",
          "[[routine]]\nid = \"r2\"\nname = \"R\"\n[[routine.step]]\nexercise = \"brige\"\n"}},
        c);
    REQUIRE(checks.size() == 3);
    CHECK(checks[0].issues.empty());
    CHECK(checks[0].routines == 1);
    CHECK(checks[1].issues.empty());
    CHECK(checks[1].exercises == 1);
    REQUIRE(checks[2].issues.size() == 1);
    CHECK(checks[2].issues[0].to_string() ==
          "bad.toml:5:12: routine 'r2' step 1 names unknown exercise 'brige'; did you mean "
          "'bridge'?");
  }

  TEST_CASE("content: dosage_of applies a step's overrides") {
    Content c = load_content(std::vector<ContentSource>{base});
    const Routine& r = c.routine("morning");
    Dosage lunge = dosage_of(c.exercise("lunge"), r.steps[0]);
    CHECK(lunge.hold == seconds{30});
    CHECK(lunge.per_side);
    Dosage bridge = dosage_of(c.exercise("bridge"), r.steps[1]);
    CHECK(bridge.reps == 5);
    CHECK(bridge.sets == 2);
    CHECK(bridge.rest == seconds{15});
  }
}

namespace {

// Every exercise of the built-in content.
std::vector<Exercise> builtin_exercises() {
  std::vector<Exercise> out;
  for (const auto& [id, e] : load_content().exercises) out.push_back(e);
  return out;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Whether any of `texts` contains `word` (in lower case).
bool any_mentions(const std::vector<std::string>& texts, std::string_view word) {
  return std::any_of(texts.begin(), texts.end(),
                     [&](const std::string& t) { return lower(t).find(word) != std::string::npos; });
}

}  // namespace

TEST_SUITE("content safety") {
  TEST_CASE("the stop rule: a caution naming numbness or tingling") {
    CHECK(has_stop_caution({"Stop if you feel numbness in the leg."}));
    CHECK(has_stop_caution({"Ease off.", "TINGLING down a leg: stop."}));
    CHECK(has_stop_caution({"Stop if a foot goes numb or tingles."}));
    CHECK_FALSE(has_stop_caution({}));
    CHECK_FALSE(has_stop_caution({"Stop if you feel sharp pain."}));
    CHECK_FALSE(has_stop_caution({"Breathe; benumbed is not a word here."}));  // not a word start
    CHECK(needs_stop_caution(ExerciseKind::stretch));
    CHECK(needs_stop_caution(ExerciseKind::strength));
    CHECK_FALSE(needs_stop_caution(ExerciseKind::massage));
    CHECK_FALSE(needs_stop_caution(ExerciseKind::habit));
  }

  TEST_CASE("check_files warns about a stretch or strength exercise without the stop") {
    const Content none;
    auto warnings_of = [&](const std::string& text) {
      auto checks = check_files({{"w.toml", text}}, none);
      REQUIRE(checks.size() == 1);
      CHECK(checks[0].issues.empty());  // a warning is not an error: the file still loads
      std::vector<std::string> out;
      for (const auto& w : checks[0].warnings) {
        CHECK(w.severity == Severity::warning);
        out.push_back(w.to_string());
      }
      return out;
    };
    SUBCASE("at its cautions") {
      auto w = warnings_of(exercise_with("cautions = [\"Stop if it hurts.\"]\n"));
      REQUIRE(w.size() == 1);
      CHECK(w[0].rfind("w.toml:6:12: warning: stretch exercise 'x' has no caution to stop on "
                       "numbness or tingling",
                       0) == 0);
    }
    SUBCASE("at its kind when it has no cautions") {
      auto w = warnings_of(
          "[[exercise]]\nid = \"s\"\nname = \"S\"\nkind = \"strength\"\ncues = [\"c\"]\n");
      REQUIRE(w.size() == 1);
      CHECK(w[0].rfind("w.toml:4:8: warning: strength exercise 's'", 0) == 0);
    }
    SUBCASE("not with the stop, nor for massage and habits") {
      CHECK(warnings_of(exercise_with("cautions = [\"Stop on tingling.\"]\n")).empty());
      CHECK(warnings_of("[[exercise]]\nid = \"h\"\nname = \"H\"\nkind = \"habit\"\ncues = [\"c\"]\n")
                .empty());
    }
    SUBCASE("check_content lists errors only") {
      CHECK(check_content({"w.toml", exercise_with("")}).empty());
    }
  }

  TEST_CASE("every built-in stretch and strength exercise says when to stop") {
    for (const auto& e : builtin_exercises()) {
      CAPTURE(e.id);
      if (needs_stop_caution(e.kind)) CHECK(has_stop_caution(e.cautions));
    }
    const Content none;
    for (const auto& check : check_files(builtin_content(), none)) {
      CAPTURE(check.file);
      CHECK(check.warnings.empty());
    }
  }

  TEST_CASE("built-in stretches say no bouncing") {
    for (const auto& e : builtin_exercises()) {
      CAPTURE(e.id);
      if (e.kind == ExerciseKind::stretch)
        CHECK((any_mentions(e.cues, "bounc") || any_mentions(e.cautions, "bounc")));
    }
  }

  TEST_CASE("built-in cues breathe out on the effort, never while lowering") {
    for (const auto& e : builtin_exercises()) {
      for (const auto& cue : e.cues) {
        CAPTURE(cue);
        const std::string c = lower(cue);
        if (c.find("breathe out") != std::string::npos) CHECK(c.find("lower") == std::string::npos);
      }
    }
  }

  TEST_CASE("built-in content keeps no knee-past-the-toes rule") {
    for (const auto& e : builtin_exercises()) {
      CAPTURE(e.id);
      CHECK_FALSE(any_mentions(e.cues, "not past the toes"));
      CHECK_FALSE(any_mentions(e.cautions, "not past the toes"));
    }
  }

  TEST_CASE("self-massage carries every stop of TRIAGE-SOURCES.md") {
    const Content c = load_content();
    const std::vector<std::string_view> stops = {"fever",  "belly pain", "sick",    "faint",
                                                 "pulse",  "pregnan",    "hernia",  "surgery",
                                                 "bruise", "bleed"};
    auto covers = [&](const std::vector<std::string>& cautions) {
      for (auto stop : stops) {
        CAPTURE(stop);
        CHECK(any_mentions(cautions, stop));
      }
    };
    SUBCASE("the massage routine, before its first phase") { covers(c.routine("massage").cautions); }
    SUBCASE("each massage exercise") {
      for (const auto& [id, e] : c.exercises) {
        CAPTURE(id);
        if (e.kind == ExerciseKind::massage) covers(e.cautions);
      }
    }
  }

  TEST_CASE("a routine's cautions are read, and must be strings") {
    const std::string routine =
        "[[routine]]\nid = \"r\"\nname = \"R\"\ncautions = CAUTIONS\n[[routine.step]]\nexercise = "
        "\"kneeling-hip-flexor\"\n";
    auto with = [&](std::string cautions) {
      std::string text = routine;
      text.replace(text.find("CAUTIONS"), 8, cautions);
      return text;
    };
    TempDir dir;
    std::ofstream(dir.path / "r.toml") << with("[\"Not with a fever.\"]");
    Content c = load_content(ContentDirs{{dir.path}});
    CHECK(c.skipped.empty());
    CHECK(c.routine("r").cautions == std::vector<std::string>{"Not with a fever."});
    CHECK(issues_of(with("\"one\"")) ==
          std::vector<std::string>{"4:12: 'cautions' must be an array of strings"});
  }

  TEST_CASE("wording: the built-in triage.toml gives every key, a user file replaces some") {
    const Content builtin = load_content(ContentDirs{});
    for (const auto& key : wording_keys()) {
      CAPTURE(key.key);
      auto it = builtin.wording.find(key.key);
      REQUIRE(it != builtin.wording.end());
      CHECK(it->second.size() == (key.lines ? 4U : 1U));
    }
    CHECK(builtin.wording.size() == wording_keys().size());
    test::TempDir dir;
    std::ofstream(dir.path / "user.toml") << "[wording]\nunknown = \"Begin with '{routine1}'.\"\n";
    Content c = load_content(ContentDirs{{dir.path}});
    CHECK(c.skipped.empty());
    CHECK(c.wording.at("unknown") == std::vector<std::string>{"Begin with '{routine1}'."});
    CHECK(c.wording.at("disclaimer") == builtin.wording.at("disclaimer"));
  }

  TEST_CASE("triage lists: the built-in triage.toml gives every key, a user file replaces some") {
    const Content builtin = load_content(ContentDirs{});
    for (const auto& key : triage_list_keys()) {
      CAPTURE(key.key);
      REQUIRE(builtin.triage.count(key.key) == 1);
      if (key.routines) CHECK_FALSE(builtin.triage.find(key.key)->second.empty());
    }
    CHECK(builtin.triage.size() == triage_list_keys().size());
    CHECK(builtin.triage.at("both") == std::vector<std::string>{"acute", "stretch", "strength"});
    test::TempDir dir;
    std::ofstream(dir.path / "user.toml") << "[triage]\nflare-up = [\"stretch\"]\nsame-day = []\n";
    Content c = load_content(ContentDirs{{dir.path}});
    CHECK(c.skipped.empty());
    CHECK(c.triage.at("flare-up") == std::vector<std::string>{"stretch"});
    CHECK(c.triage.at("same-day").empty());
    CHECK(c.triage.at("infection") == builtin.triage.at("infection"));
  }

  TEST_CASE("triage lists: keys, types and the ids they name are checked") {
    CHECK(issues_of("[triage]\nboth = [\"acute\", \"stretch\"]\ninfection = [\"fever\"]\n").empty());
    CHECK(issues_of("[triage]\nflare = [\"acute\"]\n") ==
          std::vector<std::string>{"2:1: unknown key 'flare' in triage; did you mean 'flare-up'?"});
    CHECK(issues_of("[triage]\nunknown = []\n") ==
          std::vector<std::string>{"2:11: triage 'unknown' must be a list of routine ids, not empty"});
    CHECK(issues_of("[triage]\ninfection = \"fever\"\n") ==
          std::vector<std::string>{"2:13: triage 'infection' must be a list of question ids"});
    CHECK(issues_of("[triage]\ntightness = [\"strech\"]\n") ==
          std::vector<std::string>{"2:14: triage 'tightness' names unknown routine 'strech'; did you mean 'stretch'?"});
    CHECK(issues_of("[triage]\nsame-day = [\"fevre\"]\n") ==
          std::vector<std::string>{"2:13: triage 'same-day' names unknown question 'fevre'; did you mean 'fever'?"});
    CHECK(issues_of("[[triage]]\nboth = [\"acute\"]\n") ==
          std::vector<std::string>{"1:3: 'triage' must be a table: write [triage]"});
  }

  TEST_CASE("wording: keys, types and placeholders are checked") {
    CHECK(issues_of("[wording]\ndisclaimer = \"Call {number}.\"\ncard = [\"{numbers}\", \"b\"]\n").empty());
    CHECK(issues_of("[wording]\ndisclamer = \"x\"\n") ==
          std::vector<std::string>{"2:1: unknown key 'disclamer' in wording; did you mean 'disclaimer'?"});
    CHECK(issues_of("[wording]\nflare-up = \"Do '{routine2}'.\"\n") ==
          std::vector<std::string>{"2:12: unknown placeholder '{routine2}' in wording 'flare-up': use {routine1}"});
    CHECK(issues_of("[wording]\nwithheld = \"Call {number}.\"\n") ==
          std::vector<std::string>{"2:12: wording 'withheld' takes no placeholders, not '{number}'"});
    CHECK(issues_of("[wording]\nwithheld = \"a { b\"\n") ==
          std::vector<std::string>{"2:12: a '{' without its '}'"});
    CHECK(issues_of("[wording]\ncard = \"one line\"\n") ==
          std::vector<std::string>{"2:8: wording 'card' must be a list of non-empty strings"});
    CHECK(issues_of("[wording]\nwithheld = [\"x\"]\n") ==
          std::vector<std::string>{"2:12: wording 'withheld' must be a non-empty string"});
    CHECK(issues_of("[[wording]]\nwithheld = \"x\"\n") ==
          std::vector<std::string>{"1:3: 'wording' must be a table: write [wording]"});
  }
}
