// The report's own journal queries (journal_report.cpp) give what the general ones give:
// report_entries the entries' places, triggers and helped items in order, and gather's
// rated sessions (session_ratings paired with the sessions read) rated_sessions' answer.
#include <doctest/doctest.h>

#include "psoas/journal.hpp"
#include "psoas/report.hpp"

using namespace psoas;
using namespace std::chrono;

namespace {

const Instant later = sys_days{year{2100} / January / 1};

Instant at(int y, unsigned m, unsigned d, int h = 0, int min = 0) {
  return sys_days{year{y} / month{m} / day{d}} + hours{h} + minutes{min};
}

Entry make(Instant t, int pain) {
  Entry e;
  e.at = t;
  e.pain = pain;
  return e;
}

// What report_entries leaves out.
Entry without_text(Entry e) {
  e.uuid.clear();
  e.note.clear();
  e.session.clear();
  e.session_role = SessionRole::none;
  return e;
}

}  // namespace

TEST_CASE("report_entries: the range's entries with places and tags in their order, without uuid or note") {
  Journal j = Journal::in_memory();
  Entry a = make(at(2026, 11, 20, 8), 4);
  a.where = {{"groin", Side::left, 5}, {"lower-back", Side::none, std::nullopt}, {"thigh", Side::both, 2}};
  a.triggers = {"sitting", "stress"};
  a.helped = {"heat"};
  a.note = "a note";
  a.enjoyment = 3;
  a.activity = 6;
  Entry b = make(at(2026, 11, 20, 8), 6);  // the same instant: by id
  b.triggers = {"driving"};
  Entry c = make(at(2026, 11, 21, 9), 2);
  c.helped = {"stretch", "walk", "ice"};
  j.add(a, later);
  j.add(b, later);
  j.add(c, later);
  j.add(make(at(2026, 11, 19, 9), 7), later);  // before the range
  j.add(make(at(2026, 11, 22, 0), 7), later);  // at its end: not in it

  const std::vector<Entry> all = j.entries(at(2026, 11, 20), at(2026, 11, 22));
  const std::vector<Entry> got = j.report_entries(at(2026, 11, 20), at(2026, 11, 22));
  REQUIRE(all.size() == 3);
  REQUIRE(got.size() == all.size());
  for (std::size_t i = 0; i < all.size(); ++i) CHECK(got[i] == without_text(all[i]));
  CHECK(got[0].where.size() == 3);
  CHECK(got[2].helped == std::vector<std::string>{"stretch", "walk", "ice"});
  CHECK(j.report_entries(at(2026, 11, 23), at(2026, 11, 24)).empty());
}

TEST_CASE("gather's rated sessions are rated_sessions' answer: the latest rating of each role") {
  Journal j = Journal::in_memory();
  auto session = [&](const char* kind, Instant start) {
    Session s;
    s.kind = kind;
    s.routine = "acute";
    s.start = start;
    s.end = start + minutes{10};
    s.outcome = "completed";
    return j.add_session(s);
  };
  auto rate = [&](const Session& s, SessionRole role, int pain, Instant t) {
    Entry e = make(t, pain);
    e.session = s.uuid;
    e.session_role = role;
    j.add(e, later);
  };
  const Session one = session("routine", at(2026, 11, 20, 8));
  const Session two = session("timer", at(2026, 11, 21, 23, 55));
  const Session desk = session("break", at(2026, 11, 21, 10));
  session("routine", at(2026, 11, 22, 8));                   // unrated
  const Session before = session("routine", at(2026, 11, 12, 8));  // in the previous range
  rate(one, SessionRole::before, 6, at(2026, 11, 20, 8));
  rate(one, SessionRole::after, 5, at(2026, 11, 20, 8, 9));
  rate(one, SessionRole::after, 3, at(2026, 11, 20, 8, 11));  // asked again: the latest counts
  rate(two, SessionRole::after, 2, at(2026, 11, 22, 0, 5));
  rate(desk, SessionRole::before, 9, at(2026, 11, 21, 10));
  rate(before, SessionRole::before, 8, at(2026, 11, 12, 8));

  const when::FixedZone utc{seconds{0}};
  const when::Range range{at(2026, 11, 17), at(2026, 11, 24)};
  report::ReportInput in = report::gather(j, range, at(2026, 11, 23, 12), utc, {},
                                          []() -> const std::vector<TriageQuestion>& {
                                            static const std::vector<TriageQuestion> none;
                                            return none;
                                          });
  const std::vector<RatedSession> expected = j.rated_sessions(range.from, range.to);
  REQUIRE(expected.size() == 3);
  CHECK(in.rated == expected);
  CHECK(in.rated[0] == RatedSession{one, 6, 3});
}
