#include "psoas/paths.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "psoas/error.hpp"

extern char** environ;

namespace psoas {
namespace fs = std::filesystem;

Environment Environment::from_process() {
  std::map<std::string, std::string> vars;
  for (char** e = environ; e && *e; ++e) {
    std::string_view kv{*e};
    auto eq = kv.find('=');
    if (eq != std::string_view::npos) vars.emplace(kv.substr(0, eq), kv.substr(eq + 1));
  }
  return Environment{std::move(vars)};
}

std::optional<std::string> Environment::get(const std::string& name) const {
  auto it = m_vars.find(name);
  if (it == m_vars.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

namespace {

// $VAR when set to an absolute path (XDG ignores relative ones), else $HOME/fallback.
fs::path xdg_dir(const Environment& env, const std::string& var, const char* fallback) {
  if (auto v = env.get(var); v && fs::path(*v).is_absolute()) return *v;
  auto home = env.get("HOME");
  if (!home) throw DataError("paths", fmt::format("neither ${} nor $HOME is set", var));
  return fs::path(*home) / fallback;
}

}  // namespace

Paths resolve_paths(const Environment& env, const std::optional<fs::path>& journal_override) {
  Paths p;
  p.config_dir = xdg_dir(env, "XDG_CONFIG_HOME", ".config") / "psoas";
  p.config_file = p.config_dir / "config.toml";
  p.user_content_dir = p.config_dir / "content";
  p.hooks_dir = p.config_dir / "hooks";
  if (journal_override) {
    p.journal = *journal_override;
    p.journal_is_default = false;
  } else if (auto j = env.get("PSOAS_JOURNAL")) {
    p.journal = *j;
    p.journal_is_default = false;
  } else {
    p.journal = xdg_dir(env, "XDG_DATA_HOME", ".local/share") / "psoas" / "journal.db";
  }
  if (auto r = env.get("XDG_RUNTIME_DIR"); r && fs::path(*r).is_absolute()) {
    p.runtime_dir = fs::path(*r) / "psoas";
  } else {
    p.runtime_dir = fs::temp_directory_path() / fmt::format("psoas-{}", ::getuid());
  }
  return p;
}

std::optional<fs::path> missing_journal_dir(const Paths& p) {
  if (p.journal_is_default) return std::nullopt;
  std::error_code ec;
  if (fs::exists(fs::symlink_status(p.journal, ec))) return std::nullopt;
  const fs::path dir = p.journal.has_parent_path() ? p.journal.parent_path() : fs::path(".");
  if (fs::is_directory(dir, ec)) return std::nullopt;
  return dir;
}

void make_private_dir(const fs::path& dir) {
  if (dir.empty()) return;
  std::error_code ec;
  if (fs::is_directory(dir, ec)) return;
  if (dir.has_parent_path() && dir.parent_path() != dir) make_private_dir(dir.parent_path());
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
    throw DataError(dir.string(), fmt::format("cannot create directory: {}", std::strerror(errno)));
  }
  if (!fs::is_directory(dir, ec)) throw DataError(dir.string(), "exists and is not a directory");
}

}  // namespace psoas
