// Pain before and after a guided session: the flags, the question on the terminal, the store.
#include "timer_rating.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdio>

#include "hook.hpp"
#include "psoas/error.hpp"
#include "psoas/journal_io.hpp"
#include "psoas/rating.hpp"
#include "terminal.hpp"

namespace psoas::cli {
namespace {

constexpr const char* before_flag = "--pain-before";
constexpr const char* after_flag = "--pain-after";
constexpr const char* no_ask_flag = "--no-ask";

std::optional<int> flag_value(const std::string& flag, const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  if (auto v = rating::parse(*text)) return v;
  throw UsageError(flag, fmt::format("expected a whole number from 0 to 10, got '{}'", *text),
                   "0 is no pain, 10 the worst imaginable");
}

void say(std::string_view text) {
  fmt::print("{}", text);
  std::fflush(stdout);
}

// One line typed on the terminal (in its usual line mode, so it can be edited there), the
// end of input, or a stop signal. Ctrl-Z stops psoas as usual and asks again once it is back.
struct Line {
  std::string text;
  bool closed = false;
  int stop_signal = 0;
};

Line read_line(SignalWatch& signals, std::string_view prompt) {
  Line line;
  for (;;) {
    Wake wake = wait_for(STDIN_FILENO, signals, std::nullopt);
    for (int signo : wake.signals) {
      if (signo == SIGINT || signo == SIGTERM || signo == SIGHUP) {
        line.stop_signal = signo;
        return line;
      }
      if (signo == SIGTSTP) {
        signals.stop_self();
        say(prompt);
      }
    }
    if (wake.input_closed) {
      line.closed = true;
      return line;
    }
    for (const Key& k : wake.keys) {
      if (k.kind == Key::Kind::enter) return line;
      // An arrow or another special key makes the line something to ask again for.
      line.text += k.kind == Key::Kind::character ? k.ch : '\x01';
    }
  }
}

// Asks until a rating, a skip (Enter alone, or the end of input) or a stop signal.
struct Asked {
  std::optional<int> pain;
  int stop_signal = 0;
};

Asked ask() {
  SignalWatch signals;
  const std::string prompt = fmt::format("{} (Enter skips) ", rating::question);
  for (;;) {
    say(prompt);
    Line line = read_line(signals, prompt);
    if (line.stop_signal != 0 || line.closed) {
      say("\n");
      return {std::nullopt, line.stop_signal};
    }
    rating::Answer a = rating::read_answer(line.text);
    if (a.kind == rating::Kind::rating) return {a.pain, 0};
    if (a.kind == rating::Kind::skip) return {};
    say("Type a whole number from 0 (no pain) to 10 (worst imaginable), or press Enter alone to skip.\n");
  }
}

}  // namespace

void add_rating_flags(CLI::App& cmd, RatingFlags& flags) {
  cmd.add_option(before_flag, flags.before, "Pain before the session, 0-10 (stored; not asked)")->type_name("0-10");
  cmd.add_option(after_flag, flags.after, "Pain after the session, 0-10 (stored; not asked)")->type_name("0-10");
  cmd.add_flag(no_ask_flag, flags.no_ask, "Do not ask \"Pain now, 0-10?\" before and after (config: ask_pain)");
}

std::optional<std::string> given_rating_flag(const CLI::App& cmd) {
  for (const char* flag : {before_flag, after_flag, no_ask_flag}) {
    if (cmd.count(flag) > 0) return std::string(flag);
  }
  return std::nullopt;
}

RatingPlan plan_ratings(Services& services, const RatingFlags& flags, bool on_terminal) {
  RatingPlan plan;
  plan.before = flag_value(before_flag, flags.before);
  plan.after = flag_value(after_flag, flags.after);
  const Config& config = services.config();
  plan.ask = on_terminal && !flags.no_ask && config.ask_pain;
  return plan;
}

Taken take_rating(Services& services, const RatingPlan& plan, SessionRole role, const std::string& session_uuid,
                  Instant not_before) {
  Taken taken;
  std::optional<int> pain = role == SessionRole::before ? plan.before : plan.after;
  if (!pain && plan.ask) {
    taken.asked = true;
    Asked answer = ask();
    pain = answer.pain;
    taken.stop_signal = answer.stop_signal;
  }
  if (!pain) return taken;
  const Instant at = std::max(services.clock().wall_now(), not_before);
  Entry e = rating::make_entry(*pain, session_uuid, role, at, services.zone().offset_at(at));
  e = services.journal().add(std::move(e), at);
  taken.stored = true;
  run_hook(services, hooks::Event::log, entry_json(e, true), "session");
  return taken;
}

}  // namespace psoas::cli
