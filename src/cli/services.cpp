#include "services.hpp"

#include <fmt/format.h>

namespace psoas::cli {

Services::Services(Environment env, const Clock& clock, const when::Zone& zone, Terminal terminal)
    : m_env(std::move(env)), m_clock(clock), m_launched(clock.steady_now()), m_zone(zone), m_terminal(terminal) {}

const Paths& Services::paths() {
  if (!m_paths) m_paths = resolve_paths(m_env, globals.journal);
  return *m_paths;
}

const Config& Services::config() {
  if (!m_config) m_config = load_config(paths().config_file);
  return *m_config;
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
    m_journal = Journal::open(paths().journal, access);
    if (!m_journal->notice().empty()) m_terminal.warn(m_journal->notice());
  }
  return *m_journal;
}

}  // namespace psoas::cli
