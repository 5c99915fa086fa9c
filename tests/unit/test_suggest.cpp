#include <doctest/doctest.h>

#include "psoas/content.hpp"

TEST_SUITE("suggest") {
  TEST_CASE("closest_match finds a near name") {
    const std::vector<std::string> names{"triage", "routine", "timer", "log", "report"};
    SUBCASE("one typo") { CHECK(psoas::closest_match("rotine", names) == "routine"); }
    SUBCASE("transposed letters") { CHECK(psoas::closest_match("tiemr", names) == "timer"); }
    SUBCASE("unique prefix") { CHECK(psoas::closest_match("rep", names) == "report"); }
    SUBCASE("nothing close") { CHECK(psoas::closest_match("zzzzzzzz", names).empty()); }
  }

  TEST_CASE("closest_match guesses only when the guess is clear") {
    SUBCASE("nothing typed") { CHECK(psoas::closest_match("", {"log"}).empty()); }
    SUBCASE("a prefix two names share is no guess") {
      CHECK(psoas::closest_match("re", {"report", "remind"}).empty());
    }
    SUBCASE("one letter is too short a prefix") { CHECK(psoas::closest_match("t", {"timer"}).empty()); }
    SUBCASE("the nearer of two names") { CHECK(psoas::closest_match("lgo", {"leg", "log"}) == "log"); }
    SUBCASE("longer names allow more edits") {
      CHECK(psoas::closest_match("kneling-hip-flexr", {"kneeling-hip-flexor"}) == "kneeling-hip-flexor");
      CHECK(psoas::closest_match("abc", {"xyz"}).empty());
    }
  }
}
