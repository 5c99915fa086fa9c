// Hybrid logical clock stamps: the text form sorts as the pair does; issuing always moves
// forward, also when the wall clock runs behind the last stamp; receiving keeps the greater.
#include <doctest/doctest.h>

#include "psoas/hlc.hpp"

using namespace psoas;

TEST_SUITE("hlc") {
  TEST_CASE("a stamp is 13 digits of ms, a dash and 6 of counter, and reads back") {
    CHECK(hlc::format({1764547200000, 3}) == "1764547200000-000003");
    CHECK(hlc::format({42, 0}) == "0000000000042-000000");
    CHECK(hlc::parse("1764547200000-000003") == hlc::Stamp{1764547200000, 3});
    CHECK(hlc::parse("0000000000042-000000") == hlc::Stamp{42, 0});
    SUBCASE("text that is not a stamp") {
      for (const char* bad : {"", "1764547200000", "1764547200000-3", "176454720000-000003", "1764547200000-00000x",
                              "+764547200000-000003", "1764547200000-0000003"}) {
        CAPTURE(bad);
        CHECK_FALSE(hlc::parse(bad));
      }
    }
  }

  TEST_CASE("stamps sort as text the way they sort as pairs") {
    const hlc::Stamp a{1764547200000, 999}, b{1764547200001, 0}, c{1764547200001, 1};
    CHECK(a < b);
    CHECK(b < c);
    CHECK(hlc::format(a) < hlc::format(b));
    CHECK(hlc::format(b) < hlc::format(c));
  }

  TEST_CASE("issuing: the wall clock ahead of the last stamp starts a new millisecond at counter 0") {
    CHECK(hlc::issue({1000, 7}, 2000) == hlc::Stamp{2000, 0});
    CHECK(hlc::issue({}, 1764547200000) == hlc::Stamp{1764547200000, 0});
  }

  TEST_CASE("issuing: the same millisecond counts up") {
    hlc::Stamp s = hlc::issue({}, 5000);
    s = hlc::issue(s, 5000);
    s = hlc::issue(s, 5000);
    CHECK(s == hlc::Stamp{5000, 2});
  }

  TEST_CASE("issuing: a clock running behind (an hour) keeps the last millisecond and counts on") {
    const hlc::Stamp last{1764550800000, 4};                // 01:00:00 on the other device
    const std::int64_t behind = 1764550800000 - 3600000;   // this device says 00:00:00
    CHECK(hlc::issue(last, behind) == hlc::Stamp{1764550800000, 5});
    CHECK(hlc::issue(hlc::issue(last, behind), behind + 1000) == hlc::Stamp{1764550800000, 6});
    // once the wall clock passes the stamp, it takes over again
    CHECK(hlc::issue({1764550800000, 6}, 1764550800001) == hlc::Stamp{1764550800001, 0});
  }

  TEST_CASE("issuing: a full counter moves on to the next millisecond (still unique, still six digits)") {
    CHECK(hlc::issue({9000, hlc::max_counter}, 9000) == hlc::Stamp{9001, 0});
  }

  TEST_CASE("receiving keeps the greater stamp; the next issue comes after it") {
    const hlc::Stamp mine{1000, 3};
    CHECK(hlc::receive(mine, {900, 50}) == mine);
    CHECK(hlc::receive(mine, {1000, 9}) == hlc::Stamp{1000, 9});
    CHECK(hlc::receive(mine, {4000, 0}) == hlc::Stamp{4000, 0});
    CHECK(hlc::issue(hlc::receive(mine, {4000, 0}), 1500) == hlc::Stamp{4000, 1});
  }
}
