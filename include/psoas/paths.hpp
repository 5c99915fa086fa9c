#pragma once
// Where psoas keeps things, following the XDG base directory rules.

#include <filesystem>
#include <map>
#include <optional>
#include <string>

namespace psoas {

// A snapshot of the environment variables that matter, so the core never calls getenv.
class Environment {
 public:
  Environment() = default;
  explicit Environment(std::map<std::string, std::string> vars) : m_vars(std::move(vars)) {}
  // The process's environment.
  static Environment from_process();
  // The value of `name` when set and non-empty.
  std::optional<std::string> get(const std::string& name) const;
  void set(const std::string& name, std::string value) { m_vars[name] = std::move(value); }

 private:
  std::map<std::string, std::string> m_vars;
};

struct Paths {
  std::filesystem::path journal;           // --journal, else $PSOAS_JOURNAL, else $XDG_DATA_HOME/psoas/journal.db
  std::filesystem::path config_dir;        // $XDG_CONFIG_HOME/psoas
  std::filesystem::path config_file;       // config_dir/config.toml
  std::filesystem::path user_content_dir;  // config_dir/content
  std::filesystem::path hooks_dir;         // config_dir/hooks
  std::filesystem::path runtime_dir;       // $XDG_RUNTIME_DIR/psoas, else /tmp/psoas-$UID
  bool journal_is_default = true;          // false when --journal or $PSOAS_JOURNAL chose it
};

// Resolves every path; `journal_override` is the --journal flag when given.
// Throws DataError when neither the needed XDG variable nor HOME is set.
Paths resolve_paths(const Environment& env, const std::optional<std::filesystem::path>& journal_override = {});

// The directory a new journal at `p.journal` would need but that does not exist, when the
// user chose the path (--journal, $PSOAS_JOURNAL): psoas makes no directories for a path
// that may be mistyped. Nothing when the journal exists, is the default, or its directory does.
std::optional<std::filesystem::path> missing_journal_dir(const Paths& p);

// Creates `dir` and missing parents with mode 0700 (existing directories are left as they are).
// Throws DataError naming the directory on failure.
void make_private_dir(const std::filesystem::path& dir);

}  // namespace psoas
