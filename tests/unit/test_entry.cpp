// The entry module: places and tags as typed, the vocabulary, and the one check an entry
// passes before it is stored (errors name "entry", never a subcommand).
#include <doctest/doctest.h>

#include <algorithm>

#include "psoas/entry.hpp"
#include "psoas/error.hpp"

using namespace psoas;
using namespace std::chrono;

namespace {

const Instant now = sys_days{year{2026} / November / 20} + hours{12};

Entry make(Instant t, int pain) {
  Entry e;
  e.at = t;
  e.pain = pain;
  return e;
}

// The subject and message of the UsageError validate_entry throws, or "" when it passes.
std::string rejection(const Entry& e, std::optional<Instant> when = now) {
  try {
    validate_entry(e, when);
  } catch (const UsageError& u) {
    return u.subject() + ": " + u.what();
  }
  return "";
}

}  // namespace

TEST_SUITE("entry") {
  TEST_CASE("locations as users type them") {
    CHECK(parse_location("left groin") == Location{"groin", Side::left, std::nullopt});
    CHECK(parse_location("lower back") == Location{"lower-back", Side::none, std::nullopt});
    CHECK(parse_location("Lower-Back") == Location{"lower-back", Side::none, std::nullopt});
    CHECK(parse_location("groin=6") == Location{"groin", Side::none, 6});
    CHECK(parse_location("right front of hip = 3") == Location{"front-of-hip", Side::right, 3});
    CHECK(parse_location("groin left") == Location{"groin", Side::left, std::nullopt});
    CHECK(parse_location("both legs") == Location{"leg", Side::both, std::nullopt});
    CHECK(parse_location("hip") == Location{"front-of-hip", Side::none, std::nullopt});
    CHECK(parse_location("left").area == "left");  // a lone side word is read as the area
    CHECK(parse_location("knee").area == "knee");  // unknown areas come back as typed
    CHECK_THROWS_AS(parse_location("groin=x"), UsageError);
    CHECK_THROWS_AS(parse_location("  "), UsageError);
    CHECK(format_location({"groin", Side::left, 6}) == "left groin=6");
    CHECK(format_location({"lower-back", Side::none, std::nullopt}) == "lower-back");
  }

  TEST_CASE("triggers and helpers are normalised") {
    CHECK(normalise_tag("  Poor   Sleep ", known_triggers()) == "poor-sleep");
    CHECK(normalise_tag("long  drive", known_triggers()) == "long drive");
    CHECK(normalise_tag("HEAT", known_helped()) == "heat");
  }

  TEST_CASE("the vocabulary: known areas, triggers and helpers, sides both ways") {
    CHECK(known_areas() == std::vector<std::string>{"lower-back", "groin", "front-of-hip", "buttock", "thigh", "leg"});
    CHECK(std::find(known_triggers().begin(), known_triggers().end(), "poor-sleep") != known_triggers().end());
    CHECK(std::find(known_helped().begin(), known_helped().end(), "stretch") != known_helped().end());
    for (Side s : {Side::none, Side::left, Side::right, Side::both}) CHECK(side_from_string(to_string(s)) == s);
    CHECK_FALSE(side_from_string("middle"));
  }

  TEST_CASE("a place that cannot be read names the place, not a flag") {
    try {
      parse_location("groin=x");
      FAIL("no error");
    } catch (const UsageError& u) {
      CHECK(u.subject() == place_subject);
      CHECK(std::string(u.what()) == "'groin=x': the pain after '=' must be a number from 0 to 10");
    }
  }

  TEST_CASE("validation: each rule, with the subject \"entry\"") {
    CHECK(rejection(make(now, 3)) == "");
    CHECK(rejection(make(now, 11)) == "entry: pain must be from 0 to 10, not 11");
    Entry e = make(now, 3);
    e.activity = -1;
    CHECK(rejection(e) == "entry: activity (PEG) must be from 0 to 10, not -1");
    e = make(now, 3);
    e.uuid = "not-a-uuid";
    CHECK(rejection(e) == "entry: 'not-a-uuid' is not a uuid (expected 8-4-4-4-12 lower-case hex digits)");
    e = make(now, 3);
    e.utc_offset = hours{19};
    CHECK(rejection(e) == "entry: UTC offset 68400s is out of range (at most 18 hours)");
    CHECK(rejection(make(sys_days{year{1899} / December / 31}, 3)) == "entry: the date is out of range (years 1900 to 9999)");
    e = make(now, 3);
    e.where = {{"left groin", Side::none, std::nullopt}};
    CHECK(rejection(e) == "entry: area 'left groin' may not contain spaces or any of ;=,\\");
    e = make(now, 3);
    e.helped = {" heat"};
    CHECK(rejection(e) == "entry: helped item ' heat' has leading or trailing spaces");
    e = make(now, 3);
    e.note = "tab\tand\nnewline are fine";
    CHECK(rejection(e) == "");
    e.note = "bell\a";
    CHECK(rejection(e) == "entry: note contains a control character");
    e = make(now, 3);
    e.session = "44444444-4444-4444-8444-444444444444";
    CHECK(rejection(e) == "entry: a session rating needs both the session's uuid and 'before' or 'after'");
    e.session_role = SessionRole::before;
    CHECK(rejection(e) == "");
    e.session = "nope";
    CHECK(rejection(e) == "entry: session 'nope' is not a uuid");
    e.session.clear();
    CHECK(rejection(e) == "entry: a session rating needs both the session's uuid and 'before' or 'after'");
  }

  TEST_CASE("session roles both ways") {
    CHECK(to_string(SessionRole::before) == "before");
    CHECK(to_string(SessionRole::after) == "after");
    CHECK(to_string(SessionRole::none).empty());
    CHECK(session_role_from_string("after") == SessionRole::after);
    CHECK(session_role_from_string("") == SessionRole::none);
    CHECK_FALSE(session_role_from_string("during"));
  }

  TEST_CASE("a checked entry is one that passed validation") {
    CHECK(CheckedEntry::check(make(now, 4)).entry().pain == 4);
    CHECK_THROWS_AS(CheckedEntry::check(make(now, 11)), UsageError);
    CHECK_THROWS_AS(CheckedEntry::check(make(now + hours{25}, 4), now), UsageError);
  }

  TEST_CASE("not more than a day after now, and only when now is given") {
    CHECK(rejection(make(now + hours{24}, 3)) == "");
    CHECK(rejection(make(now + hours{24} + seconds{1}, 3)) == "entry: the time is more than a day in the future");
    CHECK(rejection(make(now + hours{48}, 3), std::nullopt) == "");
  }

  TEST_CASE("PEG needs both of its other items") {
    Entry e = make(now, 6);
    CHECK_FALSE(peg_score(e));
    e.enjoyment = 3;
    CHECK_FALSE(peg_score(e));
    e.activity = 9;
    CHECK(peg_score(e) == doctest::Approx(6.0));
  }
}
