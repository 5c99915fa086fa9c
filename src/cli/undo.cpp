// psoas undo / psoas redo: revert this device's last change, re-apply it, or list the change
// log (docs/history.md). Parse -> journal.undo()/redo()/history() -> one line (or a table).
// Hooks are not run: an undo is not a new entry, session or triage.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <memory>

#include "commands.hpp"
#include "psoas/error.hpp"
#include "psoas/history.hpp"
#include "psoas/hlc.hpp"
#include "psoas/journal_io.hpp"
#include "psoas/json.hpp"

namespace psoas::cli {
namespace {

struct UndoOptions {
  bool list = false;
  bool json = false;
  std::size_t limit = 10;
};

// N for --limit: a whole number of 1 or more (as log list's).
CLI::Validator limit_check() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        const bool digits = !text.empty() && text.size() <= 9 && text.find_first_not_of("0123456789") == std::string::npos;
        if (digits && std::stoul(text) > 0) return {};
        return fmt::format("expected a whole number of 1 or more, not '{}'", text);
      },
      "");
}

// A member's text ("" when absent or null).
std::string field(const json::Value& v, const char* key) {
  const json::Value* m = v.find(key);
  return m && m->type != json::Value::Type::null ? m->text : std::string{};
}

// "2026-11-30T08:10:00+01:00" -> "2026-11-30 08:10": the wall time the record keeps.
std::string short_time(const std::string& t) {
  if (t.size() < 16) return t;
  return t.substr(0, 10) + " " + t.substr(11, 5);
}

// "entry 12 (pain 5, 2026-11-30 08:10)", "session 3 (timer 1s, ...)", "triage result 2 (self-care, ...)".
std::string describe_record(const std::string& kind, const std::string& state) {
  json::Value v;
  try {
    v = json::parse(state);
  } catch (const json::ParseError&) {
    return kind;
  }
  const std::string id = field(v, "id");
  const std::string name = kind == "triage" ? "triage result" : kind;
  const std::string head = id.empty() ? name : name + " " + id;
  if (kind == "entry") return fmt::format("{} (pain {}, {})", head, field(v, "pain"), short_time(field(v, "at")));
  if (kind == "session") {
    std::string what = field(v, "kind"), routine = field(v, "routine");
    std::string lower = routine;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char ch) { return std::tolower(ch); });
    if (!routine.empty() && lower != what) what += " " + routine;
    return fmt::format("{} ({}, {})", head, what, short_time(field(v, "start")));
  }
  return fmt::format("{} ({}, {})", head, field(v, "outcome"), short_time(field(v, "at")));
}

// "pain 6 -> 4, note 'better' -> 'desk day'": the fields an edit moved.
std::string describe_edit(const Change& c) {
  const std::string before = c.before.value_or("{}"), after = c.after.value_or("{}");
  const json::Value b = json::parse(before), a = json::parse(after);
  std::vector<std::string> parts;
  for (const std::string& key : history::changed_fields(before, after)) {
    const json::Value* x = b.find(key);
    const json::Value* y = a.find(key);
    parts.push_back(fmt::format("{} {} -> {}", key, x ? history::text(*x) : "none", y ? history::text(*y) : "none"));
  }
  return fmt::format("{}", fmt::join(parts, ", "));
}

// What one logged change did, in a few words.
std::string describe_change(const Change& c) {
  const std::string state = c.after ? *c.after : c.before.value_or("{}");
  const std::string record = describe_record(c.kind, state);
  if (c.op == "add") return (c.origin == "user" ? "added " : "restored ") + record;
  if (c.op == "rm") return "removed " + record;
  const std::string moved = describe_edit(c);
  if (moved.empty()) return record + ": nothing left to change";
  return fmt::format("{}: {}", record, moved);
}

// The line undo or redo prints: one change, or a batch (an import) counted.
std::string summary(const UndoResult& r) {
  std::string what;
  if (r.written.size() == 1) {
    what = describe_change(r.written.front());
  } else {
    const Change& first = r.written.front();
    const bool same_op = std::all_of(r.written.begin(), r.written.end(), [&](const Change& c) { return c.op == first.op; });
    const std::string verb = !same_op ? "changed" : first.op == "rm" ? "removed" : first.op == "add" ? "restored" : "changed";
    const std::string kind = first.kind == "triage" ? "triage results" : first.kind == "entry" ? "entries" : "sessions";
    what = fmt::format("{} {} {} (the whole import)", verb, r.written.size(), kind);
  }
  if (r.others_changed) what += "; changed on another device since, so only this change's own fields moved";
  return what;
}

// The local time of a stamp: "2026-12-01 02:30".
std::string stamp_time(const std::string& stamp, const when::Zone& zone) {
  auto s = hlc::parse(stamp);
  if (!s) return stamp;
  const Instant t{std::chrono::seconds{s->ms / 1000}};
  return short_time(when::format_local(t, zone));
}

std::string change_label(const Change& c) {
  if (c.origin == "user") return c.op;
  if (c.origin == "baseline") return "baseline";
  return c.origin + " " + c.op;
}

void render_list(const std::vector<HistoryItem>& items, bool json_out, const when::Zone& zone) {
  if (json_out) {
    std::vector<std::string> rows;
    for (const auto& h : items) {
      const Change& c = h.change;
      rows.push_back(json::Object{}
                         .add("seq", c.seq)
                         .add("when", stamp_time(c.stamp, zone))
                         .add("stamp", c.stamp)
                         .add("device", c.device)
                         .add("local", h.local)
                         .add("origin", c.origin)
                         .add("op", c.op)
                         .add("kind", c.kind)
                         .add("record", c.record)
                         .add("description", describe_change(c))
                         .add("undone", h.undone)
                         .str());
    }
    fmt::print("{}\n", json::array_raw(rows));
    return;
  }
  if (items.empty()) {
    fmt::print("no changes yet\n");
    return;
  }
  fmt::print("{:<16}  {:<8}  {:<9}  {}\n", "WHEN", "DEVICE", "CHANGE", "WHAT");
  for (const auto& h : items) {
    const Change& c = h.change;
    const std::string device = h.local ? "this" : c.device.substr(0, 8);
    const char* mark = !h.undone ? "" : c.origin == "undo" ? "  (redone)" : "  (undone)";
    fmt::print("{:<16}  {:<8}  {:<9}  {}{}\n", stamp_time(c.stamp, zone), device, change_label(c), describe_change(c), mark);
  }
}

void run_undo(const UndoOptions& o, Services& services) {
  if (o.list) {
    Journal& j = services.journal(Access::read_only);
    render_list(j.history(o.limit), o.json, services.zone());
    return;
  }
  std::optional<UndoResult> result;  // no journal yet: nothing to undo, and none is made
  if (std::filesystem::exists(services.paths().journal)) result = services.journal().undo(services.clock().wall_now());
  if (!result) throw DataError("undo", "nothing to undo", "'psoas undo --list' shows the change log");
  fmt::print("undid: {}\n", summary(*result));
}

void run_redo(Services& services) {
  std::optional<UndoResult> result;
  if (std::filesystem::exists(services.paths().journal)) result = services.journal().redo(services.clock().wall_now());
  if (!result) throw DataError("redo", "nothing to redo", "redo follows an undo, before any new change");
  fmt::print("redid: {}\n", summary(*result));
}

}  // namespace

void add_undo(CLI::App& app, Services& services) {
  auto options = std::make_shared<UndoOptions>();
  auto* cmd = app.add_subcommand("undo", "Revert this device's last change (an import: all of it); --list shows the log");
  cmd->description(
      "Reverts this device's most recent change that is not yet undone: an added entry, session or\n"
      "triage result is removed, an edit gets its old values back, a removed entry comes back,\n"
      "an import goes as a whole. Prints one line saying what it did. 'psoas redo' re-applies it.");
  auto* list = cmd->add_flag("--list", options->list, "Show the latest changes instead, newest first");
  cmd->add_flag("--json", options->json, "With --list: print JSON")->needs(list);
  cmd->add_option("-n,--limit", options->limit, "With --list: how many changes (default 10)")
      ->type_name("N")
      ->check(limit_check())
      ->needs(list);
  cmd->footer(
      "Examples:\n"
      "  psoas undo\n"
      "  psoas undo --list -n 20\n"
      "  psoas redo\n");
  cmd->callback([options, &services] { run_undo(*options, services); });
}

void add_redo(CLI::App& app, Services& services) {
  auto* cmd = app.add_subcommand("redo", "Re-apply the change the last undo reverted");
  cmd->description(
      "Re-applies what the latest 'psoas undo' reverted, as long as no new change came after it.");
  cmd->footer("Example:\n  psoas log rm 12 --yes; psoas undo; psoas redo\n");
  cmd->callback([&services] { run_redo(services); });
}

}  // namespace psoas::cli
