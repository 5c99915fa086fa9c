#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <optional>
#include <string>

#include "tz_guard.hpp"
#include "psoas/config.hpp"
#include "psoas/error.hpp"
#include "psoas/remind.hpp"

using namespace std::chrono;
using psoas::test::TzGuard;
using psoas::Instant;
using psoas::UsageError;
namespace remind = psoas::remind;
namespace when = psoas::when;
using Action = remind::Step::Action;

namespace {

Instant utc(int y, unsigned mo, unsigned d, int h = 0, int mi = 0, int s = 0) {
  return Instant{sys_days{year{y} / month{mo} / day{d}}} + hours{h} + minutes{mi} + seconds{s};
}

const when::FixedZone utc_zone{seconds{0}};

// Monday 2026-11-30, in UTC.
Instant monday(int h, int mi = 0, int s = 0) { return utc(2026, 11, 30, h, mi, s); }

std::string why(auto f) {
  try {
    f();
  } catch (const UsageError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_SUITE("remind") {
  TEST_CASE("settings text reads and writes back") {
    CHECK(remind::parse_time_of_day("20:00", "--log-at") == minutes{20 * 60});
    CHECK(remind::format_work_hours(remind::parse_work_hours("09:00-17:30", "x")) == "09:00-17:30");
    CHECK(remind::format_work_hours(remind::parse_work_hours("00:00-24:00", "x")) == "00:00-24:00");
    CHECK(remind::parse_days("mon-fri", "x") == remind::mon_fri);
    CHECK(remind::format_days(remind::parse_days("mon,wed,fri", "x")) == "mon,wed,fri");
    CHECK(remind::format_days(remind::parse_days("sat-sun", "x")) == "sat-sun");
    CHECK(remind::format_days(remind::parse_days("Monday-Sunday", "x")) == "mon-sun");
    CHECK(remind::format_weekly(remind::parse_weekly("Sun 18:00", "x")) == "sun 18:00");
  }

  TEST_CASE("bad settings are refused with what was wrong") {
    CHECK(why([] { remind::parse_work_hours("25:00-09:00", "--work-hours"); }) == "cannot read '25:00' as a time of day");
    CHECK(why([] { remind::parse_work_hours("17:00-09:00", "--work-hours"); }) == "'17:00-09:00' ends before it starts");
    CHECK(why([] { remind::parse_work_hours("09:00", "--work-hours"); }) == "cannot read '09:00' as work hours");
    CHECK(why([] { remind::parse_days("funday", "--days"); }) == "unknown day 'funday'");
    CHECK(why([] { remind::parse_days("mon-", "--days"); }) == "unknown day ''");
    CHECK(why([] { remind::parse_time_of_day("7pm", "--log-at"); }) == "cannot read '7pm' as a time of day");
    CHECK(why([] { remind::parse_time_of_day("24:00", "--log-at"); }) == "cannot read '24:00' as a time of day");
    CHECK(why([] { remind::parse_weekly("someday 18:00", "--weekly"); }) == "unknown day 'someday'");
  }

  TEST_CASE("units run the binary and carry the header; timers carry their times") {
    remind::Settings s;
    s.log_at = minutes{19 * 60 + 30};
    auto units = remind::units("/usr/bin/psoas", s);
    REQUIRE(units.size() == 5);
    for (const auto& u : units) CHECK(u.text.starts_with(remind::header));
    CHECK(units[0].name == "psoas-breaks.service");
    CHECK(units[0].text.find("ExecStart=/usr/bin/psoas remind breaks\n") != std::string::npos);
    CHECK(units[0].text.find("WantedBy=default.target") != std::string::npos);
    CHECK(units[2].text.find("OnCalendar=*-*-* 19:30:00\n") != std::string::npos);
    CHECK(units[4].text.find("OnCalendar=Sun *-*-* 18:00:00\n") != std::string::npos);
    // No setting the services read themselves is copied into a unit.
    CHECK(units[0].text.find("55") == std::string::npos);
    CHECK(remind::units("/opt/my apps/psoas", s)[1].text.find("ExecStart='/opt/my apps/psoas' remind log-prompt") !=
          std::string::npos);
  }

  TEST_CASE("crontab lines: work hours as cron hours, the session bus named") {
    remind::Settings s;
    std::string c = remind::crontab("/usr/bin/psoas", s, 1000);
    CHECK(c.find("DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/1000/bus\n") != std::string::npos);
    CHECK(c.find("* 9-17 * * 1,2,3,4,5 /usr/bin/psoas remind breaks --once >/dev/null\n") != std::string::npos);
    CHECK(c.find("0 20 * * * /usr/bin/psoas remind log-prompt\n") != std::string::npos);
    CHECK(c.find("0 18 * * 0 /usr/bin/psoas remind weekly\n") != std::string::npos);
    s.hours = remind::parse_work_hours("08:00-17:00", "x");
    s.days = remind::parse_days("mon-sun", "x");
    CHECK(remind::crontab("/p", s, 5).find("* 8-16 * * * /p remind breaks --once") != std::string::npos);
  }

  TEST_CASE("the manifest reads back and never names a path outside the unit directory") {
    remind::Manifest m{{{"psoas-breaks.service", remind::text_hash("a")}}, {"/home/me/.config/systemd"}};
    CHECK(remind::parse_manifest(remind::format_manifest(m)) == m);
    CHECK_FALSE(remind::parse_manifest("something else"));
    auto evil = remind::parse_manifest("# psoas remind install\nfile 0123456789abcdef ../../.bashrc\n");
    REQUIRE(evil);
    CHECK(evil->files.empty());
    CHECK(remind::text_hash("a") != remind::text_hash("b"));
    CHECK(remind::differences("a\nb\n", "a\nc\n") == std::vector<std::string>{"-b", "+c"});
  }

  TEST_CASE("the manifest says which unit files are as install wrote them") {
    const std::string ours = std::string(remind::header) + "\n[Unit]\n";
    const remind::Manifest m{{{"psoas-breaks.service", remind::text_hash(ours)}}, {}};
    SUBCASE("as installed: listed with the same text") {
      CHECK(remind::as_installed(m, "psoas-breaks.service", ours));
      CHECK_FALSE(remind::as_installed(m, "psoas-breaks.service", ours + "x"));
      CHECK_FALSE(remind::as_installed(m, "psoas-log.timer", ours));
    }
    SUBCASE("changed since install: listed with another text") {
      CHECK(remind::changed_since_install(m, "psoas-breaks.service", ours + "x"));
      CHECK_FALSE(remind::changed_since_install(m, "psoas-breaks.service", ours));
      CHECK_FALSE(remind::changed_since_install(m, "psoas-log.timer", "anything"));
    }
    SUBCASE("removable: psoas's header and unchanged") {
      CHECK(remind::removable(m.files[0], ours));
      CHECK_FALSE(remind::removable(m.files[0], ours + "x"));
      const std::string foreign = "[Unit]\n";
      CHECK_FALSE(remind::removable({"psoas-breaks.service", remind::text_hash(foreign)}, foreign));
    }
  }

  TEST_CASE("the desk-break notification: its actions and the answer read back") {
    remind::Settings s;
    s.snooze = std::chrono::minutes{5};
    s.break_length = std::chrono::seconds{150};
    CHECK(remind::notification_window(s) == std::chrono::minutes{5});
    s.snooze = std::chrono::seconds{20};
    CHECK(remind::notification_window(s) == std::chrono::seconds{60});
    s.snooze = std::chrono::minutes{5};
    const auto with_snooze = remind::notification_argv(s, true);
    CHECK(with_snooze == std::vector<std::string>{"notify-send", "--app-name=psoas", "--wait", "--expire-time=300000",
                                                  "--action=take=Take the break", "--action=snooze=Snooze 5m",
                                                  "--action=skip=Skip", "Time for a desk break",
                                                  "Stand up and move: the desk-break routine takes about 2m30s."});
    const auto without = remind::notification_argv(s, false);
    CHECK(without.size() == with_snooze.size() - 1);
    CHECK(std::find(without.begin(), without.end(), "--action=snooze=Snooze 5m") == without.end());
    CHECK(remind::notification_answer("take\n", true) == remind::Answer::done);
    CHECK(remind::notification_answer("skip", false) == remind::Answer::skipped);
    CHECK(remind::notification_answer("snooze\n", true) == remind::Answer::snoozed);
    CHECK(remind::notification_answer("snooze\n", false) == remind::Answer::missed);
    CHECK(remind::notification_answer("", true) == remind::Answer::missed);
  }

  TEST_CASE("work hours, days and the next time of day") {
    remind::Settings s;
    CHECK(remind::in_work_hours(s, monday(9), utc_zone));
    CHECK_FALSE(remind::in_work_hours(s, monday(8, 59), utc_zone));
    CHECK_FALSE(remind::in_work_hours(s, monday(17, 30), utc_zone));
    CHECK_FALSE(remind::in_work_hours(s, utc(2026, 11, 29, 10), utc_zone));  // a Sunday
    CHECK(remind::work_start(s, utc(2026, 11, 28, 12), utc_zone) == monday(9));  // Saturday -> Monday
    CHECK(remind::work_start(s, monday(12), utc_zone) == monday(9));
    CHECK(remind::work_start(s, monday(18), utc_zone) == utc(2026, 12, 1, 9));
    CHECK(remind::next_at(minutes{20 * 60}, 0b1111111, monday(20), utc_zone) == utc(2026, 12, 1, 20));
    CHECK(remind::next_at(minutes{18 * 60}, 1U, monday(12), utc_zone) == utc(2026, 12, 6, 18));  // next Sunday
  }

  TEST_CASE("the scheduler: intervals, snoozes, answers") {
    remind::Settings s;  // 09:00-17:30 mon-fri, every 55m, snooze 5m, 2 snoozes
    remind::BreakState st;
    SUBCASE("a start in work hours waits a whole interval, then reminds") {
      auto first = remind::step(s, st, monday(10), utc_zone, std::nullopt);
      CHECK(first.action == Action::wait);
      CHECK(first.at == monday(10, 55));
      auto due = remind::step(s, st, monday(10, 55), utc_zone, std::nullopt);
      CHECK(due.action == Action::remind);
      CHECK(due.offer_snooze);
      remind::answered(s, st, remind::Answer::done, monday(10, 56));
      CHECK(remind::step(s, st, monday(10, 57), utc_zone, std::nullopt).at == monday(11, 51));
    }
    SUBCASE("Snooze is offered max_snoozes times, then not") {
      remind::step(s, st, monday(10), utc_zone, std::nullopt);
      Instant t = monday(10, 55);
      for (int i = 0; i < 2; ++i) {
        auto r = remind::step(s, st, t, utc_zone, std::nullopt);
        REQUIRE(r.action == Action::remind);
        CHECK(r.offer_snooze);
        remind::answered(s, st, remind::Answer::snoozed, t);
        CHECK(remind::step(s, st, t + minutes{1}, utc_zone, std::nullopt).at == t + minutes{5});
        t += minutes{5};
      }
      auto third = remind::step(s, st, t, utc_zone, std::nullopt);
      CHECK(third.action == Action::remind);
      CHECK_FALSE(third.offer_snooze);
      remind::answered(s, st, remind::Answer::missed, t);
      CHECK(st.snoozes == 0);
      CHECK(remind::step(s, st, t, utc_zone, std::nullopt).at == t + minutes{55});
    }
    SUBCASE("out of hours: nothing until the next work day's start, which starts a fresh interval") {
      Instant friday_evening = utc(2026, 11, 27, 18);
      auto r = remind::step(s, st, friday_evening, utc_zone, std::nullopt);
      CHECK(r.action == Action::wait);
      CHECK(r.at == monday(9));
      CHECK(remind::step(s, st, monday(9), utc_zone, std::nullopt).at == monday(9, 55));
    }
    SUBCASE("a break that would fall after the end of work hours waits for the next day") {
      remind::step(s, st, monday(17), utc_zone, std::nullopt);
      CHECK(remind::step(s, st, monday(17, 1), utc_zone, std::nullopt).at == utc(2026, 12, 1, 9));
    }
    SUBCASE("work hours round the clock run on across midnight") {
      s.hours = remind::parse_work_hours("00:00-24:00", "x");
      s.days = remind::parse_days("mon-sun", "x");
      remind::step(s, st, monday(23, 30), utc_zone, std::nullopt);
      CHECK(remind::step(s, st, utc(2026, 12, 1, 0, 10), utc_zone, std::nullopt).at == utc(2026, 12, 1, 0, 25));
    }
    SUBCASE("yesterday's state counts from today's start") {
      remind::step(s, st, monday(16), utc_zone, std::nullopt);
      auto r = remind::step(s, st, utc(2026, 12, 1, 9, 1), utc_zone, std::nullopt);
      CHECK(r.at == utc(2026, 12, 1, 9, 55));
    }
  }

  TEST_CASE("the scheduler: idle counts as a break") {
    remind::Settings s;
    s.break_length = minutes{3};
    remind::BreakState st;
    remind::step(s, st, monday(10), utc_zone, seconds{0});
    SUBCASE("with an idle source it looks every minute") {
      CHECK(remind::step(s, st, monday(10, 1), utc_zone, seconds{30}).at == monday(10, 2));
    }
    SUBCASE("idle for a break's length: an idle break, no reminder; a new interval when activity resumes") {
      auto r = remind::step(s, st, monday(10, 30), utc_zone, minutes{10});
      CHECK(r.action == Action::idle_break);
      CHECK(st.away);
      // Still away at the old due time: no reminder, nothing more stored.
      auto still = remind::step(s, st, monday(10, 55), utc_zone, minutes{35});
      CHECK(still.action == Action::wait);
      // Back at 11:04 (idle 1 min at 11:05): the interval runs from 11:04.
      auto back = remind::step(s, st, monday(11, 5), utc_zone, minutes{1});
      CHECK(back.action == Action::wait);
      CHECK_FALSE(st.away);
      CHECK(st.interval_start == monday(11, 4));
      CHECK(remind::step(s, st, monday(11, 59), utc_zone, seconds{5}).action == Action::remind);
    }
    SUBCASE("short idle is not a break") {
      CHECK(remind::step(s, st, monday(10, 55), utc_zone, minutes{2}).action == Action::remind);
    }
    SUBCASE("no idle source: reminds by the clock") {
      CHECK(remind::step(s, st, monday(10, 20), utc_zone, std::nullopt).at == monday(10, 55));
      CHECK(remind::step(s, st, monday(10, 55), utc_zone, std::nullopt).action == Action::remind);
    }
  }

  TEST_CASE("the scheduler: a laptop that slept through two breaks does not stack them up") {
    remind::Settings s;
    remind::BreakState st;
    remind::step(s, st, monday(9), utc_zone, std::nullopt);  // due 09:55, then 10:50
    auto r = remind::step(s, st, monday(11), utc_zone, std::nullopt);
    CHECK(r.action == Action::asleep);
    CHECK(r.missed == 2);
    CHECK(remind::step(s, st, monday(11, 1), utc_zone, std::nullopt).at == monday(11, 55));
    // A minute late (cron's granularity) is still a reminder.
    remind::BreakState st2;
    remind::step(s, st2, monday(9), utc_zone, std::nullopt);
    CHECK(remind::step(s, st2, monday(9, 56), utc_zone, std::nullopt).action == Action::remind);
  }

  TEST_CASE("the scheduler on a DST change day: work hours in local time, intervals in real time") {
    TzGuard tz("CET-1CEST,M3.5.0,M10.5.0/3");  // 2026-03-29 02:00 CET -> 03:00 CEST
    const when::Zone& zone = when::system_zone();
    remind::Settings s;
    s.hours = remind::parse_work_hours("01:00-04:00", "x");  // 3 wall hours, 2 real hours that day
    s.days = remind::parse_days("mon-sun", "x");
    remind::BreakState st;
    Instant start = utc(2026, 3, 29, 0);  // 01:00 CET
    CHECK(remind::work_start(s, start, zone) == start);
    CHECK(remind::work_end(s, start, zone) == utc(2026, 3, 29, 2));  // 04:00 CEST
    CHECK(remind::step(s, st, start, zone, std::nullopt).at == utc(2026, 3, 29, 0, 55));
    CHECK(remind::step(s, st, utc(2026, 3, 29, 0, 55), zone, std::nullopt).action == Action::remind);
    remind::answered(s, st, remind::Answer::done, utc(2026, 3, 29, 0, 55));
    // 01:50Z is 03:50 CEST: inside work hours though the clock jumped.
    CHECK(remind::step(s, st, utc(2026, 3, 29, 1, 50), zone, std::nullopt).action == Action::remind);
    remind::answered(s, st, remind::Answer::done, utc(2026, 3, 29, 1, 50));
    // The next one (02:45Z) is after 04:00 CEST: the next day, 01:00 CEST = 23:00Z.
    CHECK(remind::step(s, st, utc(2026, 3, 29, 1, 51), zone, std::nullopt).at == utc(2026, 3, 29, 23));
  }

  TEST_CASE("state and idle sources read back") {
    remind::BreakState st;
    st.interval_start = monday(10);
    st.snoozes = 1;
    st.away = true;
    CHECK(remind::parse_state(remind::format_state(st)) == st);
    CHECK(remind::parse_state("garbage\nsnoozes=x\n") == remind::BreakState{});
    Instant now = monday(10, 10);
    auto us = [](Instant t) { return std::to_string(duration_cast<microseconds>(t.time_since_epoch()).count()); };
    CHECK(remind::parse_loginctl("IdleHint=yes\nIdleSinceHint=" + us(monday(10)) + "\nLockedHint=no\n", now, minutes{3}) == minutes{10});
    CHECK(remind::parse_loginctl("IdleHint=no\nIdleSinceHint=0\nLockedHint=no\n", now, minutes{3}) == seconds{0});
    CHECK(remind::parse_loginctl("IdleHint=no\nLockedHint=yes\n", now, minutes{3}) == minutes{3});
    CHECK_FALSE(remind::parse_loginctl("", now, minutes{3}));
    CHECK(remind::parse_xprintidle("600000\n") == minutes{10});
    CHECK_FALSE(remind::parse_xprintidle("error\n"));
  }

  TEST_CASE("config keys for reminders, and editing config.toml in place") {
    auto c = psoas::parse_config("work_hours = \"08:00-16:00\"\nwork_days = \"mon-thu\"\nlog_at = \"21:15\"\n"
                                 "weekly = \"fri 17:00\"\nmax_snoozes = 0\nterminal = \"foot\"\n",
                                 "config.toml");
    CHECK(remind::format_work_hours(c.work_hours) == "08:00-16:00");
    CHECK(remind::format_days(c.work_days) == "mon-thu");
    CHECK(c.log_at == minutes{21 * 60 + 15});
    CHECK(remind::format_weekly(c.weekly) == "fri 17:00");
    CHECK(c.max_snoozes == 0);
    CHECK(c.terminal == "foot");
    CHECK(why([] { psoas::parse_config("work_days = \"funday\"\n", "config.toml"); }) ==
          "config.toml:1:13: work_days: unknown day 'funday'");
    std::string text = "# mine\nbell = false\nlog_at = \"20:00\"  # evening\n";
    CHECK(psoas::set_config_keys(text, {{"log_at", "\"21:00\""}, {"work_days", "\"mon-sun\""}}) ==
          "# mine\nbell = false\nlog_at = \"21:00\"\nwork_days = \"mon-sun\"\n");
  }
}
