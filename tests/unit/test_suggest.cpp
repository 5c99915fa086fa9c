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
}
