#pragma once
// Pieces shared by the `psoas log` files: the entry flags and how they become an Entry.

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

#include "psoas/entry.hpp"
#include "psoas/journal.hpp"
#include "psoas/when.hpp"
#include "services.hpp"

namespace psoas::cli::logcmd {

// The flags that describe an entry, shared by `psoas log PAIN` and `psoas log edit ID`.
struct EntryFlags {
  std::string pain;
  std::vector<std::string> where;
  std::vector<std::string> triggers;
  std::vector<std::string> helped;
  std::string note;
  std::string at;
  std::string enjoyment;
  std::string activity;
};

// Adds --where, --trigger, --helped, --note, --at, --enjoyment, --activity to `cmd`.
void add_entry_flags(CLI::App& cmd, EntryFlags& flags);

// Applies the flags given on `cmd` to `e` (a list flag replaces the list; an empty value
// clears it); sets e.at and its offset from --at, read relative to `now`. Throws
// UsageError for bad values. Returns whether anything was given.
bool apply_entry_flags(const CLI::App& cmd, const EntryFlags& flags, Entry& e, Services& services, Instant now);

// "6" -> 6; anything but a whole number 0-10 throws UsageError naming `what`.
int parse_scale(const std::string& text, const std::string& what);

// One line for `log list` and the rm prompt.
std::string describe(const Entry& e);

// The calendar from config.toml (week_start, day_starts_at), as the report uses it; a
// broken config.toml is a warning and gives the defaults.
when::Calendar calendar(Services& services);

// --since and --until: a day or range name ("week", "2026-11-20", "7d") in `cal`'s days,
// or a moment ("-2h", "yesterday 21:00").
Instant parse_since(const std::string& text, const when::Calendar& cal, Services& services);
Instant parse_until(const std::string& text, const when::Calendar& cal, Services& services);

// Which entries `log list` and `log export` read: a range and filters.
struct Selection {
  std::string since;
  std::string until;
  std::string range;
  std::optional<std::size_t> limit;
  std::vector<std::string> where;
  std::vector<std::string> triggers;
  std::vector<std::string> helped;
};

// Adds --since, --until, --range, -n/--limit, --where, --trigger and --helped to `cmd`.
void add_selection(CLI::App& cmd, Selection& s);

// Whether `s` asks for anything but every entry.
bool selects_all(const Selection& s);

// The entries `s` selects, oldest first (the newest `limit` of those that match); throws
// UsageError naming `command` for a bad range or filter.
std::vector<Entry> select_entries(const Selection& s, const Journal& journal, Services& services,
                                  const std::string& command);

// Registers `log export` and `log import` (src/cli/log_io.cpp).
void add_log_io(CLI::App& log, Services& services);

}  // namespace psoas::cli::logcmd
