// Services: the lazily loaded paths, config, content and journal every subcommand shares,
// and the global options about the terminal (--color, --no-pager).
#include "services.hpp"

#include "app.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <filesystem>

#include "psoas/error.hpp"

namespace psoas::cli {

Services::Services(Environment env, const Clock& clock, const when::Zone& zone, Terminal terminal)
    : m_env(std::move(env)), m_clock(clock), m_launched(clock.steady_now()), m_zone(zone), m_terminal(terminal) {}

const Paths& Services::paths() {
  if (!m_paths) m_paths = resolve_paths(m_env, globals.journal);
  return *m_paths;
}

const std::vector<std::string>& Services::config_problems() {
  if (!m_config) {
    Config defaults;
    defaults.emergency_number = default_emergency_number(m_env);
    m_config = load_config(paths().config_file, std::move(defaults));
  }
  m_config_said = true;
  return m_config->warnings;
}

const Config& Services::config() {
  if (!m_config_said) {
    for (const auto& w : config_problems()) m_terminal.warn("config: " + w);
  }
  return *m_config;
}

void Services::set_color(std::string_view mode) {
  m_terminal.set_colour(mode == "always" ? ColorMode::always : mode == "never" ? ColorMode::never : ColorMode::automatic,
                        m_env);
}

void Services::tell(std::string_view message) const {
  if (!m_terminal.stderr_is_tty()) return;
  std::string line;  // a listing's column padding ("   1  2026-...") read as one sentence
  for (char c : message) {
    if (c == ' ' && (line.empty() || line.back() == ' ')) continue;
    line += c;
  }
  fmt::print(stderr, "psoas: {}\n", line);
}

const Content& Services::content() {
  if (!m_content) {
    ContentDirs dirs;
    dirs.dirs.push_back(paths().user_content_dir);
    for (const auto& d : globals.content_dirs) dirs.dirs.push_back(d);
    m_content = load_content(dirs);
    for (const auto& s : m_content->skipped) {
      m_terminal.warn(fmt::format("skipping {}: {}", s.file, s.reason));
    }
  }
  return *m_content;
}

Journal& Services::journal(Access access) {
  if (!m_journal) {
    // Every command that keeps or reads the person's record also says what is wrong in
    // config.toml, so a typo there is seen the day it is made (issue 18).
    (void)config();
    const Paths& p = paths();
    std::error_code ec;
    const bool existed = std::filesystem::exists(std::filesystem::symlink_status(p.journal, ec));
    if (!existed && access == Access::read_write) {
      if (auto dir = missing_journal_dir(p)) {
        const char* why = std::filesystem::exists(*dir, ec) ? "is not a directory" : "does not exist";
        throw DataError("journal", fmt::format("{} {}, so no journal was made at {}", dir->string(), why, p.journal.string()),
                        "check the path given by --journal or $PSOAS_JOURNAL, or create the directory first");
      }
    }
    m_journal = Journal::open(p.journal, access);
    if (!m_journal->notice().empty()) m_terminal.warn(m_journal->notice());
    if (!existed && std::filesystem::exists(p.journal, ec)) {
      fmt::print(stderr, "psoas: created a new journal at {}\n", p.journal.string());
    }
  }
  return *m_journal;
}

void add_terminal_options(CLI::App& app, Services& services) {
  app.add_option("--color", services.globals.color, "Colour: auto (on a terminal), always or never")
      ->type_name("{auto,always,never}")
      ->check(one_of({"auto", "always", "never"}))
      ->each([&services](const std::string& mode) { services.set_color(mode); });
  app.add_flag("--no-pager", services.globals.no_pager, "Print long output straight to the terminal, not through a pager");
}

}  // namespace psoas::cli
