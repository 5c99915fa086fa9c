// sync: the device file's lines, the reader of complete lines, the fold, and syncs between
// journals through a folder (idempotence, tombstones, a copied journal).
#include <doctest/doctest.h>

#include <fstream>

#include "psoas/error.hpp"
#include "psoas/journal_io.hpp"
#include "psoas/sync.hpp"
#include "temp_dir.hpp"

using namespace psoas;
using namespace std::chrono;
namespace fs = std::filesystem;

namespace {

Change change(std::string device, std::string stamp, std::string op, std::optional<std::string> before,
              std::optional<std::string> after) {
  Change c;
  c.device = std::move(device);
  c.stamp = std::move(stamp);
  c.kind = "entry";
  c.record = "r1";
  c.op = std::move(op);
  c.before = std::move(before);
  c.after = std::move(after);
  return c;
}

void write_file(const fs::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary);
  out << text;
}

void append_file(const fs::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary | std::ios::app);
  out << text;
}

const std::string A = "aaaaaaaaaaaaaaaa";
const std::string B = "bbbbbbbbbbbbbbbb";
const Instant t0 = sys_days{year{2026} / November / 20} + hours{9};

Entry entry(int pain, Instant at) {
  Entry e;
  e.pain = pain;
  e.at = at;
  return e;
}

// A full sync of `j` with `dir` at `now`.
sync::Result sync_now(Journal& j, const fs::path& dir, Instant now) {
  sync::Result r;
  sync::Run run(j, dir, now);
  run.send(r);
  run.apply(r);
  run.finish();
  return r;
}

std::vector<std::string> entries_of(const Journal& j) {
  std::vector<std::string> out;
  for (const auto& e : j.all_entries()) out.push_back(entry_json(e, false));
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_SUITE("sync") {
  TEST_CASE("fold: per field, the last change by (stamp, device) wins; existence is a field") {
    const std::string s0 = R"({"uuid":"r1","pain":3,"note":""})";
    SUBCASE("an add alone") { CHECK(sync::fold({change(A, "0000000000001-000000", "add", {}, s0)}) == s0); }
    SUBCASE("edits of different fields both stay, whatever the order") {
      auto add = change(A, "0000000000001-000000", "add", {}, s0);
      auto pain = change(A, "0000000000002-000000", "edit", s0, R"({"uuid":"r1","pain":5,"note":""})");
      auto note = change(B, "0000000000003-000000", "edit", s0, R"({"uuid":"r1","pain":3,"note":"desk"})");
      const std::string both = R"({"uuid":"r1","pain":5,"note":"desk"})";
      CHECK(sync::fold({add, pain, note}) == both);
      CHECK(sync::fold({note, add, pain}) == both);
    }
    SUBCASE("the same field: the later stamp wins, and a tie goes to the greater device id") {
      auto add = change(A, "0000000000001-000000", "add", {}, s0);
      auto a = change(A, "0000000000005-000000", "edit", s0, R"({"uuid":"r1","pain":7,"note":""})");
      auto b = change(B, "0000000000004-000000", "edit", s0, R"({"uuid":"r1","pain":2,"note":""})");
      CHECK(sync::fold({add, b, a}) == R"({"uuid":"r1","pain":7,"note":""})");
      b.stamp = a.stamp;
      CHECK(sync::fold({add, a, b}) == R"({"uuid":"r1","pain":2,"note":""})");
    }
    SUBCASE("rm is a tombstone: a later edit elsewhere does not bring the record back") {
      auto add = change(A, "0000000000001-000000", "add", {}, s0);
      auto rm = change(A, "0000000000003-000000", "rm", s0, {});
      auto edit = change(B, "0000000000005-000000", "edit", s0, R"({"uuid":"r1","pain":9,"note":""})");
      CHECK_FALSE(sync::fold({add, rm, edit}).has_value());
      // ... and a later add (undo of the rm) restores it with the edit's field
      auto restore = change(A, "0000000000006-000000", "add", {}, s0);
      CHECK(sync::fold({add, rm, edit, restore}) == s0);
      restore.stamp = "0000000000004-000000";
      CHECK(sync::fold({add, rm, edit, restore}) == R"({"uuid":"r1","pain":9,"note":""})");
    }
    SUBCASE("no add: the record does not exist") {
      CHECK_FALSE(sync::fold({}).has_value());
      CHECK_FALSE(sync::fold({change(A, "0000000000002-000000", "edit", s0, s0)}).has_value());
    }
    SUBCASE("duplicates change nothing") {
      auto add = change(A, "0000000000001-000000", "add", {}, s0);
      auto edit = change(B, "0000000000002-000000", "edit", s0, R"({"uuid":"r1","pain":4,"note":""})");
      CHECK(sync::fold({add, edit, edit, add}) == sync::fold({add, edit}));
    }
  }

  TEST_CASE("a change as a line, and back") {
    Change c = change(A, "1764547200000-000003", "edit", R"({"pain":3})", R"({"pain":4})");
    c.batch = "b1";
    c.origin = "undo";
    const std::string line = sync::to_line(c);
    CHECK(line ==
          R"({"psoas":1,"device":"aaaaaaaaaaaaaaaa","stamp":"1764547200000-000003","kind":"entry","record":"r1","op":"edit",)"
          R"("before":{"pain":3},"after":{"pain":4},"batch":"b1","origin":"undo"})"
          "\n");
    CHECK(sync::parse_line(line.substr(0, line.size() - 1), 1, A) == c);
    auto error_of = [](const std::string& text) {
      try {
        sync::parse_line(text, 7, A);
      } catch (const sync::LineError& e) {
        CHECK(e.line == 7);
        return e.why;
      }
      return std::string("no error");
    };
    CHECK(error_of("{\"psoas\":1,").starts_with("not valid JSON"));
    std::string unknown = line;
    unknown.replace(unknown.find("\"entry\""), 7, "\"pet\"");
    CHECK(error_of(unknown) == "unknown kind \"pet\" (this psoas knows entry, session and triage)");
    std::string newer = line;
    newer.replace(newer.find("\"psoas\":1"), 9, "\"psoas\":2");
    CHECK(error_of(newer) == "written by a newer psoas (change log format 2; this psoas reads 1)");
    CHECK(error_of(R"({"psoas":1,"device":"bbbbbbbbbbbbbbbb"})") ==
          "the change names device bbbbbbbbbbbbbbbb, not the file's aaaaaaaaaaaaaaaa");
    CHECK(sync::device_of("0123456789abcdef.jsonl") == "0123456789abcdef");
    CHECK_FALSE(sync::device_of("0123456789abcdef.sync-conflict-1.jsonl").has_value());
    CHECK_FALSE(sync::device_of("notes.txt").has_value());
  }

  TEST_CASE("read_lines takes complete lines only; a half-written tail waits") {
    test::TempDir dir;
    const fs::path f = dir.path / "x.jsonl";
    write_file(f, "one\ntwo\nthr");
    auto c = sync::read_lines(f, 0, 1 << 20);
    CHECK(c.text == "one\ntwo\n");
    CHECK(c.end == 8);
    CHECK(c.size == 11);
    append_file(f, "ee\n");
    c = sync::read_lines(f, 8, 1 << 20);
    CHECK(c.text == "three\n");
    CHECK(c.end == 14);
    SUBCASE("a small max reads whole lines, more than max for a long one") {
      auto d = sync::read_lines(f, 0, 2);
      CHECK(d.text == "one\n");
      d = sync::read_lines(f, 4, 5);
      CHECK(d.text == "two\n");
    }
    CHECK(sync::read_lines(f, 14, 1 << 20).text.empty());
    CHECK_THROWS_AS(sync::read_lines(dir.path / "missing", 0, 10), DataError);
  }

  TEST_CASE("two journals through a folder: add, edit, rm; applying again changes nothing") {
    test::TempDir dir;
    Journal a = Journal::in_memory();
    Journal b = Journal::in_memory();
    Entry e = a.add(entry(4, t0), t0);
    CHECK(sync_now(a, dir.path, t0).sent == 1);
    auto r = sync_now(b, dir.path, t0 + 1s);
    CHECK(r.applied == 1);
    CHECK(entries_of(b) == entries_of(a));
    // concurrent edits of one entry: the later stamp wins
    Entry ea = *a.find(e.uuid);
    ea.note = "from a";
    a.update(ea, t0 + 10s);
    Entry eb = *b.find(e.uuid);
    eb.note = "from b";
    b.update(eb, t0 + 20s);
    sync_now(a, dir.path, t0 + 30s);
    sync_now(b, dir.path, t0 + 31s);
    sync_now(a, dir.path, t0 + 32s);
    CHECK(a.find(e.uuid)->note == "from b");
    CHECK(entries_of(b) == entries_of(a));
    // the same files applied from their start again change nothing
    for (auto& p : b.sync_positions()) b.set_sync_position({p.file, 0, 0, p.at});
    CHECK(sync_now(b, dir.path, t0 + 40s).applied == 0);
    CHECK(entries_of(b) == entries_of(a));
    // rm travels as a tombstone
    b.remove(b.find(e.uuid)->id, t0 + 50s);
    sync_now(b, dir.path, t0 + 51s);
    sync_now(a, dir.path, t0 + 52s);
    CHECK(a.entry_count() == 0);
  }

  TEST_CASE("a copied journal (same device id, changes it never made) is refused") {
    test::TempDir dir;
    Journal a = Journal::in_memory();
    a.add(entry(4, t0), t0);
    sync_now(a, dir.path, t0);
    const std::string me = a.device_id();
    Entry other = entry(6, t0);
    other.uuid = "11111111-2222-4333-8444-555555555555";
    Change foreign = change(me, "1999999999999-000000", "add", {}, entry_json(other, false));
    foreign.record = other.uuid;
    append_file(dir.path / sync::file_name(me), sync::to_line(foreign));
    CHECK_THROWS_WITH_AS(sync::Run(a, dir.path, t0 + 1s), doctest::Contains("another journal uses the same device id"),
                         DataError);
    const std::string fresh = sync::new_device_id(a);
    CHECK(fresh != me);
    CHECK(sync::is_device_id(fresh));
    a.add(entry(5, t0 + 2s), t0 + 2s);
    auto r = sync_now(a, dir.path, t0 + 3s);
    CHECK(r.sent == 1);
    CHECK(r.errors.empty());
  }

  TEST_CASE("Quiet: a stamp holds while nothing it covers changes") {
    test::TempDir dir;
    const fs::path journal = dir.path / "j.db", folder = dir.path / "sync", stamp = dir.path / "run" / "sync.stamp";
    const fs::path config = dir.path / "config.toml";
    fs::create_directories(folder);
    write_file(journal, "journal");
    write_file(folder / "aaaaaaaaaaaaaaaa.jsonl", "one\n");
    auto quiet = [&] { return sync::Quiet(journal, folder, config, stamp); };
    CHECK_FALSE(quiet().known());  // no stamp yet
    quiet().remember();
    CHECK(fs::exists(stamp));
    CHECK((fs::status(stamp).permissions() & fs::perms::all) == (fs::perms::owner_read | fs::perms::owner_write));
    CHECK(quiet().known());
    SUBCASE("another device's file grows") { append_file(folder / "aaaaaaaaaaaaaaaa.jsonl", "two\n"); }
    SUBCASE("a new file in the folder") { write_file(folder / "bbbbbbbbbbbbbbbb.jsonl", ""); }
    SUBCASE("the journal is written") { append_file(journal, "x"); }
    SUBCASE("a -wal appears") { write_file(dir.path / "j.db-wal", ""); }
    SUBCASE("config.toml appears") { write_file(config, "ask_pain = false\n"); }
    SUBCASE("another folder") {
      fs::create_directories(dir.path / "other");
      CHECK_FALSE(sync::Quiet(journal, dir.path / "other", config, stamp).known());
      return;
    }
    CHECK_FALSE(quiet().known());
  }

  TEST_CASE("Quiet: nothing is kept when a file changed during the sync") {
    test::TempDir dir;
    const fs::path journal = dir.path / "j.db", folder = dir.path / "sync", stamp = dir.path / "sync.stamp";
    fs::create_directories(folder);
    write_file(journal, "journal");
    sync::Quiet q(journal, folder, dir.path / "config.toml", stamp);
    append_file(journal, "written meanwhile");
    q.remember();
    CHECK_FALSE(fs::exists(stamp));
    q.forget();
  }
}
