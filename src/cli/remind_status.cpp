// psoas remind status | remove: what install wrote, whether it is enabled, what is due
// next; and removing exactly that.
#include <fmt/format.h>
#include <unistd.h>

#include "psoas/error.hpp"
#include "psoas/files.hpp"
#include "psoas/json.hpp"
#include "remind.hpp"

namespace psoas::cli {
namespace {
namespace fs = std::filesystem;

struct UnitStatus {
  std::string name;
  bool present = false, written_by_psoas = false, changed = false;
  std::string enabled;  // systemctl is-enabled, or "unknown"
};

// What status shows besides the settings: each unit's state and when things are due next.
struct Status {
  std::optional<remind::Manifest> manifest;  // none: install has not run
  bool manager = false;                      // a systemd user manager is running
  std::vector<UnitStatus> units;
  std::optional<Instant> break_next;         // none: the breaks service has not run
  Instant log_next, weekly_next;
};

std::vector<UnitStatus> unit_statuses(Services& s, const remind::Settings& settings, const Status& st) {
  std::vector<UnitStatus> units;
  for (const auto& u : remind::units(own_binary(), settings)) {
    UnitStatus us;
    us.name = u.name;
    auto text = files::read(unit_dir(s) / u.name);
    us.present = text.has_value();
    us.written_by_psoas = text && text->starts_with(remind::header);
    us.changed = st.manifest && text && remind::changed_since_install(*st.manifest, u.name, *text);
    us.enabled = "unknown";
    if (st.manager && us.present) {
      auto r = systemctl({"is-enabled", u.name});
      us.enabled = r.out.substr(0, r.out.find('\n'));
      if (us.enabled.empty()) us.enabled = "unknown";
    }
    units.push_back(us);
  }
  return units;
}

Status status_of(Services& s, const remind::Settings& settings) {
  Status st;
  st.manifest = remind::parse_manifest(files::read(manifest_file(s)).value_or(""));
  st.manager = !no_user_manager(s);
  st.units = unit_statuses(s, settings, st);
  Instant now = s.clock().wall_now();
  st.log_next = remind::next_at(settings.log_at, 0b1111111, now, s.zone());
  st.weekly_next = remind::next_at(settings.weekly.at, 1U << settings.weekly.day.c_encoding(), now, s.zone());
  if (auto text = files::read(break_state_file(s))) {
    remind::BreakState state = remind::parse_state(*text);
    auto step = remind::step(settings, state, now, s.zone(), std::nullopt);
    st.break_next = step.action == remind::Step::Action::wait ? step.at : now;
  }
  return st;
}

void print_json(const Status& st, const remind::Settings& settings, const when::Zone& zone) {
  std::vector<std::string> list;
  for (const auto& u : st.units)
    list.push_back(json::Object().add("name", u.name).add("installed", u.present).add("written_by_psoas", u.written_by_psoas)
                       .add("changed_since_install", u.changed).add("enabled", u.enabled).str());
  json::Object o;
  o.add("installed", st.manifest.has_value()).add("user_manager", st.manager).add_raw("units", json::array_raw(list));
  o.add("work_hours", remind::format_work_hours(settings.hours)).add("work_days", remind::format_days(settings.days));
  o.add("break_every", settings.every).add("max_snoozes", settings.max_snoozes);
  o.add("next_break", st.break_next ? std::optional(when::format_local(*st.break_next, zone)) : std::nullopt);
  o.add("next_log_prompt", when::format_local(st.log_next, zone)).add("next_weekly", when::format_local(st.weekly_next, zone));
  fmt::print("{}\n", o.str());
}

void print_text(const Status& st, const remind::Settings& settings, const when::Zone& zone) {
  fmt::print("{}\n", st.manifest ? "Installed by psoas remind install:" : "Not installed (psoas remind install sets it up).");
  for (const auto& u : st.units) {
    if (!u.present) {
      if (st.manifest) fmt::print("  {}: missing\n", u.name);
      continue;
    }
    fmt::print("  {}: {}{}{}\n", u.name, u.written_by_psoas ? "written by psoas" : "not written by psoas",
               u.changed ? ", changed since install" : "", u.enabled == "unknown" ? "" : ", " + u.enabled);
  }
  if (!st.manager) fmt::print("  (no systemd user manager is running: enabled state unknown)\n");
  fmt::print("Desk breaks: every {} in work hours {} on {}; next: {}.\n", when::format_duration(settings.every),
             remind::format_work_hours(settings.hours), remind::format_days(settings.days),
             st.break_next ? when::format_local(*st.break_next, zone) : std::string("when the breaks service runs"));
  fmt::print("Log prompt: next {} (only if nothing is logged that day).\n", when::format_local(st.log_next, zone));
  fmt::print("Weekly summary: next {}.\n", when::format_local(st.weekly_next, zone));
}

}  // namespace

void remind_status(bool as_json, Services& s) {
  const remind::Settings settings = remind_settings(s);
  const Status st = status_of(s, settings);
  if (as_json) {
    print_json(st, settings, s.zone());
  } else {
    print_text(st, settings, s.zone());
  }
}

void remind_remove(Services& s) {
  auto manifest = remind::parse_manifest(files::read(manifest_file(s)).value_or(""));
  if (!manifest) {
    fmt::print("Nothing to remove: psoas remind install has not written any unit here.\n");
    return;
  }
  if (!no_user_manager(s)) {
    std::vector<std::string> args{"disable", "--now"};
    for (const auto& n : remind::enabled_units()) args.push_back(n);
    auto r = systemctl(args);
    if (!r.ok()) s.terminal().warn(fmt::format("systemctl --user disable: {}", r.err.empty() ? process::describe(r) : r.err.substr(0, r.err.find('\n'))));
  }
  fs::path dir = unit_dir(s);
  for (const auto& f : manifest->files) {
    fs::path p = dir / f.name;
    auto text = files::read(p);
    if (!text) continue;
    if (!remind::removable(f, *text)) {
      fmt::print("Kept {}: it changed since psoas wrote it.\n", p.string());
      continue;
    }
    std::error_code ec;
    fs::remove(p, ec);
    if (ec) throw DataError("remind", fmt::format("cannot delete {}: {}", p.string(), ec.message()));
    fmt::print("Deleted {}\n", p.string());
  }
  if (!no_user_manager(s)) systemctl({"daemon-reload"});
  for (auto it = manifest->dirs.rbegin(); it != manifest->dirs.rend(); ++it) {
    std::error_code ec;
    // Only a real, empty directory: rmdir never deletes anything else.
    if (fs::symlink_status(*it, ec).type() == fs::file_type::directory && fs::is_empty(*it, ec)) ::rmdir(it->c_str());
  }
  fs::remove(manifest_file(s));
}

}  // namespace psoas::cli
