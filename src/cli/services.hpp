#pragma once
// What a subcommand needs, handed in so tests and main can choose real or fake parts.
// Everything is loaded lazily: `psoas --help` touches no file.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "psoas/clock.hpp"
#include "psoas/config.hpp"
#include "psoas/content.hpp"
#include "psoas/journal.hpp"
#include "psoas/paths.hpp"
#include "psoas/when.hpp"
#include "terminal.hpp"

namespace CLI {
class App;
}  // namespace CLI

namespace psoas::cli {

// Options that apply to every subcommand.
struct GlobalOptions {
  std::optional<std::filesystem::path> journal;       // --journal PATH
  std::vector<std::filesystem::path> content_dirs;     // --content DIR (repeatable)
  bool show_paths = false;                             // --paths
  bool json = false;                                   // --json at the top level (with --paths)
  std::string color = "auto";                          // --color=auto|always|never
  bool no_pager = false;                               // --no-pager
};

class Services {
 public:
  Services(Environment env, const Clock& clock, const when::Zone& zone, Terminal terminal);

  GlobalOptions globals;
  // What main returns when the command finishes without an error (triage sets 3 or 4).
  int exit_status = 0;
  // `psoas sync` ran, so no quiet sync follows the command (src/cli/sync.cpp).
  bool synced = false;

  const Environment& env() const { return m_env; }
  const Clock& clock() const { return m_clock; }
  // When the command was given (read as main starts): a timer counts from here.
  SteadyTime launched() const { return m_launched; }
  const when::Zone& zone() const { return m_zone; }
  const Terminal& terminal() const { return m_terminal; }
  // Resolved after parsing, so --journal is honoured.
  const Paths& paths();
  // config.toml, loaded on first use; its problems are warnings on stderr, said once.
  const Config& config();
  // config.toml's problems, for `psoas --paths` to list (then they are not said on stderr).
  const std::vector<std::string>& config_problems();
  // --color=MODE: "auto", "always" or "never" (checked by the option).
  void set_color(std::string_view mode);
  // On a terminal (stderr), "psoas: <message>" with runs of spaces made one: what a command
  // did, beside its plain stdout.
  void tell(std::string_view message) const;
  // Built-in + user + --content content, loaded on first use; warns once per skipped file.
  const Content& content();
  // The journal, opened on first use (read-write unless `access` says otherwise). A new one
  // is made only at the default path or in an existing directory (else DataError naming the
  // missing directory), and making one says so on stderr.
  Journal& journal(Access access = Access::read_write);
  // The journal when the command opened it, else nothing (opens none).
  Journal* opened_journal() { return m_journal ? &*m_journal : nullptr; }
  // Closes the journal if it is open (a later journal() opens it again).
  void close_journal() { m_journal.reset(); }

 private:
  Environment m_env;
  const Clock& m_clock;
  SteadyTime m_launched;
  const when::Zone& m_zone;
  Terminal m_terminal;
  std::optional<Paths> m_paths;
  std::optional<Config> m_config;
  std::optional<Content> m_content;
  std::optional<Journal> m_journal;
  bool m_config_said = false;
};

// Registers the global --color and --no-pager options on the root command.
void add_terminal_options(CLI::App& app, Services& services);

}  // namespace psoas::cli

#include "pager.hpp"  // every command that prints long output opens a Pager

namespace psoas::cli {

}  // namespace psoas::cli
