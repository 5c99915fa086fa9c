#include <doctest/doctest.h>

#include "psoas/json.hpp"

using namespace psoas;

TEST_SUITE("json") {
  TEST_CASE("json: quote escapes what JSON requires") {
    SUBCASE("plain") {
      CHECK(json::quote("morning") == "\"morning\"");
    }
    SUBCASE("quotes and backslashes") {
      CHECK(json::quote("a\"b\\c") == "\"a\\\"b\\\\c\"");
    }
    SUBCASE("control characters") {
      CHECK(json::quote("a\nb\tc\x01") == "\"a\\nb\\tc\\u0001\"");
    }
    SUBCASE("UTF-8 passes through") {
      CHECK(json::quote("30 s · left") == "\"30 s · left\"");
    }
  }

  TEST_CASE("json: Object and arrays build compact JSON") {
    SUBCASE("empty") {
      CHECK(json::Object{}.str() == "{}");
    }
    SUBCASE("members in order") {
      json::Object o;
      o.add("id", "x")
          .add("n", 3)
          .add("ok", true)
          .add_null("none")
          .add_raw("a", json::array({"p", "q"}));
      CHECK(o.str() == R"({"id":"x","n":3,"ok":true,"none":null,"a":["p","q"]})");
    }
    SUBCASE("nested") {
      CHECK(json::array_raw({json::Object{}.add("k", 1).str(), "2"}) == R"([{"k":1},2])");
      CHECK(json::array({}) == "[]");
    }
    SUBCASE("seconds and optionals") {
      std::optional<int> none;
      CHECK(json::Object{}
                .add("t", std::chrono::seconds{90})
                .add("n", none)
                .add("r", std::optional<int>{3})
                .str() == R"({"t":90,"n":null,"r":3})");
    }
    SUBCASE("doubles") {
      CHECK(json::Object{}.add("x", 2.5).str() == R"({"x":2.5})");
    }
  }
}
