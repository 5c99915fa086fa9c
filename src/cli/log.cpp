// psoas log: add an entry, list, edit and remove entries (export and import: log_io.cpp).
#include <fmt/format.h>

#include <cctype>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <limits>
#include <map>
#include <set>
#include <sstream>

#include "app.hpp"
#include "commands.hpp"
#include "hook.hpp"
#include "log.hpp"
#include "psoas/error.hpp"
#include "psoas/journal_io.hpp"
#include "psoas/json.hpp"
#include "psoas/rating.hpp"

namespace psoas::cli {

namespace {

using namespace logcmd;

struct ListOptions {
  Selection select;
  bool json = false;
};

struct EditOptions {
  std::string id;
  EntryFlags flags;
};

struct RemoveOptions {
  std::string id;
  bool yes = false;
};

// The core says "entry" for what is wrong with an entry; here that is `psoas log`'s error.
template <class F>
void as_log(F&& f) {
  try {
    f();
  } catch (const UsageError& e) {
    if (e.subject() != entry_subject) throw;
    throw UsageError("log", e.what(), e.hint());
  } catch (const DataError& e) {
    if (e.subject() != entry_subject) throw;
    throw DataError("log", e.what(), e.hint());
  }
}

// psoas log PAIN [flags]: parse, then one write that validates; prints the new entry's id.
void run_add(const CLI::App& cmd, const EntryFlags& flags, bool json, Services& services) {
  if (flags.pain.empty()) {
    throw UsageError("log", "give a pain rating from 0 to 10, or a subcommand", "see 'psoas log --help'");
  }
  const Instant now = services.clock().wall_now();  // the command's one reading of the clock
  Entry e;
  e.pain = parse_scale(flags.pain, "pain");
  e.at = now;
  e.utc_offset = services.zone().offset_at(e.at);
  apply_entry_flags(cmd, flags, e, services, now);
  e = services.journal().add(std::move(e), now);
  if (json) {
    fmt::print("{}\n", entry_json(e, true));
  } else {
    fmt::print("{}\n", e.id);
  }
  services.tell("logged entry " + describe(e));  // on a terminal only
  run_hook(services, hooks::Event::log, entry_json(e, true));
}

// The sessions the ratings among `entries` belong to, by uuid. A rating is taken within
// a day of its session's start, so one query over that span finds them all; a session not
// in this journal (imported ratings) is simply not there.
std::map<std::string, Session> sessions_rated(const std::vector<Entry>& entries, const Journal& journal) {
  std::set<std::string> wanted;
  std::optional<Instant> first, last;
  for (const auto& e : entries) {
    if (e.session.empty()) continue;
    wanted.insert(e.session);
    if (!first || e.at < *first) first = e.at;
    if (!last || e.at > *last) last = e.at;
  }
  std::map<std::string, Session> found;
  if (!first) return found;
  for (auto& s : journal.sessions(*first - std::chrono::days{1}, *last + std::chrono::days{1})) {
    if (wanted.contains(s.uuid)) found.emplace(s.uuid, std::move(s));
  }
  return found;
}

// A `log list` line: the entry, and for a session rating which session it rates
// ("before acute").
std::string list_line(const Entry& e, const std::map<std::string, Session>& sessions) {
  if (e.session.empty()) return describe(e);
  auto it = sessions.find(e.session);
  return describe(e) + "  " + rating::describe(e.session_role, it == sessions.end() ? nullptr : &it->second);
}

void run_list(const ListOptions& o, Services& services) {
  const Journal& journal = services.journal(Access::read_only);
  auto entries = select_entries(o.select, journal, services, "log list");
  std::string out;
  if (o.json) {
    std::ostringstream text;
    json::LineArray array(text);
    for (const auto& e : entries) array.add(entry_json(e, true));
    array.finish();
    out = text.str();
  } else if (entries.empty()) {
    out = "No entries.\n";
  } else {
    const auto sessions = sessions_rated(entries, journal);
    for (const auto& e : entries) out += list_line(e, sessions) + "\n";
  }
  Pager pager(services);
  std::fwrite(out.data(), 1, out.size(), stdout);
}

// The entry `id` names; a missing journal holds no entries (and is not created).
Entry find_entry(const std::string& id, Services& services) {
  std::optional<Entry> e;
  if (std::filesystem::exists(services.paths().journal)) e = services.journal().find(id);
  if (!e) throw DataError("log", fmt::format("no entry '{}'", id), "see 'psoas log list'");
  return *e;
}

void run_edit(const CLI::App& cmd, const EditOptions& o, Services& services) {
  const Instant now = services.clock().wall_now();
  Entry e = find_entry(o.id, services);
  bool any = apply_entry_flags(cmd, o.flags, e, services, now);
  if (cmd.count("--pain")) e.pain = parse_scale(o.flags.pain, "pain"), any = true;
  if (!any) throw UsageError("log edit", "nothing to change", "give --pain, --where, --trigger, --helped, --note, --at, ...");
  services.journal().update(e, now);
  fmt::print("updated {}\n", e.id);
  run_hook(services, hooks::Event::log, entry_json(e, true), "edit");
}

void run_remove(const RemoveOptions& o, Services& services) {
  if (!o.yes && !services.terminal().stdin_is_tty()) {
    throw UsageError("log rm", "not removing without confirmation", "add --yes to remove from a script");
  }
  Entry e = find_entry(o.id, services);
  if (!o.yes) {
    fmt::print(stderr, "Remove entry {}?\n{}\n[y/N] ", e.id, describe(e));
    std::fflush(stderr);
    std::string answer;
    std::getline(std::cin, answer);
    if (answer != "y" && answer != "Y" && answer != "yes") {
      fmt::print(stderr, "nothing removed\n");
      return;
    }
  }
  services.journal().remove(e.id, services.clock().wall_now());
  fmt::print("removed {} (psoas undo puts it back)\n", e.id);
}

}  // namespace

void add_log(CLI::App& app, Services& services) {
  auto* log = app.add_subcommand("log", "The pain journal: add, list, edit, remove, export and import entries");
  log->footer(
      "Examples:\n"
      "  psoas log 4 --where \"left groin\" --trigger sitting --helped stretch\n"
      "  psoas log 6 --at \"yesterday 21:00\" --where lower-back=6 --enjoyment 5\n"
      "  psoas log list --since week\n"
      "PAIN is the 0-10 numeric rating (0 no pain, 10 worst imaginable). --enjoyment and "
      "--activity are the PEG scale's other two items; the PEG score is the mean of all three.");
  auto add = std::make_shared<EntryFlags>();
  log->add_option("pain", add->pain, "Pain right now, 0-10, and prints the new entry's id")->type_name("PAIN");
  add_entry_flags(*log, *add);
  auto json = std::make_shared<bool>(false);
  log->add_flag("--json", *json, "Print the new entry as JSON instead of its id");
  log->callback([log, add, json, &services] {
    if (!log->get_subcommands().empty()) return;
    // `psoas log lst`: a word where PAIN goes that looks like a subcommand was meant as one.
    const std::string& pain = add->pain;
    if (pain.size() > 1 && std::isalpha(static_cast<unsigned char>(pain[0]))) {
      std::vector<std::string> names;
      for (const CLI::App* sub : log->get_subcommands({})) names.push_back(sub->get_name());
      if (!suggest_command(pain, names).empty()) throw unknown_command(*log, "log", pain);
    }
    as_log([&] { run_add(*log, *add, *json, services); });
  });

  auto list_opts = std::make_shared<ListOptions>();
  auto* list = log->add_subcommand("list", "List entries, oldest first");
  add_selection(*list, list_opts->select);
  list->add_flag("--json", list_opts->json, "JSON for scripts (with row ids)");
  list->footer(
      "Examples:\n"
      "  psoas log list --since week\n"
      "  psoas log list --where groin --limit 5\n"
      "  psoas log list --json");
  list->callback([list_opts, &services] { run_list(*list_opts, services); });

  auto edit_opts = std::make_shared<EditOptions>();
  auto* edit = log->add_subcommand("edit", "Change an entry: each flag given replaces that field ('' clears it)");
  edit->add_option("id", edit_opts->id, "Entry id (from 'log list') or uuid prefix")->type_name("ID")->required();
  edit->add_option("-p,--pain", edit_opts->flags.pain, "Pain, 0-10")->type_name("0-10");
  add_entry_flags(*edit, edit_opts->flags);
  edit->footer(
      "Examples:\n"
      "  psoas log edit 12 --pain 5\n"
      "  psoas log edit 12 --note ''");
  edit->callback([edit, edit_opts, &services] { as_log([&] { run_edit(*edit, *edit_opts, services); }); });

  auto rm_opts = std::make_shared<RemoveOptions>();
  auto* rm = log->add_subcommand("rm", "Remove an entry (asks first; --yes for scripts)");
  rm->add_option("id", rm_opts->id, "Entry id or uuid prefix")->type_name("ID")->required();
  rm->add_flag("-y,--yes", rm_opts->yes, "Do not ask");
  rm->footer(
      "Examples:\n"
      "  psoas log rm 12\n"
      "  psoas log rm 12 --yes");
  rm->callback([rm_opts, &services] { as_log([&] { run_remove(*rm_opts, services); }); });

  add_log_io(*log, services);
}

}  // namespace psoas::cli
