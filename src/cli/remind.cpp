// psoas remind install | status | remove: systemd user units (or crontab lines) for desk
// breaks, the log prompt and the weekly summary, and exactly what install wrote.
#include "remind.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <memory>

#include "app.hpp"
#include "commands.hpp"
#include "psoas/error.hpp"
#include "psoas/files.hpp"
#include "psoas/json.hpp"
#include "psoas/plan.hpp"
#include "timer_run.hpp"
#include "timer_every.hpp"

namespace psoas::cli {
namespace fs = std::filesystem;

remind::Settings remind_settings(Services& services) { return remind_settings(services, services.config()); }

remind::Settings remind_settings(Services& services, const Config& c) {
  remind::Settings s;
  s.hours = c.work_hours;
  s.days = c.work_days;
  s.every = c.break_every;
  s.snooze = c.snooze;
  s.max_snoozes = c.max_snoozes;
  s.log_at = c.log_at;
  s.weekly = c.weekly;
  s.terminal = c.terminal;
  const Content& content = services.content();
  s.break_length = plan_routine(content.routine(desk_break_routine), content, plan_settings_from(c)).total();
  return s;
}

process::Result run_program(const std::vector<std::string>& argv, std::chrono::milliseconds limit) {
  return process::run(argv, {limit});
}

std::optional<fs::path> find_on_path(Services& services, std::string_view name) {
  return process::find_program(name, services.env().get("PATH").value_or("/usr/bin:/bin"));
}

fs::path own_binary() {
  std::error_code ec;
  fs::path p = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path("psoas") : p;
}

fs::path unit_dir(Services& services) { return services.paths().config_dir.parent_path() / "systemd" / "user"; }

fs::path break_state_file(Services& services) { return services.paths().runtime_dir / "remind-breaks.state"; }

fs::path manifest_file(Services& s) { return s.paths().config_dir / "remind-installed"; }

// `systemctl --user ARGS...`.
process::Result systemctl(std::vector<std::string> args) {
  args.insert(args.begin(), {"systemctl", "--user"});
  return run_program(args);
}

// Why there is no user manager to talk to, or nothing when there is one.
std::optional<std::string> no_user_manager(Services& s) {
  if (!find_on_path(s, "systemctl")) return "systemctl is not installed";
  auto r = systemctl({"is-system-running"});
  std::string state = r.out.substr(0, r.out.find('\n'));
  if (state == "running" || state == "degraded" || state == "starting" || state == "initializing") return std::nullopt;
  std::string why = !state.empty() ? state : r.err.substr(0, r.err.find('\n'));
  return fmt::format("no systemd user manager is running (systemctl --user: {})", why.empty() ? process::describe(r) : why);
}

namespace {

struct InstallOptions {
  std::string work_hours, days, every, log_at, weekly;
  bool dry_run = false, cron = false, force = false;
};

// Flags -> the config.toml values to set (TOML text), each checked.
std::vector<std::pair<std::string, std::string>> config_values(const InstallOptions& o) {
  std::vector<std::pair<std::string, std::string>> v;
  auto quoted = [](const std::string& t) { return json::quote(t); };
  if (!o.work_hours.empty()) v.emplace_back("work_hours", quoted(remind::format_work_hours(remind::parse_work_hours(o.work_hours, "--work-hours"))));
  if (!o.days.empty()) v.emplace_back("work_days", quoted(remind::format_days(remind::parse_days(o.days, "--days"))));
  if (!o.every.empty()) {
    try {
      v.emplace_back("break_every", quoted(when::format_duration(when::parse_duration(o.every))));
    } catch (const UsageError& e) {
      throw UsageError("--every", e.what(), "e.g. 55m");
    }
  }
  if (!o.log_at.empty()) v.emplace_back("log_at", quoted(remind::format_time_of_day(remind::parse_time_of_day(o.log_at, "--log-at"))));
  if (!o.weekly.empty()) v.emplace_back("weekly", quoted(remind::format_weekly(remind::parse_weekly(o.weekly, "--weekly"))));
  return v;
}

void print_commands(const std::vector<std::vector<std::string>>& commands) {
  for (const auto& c : commands) {
    std::string line = "$";
    for (const auto& a : c) line += " " + remind::quote_arg(a);
    fmt::print("{}\n", line);
  }
}

// What install will write, checked before the first write: the config values the flags
// set, config.toml with them, the settings that result and the binary the units run.
struct InstallPlan {
  std::vector<std::pair<std::string, std::string>> values;
  fs::path config_file;
  std::string new_config;
  remind::Settings settings;
  fs::path binary;
};

InstallPlan plan_install(const InstallOptions& o, Services& s) {
  InstallPlan p;
  p.values = config_values(o);
  p.config_file = s.paths().config_file;
  std::string old_config = files::read(p.config_file).value_or("");
  p.new_config = p.values.empty() ? old_config : set_config_keys(old_config, p.values);
  try {  // install writes to config.toml: it goes on only from a file it can read whole
    p.settings = remind_settings(s, parse_config(p.new_config, p.config_file.string()));
  } catch (const UsageError& e) {
    throw UsageError(e.subject(), e.what(), "install writes its settings to config.toml: fix that line first");
  }
  if (p.settings.every < p.settings.break_length)
    throw UsageError("--every", fmt::format("{} is shorter than the desk-break routine ({})", when::format_duration(p.settings.every),
                                            when::format_duration(p.settings.break_length)));
  bool has_notify = find_on_path(s, "notify-send").has_value();
  if (!has_notify && !o.dry_run)
    throw Error("remind", "notify-send is not installed", "install the package libnotify-bin");
  if (!has_notify) s.terminal().warn("notify-send is not installed (install the package libnotify-bin)");
  p.binary = own_binary();
  return p;
}

// Writes config.toml with the flags' values (nothing when no flag set one).
void save_config(const InstallPlan& p) {
  if (p.values.empty()) return;
  make_private_dir(p.config_file.parent_path());
  files::write_atomically(p.config_file, p.new_config, 0600, "config");
}

void print_would_set(const InstallPlan& p) {
  for (const auto& [k, v] : p.values) fmt::print("Would set in {}: {} = {}\n", p.config_file.string(), k, v);
}

// Prints the crontab lines (`why` says why not units) and saves the settings unless --dry-run.
void install_cron(const InstallOptions& o, const InstallPlan& p, std::string_view why) {
  fmt::print("Using crontab lines: {}.\n", why);
  fmt::print("{}", remind::crontab(p.binary, p.settings, ::getuid()));
  if (o.dry_run) {
    print_would_set(p);
  } else if (!p.values.empty()) {
    save_config(p);
    fmt::print("Saved the settings in {}.\n", p.config_file.string());
  }
}

// Stops (after listing them) when unit files in `dir` differ from what install would write
// and from what it wrote before, unless --force.
void check_conflicts(const InstallOptions& o, const fs::path& dir, const std::vector<remind::Unit>& units,
                     const remind::Manifest& manifest) {
  std::vector<std::string> conflicts;
  int differing = 0;
  for (const auto& u : units) {
    auto current = files::read(dir / u.name);
    if (!current || *current == u.text || remind::as_installed(manifest, u.name, *current)) continue;
    ++differing;
    conflicts.push_back(fmt::format("{} differs from what install would write:", (dir / u.name).string()));
    for (const auto& d : remind::differences(*current, u.text)) conflicts.push_back("  " + d);
  }
  if (conflicts.empty() || o.force) return;
  for (const auto& c : conflicts) fmt::print("{}\n", c);
  throw Error("remind", fmt::format("{} unit file(s) differ; nothing changed", differing),
              "psoas remind install --force replaces them");
}

// `systemctl --user daemon-reload`, then enable --now of the units.
std::vector<std::vector<std::string>> enable_commands() {
  std::vector<std::vector<std::string>> commands{{"systemctl", "--user", "daemon-reload"}, {"systemctl", "--user", "enable", "--now"}};
  for (const auto& n : remind::enabled_units()) commands[1].push_back(n);
  return commands;
}

void print_dry_run(const std::optional<std::string>& no_manager, const fs::path& dir, const std::vector<remind::Unit>& units,
                   const InstallPlan& p) {
  if (no_manager) {
    fmt::print("Would print crontab lines instead: {}. The units it would write with one:\n", *no_manager);
  } else {
    fmt::print("Would use systemd user units (a user manager is running). Nothing is written with --dry-run.\n");
  }
  for (const auto& u : units) fmt::print("==> {} <==\n{}", (dir / u.name).string(), u.text);
  print_would_set(p);
  print_commands(enable_commands());
}

// Writes the units into `dir` (printing what changed) and the manifest of what was written:
// the directories the old manifest lists and those created now.
void write_units(Services& s, const fs::path& dir, const std::vector<remind::Unit>& units, const remind::Manifest& old) {
  std::vector<std::string> created;
  for (fs::path d = dir; !fs::exists(d); d = d.parent_path()) created.insert(created.begin(), d.string());
  remind::Manifest written;
  written.dirs = old.dirs;
  written.dirs.insert(written.dirs.end(), created.begin(), created.end());
  make_private_dir(dir);
  for (const auto& u : units) {
    auto before = files::read(dir / u.name);
    files::write_atomically(dir / u.name, u.text, 0644, "remind");
    written.files.push_back({u.name, remind::text_hash(u.text)});
    if (before && *before != u.text) {
      fmt::print("Updated {}:\n", (dir / u.name).string());
      for (const auto& d : remind::differences(*before, u.text)) fmt::print("  {}\n", d);
    } else if (!before) {
      fmt::print("Wrote {}\n", (dir / u.name).string());
    }
  }
  make_private_dir(manifest_file(s).parent_path());
  files::write_atomically(manifest_file(s), remind::format_manifest(written), 0600, "remind");
}

void enable_units(const remind::Settings& settings) {
  for (const auto& c : enable_commands()) {
    auto r = run_program(c, std::chrono::seconds{30});
    if (!r.ok())
      throw Error("remind", fmt::format("systemctl --user {}: {}", c[2], r.err.empty() ? process::describe(r) : r.err.substr(0, r.err.find('\n'))),
                  "the files are written; psoas remind remove deletes them");
  }
  fmt::print("Enabled {}. Settings: work hours {} on {}, a break every {}, log prompt at {}, weekly summary {}.\n",
             fmt::join(remind::enabled_units(), ", "), remind::format_work_hours(settings.hours), remind::format_days(settings.days),
             when::format_duration(settings.every), remind::format_time_of_day(settings.log_at), remind::format_weekly(settings.weekly));
}

void install(const InstallOptions& o, Services& s) {
  const InstallPlan p = plan_install(o, s);  // everything validated before the first write
  std::optional<std::string> no_manager = o.cron ? std::optional<std::string>("--cron") : no_user_manager(s);
  if (no_manager && !(o.dry_run && !o.cron)) {
    install_cron(o, p, o.cron ? std::string("asked for with --cron") : *no_manager);
    return;
  }
  fs::path dir = unit_dir(s);
  auto units = remind::units(p.binary, p.settings);
  auto manifest = remind::parse_manifest(files::read(manifest_file(s)).value_or("")).value_or(remind::Manifest{});
  check_conflicts(o, dir, units, manifest);
  if (o.dry_run) {
    print_dry_run(no_manager, dir, units, p);
    return;
  }
  fmt::print("Using systemd user units (a user manager is running).\n");
  save_config(p);
  write_units(s, dir, units, manifest);
  enable_units(p.settings);
}

}  // namespace

void add_remind(CLI::App& app, Services& services) {
  auto* cmd = app.add_subcommand("remind", "Desk breaks, log prompts and the weekly summary as systemd user services");
  cmd->require_subcommand(1);
  auto o = std::make_shared<InstallOptions>();
  auto* in = cmd->add_subcommand("install", "Write and enable the user units (settings go to config.toml)");
  in->add_option("--work-hours", o->work_hours, "Desk breaks only between these times (config work_hours)")->type_name("HH:MM-HH:MM");
  in->add_option("--days", o->days, "Work days, e.g. mon-fri or mon,wed,fri (config work_days)")->type_name("DAYS");
  in->add_option("--every", o->every, "Desk-break interval (config break_every)")->type_name("DURATION");
  in->add_option("--log-at", o->log_at, "Daily log prompt time (config log_at)")->type_name("HH:MM");
  in->add_option("--weekly", o->weekly, "Weekly summary day and time, e.g. 'sun 18:00' (config weekly)")->type_name("'DAY HH:MM'");
  in->add_flag("--dry-run", o->dry_run, "Print every unit and command; write nothing");
  in->add_flag("--cron", o->cron, "Print crontab lines instead (no user manager)");
  in->add_flag("--force", o->force, "Replace unit files that differ from what install writes");
  in->footer("Examples:\n  psoas remind install --work-hours 09:00-17:30 --days mon-fri --every 55m\n"
             "  psoas remind install --log-at 20:00 --weekly 'sun 18:00'\n  psoas remind install --dry-run\n"
             "  psoas remind install --cron    (no user manager: prints crontab lines)");
  in->callback([o, &services] { install(*o, services); });
  auto format = std::make_shared<std::string>();
  auto* st = cmd->add_subcommand("status", "What is installed, enabled and due next");
  add_format(*st, *format, {"text", "json"});
  st->footer("Examples:\n  psoas remind status\n  psoas remind status --json");
  st->callback([format, &services] { remind_status(*format == "json", services); });
  auto* rm = cmd->add_subcommand("remove", "Disable and delete exactly what install wrote");
  rm->footer("Examples:\n  psoas remind remove\n  psoas remind status    (afterwards: nothing installed)");
  rm->callback([&services] { remind_remove(services); });
  add_remind_run(*cmd, services);
  // After the subcommands, which would otherwise inherit it.
  cmd->footer("Examples:\n  psoas remind install --work-hours 09:00-17:30 --days mon-fri --every 55m\n"
              "  psoas remind install --dry-run\n  psoas remind status\n  psoas remind remove");
}

}  // namespace psoas::cli
