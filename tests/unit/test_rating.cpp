#include <doctest/doctest.h>

#include "psoas/rating.hpp"

using psoas::Session;
using psoas::SessionRole;
namespace rating = psoas::rating;
using rating::Answer;
using rating::Kind;

TEST_SUITE("rating") {
  TEST_CASE("parse: a whole number from 0 to 10, nothing else") {
    CHECK(rating::parse("0") == 0);
    CHECK(rating::parse("7") == 7);
    CHECK(rating::parse("10") == 10);
    CHECK(rating::parse(" 4 ") == 4);
    CHECK(rating::parse("04") == 4);
    for (const char* bad : {"", " ", "11", "12", "-1", "4.5", "4,5", "+3", "five", "7x", "x7", "100", "010", "1 0"}) {
      CAPTURE(bad);
      CHECK_FALSE(rating::parse(bad).has_value());
    }
  }

  TEST_CASE("read_answer: a rating, a skip, or ask again") {
    CHECK(rating::read_answer("5") == Answer{Kind::rating, 5});
    CHECK(rating::read_answer("0") == Answer{Kind::rating, 0});
    CHECK(rating::read_answer("") == Answer{Kind::skip, 0});
    CHECK(rating::read_answer("   ") == Answer{Kind::skip, 0});
    CHECK(rating::read_answer("12") == Answer{Kind::again, 0});
    CHECK(rating::read_answer("-1") == Answer{Kind::again, 0});
    CHECK(rating::read_answer("4.5") == Answer{Kind::again, 0});
    CHECK(rating::read_answer("q") == Answer{Kind::again, 0});
  }

  TEST_CASE("make_entry: an ordinary entry linked to its session") {
    const psoas::Instant at{std::chrono::seconds{1'790'000'000}};
    const std::string uuid = "0b0e8f4c-3a51-4c1e-9a55-5a2b7c0c1d2e";
    psoas::Entry e = rating::make_entry(6, uuid, SessionRole::after, at, std::chrono::hours{1});
    CHECK(e.pain == 6);
    CHECK(e.at == at);
    CHECK(e.utc_offset == std::chrono::hours{1});
    CHECK(e.session == uuid);
    CHECK(e.session_role == SessionRole::after);
    CHECK(e.where.empty());
    CHECK(e.note.empty());
    CHECK_NOTHROW(psoas::validate_entry(e, at));
  }

  TEST_CASE("describe: how a listing names a rating") {
    Session routine;
    routine.kind = "routine";
    routine.routine = "acute";
    Session timer;
    timer.kind = "timer";
    timer.routine = "Wall sit";
    CHECK(rating::describe(SessionRole::before, &routine) == "before acute");
    CHECK(rating::describe(SessionRole::after, &routine) == "after acute");
    CHECK(rating::describe(SessionRole::after, &timer) == "after timer \"Wall sit\"");
    CHECK(rating::describe(SessionRole::before, nullptr) == "before a session");
  }
}
