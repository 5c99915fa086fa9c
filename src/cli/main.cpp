// psoas: parse, dispatch to one subcommand, and turn every error into one line on stderr.
#include <SQLiteCpp/Exception.h>
#include <fmt/format.h>

#include <csignal>
#include <cstdio>
#include <string>
#include <vector>

#include "app.hpp"
#include "commands.hpp"
#include "complete.hpp"
#include "psoas/error.hpp"

namespace psoas::cli {

void build_app(CLI::App& app, Services& services) {
  app.description("A terminal companion for psoas, hip-flexor and low-back pain.");
  app.set_version_flag("-V,--version", "psoas " PSOAS_VERSION);
  app.fallthrough();  // global options work after the subcommand too
  app.formatter(std::make_shared<HelpFormatter>());
  app.get_formatter()->column_width(30);
  app.footer(
      "psoas informs and points to care; it does not diagnose. "
      "In an emergency call your local emergency number.\n"
      "See 'psoas COMMAND --help' and man psoas.\n");
  app.add_option("--journal", services.globals.journal, "Use this journal file instead of the default")
      ->type_name("PATH")
      ->check(non_empty());
  app.add_option("--content", services.globals.content_dirs, "Also load content (*.toml) from DIR")
      ->type_name("DIR")
      ->check(CLI::Validator(CLI::ExistingDirectory).description(""))
      ->allow_extra_args(false);
  add_paths(app, services);
  add_triage(app, services);
  add_routine(app, services);
  add_timer(app, services);
  add_log(app, services);
  add_report(app, services);
  add_remind(app, services);
  // `psoas log list extra`: CLI11 hands a word the subcommand has no place for back to its
  // parent's positional (log's PAIN), which would then be silently ignored.
  app.parse_complete_callback([&app] { reject_stray_words(app); });
}

}  // namespace psoas::cli

int main(int argc, char** argv) {
  using namespace psoas;
  using namespace psoas::cli;
  // Past a file-size limit, writes fail with EFBIG and SQLite reports it, instead of the
  // process dying from SIGXFSZ with nothing said.
  std::signal(SIGXFSZ, SIG_IGN);
  Environment env = Environment::from_process();
  SystemClock clock;
  Services services(env, clock, when::system_zone(), Terminal(env));
  CLI::App app{"", "psoas"};
  build_app(app, services);
  try {
    if (argc > 1 && std::string_view(argv[1]) == "__complete") {
      return run_complete(app, services, std::vector<std::string>(argv + 2, argv + argc));
    }
    app.parse(argc, argv);
    return services.exit_status;
  } catch (const CLI::ParseError& e) {
    return report_parse_error(app, e, argc, argv);
  } catch (const psoas::Error& e) {
    print_error(e.subject(), e.what(), e.hint());
    return e.exit_code();
  } catch (const SQLite::Exception& e) {
    if (const Journal* journal = services.opened_journal()) {
      DataError d = journal->failure(e);
      print_error(d.subject(), d.what(), d.hint());
    } else {
      print_error("journal", e.what(), {});
    }
    return 1;
  } catch (const std::exception& e) {
    print_error("error", e.what(), {});
    return 1;
  }
}
