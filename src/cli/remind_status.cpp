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

}  // namespace

void remind_status(bool as_json, Services& s) {
  remind::Settings settings = remind_settings(s);
  auto manifest = remind::parse_manifest(files::read(manifest_file(s)).value_or(""));
  bool manager = !no_user_manager(s);
  std::vector<UnitStatus> units;
  for (const auto& u : remind::units(own_binary(), settings)) {
    UnitStatus st;
    st.name = u.name;
    auto text = files::read(unit_dir(s) / u.name);
    st.present = text.has_value();
    st.written_by_psoas = text && text->starts_with(remind::header);
    if (manifest && text)
      for (const auto& f : manifest->files)
        if (f.name == u.name) st.changed = f.hash != remind::text_hash(*text);
    st.enabled = "unknown";
    if (manager && st.present) {
      auto r = systemctl({"is-enabled", u.name});
      st.enabled = r.out.substr(0, r.out.find('\n'));
      if (st.enabled.empty()) st.enabled = "unknown";
    }
    units.push_back(st);
  }
  Instant now = s.clock().wall_now();
  Instant log_next = remind::next_at(settings.log_at, 0b1111111, now, s.zone());
  Instant weekly_next = remind::next_at(settings.weekly.at, 1U << settings.weekly.day.c_encoding(), now, s.zone());
  std::optional<Instant> break_next;
  if (auto text = files::read(break_state_file(s))) {
    remind::BreakState state = remind::parse_state(*text);
    auto step = remind::step(settings, state, now, s.zone(), std::nullopt);
    break_next = step.action == remind::Step::Action::wait ? step.at : now;
  }
  if (as_json) {
    std::vector<std::string> list;
    for (const auto& u : units)
      list.push_back(json::Object().add("name", u.name).add("installed", u.present).add("written_by_psoas", u.written_by_psoas)
                         .add("changed_since_install", u.changed).add("enabled", u.enabled).str());
    json::Object o;
    o.add("installed", manifest.has_value()).add("user_manager", manager).add_raw("units", json::array_raw(list));
    o.add("work_hours", remind::format_work_hours(settings.hours)).add("work_days", remind::format_days(settings.days));
    o.add("break_every", settings.every).add("max_snoozes", settings.max_snoozes);
    o.add("next_break", break_next ? std::optional(when::format_local(*break_next, s.zone())) : std::nullopt);
    o.add("next_log_prompt", when::format_local(log_next, s.zone())).add("next_weekly", when::format_local(weekly_next, s.zone()));
    fmt::print("{}\n", o.str());
    return;
  }
  fmt::print("{}\n", manifest ? "Installed by psoas remind install:" : "Not installed (psoas remind install sets it up).");
  for (const auto& u : units) {
    if (!u.present) {
      if (manifest) fmt::print("  {}: missing\n", u.name);
      continue;
    }
    fmt::print("  {}: {}{}{}\n", u.name, u.written_by_psoas ? "written by psoas" : "not written by psoas",
               u.changed ? ", changed since install" : "", u.enabled == "unknown" ? "" : ", " + u.enabled);
  }
  if (!manager) fmt::print("  (no systemd user manager is running: enabled state unknown)\n");
  fmt::print("Desk breaks: every {} in work hours {} on {}; next: {}.\n", when::format_duration(settings.every),
             remind::format_work_hours(settings.hours), remind::format_days(settings.days),
             break_next ? when::format_local(*break_next, s.zone()) : std::string("when the breaks service runs"));
  fmt::print("Log prompt: next {} (only if nothing is logged that day).\n", when::format_local(log_next, s.zone()));
  fmt::print("Weekly summary: next {}.\n", when::format_local(weekly_next, s.zone()));
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
    if (!text->starts_with(remind::header) || remind::text_hash(*text) != f.hash) {
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
