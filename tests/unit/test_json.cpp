#include <doctest/doctest.h>

#include "psoas/json.hpp"

#include <sstream>

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

  TEST_CASE("json: LineArray writes one value a line") {
    std::ostringstream out;
    json::LineArray a(out);
    SUBCASE("empty") {
      a.finish();
      CHECK(out.str() == "[]\n");
    }
    SUBCASE("two values") {
      a.add("1");
      a.add(R"({"k":2})");
      a.finish();
      CHECK(out.str() == "[\n  1,\n  {\"k\":2}\n]\n");
    }
  }

  TEST_CASE("json: parse reads what the writer writes") {
    const std::string text = json::Object{}.add("s", "a\"b\n\u00e9").add("n", -1.5e3).add("b", true).add_null("z").add_raw("a", json::array({"x"})).str();
    json::Value v = json::parse(text);
    REQUIRE(v.type == json::Value::Type::object);
    REQUIRE(v.find("s"));
    CHECK(v.find("s")->text == "a\"b\n\u00e9");
    CHECK(v.find("n")->type == json::Value::Type::number);
    CHECK(v.find("b")->boolean);
    CHECK(v.find("z")->type == json::Value::Type::null);
    CHECK(v.find("a")->items.at(0).text == "x");
    CHECK(v.find("missing") == nullptr);
  }

  TEST_CASE("json: parse decodes escapes and surrogate pairs") {
    CHECK(json::parse(R"("\u0041\u00e9\ud83d\ude00\/")").text == "A\u00e9\U0001F600/");
  }

  TEST_CASE("json: errors name their line") {
    auto line_of = [](std::string_view text) -> std::size_t {
      try {
        json::parse(text);
      } catch (const json::ParseError& e) {
        return e.line();
      }
      return 0;
    };
    CHECK(line_of("{\n\"a\": 1,\n\"b\" 2}") == 3);
    CHECK(line_of("[1,\n\n tru]") == 3);
    CHECK(line_of("\"\\ud800\"") == 1);
    CHECK(line_of("[1] x") == 1);
    CHECK(line_of(std::string(100, '[')) == 1);
    CHECK(json::parse("\n\n[1]").line == 3);
    CHECK(json::parse("[\n1]", 10).items.at(0).line == 11);
  }

  TEST_CASE("json: an error says when the text ended early") {
    try {
      json::parse("{\"a\": ");
      FAIL("no throw");
    } catch (const json::ParseError& e) {
      CHECK(e.at_end());
    }
    try {
      json::parse("{\"a\": x}");
      FAIL("no throw");
    } catch (const json::ParseError& e) {
      CHECK_FALSE(e.at_end());
    }
  }

  TEST_CASE("json: parse_string_array") {
    CHECK(json::parse_string_array(R"(["a","b"])") == std::vector<std::string>{"a", "b"});
    CHECK(json::parse_string_array("[]").empty());
    CHECK_THROWS_AS(json::parse_string_array("[1]"), json::ParseError);
    CHECK_THROWS_AS(json::parse_string_array(R"({"a":"b"})"), json::ParseError);
    CHECK(std::string(json::describe(json::Value::Type::object)) == "an object");
  }
}
