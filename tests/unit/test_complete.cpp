// Shell completion's candidate lists and protocol lines (psoas/complete.hpp).
#include <doctest/doctest.h>

#include "psoas/complete.hpp"
#include "psoas/entry.hpp"

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
    CHECK(complete::value_kind("PLACE") == ValueKind::area);
    CHECK(complete::value_kind("TRIGGER") == ValueKind::trigger);
    CHECK(complete::value_kind("HELPED") == ValueKind::helped);
  }

  TEST_CASE("free text names its values only through the option's name") {
    CHECK(complete::value_kind("TEXT", "trigger") == ValueKind::trigger);
    CHECK(complete::value_kind("TEXT", "helped") == ValueKind::helped);
    CHECK(complete::value_kind("TEXT", "note") == ValueKind::none);
    CHECK(complete::value_kind("TEXT") == ValueKind::none);
    CHECK(complete::value_kind("DURATION", "trigger") == ValueKind::none);
  }

  TEST_CASE("the journal's known areas, triggers and helpers are offered as they are stored") {
    const Content none;
    Candidates areas = complete::content_values(none, ValueKind::area);
    REQUIRE(areas.size() == known_areas().size());
    CHECK(areas.front() == Candidate{known_areas().front(), ""});
    CHECK(complete::matching(complete::content_values(none, ValueKind::trigger), "poor") ==
          Candidates{{"poor-sleep", ""}});
    CHECK(complete::matching(complete::content_values(none, ValueKind::helped), "he") == Candidates{{"heat", ""}});
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
    Candidates all{{"--json", "JSON"}, {"--journal", "file"}, {"-j", "JSON"}, {"--json", "parent's JSON"}};
    CHECK(complete::matching(all, "--j") == Candidates{{"--json", "JSON"}, {"--journal", "file"}});
    CHECK(complete::matching(all, "") == Candidates{{"--json", "JSON"}, {"--journal", "file"}, {"-j", "JSON"}});
    CHECK(complete::matching(all, "x").empty());
  }

  TEST_CASE("a lone files candidate stays whatever was typed") {
    Candidates files{{std::string(complete::file_names), ""}};
    CHECK(complete::matching(files, "notes/") == files);
  }

  TEST_CASE("a list option's next value follows what was given, each value once") {
    Candidates v{{"sitting", ""}, {"stress", "s"}, {"heat", ""}};
    CHECK(complete::in_list(v, "st", ',') == v);
    CHECK(complete::in_list(v, "sitting,st", '\0') == v);
    CHECK(complete::in_list(v, "sitting,st", ',') == Candidates{{"sitting,stress", "s"}, {"sitting,heat", ""}});
    CHECK(complete::matching(complete::in_list(v, "heat,s", ','), "heat,s") ==
          Candidates{{"heat,sitting", ""}, {"heat,stress", "s"}});
  }

  TEST_CASE("a description becomes one line: the first sentence of the first line") {
    CHECK(complete::one_line("Red-flag screen: seek care now.\nOn a terminal it asks each question (y = yes,\n") ==
          "Red-flag screen: seek care now");
    CHECK(complete::one_line("Print JSON") == "Print JSON");
    CHECK(complete::one_line("Disable it. Then delete it") == "Disable it");
    CHECK(complete::one_line("Work days, e.g. mon-fri (config work_days)") == "Work days, e.g. mon-fri (config work_days)");
    CHECK(complete::one_line("  a\tb   c  ") == "a b c");
    CHECK(complete::one_line("").empty());
  }

  TEST_CASE("a long description is cut at a word") {
    CHECK(complete::one_line("Where it hurts: lower-back, groin, front-of-hip", 20) == "Where it hurts…");
    CHECK(complete::one_line("lower-back, groin", 12) == "lower-back…");
    CHECK(complete::one_line("abcdefghij", 4) == "abcd…");
    CHECK(complete::one_line("\xc3\xa9\xc3\xa9", 3) == "\xc3\xa9…");  // never half a character
  }

  TEST_CASE("the protocol: one candidate a line, word TAB description") {
    CHECK(complete::lines({{"triage", "Red-flag screen.\nOn a terminal it asks"}, {"log", ""}}) ==
          "triage\tRed-flag screen\nlog\n");
    CHECK(complete::lines({{"", "empty"}, {"two words", "x"}, {"tab\tword", ""}, {"ok", "\tspaced\t"}}) ==
          "ok\tspaced\n");
    CHECK(complete::lines({}).empty());
  }
}
