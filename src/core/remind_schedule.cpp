// The reminders service's desk-break scheduler: work hours, the break state and its text,
// one step of the scheduler, the answer rule, the reminder's notification and the idle
// sources' output. Pure functions
// of settings, state, now and idle time (remind.cpp holds the settings and unit text).
#include "psoas/remind.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cctype>

namespace psoas::remind {
namespace {

// Calls f(key, value) for each "key=value" line of `text`; other lines are skipped.
template <class F>
void for_each_key_value(std::string_view text, F&& f) {
  while (!text.empty()) {
    auto nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    auto eq = line.find('=');
    if (eq != std::string_view::npos) f(line.substr(0, eq), line.substr(eq + 1));
  }
}

// The whole of `value` as a number, or nothing.
std::optional<long long> whole_number(std::string_view value) {
  long long n = 0;
  auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (ec != std::errc{} || p != value.data() + value.size()) return std::nullopt;
  return n;
}


using std::chrono::days;
using std::chrono::local_days;
using std::chrono::weekday;

// The local calendar day of `t` and the time of day there.
local_days local_day_of(Instant t, const when::Zone& zone) {
  return std::chrono::floor<days>(local_days{} + (t + zone.offset_at(t)).time_since_epoch());
}

Instant at_local(local_days d, minutes m, const when::Zone& zone) {
  return zone.from_local(std::chrono::local_seconds(d) + m);
}

bool allowed(Days mask, local_days d) { return (mask >> weekday(d).c_encoding()) & 1U; }

}  // namespace

// --- when -----------------------------------------------------------------------------------

bool in_work_hours(const Settings& s, Instant t, const when::Zone& zone) {
  local_days d = local_day_of(t, zone);
  if (!allowed(s.days, d)) return false;
  return at_local(d, s.hours.start, zone) <= t && t < at_local(d, s.hours.end, zone);
}

Instant work_start(const Settings& s, Instant t, const when::Zone& zone) {
  local_days today = local_day_of(t, zone);
  for (int i = -1; i <= 8; ++i) {
    local_days d = today + days{i};
    if (!allowed(s.days, d)) continue;
    Instant start = at_local(d, s.hours.start, zone);
    if (t < at_local(d, s.hours.end, zone)) return start;
  }
  return t;  // no work day at all (parse_days never gives one)
}

Instant work_end(const Settings& s, Instant start, const when::Zone& zone) {
  return at_local(local_day_of(start, zone), s.hours.end, zone);
}

Instant next_at(minutes at, Days mask, Instant t, const when::Zone& zone) {
  local_days today = local_day_of(t, zone);
  for (int i = 0; i <= 8; ++i) {
    local_days d = today + days{i};
    if (!allowed(mask, d)) continue;
    Instant x = at_local(d, at, zone);
    if (x > t) return x;
  }
  return t;
}

// --- the scheduler ----------------------------------------------------------------------------

std::string format_state(const BreakState& s) {
  auto instant = [](const std::optional<Instant>& t) {
    return t ? std::to_string(t->time_since_epoch().count()) : std::string{};
  };
  return fmt::format("interval_start={}\nsnoozed_until={}\nsnoozes={}\naway={}\nnoted_no_idle={}\n",
                     instant(s.interval_start), instant(s.snoozed_until), s.snoozes, s.away ? 1 : 0,
                     s.noted_no_idle ? 1 : 0);
}

BreakState parse_state(std::string_view text) {
  BreakState s;
  for_each_key_value(text, [&s](std::string_view key, std::string_view value) {
    std::optional<long long> read = whole_number(value);
    if (!read) return;
    const long long n = *read;
    if (key == "interval_start") s.interval_start = Instant{seconds{n}};
    if (key == "snoozed_until") s.snoozed_until = Instant{seconds{n}};
    if (key == "snoozes" && n >= 0 && n < 1000) s.snoozes = static_cast<int>(n);
    if (key == "away") s.away = n != 0;
    if (key == "noted_no_idle") s.noted_no_idle = n != 0;
  });
  return s;
}

namespace {

void restart(BreakState& state, Instant at) {
  state.interval_start = at;
  state.snoozed_until.reset();
  state.snoozes = 0;
  state.away = false;
}

Step wait_until(Instant at) { return {Step::Action::wait, at, true, 0}; }

}  // namespace

Step step(const Settings& s, BreakState& state, Instant now, const when::Zone& zone, Idle idle) {
  if (!in_work_hours(s, now, zone)) {
    bool noted = state.noted_no_idle;
    state = BreakState{};
    state.noted_no_idle = noted;
    return wait_until(work_start(s, now, zone));
  }
  Instant period = work_start(s, now, zone);
  Instant end = work_end(s, period, zone);
  if (!state.interval_start) {
    restart(state, now);  // the service just started: a whole interval from now
  } else if (*state.interval_start < period && !in_work_hours(s, period - seconds{1}, zone)) {
    restart(state, period);  // a new work period (not one running on from the day before)
  }
  Instant due = state.snoozed_until.value_or(*state.interval_start + s.every);
  // Far past due: nothing ran (the computer slept). Breaks are not stacked up afterwards.
  seconds late_limit = std::max(s.break_length, 2 * idle_poll);
  if (now >= due && now - due >= late_limit && !state.away) {
    int missed = 1 + static_cast<int>((now - due) / s.every);
    restart(state, now);
    return {Step::Action::asleep, now, true, missed};
  }
  if (state.away) {
    if (!idle || *idle < s.break_length) {
      restart(state, idle ? now - *idle : now);  // activity resumed: a new interval from then
    } else {
      return wait_until(std::min(now + idle_poll, end));
    }
  } else if (idle && *idle >= s.break_length) {
    restart(state, now);
    state.away = true;
    return {Step::Action::idle_break, now, true, 0};
  }
  due = state.snoozed_until.value_or(*state.interval_start + s.every);
  if (due >= end) return wait_until(work_start(s, end, zone));  // no break fits before the end
  if (now < due) return wait_until(idle ? std::min(due, now + idle_poll) : due);
  return {Step::Action::remind, now, state.snoozes < s.max_snoozes, 0};
}

std::string_view to_string(Answer a) {
  switch (a) {
    case Answer::done: return "done";
    case Answer::skipped: return "skipped";
    case Answer::snoozed: return "snoozed";
    case Answer::missed: return "missed";
  }
  return "missed";
}

seconds wait_after(Answer a, seconds every, seconds snooze) { return a == Answer::snoozed ? snooze : every; }

void answered(const Settings& s, BreakState& state, Answer a, Instant now) {
  if (a == Answer::snoozed && state.snoozes >= s.max_snoozes) a = Answer::missed;  // no snooze left
  if (a == Answer::snoozed) {
    ++state.snoozes;
    state.snoozed_until = now + wait_after(a, s.every, s.snooze);
    return;
  }
  restart(state, now);  // the next break is due wait_after(a, ...) = a whole interval from now
}

// --- the desk-break notification -----------------------------------------------------------

seconds notification_window(const Settings& s) { return std::max(s.snooze, seconds{60}); }

std::vector<std::string> notification_argv(const Settings& s, bool offer_snooze) {
  std::vector<std::string> argv{"notify-send", "--app-name=psoas", "--wait",
                                fmt::format("--expire-time={}", notification_window(s).count() * 1000),
                                "--action=take=Take the break"};
  if (offer_snooze) argv.push_back(fmt::format("--action=snooze=Snooze {}", when::format_duration(s.snooze)));
  // emplace_back, not push_back of a temporary: GCC 12 at -O3 reports a false
  // -Wstringop-overread moving a short string into the vector.
  argv.emplace_back("--action=skip=Skip");
  argv.emplace_back("Time for a desk break");
  argv.push_back(fmt::format("Stand up and move: the desk-break routine takes about {}.",
                             when::format_duration(s.break_length)));
  return argv;
}

Answer notification_answer(std::string_view out, bool offer_snooze) {
  std::string_view chosen = out.substr(0, out.find('\n'));
  if (chosen == "take") return Answer::done;
  if (chosen == "snooze" && offer_snooze) return Answer::snoozed;
  if (chosen == "skip") return Answer::skipped;
  return Answer::missed;
}

// --- idle sources ---------------------------------------------------------------------------

Idle parse_loginctl(std::string_view text, Instant now, seconds locked_floor) {
  std::optional<bool> idle_hint;
  std::optional<long long> since_us;
  bool locked = false;
  for_each_key_value(text, [&](std::string_view key, std::string_view value) {
    if (key == "IdleHint") idle_hint = value == "yes";
    if (key == "LockedHint") locked = value == "yes";
    if (key == "IdleSinceHint") since_us = whole_number(value);
  });
  if (!idle_hint) return std::nullopt;
  seconds idle{0};
  if (*idle_hint && since_us && *since_us > 0) {
    Instant since{std::chrono::duration_cast<seconds>(std::chrono::microseconds{*since_us})};
    idle = std::max(seconds{0}, now - since);
  }
  if (locked) idle = std::max(idle, locked_floor);
  return idle;
}

Idle parse_xprintidle(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  long long ms = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), ms);
  if (text.empty() || ec != std::errc{} || p != text.data() + text.size() || ms < 0) return std::nullopt;
  return seconds{ms / 1000};
}

}  // namespace psoas::remind
