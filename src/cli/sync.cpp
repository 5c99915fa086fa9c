// psoas sync [DIR]: one journal across devices through a folder a sync engine keeps in step
// (core: psoas/sync.hpp). Also --status, --new-device-id, and the quiet sync that follows
// every journal write when config sync_dir is set.
#include <fmt/format.h>

#include <filesystem>

#include "app.hpp"
#include "commands.hpp"
#include "psoas/error.hpp"
#include "psoas/json.hpp"
#include "psoas/sync.hpp"

namespace psoas::cli {
namespace fs = std::filesystem;

namespace {

struct SyncOptions {
  std::string dir;
  bool status = false;
  bool json = false;
  bool no_git = false;
  bool new_id = false;
};

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

// config sync_dir, "~/..." read from $HOME.
std::optional<fs::path> configured_dir(Services& s) {
  const std::string& d = s.config().sync_dir;
  if (d.empty()) return std::nullopt;
  if (d == "~" || d.starts_with("~/")) return fs::path(s.env().get("HOME").value_or("")) / d.substr(d == "~" ? 1 : 2);
  return fs::path(d);
}

// DIR, else config sync_dir, else (for --status) the folder the last sync used.
fs::path folder(const SyncOptions& o, Services& s, bool last_used) {
  if (!o.dir.empty()) return o.dir;
  if (auto d = configured_dir(s)) return *d;
  if (last_used) {
    if (auto d = s.journal(Access::read_only).meta("sync_dir")) return *d;
  }
  throw UsageError("sync", "no sync folder given", "give one, 'psoas sync DIR', or set sync_dir in config.toml");
}

// "synced: sent 3 changes, applied 12 from 2 devices".
std::string summary(const sync::Result& r) {
  if (r.sent == 0 && r.applied == 0) return "synced: nothing new";
  std::string applied = r.applied == 0 ? "applied none"
                                       : fmt::format("applied {} from {}", r.applied, plural(r.devices.size(), "device", "devices"));
  return fmt::format("synced: sent {}, {}", plural(r.sent, "change", "changes"), applied);
}

// One sync with `dir`: send, git (when it is a work tree and not --no-git), apply, finish.
// Without git, a sync whose files are as the last one that found nothing new left them
// (sync::Quiet) says so without opening the journal.
sync::Result sync_with(Services& s, const fs::path& dir, bool use_git) {
  sync::Result r;
  const bool git = use_git && sync::git::is_work_tree(dir);
  std::optional<sync::Quiet> quiet;
  if (!git) {
    const Paths& p = s.paths();
    quiet.emplace(p.journal, dir, p.config_file, p.runtime_dir / "sync.stamp");
    if (quiet->known()) return r;
  }
  bool nothing_new = false;
  {
    sync::Run run(s.journal(), dir, s.clock().wall_now());
    nothing_new = !git && run.nothing_new();
    if (!nothing_new) {
      run.send(r);
      if (git) {
        auto w = sync::git::commit(dir, run.own_file().filename().string(), run.device());
        if (!w) w = sync::git::pull_push(dir, run.device());
        if (w) r.warnings.push_back(*w + "; the local sync went on");
      }
      run.apply(r);
      run.finish();
    }
  }
  if (nothing_new) {
    s.close_journal();  // as the next sync will find it
    quiet->remember();
  }
  return r;
}

void print_status(Services& s, const fs::path& dir, bool json) {
  const sync::Status st = sync::status(s.journal(Access::read_only), dir);
  auto when = [&](std::optional<std::int64_t> ms) -> std::string {
    if (!ms) return "never";
    return when::format_local(Instant{std::chrono::seconds{*ms / 1000}}, s.zone());
  };
  if (json) {
    std::vector<std::string> files;
    for (const auto& f : st.files) {
      json::Object o;
      o.add("device", f.device).add("present", f.present).add("applied", f.lines_applied).add("pending", f.lines_pending);
      o.add("at", f.at_ms ? std::optional<std::string>(when::format_utc(Instant{std::chrono::seconds{*f.at_ms / 1000}})) : std::nullopt);
      files.push_back(o.str());
    }
    json::Object o;
    o.add("device", st.device).add("dir", st.dir.string()).add("unsent", st.unsent);
    o.add("last", st.last_ms ? std::optional<std::string>(when::format_utc(Instant{std::chrono::seconds{*st.last_ms / 1000}})) : std::nullopt);
    o.add_raw("devices", json::array_raw(files));
    fmt::print("{}\n", o.str());
    return;
  }
  fmt::print("this device  {}\nfolder       {}\nunsent       {}\nlast sync    {}\n",
             st.device.empty() ? "(none yet)" : st.device, st.dir.string(), plural(static_cast<std::size_t>(st.unsent), "change", "changes"),
             when(st.last_ms));
  if (st.files.empty()) fmt::print("No other devices yet.\n");
  for (const auto& f : st.files) {
    fmt::print("  {}  {} applied, {} pending{}{}\n", f.device, plural(static_cast<std::size_t>(f.lines_applied), "line", "lines"),
               f.lines_pending, f.at_ms ? fmt::format(" (last {})", when(f.at_ms)) : "",
               f.present ? "" : "; its file is not in the folder");
  }
}

void run(const SyncOptions& o, Services& s) {
  s.synced = true;
  if (o.new_id) {
    const std::string old = s.journal().device_id();
    const std::string id = sync::new_device_id(s.journal());
    fmt::print("this journal's device id is now {} (was {}); sync again to send its changes under it\n", id, old);
    return;
  }
  if (o.status) return print_status(s, folder(o, s, true), o.json);
  const sync::Result r = sync_with(s, folder(o, s, false), !o.no_git);
  fmt::print("{}\n", summary(r));
  for (const auto& w : r.warnings) s.terminal().warn(w);
  for (const auto& e : r.errors) {
    print_error("sync", e, r.newer ? "update psoas on this device to read it; the other files were applied"
                                   : "that file stops there until it is mended; the other files were applied");
  }
  if (!r.errors.empty()) s.exit_status = 1;
}

}  // namespace

void add_sync(CLI::App& app, Services& services) {
  auto o = std::make_shared<SyncOptions>();
  auto* cmd = app.add_subcommand("sync", "One journal across devices through a folder a sync engine keeps in step");
  cmd->footer(
      "Each device appends its own changes to DIR/<device-id>.jsonl and reads the others' files from where it "
      "stopped. A DIR that is a git work tree is committed, pulled and pushed too. With sync_dir in config.toml "
      "every journal write syncs afterwards.\nExamples:\n  psoas sync ~/Sync/psoas\n  psoas sync --status\n"
      "  psoas sync ~/psoas-sync --no-git");
  cmd->add_option("DIR", o->dir, "The shared folder (default: config sync_dir)")->type_name("DIR");
  auto* status = cmd->add_flag("--status", o->status, "Show devices, what is pending and the last sync");
  cmd->add_flag("--json", o->json, "With --status: as JSON")->needs(status);
  cmd->add_flag("--no-git", o->no_git, "Do not commit, pull or push even when DIR is a git work tree")->excludes(status);
  cmd->add_flag("--new-device-id", o->new_id, "Give this journal a new device id (a copied journal)")->excludes(status);
  cmd->callback([o, &services] { run(*o, services); });
}

void sync_after_write(Services& services) {
  Journal* journal = services.opened_journal();
  if (services.synced || !journal || journal->read_only()) return;
  const auto dir = configured_dir(services);
  if (!dir) return;
  try {
    const std::string me = journal->device_id();
    const auto sent = journal->meta("sync_sent");
    if (journal->last_seq(me) <= (sent ? std::stoll(*sent) : 0)) return;  // nothing was written
    const sync::Result r = sync_with(services, *dir, true);
    std::string problem = !r.errors.empty() ? r.errors.front() : !r.warnings.empty() ? r.warnings.front() : "";
    if (!problem.empty()) services.terminal().warn(fmt::format("sync: {}; the change is kept here", problem));
  } catch (const Error& e) {
    services.terminal().warn(fmt::format("sync: {}; the change is kept here and goes with the next sync", e.what()));
  }
}

}  // namespace psoas::cli
