#include <doctest/doctest.h>

#include "psoas/complete.hpp"

using namespace psoas;
using complete::Candidate;
using complete::ValueKind;
using Candidates = std::vector<Candidate>;

TEST_SUITE("complete") {
  TEST_CASE("type names say what values an option takes") {
    CHECK(complete::value_kind("{text,json}") == ValueKind::choices);
    CHECK(complete::value_kind("FORMAT:{text,json}") == ValueKind::choices);
    CHECK(complete::value_kind("ROUTINE") == ValueKind::routine);
    CHECK(complete::value_kind("QUESTION=ANSWER") == ValueKind::question);
    CHECK(complete::value_kind("EXERCISE") == ValueKind::exercise);
    CHECK(complete::value_kind("ADVICE") == ValueKind::advice);
    CHECK(complete::value_kind("FILE") == ValueKind::files);
    CHECK(complete::value_kind("PATH") == ValueKind::files);
    CHECK(complete::value_kind("DIR") == ValueKind::files);
    CHECK(complete::value_kind("DURATION") == ValueKind::none);
    CHECK(complete::value_kind("{unclosed") == ValueKind::none);
  }

  TEST_CASE("a set's words, empty ones left out") {
    CHECK(complete::choices("{text,json,,csv}") == Candidates{{"text", ""}, {"json", ""}, {"csv", ""}});
    CHECK(complete::choices("N").empty());
  }

  TEST_CASE("content values: ids described by their names") {
    Content c;
    c.routines["morning"].name = "Morning";
    c.exercises["lunge"].name = "Lunge";
    c.advice["heat"].title = "Heat";
    TriageQuestion q;
    q.id = "fever";
    q.text = "Do you have a fever?";
    c.questions.push_back(q);
    CHECK(complete::content_values(c, ValueKind::routine) == Candidates{{"morning", "Morning"}});
    CHECK(complete::content_values(c, ValueKind::exercise) == Candidates{{"lunge", "Lunge"}});
    CHECK(complete::content_values(c, ValueKind::advice) == Candidates{{"heat", "Heat"}});
    CHECK(complete::content_values(c, ValueKind::question) == Candidates{{"fever", "Do you have a fever?"}});
    CHECK(complete::content_values(c, ValueKind::files).empty());
  }

  TEST_CASE("the built-in content offers the desk-break routine") {
    Candidates routines = complete::content_values(load_content(), ValueKind::routine);
    CHECK(complete::matching(routines, "desk") == Candidates{{"desk-break", "Desk break"}});
  }

  TEST_CASE("matching keeps order, drops repeats and what does not start with the prefix") {
    Candidates all{{"--json", "JSON"}, {"--journal", "file"}, {"-j", "JSON"}, {"--json", "JSON"}};
    CHECK(complete::matching(all, "--j") == Candidates{{"--json", "JSON"}, {"--journal", "file"}});
    CHECK(complete::matching(all, "") == Candidates{{"--json", "JSON"}, {"--journal", "file"}, {"-j", "JSON"}});
    CHECK(complete::matching(all, "x").empty());
  }

  TEST_CASE("a lone files candidate stays whatever was typed") {
    Candidates files{{std::string(complete::file_names), ""}};
    CHECK(complete::matching(files, "notes/") == files);
  }
}
