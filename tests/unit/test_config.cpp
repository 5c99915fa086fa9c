#include <doctest/doctest.h>
#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>

#include "psoas/config.hpp"
#include "psoas/error.hpp"
#include "psoas/paths.hpp"

using namespace std::chrono;
using psoas::Config;
using psoas::UsageError;

namespace {

Config parse(std::string_view text) {
  return psoas::parse_config(text, "config.toml");
}

// The error parse_config throws for `text`, as main() would print it.
std::string error_of(std::string_view text) {
  try {
    (void)parse(text);
  } catch (const UsageError& e) {
    CHECK(e.subject() == "config");
    CHECK(e.exit_code() == 2);
    std::string line = e.what();
    if (!e.hint().empty()) line += " (" + e.hint() + ")";
    return line;
  }
  FAIL("no error for: " << text);
  return {};
}

// A fresh directory under /tmp, removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "psoas-config-XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    m_path = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::permissions(m_path, std::filesystem::perms::owner_all, ec);
    std::filesystem::remove_all(m_path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return m_path; }

 private:
  std::filesystem::path m_path;
};

void write(const std::filesystem::path& file, std::string_view text) {
  std::ofstream out(file, std::ios::binary);
  out << text;
}

}  // namespace

TEST_SUITE("config") {
  TEST_CASE("an empty config gives the defaults") {
    const Config c = parse("");
    CHECK(c.bell);
    CHECK_FALSE(c.voice);
    CHECK(c.prepare == seconds{5});
    CHECK(c.switch_sides == seconds{5});
    CHECK(c.rest == seconds{15});
    CHECK(c.break_every == minutes{55});
    CHECK(c.snooze == minutes{5});
    CHECK(c.emergency_number == "112");
    CHECK(c.calendar.week_start == Monday);
    CHECK(c.calendar.day_start == seconds{0});
    CHECK(c.hook_timeout == seconds{5});
    CHECK(c.ask_pain);
    CHECK(c.warnings.empty());
  }

  TEST_CASE("ask_pain: true or false; read_config makes a bad value a warning and the default") {
    CHECK(parse("ask_pain = true").ask_pain);
    CHECK_FALSE(parse("ask_pain = false").ask_pain);
    CHECK(parse("ask_pain = false").warnings.empty());
    SUBCASE("a word") {
      const Config c = psoas::read_config("bell = false\nask_pain = \"sometimes\"\n", "config.toml");
      CHECK(c.ask_pain);
      CHECK_FALSE(c.bell);  // the other keys still read
      REQUIRE(c.warnings.size() == 1);
      CHECK(c.warnings[0] == "config.toml:2:12: ask_pain: expected true or false, got \"sometimes\"; using true");
    }
    SUBCASE("a number") {
      const Config c = psoas::read_config("ask_pain = 0", "config.toml");
      CHECK(c.ask_pain);
      REQUIRE(c.warnings.size() == 1);
      CHECK(c.warnings[0] == "config.toml:1:12: ask_pain: expected true or false, got 0; using true");
    }
    SUBCASE("parse_config (strict, for remind setup) stops at the first problem") {
      CHECK(error_of("ask_pain = \"no\"\nbell = \"loud\"") ==
            "config.toml:1:12: ask_pain: expected true or false, got \"no\"");
    }
  }

  TEST_CASE("hook_timeout") {
    CHECK(parse("hook_timeout = \"1s\"").hook_timeout == seconds{1});
    CHECK(parse("hook_timeout = 30").hook_timeout == seconds{30});
    CHECK_THROWS_AS(parse("hook_timeout = \"0s\""), UsageError);
    CHECK_THROWS_AS(parse("hook_timeout = \"soon\""), UsageError);
  }

  TEST_CASE("comments and blank lines change nothing") {
    const Config c = parse("# my settings\n\n   # indented comment\n");
    CHECK(c.bell);
    CHECK(c.prepare == seconds{5});
  }

  TEST_CASE("every key in the documented example reads") {
    const Config c = parse(R"(
bell = false                # ring at each phase change
voice = true                # speak cues (espeak-ng or spd-say)
prepare = "10s"             # get-ready time
switch_sides = "3s"         # time to change sides
rest = "1m"                 # rest between exercises when a routine gives none
break_every = "1h30m"       # desk-break interval for `psoas timer --every`
snooze = "10m"              # desk-break snooze
emergency_number = "911"    # shown by triage and reports
week_start = "sunday"       # or "sunday"
day_starts_at = "04:00"     # entries before this local time count toward the previous day
)");
    CHECK_FALSE(c.bell);
    CHECK(c.voice);
    CHECK(c.prepare == seconds{10});
    CHECK(c.switch_sides == seconds{3});
    CHECK(c.rest == minutes{1});
    CHECK(c.break_every == minutes{90});
    CHECK(c.snooze == minutes{10});
    CHECK(c.emergency_number == "911");
    CHECK(c.calendar.week_start == Sunday);
    CHECK(c.calendar.day_start == hours{4});
  }

  TEST_CASE("booleans") {
    SUBCASE("bell") {
      CHECK_FALSE(parse("bell = false").bell);
      CHECK(parse("bell = true").bell);
    }
    SUBCASE("voice") {
      CHECK(parse("voice = true").voice);
      CHECK_FALSE(parse("voice = false").voice);
    }
  }

  TEST_CASE("durations") {
    SUBCASE("prepare") {
      CHECK(parse("prepare = \"7s\"").prepare == seconds{7});
    }
    SUBCASE("switch_sides") {
      CHECK(parse("switch_sides = \"1m30s\"").switch_sides == seconds{90});
    }
    SUBCASE("rest") {
      CHECK(parse("rest = \"30s\"").rest == seconds{30});
    }
    SUBCASE("break_every") {
      CHECK(parse("break_every = \"45m\"").break_every == minutes{45});
    }
    SUBCASE("snooze") {
      CHECK(parse("snooze = \"2m\"").snooze == minutes{2});
    }
    SUBCASE("a whole number is seconds") {
      CHECK(parse("prepare = 12").prepare == seconds{12});
    }
    SUBCASE("a bare number in a string is seconds") {
      CHECK(parse("rest = \"20\"").rest == seconds{20});
    }
    SUBCASE("hours") {
      CHECK(parse("break_every = \"2h\"").break_every == hours{2});
    }
  }

  TEST_CASE("week_start") {
    CHECK(parse("week_start = \"monday\"").calendar.week_start == Monday);
    CHECK(parse("week_start = \"sunday\"").calendar.week_start == Sunday);
  }

  TEST_CASE("day_starts_at") {
    SUBCASE("04:00") {
      CHECK(parse("day_starts_at = \"04:00\"").calendar.day_start == hours{4});
    }
    SUBCASE("00:00") {
      CHECK(parse("day_starts_at = \"00:00\"").calendar.day_start == hours{0});
    }
    SUBCASE("23:59") {
      CHECK(parse("day_starts_at = \"23:59\"").calendar.day_start == hours{23} + minutes{59});
    }
    SUBCASE("minutes") {
      CHECK(parse("day_starts_at = \"03:30\"").calendar.day_start == hours{3} + minutes{30});
    }
    SUBCASE("a TOML local time") {
      CHECK(parse("day_starts_at = 04:30:00").calendar.day_start == hours{4} + minutes{30});
    }
  }

  TEST_CASE("emergency_number") {
    CHECK(parse("emergency_number = \"999\"").emergency_number == "999");
    CHECK(parse("emergency_number = \"+441234567890\"").emergency_number == "+441234567890");
    CHECK(parse("emergency_number = \"0800\"").emergency_number == "0800");
  }

  TEST_CASE("an unknown key is named with its place and a guess") {
    SUBCASE("a typo") {
      CHECK(error_of("bell = true\nwekk_start = \"monday\"\n") ==
            "config.toml:2:1: wekk_start: unknown key (did you mean week_start?)");
    }
    SUBCASE("a near miss") {
      CHECK(error_of("  brek_every = \"5m\"") ==
            "config.toml:1:3: brek_every: unknown key (did you mean break_every?)");
    }
    SUBCASE("nothing close") {
      CHECK(error_of("colour = \"red\"") == "config.toml:1:1: colour: unknown key");
    }
    SUBCASE("a table") {
      CHECK(error_of("[timer]\nbell = true\n") == "config.toml:1:2: timer: unknown key");
    }
    SUBCASE("letter case matters") {
      CHECK(error_of("Bell = true") == "config.toml:1:1: Bell: unknown key (did you mean bell?)");
    }
  }

  TEST_CASE("a wrong type is named with its place, the key and the value") {
    SUBCASE("a string for a boolean") {
      CHECK(error_of("bell = \"yes\"") ==
            "config.toml:1:8: bell: expected true or false, got \"yes\"");
    }
    SUBCASE("a number for a boolean") {
      CHECK(error_of("voice = 1") == "config.toml:1:9: voice: expected true or false, got 1");
    }
    SUBCASE("a boolean for a duration") {
      CHECK(error_of("prepare = true") ==
            "config.toml:1:11: prepare: expected a duration such as \"45s\", \"2m\" or \"1h30m\", "
            "got true");
    }
    SUBCASE("a float for a duration") {
      CHECK(error_of("rest = 1.5") ==
            "config.toml:1:8: rest: expected a duration such as \"45s\", \"2m\" or \"1h30m\", got "
            "1.5");
    }
    SUBCASE("an array") {
      CHECK(error_of("week_start = [\"monday\"]") ==
            "config.toml:1:14: week_start: expected \"monday\" or \"sunday\", got an array");
    }
    SUBCASE("an inline table") {
      CHECK(error_of("snooze = { minutes = 5 }") ==
            "config.toml:1:10: snooze: expected a duration such as \"45s\", \"2m\" or \"1h30m\", "
            "got a table");
    }
    SUBCASE("a number for the emergency number") {
      CHECK(error_of("emergency_number = 112") ==
            "config.toml:1:20: emergency_number: expected a phone number of digits such as "
            "\"112\" or \"+4499\", got 112");
    }
    SUBCASE("a date") {
      CHECK(error_of("day_starts_at = 2026-11-20") ==
            "config.toml:1:17: day_starts_at: expected a time \"HH:MM\" from \"00:00\" to "
            "\"23:59\", got a date");
    }
  }

  TEST_CASE("a bad value is named with its place, the key and the value") {
    SUBCASE("week_start") {
      CHECK(error_of("bell = true\nvoice = false\nweek_start = \"friday\"\n") ==
            "config.toml:3:14: week_start: expected \"monday\" or \"sunday\", got \"friday\"");
    }
    SUBCASE("week_start in capitals") {
      CHECK(error_of("week_start = \"Monday\"") ==
            "config.toml:1:14: week_start: expected \"monday\" or \"sunday\", got \"Monday\"");
    }
    SUBCASE("a malformed duration") {
      CHECK(error_of("prepare = \"5x\"") ==
            "config.toml:1:11: prepare: cannot read '5x' as a duration (try 45s, 2m or 1h30m)");
    }
    SUBCASE("a zero duration") {
      CHECK(error_of("switch_sides = \"0s\"") ==
            "config.toml:1:16: switch_sides: cannot read '0s' as a duration: it must be longer "
            "than zero (try 45s, 2m or 1h30m)");
    }
    SUBCASE("units out of order") {
      CHECK(error_of("break_every = \"30s1h\"") ==
            "config.toml:1:15: break_every: cannot read '30s1h' as a duration: give h, m and s "
            "at most once each, in that order (try 45s, 2m or 1h30m)");
    }
    SUBCASE("zero, negative or huge seconds") {
      const std::string expected = "expected a duration such as \"45s\", \"2m\" or \"1h30m\", got ";
      CHECK(error_of("rest = 0") == "config.toml:1:8: rest: " + expected + "0");
      CHECK(error_of("rest = -5") == "config.toml:1:8: rest: " + expected + "-5");
      CHECK(error_of("rest = 99999999999") == "config.toml:1:8: rest: " + expected + "99999999999");
    }
    SUBCASE("an empty duration") {
      CHECK(error_of("snooze = \"\"") ==
            "config.toml:1:10: snooze: cannot read '' as a duration (try 45s, 2m or 1h30m)");
    }
    SUBCASE("day_starts_at out of range or malformed") {
      for (const char* bad :
           {"24:00", "23:60", "4:00", "04:0", "0400", "", "aa:bb", "04:00:00", " 04:00", "-1:00"}) {
        CAPTURE(bad);
        const std::string line = fmt::format("day_starts_at = \"{}\"", bad);
        CHECK(error_of(line) == fmt::format("config.toml:1:17: day_starts_at: expected a time "
                                            "\"HH:MM\" from \"00:00\" to \"23:59\", got \"{}\"",
                                            bad));
      }
    }
    SUBCASE("a TOML time with seconds") {
      CHECK(error_of("day_starts_at = 04:00:30") ==
            "config.toml:1:17: day_starts_at: expected a time \"HH:MM\" from \"00:00\" to "
            "\"23:59\", got a time");
    }
    SUBCASE("emergency_number not digits") {
      for (const char* bad : {"", "+", "abc", "11 2", "1+12", "++112", "112#", "-112"}) {
        CAPTURE(bad);
        const std::string line = fmt::format("emergency_number = \"{}\"", bad);
        CHECK(error_of(line) == fmt::format("config.toml:1:20: emergency_number: expected a phone "
                                            "number of digits such as \"112\" or \"+4499\", got "
                                            "\"{}\"",
                                            bad));
      }
    }
  }

  TEST_CASE("a TOML syntax error names file, line and column") {
    SUBCASE("a missing value") {
      const std::string e = error_of("bell = true\nvoice = \n");
      CHECK(e.starts_with("config.toml:2:"));
    }
    SUBCASE("a key given twice") {
      const std::string e = error_of("bell = true\nbell = false\n");
      CHECK(e.starts_with("config.toml:2:"));
      CHECK(e.find("bell") != std::string::npos);
    }
    SUBCASE("an unclosed string") {
      const std::string e = error_of("week_start = \"monday\n");
      CHECK(e.starts_with("config.toml:1:"));
    }
    SUBCASE("the description is toml++'s") {
      const std::string e = error_of("bell = yes\n");
      CHECK(e.starts_with("config.toml:1:"));
      CHECK(e.size() > std::string("config.toml:1:8: ").size());
    }
  }

  TEST_CASE("load_config reads a file") {
    TempDir dir;
    const auto file = dir.path() / "config.toml";

    SUBCASE("a missing file gives the defaults") {
      const Config c = psoas::load_config(file);
      CHECK(c.bell);
      CHECK(c.break_every == minutes{55});
      CHECK(c.emergency_number == "112");
    }
    SUBCASE("a missing directory gives the defaults") {
      const Config c = psoas::load_config(dir.path() / "no" / "such" / "config.toml");
      CHECK(c.snooze == minutes{5});
    }
    SUBCASE("values from the file") {
      write(file, "snooze = \"7m\"\nweek_start = \"sunday\"\n");
      const Config c = psoas::load_config(file);
      CHECK(c.snooze == minutes{7});
      CHECK(c.calendar.week_start == Sunday);
    }
    SUBCASE("an empty file gives the defaults") {
      write(file, "");
      CHECK(psoas::load_config(file).prepare == seconds{5});
    }
    SUBCASE("a bad value is a warning naming the file's path, and the default stays") {
      write(file, "\nweek_start = \"friday\"\nsnooze = \"7m\"\n");
      const Config c = psoas::load_config(file);
      CHECK(c.calendar.week_start == Monday);
      CHECK(c.snooze == minutes{7});  // the rest is read
      REQUIRE(c.warnings.size() == 1);
      CHECK(c.warnings[0] == file.string() + ":2:14: week_start: expected \"monday\" or \"sunday\", got \"friday\"; using \"monday\"");
    }
    SUBCASE("a syntax error is a warning; every key keeps its default") {
      write(file, "bell = \n");
      const Config c = psoas::load_config(file);
      CHECK(c.bell);
      REQUIRE(c.warnings.size() == 1);
      CHECK(c.warnings[0].starts_with(file.string() + ":1:"));
      CHECK(c.warnings[0].ends_with("; using the defaults for every key"));
    }
    SUBCASE("a directory is a warning") {
      std::filesystem::create_directory(file);
      const Config c = psoas::load_config(file);
      REQUIRE(c.warnings.size() == 1);
      CHECK(c.warnings[0] == "cannot read " + file.string() + ": it is a directory; using the defaults for every key");
    }
    SUBCASE("an unreadable file is a warning") {
      write(file, "bell = false\n");
      std::filesystem::permissions(file, std::filesystem::perms::none);
      if (geteuid() != 0) {
        const Config c = psoas::load_config(file);
        CHECK(c.bell);
        REQUIRE(c.warnings.size() == 1);
        CHECK(c.warnings[0].find(file.string()) != std::string::npos);
      }
    }
    SUBCASE("the defaults given are kept and named") {
      Config defaults;
      defaults.emergency_number = "911";
      write(file, "emergency_number = \"call me\"\n");
      const Config c = psoas::load_config(file, defaults);
      CHECK(c.emergency_number == "911");
      REQUIRE(c.warnings.size() == 1);
      CHECK(c.warnings[0].ends_with("; using \"911\""));
    }
  }

  TEST_CASE("read_config: every problem is one warning with file:line:column and the default") {
    const Config c = psoas::read_config("bell = \"no\"\nemergency_numbr = \"999\"\nprepare = \"soon\"\nmax_snoozes = 50\n"
                                        "colour = true\nrest = \"20s\"\n",
                                        "config.toml");
    CHECK(c.bell);
    CHECK(c.emergency_number == "112");
    CHECK(c.prepare == seconds{5});
    CHECK(c.max_snoozes == 2);
    CHECK(c.rest == seconds{20});
    REQUIRE(c.warnings.size() == 5);
    CHECK(c.warnings[0] == "config.toml:1:8: bell: expected true or false, got \"no\"; using true");
    CHECK(c.warnings[1] ==
          "config.toml:2:1: emergency_numbr: unknown key; ignored (did you mean emergency_number? it keeps its default \"112\")");
    CHECK(c.warnings[2].starts_with("config.toml:3:11: prepare: cannot read 'soon' as a duration"));
    CHECK(c.warnings[2].ends_with("; using \"5s\""));
    CHECK(c.warnings[3] == "config.toml:4:15: max_snoozes: expected a whole number from 0 to 20, got 50; using 2");
    CHECK(c.warnings[4].starts_with("config.toml:5:1: colour: unknown key; ignored"));
  }

  TEST_CASE("every key's default, as the warnings name it, is the default Config holds") {
    // Each key given a value of the wrong kind keeps its default; the warning names it.
    const Config d;
    const Config c = psoas::read_config(
        "bell = 1\nvoice = 1\nprepare = []\nswitch_sides = []\nrest = []\nbreak_every = []\nsnooze = []\n"
        "week_start = 1\nday_starts_at = 1\nhook_timeout = []\nwork_hours = 1\nwork_days = 1\nmax_snoozes = \"x\"\n"
        "log_at = 1\nweekly = 1\nterminal = 1\nask_pain = 1\n",
        "config.toml");
    REQUIRE(c.warnings.size() == 17);
    const char* expected[] = {"true", "false", "\"5s\"", "\"5s\"", "\"15s\"", "\"55m\"", "\"5m\"", "\"monday\"", "\"00:00\"",
                              "\"5s\"", "\"09:00-17:30\"", "\"mon-fri\"", "2", "\"20:00\"", "\"sun 18:00\"",
                              "\"x-terminal-emulator -e\"", "true"};
    for (std::size_t i = 0; i < 17; ++i) CHECK(c.warnings[i].ends_with(std::string("; using ") + expected[i]));
    CHECK(c.prepare == d.prepare);
    CHECK(c.break_every == d.break_every);
    CHECK(c.snooze == d.snooze);
    CHECK(c.rest == d.rest);
    CHECK(c.hook_timeout == d.hook_timeout);
    CHECK(c.max_snoozes == d.max_snoozes);
    CHECK(c.log_at == d.log_at);
    CHECK(c.terminal == d.terminal);
  }

  TEST_CASE("the emergency number's default follows the locale's territory") {
    using psoas::Environment;
    auto number = [](std::map<std::string, std::string> vars) {
      return psoas::default_emergency_number(Environment(std::move(vars)));
    };
    CHECK(number({}) == "112");
    CHECK(number({{"LANG", "en_US.UTF-8"}}) == "911");
    CHECK(number({{"LANG", "fr_CA.UTF-8"}}) == "911");
    CHECK(number({{"LANG", "en_GB.UTF-8"}}) == "999");
    CHECK(number({{"LANG", "en_GB"}}) == "999");
    CHECK(number({{"LANG", "de_DE.UTF-8"}}) == "112");
    CHECK(number({{"LANG", "en_IE@euro"}}) == "112");
    CHECK(number({{"LANG", "C.UTF-8"}}) == "112");
    CHECK(number({{"LANG", "POSIX"}}) == "112");
    CHECK(number({{"LANG", "en_US.UTF-8"}, {"LC_MESSAGES", "en_GB.UTF-8"}}) == "999");  // LC_MESSAGES first
    CHECK(number({{"LANG", "en_US.UTF-8"}, {"LC_MESSAGES", "en_GB.UTF-8"}, {"LC_ALL", "de_DE.UTF-8"}}) == "112");
    CHECK(number({{"LANG", "en_GB.UTF-8"}, {"LC_ALL", ""}}) == "999");  // empty counts as unset
  }
}
