// Entries as text: times, and export -> import round trips in every format.
#include <doctest/doctest.h>

#include <sstream>

#include <fmt/format.h>

#include "psoas/error.hpp"
#include "psoas/journal_io.hpp"
#include "psoas/when.hpp"

using namespace psoas;
using namespace std::chrono;

namespace {

Instant at(int y, unsigned m, unsigned d, int h = 0, int min = 0) {
  return sys_days{year{y} / month{m} / day{d}} + hours{h} + minutes{min};
}

std::vector<Entry> sample() {
  Entry a;
  a.uuid = "11111111-1111-4111-8111-111111111111";
  a.at = at(2026, 11, 20, 20);
  a.utc_offset = hours{1};
  a.pain = 6;
  a.enjoyment = 5;
  a.activity = 7;
  a.where = {{"groin", Side::left, 6}, {"lower-back", Side::none, std::nullopt}, {"knie", Side::both, 0}};
  a.triggers = {"sitting", "long drive; then \\stairs\\", "comma, \"quoted\""};
  a.helped = {"heat"};
  a.note = "two\nlines, \"quotes\" and a trailing CR\r";
  Entry b;
  b.uuid = "22222222-2222-4222-8222-222222222222";
  b.at = at(2026, 11, 21, 3, 30);
  b.utc_offset = -(hours{9} + minutes{30});
  b.pain = 0;
  b.session = "44444444-4444-4444-8444-444444444444";  // a rating the timer took
  b.session_role = SessionRole::after;
  Entry c;
  c.uuid = "33333333-3333-4333-8333-333333333333";
  c.at = at(1911, 3, 10, 23, 50);
  c.utc_offset = seconds{561};  // Paris mean time: an offset with seconds
  c.pain = 10;
  c.note = "ünïcödé ✓";
  return {a, b, c};
}

std::string export_all(const std::vector<Entry>& es, EntryFormat f) {
  std::ostringstream out;
  EntryExporter x(out, f);
  for (const auto& e : es) x.write(e);
  x.finish();
  return out.str();
}

std::vector<Entry> import_all(const std::string& text, EntryFormat f, std::optional<Instant> now = {}) {
  std::istringstream in(text);
  EntryImporter r(in, f, "in.txt", now);
  std::vector<Entry> out;
  while (auto e = r.next()) out.push_back(e->entry());
  return out;
}

}  // namespace

TEST_SUITE("journal") {
  TEST_CASE("sessions and triage results as the hooks get them") {
    Session s;
    s.id = 7;
    s.uuid = "0b7c6c5e-4d43-4f4e-9a55-8c1b4f0e7a11";
    s.kind = "routine";
    s.routine = "morning";
    s.start = sys_days{2026y / 11 / 20} + 8h;
    s.end = s.start + 7min;
    s.utc_offset = 1h;
    s.phases_done = 9;
    s.phases_total = 12;
    s.outcome = "stopped";
    CHECK(session_json(s) ==
          R"({"id":7,"uuid":"0b7c6c5e-4d43-4f4e-9a55-8c1b4f0e7a11","kind":"routine","routine":"morning",)"
          R"("start":"2026-11-20T09:00:00+01:00","end":"2026-11-20T09:07:00+01:00","phases_done":9,)"
          R"("phases_total":12,"outcome":"stopped"})");
    TriageRecord r;
    r.id = 3;
    r.uuid = s.uuid;
    r.at = s.start;
    r.outcome = "self-care";
    r.answers_json = R"({"fever":"no"})";
    r.reasons_json = "[]";
    CHECK(triage_json(r) == R"({"id":3,"uuid":"0b7c6c5e-4d43-4f4e-9a55-8c1b4f0e7a11","at":"2026-11-20T08:00:00+00:00",)"
                            R"("outcome":"self-care","answers":{"fever":"no"},"reasons":[],"routine":null})");
  }

  TEST_CASE("export then import is exact in every format") {
    for (auto f : {EntryFormat::csv, EntryFormat::json, EntryFormat::jsonl}) {
      CAPTURE(to_string(f));
      std::string text = export_all(sample(), f);
      auto back = import_all(text, f);
      CHECK(back == sample());
      CHECK(export_all(back, f) == text);
      CHECK(import_all(export_all({}, f), f).empty());
    }
  }

  TEST_CASE("one CSV column list for export and import") {
    std::string text = export_all({}, EntryFormat::csv);
    CHECK(text == "uuid,at,pain,enjoyment,activity,where,triggers,helped,note,session,session_role\n");
    CHECK(text == fmt::format("{}\n", fmt::join(csv_columns, ",")));
    // Import knows every column export writes, in any order.
    std::string reversed;
    for (auto it = csv_columns.rbegin(); it != csv_columns.rend(); ++it) reversed += (reversed.empty() ? "" : ",") + std::string(*it);
    CHECK(import_all(reversed + "\n", EntryFormat::csv).empty());
  }

  TEST_CASE("formats are detected by name, then by content") {
    CHECK(detect_entry_format("x.JSONL", "") == EntryFormat::jsonl);
    CHECK(detect_entry_format("x.csv", "[") == EntryFormat::csv);
    CHECK(detect_entry_format("-", "  [\n") == EntryFormat::json);
    CHECK(detect_entry_format("-", "{\"a\":1}") == EntryFormat::jsonl);
    CHECK(detect_entry_format("-", "uuid,at") == EntryFormat::csv);
  }

  TEST_CASE("import problems name the file and line") {
    const std::string header = "uuid,at,pain,enjoyment,activity,where,triggers,helped,note\n";
    const std::string ok = ",2026-11-20T21:00:00+01:00,3,,,,,,\n";
    auto fails = [&](const std::string& text, EntryFormat f, const std::string& msg) {
      CAPTURE(text);
      CHECK_THROWS_WITH_AS(import_all(text, f, at(2026, 11, 21)), msg.c_str(), DataError);
    };
    fails(header + ok + ",2026-11-20T21:00:00+01:00,11,,,,,,\n", EntryFormat::csv,
          "in.txt:3: pain must be from 0 to 10, not 11");
    fails(header + ok + ",2026-11-20T21:00:00+01:00,x,,,,,,\n", EntryFormat::csv,
          "in.txt:3: pain must be a whole number, not 'x'");
    fails(header + ",soon,3,,,,,,\n", EntryFormat::csv,
          "in.txt:2: cannot read time 'soon' (expected e.g. 2026-11-20T21:00:00+01:00)");
    fails(header + ",2026-12-20T21:00:00+01:00,3,,,,,,\n", EntryFormat::csv,
          "in.txt:2: the time is more than a day in the future");
    fails(header + ok + ",2026-11-20T21:00:00Z,3,,\n", EntryFormat::csv, "in.txt:3: expected 9 fields, found 5");
    fails(header + ",2026-11-20T21:00:00Z,3,,,,,,\"open\n", EntryFormat::csv, "in.txt:2: a quoted field is not closed");
    fails("uuid,when,pain\n", EntryFormat::csv,
          "in.txt:1: unknown column 'when' in the header (expected uuid,at,pain,enjoyment,activity,where,triggers,helped,note,session,session_role)");
    fails(header + ",2026-11-20T21:00:00Z,3,,,up groin,,,\n", EntryFormat::csv, "in.txt:2: unknown side 'up' in location");
    fails(header + "nope,2026-11-20T21:00:00Z,3,,,,,,\n", EntryFormat::csv,
          "in.txt:2: 'nope' is not a uuid (expected 8-4-4-4-12 lower-case hex digits)");
    fails("{\"at\":\"2026-11-20T21:00:00Z\",\"pain\":3}\n\n{\"at\":\"2026-11-20T21:00:00Z\",\"pain\":3,}\n",
          EntryFormat::jsonl, "in.txt:3: expected a quoted key in JSON, found '}'");
    fails("{\"at\":\"2026-11-20T21:00:00Z\"}\n", EntryFormat::jsonl, "in.txt:1: the entry has no 'pain'");
    fails("[\n{\"at\":\"2026-11-20T21:00:00Z\",\"pain\":3},\n{\"at\":\"2026-11-20T21:00:00Z\",\n\"pain\":\"3\"}\n]",
          EntryFormat::json, "in.txt:4: 'pain' must be a number, not a string");
    fails("[\n{\"at\":\"2026-11-20T21:00:00Z\",\"pain\":3,\"mood\":1}\n]", EntryFormat::json,
          "in.txt:2: unknown field 'mood'");
    fails("[{\"at\":\"2026-11-20T21:00:00Z\",\"pain\":3}", EntryFormat::json,
          "in.txt:1: unexpected end of JSON, expected ',' or ']'");
  }

  TEST_CASE("hand-written files: CRLF, no uuid, where as strings") {
    auto es = import_all("at,pain,where\r\n2026-11-20T21:00:00Z,3,left groin=4;thigh\r\n", EntryFormat::csv);
    REQUIRE(es.size() == 1);
    CHECK(es[0].uuid.empty());
    CHECK(es[0].where == std::vector<Location>{{"groin", Side::left, 4}, {"thigh", Side::none, std::nullopt}});
    es = import_all(R"([{"at":"2026-11-20T21:00:00Z","pain":3,"where":["right leg"]}])", EntryFormat::json);
    REQUIRE(es.size() == 1);
    CHECK(es[0].where == std::vector<Location>{{"leg", Side::right, std::nullopt}});
  }

  TEST_CASE("a time without an offset is read in the zone given, as log --at reads it") {
    const when::FixedZone cet{std::chrono::hours{1}};
    std::istringstream in("at,pain\n2026-11-20T10:00,3\n2026-11-20T10:00:30,4\n");
    EntryImporter r(in, EntryFormat::csv, "in.csv", std::nullopt, &cet);
    auto e = r.next();
    REQUIRE(e);
    CHECK(e->entry().at == when::parse_offset_time("2026-11-20T09:00:00Z")->first);
    CHECK(e->entry().utc_offset == std::chrono::hours{1});
    e = r.next();
    REQUIRE(e);
    CHECK(e->entry().at == when::parse_offset_time("2026-11-20T09:00:30Z")->first);
    std::istringstream json(R"([{"at":"2026-11-20T10:00","pain":3}])");
    EntryImporter j(json, EntryFormat::json, "in.json", std::nullopt, &cet);
    CHECK(j.next()->entry().utc_offset == std::chrono::hours{1});
    // Without a zone (and for what is not a whole local time) it is still refused.
    CHECK_THROWS_WITH_AS(import_all("at,pain\n2026-11-20T10:00,3\n", EntryFormat::csv), doctest::Contains("cannot read time"),
                         DataError);
    std::istringstream bad("at,pain\n2026-11-31T10:00,3\n");
    EntryImporter b(bad, EntryFormat::csv, "in.csv", std::nullopt, &cet);
    CHECK_THROWS_WITH_AS(b.next(), doctest::Contains("cannot read time '2026-11-31T10:00'"), DataError);
  }
}
