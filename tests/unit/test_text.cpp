// Text layout: display width and word wrapping.
#include <doctest/doctest.h>

#include "psoas/text.hpp"

using psoas::text::display_width;
using psoas::text::wrap;

TEST_SUITE("text") {
  TEST_CASE("display width counts code points and skips escape sequences") {
    CHECK(display_width("") == 0);
    CHECK(display_width("hold left") == 9);
    CHECK(display_width("Kneeling · hip") == 14);      // '·' is two bytes, one column
    CHECK(display_width("███░░") == 5);                 // three bytes each
    CHECK(display_width("\x1b[1mbold\x1b[0m") == 4);    // colour codes take no columns
    CHECK(display_width("\x1b[38;5;196mred\x1b[m") == 3);
  }

  TEST_CASE("wrap breaks at spaces within the width") {
    CHECK(wrap("", "", "", 10).empty());
    CHECK(wrap("", "- ", "  ", 10) == "- ");
    CHECK(wrap("one two three", "", "", 80) == "one two three");
    CHECK(wrap("one two three four", "", "", 9) == "one two\nthree\nfour");
    CHECK(wrap("one two three four", "  - ", "    ", 12) == "  - one two\n    three\n    four");
    // Runs of spaces collapse; a word longer than the width gets a line of its own.
    CHECK(wrap("a   b", "", "", 10) == "a b");
    CHECK(wrap("tiny enormousword end", "", "", 6) == "tiny\nenormousword\nend");
    // Widths count columns, not bytes.
    CHECK(wrap("·· ··", "", "", 5) == "·· ··");
  }
}
