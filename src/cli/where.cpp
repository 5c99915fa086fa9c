// psoas --paths: where psoas keeps the journal, config and content, and what was loaded.
#include <fmt/format.h>

#include <filesystem>

#include "app.hpp"
#include "commands.hpp"
#include "psoas/hooks.hpp"
#include "psoas/json.hpp"

namespace psoas::cli {
namespace fs = std::filesystem;

namespace {

std::string state_of(const fs::path& p) {
  std::error_code ec;
  if (!fs::exists(p, ec)) return "not present";
  if (fs::is_directory(p, ec)) return "directory";
  return fmt::format("{} bytes", fs::file_size(p, ec));
}

void print_text(Services& s, const Content& content) {
  const Paths& p = s.paths();
  auto row = [](std::string_view label, const fs::path& path, std::string_view note) {
    fmt::print("{:<14} {}{}\n", label, path.string(), note.empty() ? "" : fmt::format("  ({})", note));
  };
  std::string journal_state = state_of(p.journal);
  if (std::string why = Journal::unwritable_reason(p.journal); !why.empty()) {
    journal_state += fmt::format("; cannot be written: {}", why);
  }
  row("journal", p.journal, journal_state);
  std::error_code ec;
  row("config", p.config_file,
      fs::exists(p.config_file, ec) ? std::string("present") : std::string("not present: defaults in use"));
  for (const auto& w : s.config_problems()) fmt::print("  problem: {}\n", w);
  row("content dir", p.user_content_dir, state_of(p.user_content_dir));
  for (const auto& d : s.globals.content_dirs) row("content dir", d, state_of(d) + ", from --content");
  row("hooks dir", p.hooks_dir, state_of(p.hooks_dir));
  row("runtime dir", p.runtime_dir, state_of(p.runtime_dir));
  if (auto found = hooks::find_hooks(p.hooks_dir); !found.empty()) {
    fmt::print("\nhooks:\n");
    for (const auto& h : found) {
      fmt::print("  {:<12} {}\n", h.name, h.executable ? "executable" : "NOT executable: chmod +x it");
    }
  }
  fmt::print("\nloaded content:\n");
  for (const auto& f : content.loaded) fmt::print("  {}\n", f);
  if (!content.skipped.empty()) {
    fmt::print("\nskipped content:\n");
    for (const auto& f : content.skipped) fmt::print("  {}: {}\n", f.file, f.reason);
  }
}

void print_json(Services& s, const Content& content) {
  const Paths& p = s.paths();
  std::vector<std::string> dirs{p.user_content_dir.string()};
  for (const auto& d : s.globals.content_dirs) dirs.push_back(d.string());
  std::vector<std::string> skipped;
  for (const auto& f : content.skipped) {
    skipped.push_back(json::Object().add("file", f.file).add("reason", f.reason).str());
  }
  std::vector<std::string> found;
  for (const auto& h : hooks::find_hooks(p.hooks_dir)) {
    found.push_back(json::Object().add("name", h.name).add("path", h.path.string()).add("executable", h.executable).str());
  }
  json::Object o;
  o.add("journal", p.journal.string())
      .add("config", p.config_file.string())
      .add_raw("config_problems", json::array(s.config_problems()))
      .add_raw("content_dirs", json::array(dirs))
      .add("hooks_dir", p.hooks_dir.string())
      .add_raw("hooks", json::array_raw(found))
      .add("runtime_dir", p.runtime_dir.string())
      .add_raw("loaded", json::array(content.loaded))
      .add_raw("skipped", json::array_raw(skipped));
  fmt::print("{}\n", o.str());
}

}  // namespace

void add_paths(CLI::App& app, Services& services) {
  GlobalOptions& g = services.globals;
  app.add_flag("--paths", g.show_paths, "Print where psoas keeps its journal, config and content, and exit");
  hide(app.add_flag("--json", g.json, "With --paths: print JSON"));
  app.require_subcommand(0, 1);
  app.callback([&app, &services] {
    if (!app.get_subcommands().empty()) return;
    if (!services.globals.show_paths) return run_today(services, services.globals.json);  // `psoas` alone
    // Loading content here is deliberate: the listing says which files loaded or were skipped.
    const Content& content = services.content();
    if (services.globals.json) {
      print_json(services, content);
    } else {
      print_text(services, content);
    }
  });
}

}  // namespace psoas::cli
