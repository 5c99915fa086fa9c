#include <doctest/doctest.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>

#include "psoas/error.hpp"
#include "psoas/paths.hpp"
#include "temp_dir.hpp"

namespace fs = std::filesystem;
using psoas::Environment;
using psoas::resolve_paths;

namespace {

// Sets an environment variable for one scope, restoring the old value after.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::string& value) : m_name(name) {
    if (const char* old = ::getenv(name)) m_old = old;
    ::setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv() {
    if (m_old) {
      ::setenv(m_name, m_old->c_str(), 1);
    } else {
      ::unsetenv(m_name);
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* m_name;
  std::optional<std::string> m_old;
};

unsigned mode_of(const fs::path& p) {
  struct stat st {};
  REQUIRE(::stat(p.c_str(), &st) == 0);
  return st.st_mode & 07777U;
}

}  // namespace

TEST_SUITE("paths") {
  TEST_CASE("HOME alone gives the XDG defaults") {
    Environment env({{"HOME", "/home/ana"}, {"XDG_RUNTIME_DIR", "/run/user/1000"}});
    auto p = resolve_paths(env);
    CHECK(p.config_dir == fs::path("/home/ana/.config/psoas"));
    CHECK(p.config_file == fs::path("/home/ana/.config/psoas/config.toml"));
    CHECK(p.user_content_dir == fs::path("/home/ana/.config/psoas/content"));
    CHECK(p.hooks_dir == fs::path("/home/ana/.config/psoas/hooks"));
    CHECK(p.journal == fs::path("/home/ana/.local/share/psoas/journal.db"));
    CHECK(p.runtime_dir == fs::path("/run/user/1000/psoas"));
  }

  TEST_CASE("XDG variables override HOME; relative ones are ignored") {
    SUBCASE("absolute") {
      Environment env({{"HOME", "/home/ana"}, {"XDG_CONFIG_HOME", "/cfg"}, {"XDG_DATA_HOME", "/data"}});
      auto p = resolve_paths(env);
      CHECK(p.config_file == fs::path("/cfg/psoas/config.toml"));
      CHECK(p.journal == fs::path("/data/psoas/journal.db"));
    }
    SUBCASE("relative") {
      Environment env({{"HOME", "/home/ana"}, {"XDG_CONFIG_HOME", "cfg"}, {"XDG_DATA_HOME", "data"}});
      auto p = resolve_paths(env);
      CHECK(p.config_dir == fs::path("/home/ana/.config/psoas"));
      CHECK(p.journal == fs::path("/home/ana/.local/share/psoas/journal.db"));
    }
    SUBCASE("empty counts as unset") {
      Environment env({{"HOME", "/home/ana"}, {"XDG_DATA_HOME", ""}});
      CHECK(resolve_paths(env).journal == fs::path("/home/ana/.local/share/psoas/journal.db"));
    }
  }

  TEST_CASE("the journal: --journal, then $PSOAS_JOURNAL, then XDG") {
    Environment env({{"HOME", "/home/ana"}, {"PSOAS_JOURNAL", "/srv/j.db"}, {"XDG_DATA_HOME", "/data"}});
    CHECK(resolve_paths(env).journal == fs::path("/srv/j.db"));
    CHECK(resolve_paths(env, fs::path("here.db")).journal == fs::path("here.db"));
  }

  TEST_CASE("without XDG_RUNTIME_DIR the runtime directory is per user under TMPDIR") {
    psoas::test::TempDir tmp;
    ScopedEnv tmpdir("TMPDIR", tmp.path.string());
    Environment env({{"HOME", "/home/ana"}, {"XDG_RUNTIME_DIR", "relative"}});
    CHECK(resolve_paths(env).runtime_dir == tmp.path / ("psoas-" + std::to_string(::getuid())));
  }

  TEST_CASE("neither the XDG variable nor HOME is an error") {
    CHECK_THROWS_AS(resolve_paths(Environment{}), psoas::DataError);
    Environment config_only(std::map<std::string, std::string>{{"XDG_CONFIG_HOME", "/cfg"}});
    CHECK_THROWS_AS(resolve_paths(config_only), psoas::DataError);  // the journal still needs one
    config_only.set("PSOAS_JOURNAL", "/srv/j.db");
    CHECK(resolve_paths(config_only).journal == fs::path("/srv/j.db"));
  }

  TEST_CASE("the process environment is read, empty values count as unset") {
    psoas::test::TempDir tmp;
    ScopedEnv home("HOME", tmp.path.string());
    ScopedEnv xdg("XDG_CONFIG_HOME", "");
    Environment env = Environment::from_process();
    CHECK(env.get("HOME") == tmp.path.string());
    CHECK_FALSE(env.get("XDG_CONFIG_HOME").has_value());
    CHECK(resolve_paths(env).config_dir == tmp.path / ".config/psoas");
  }

  TEST_CASE("make_private_dir creates missing parents 0700 and leaves existing ones") {
    psoas::test::TempDir tmp;
    fs::create_directory(tmp.path / "open");
    fs::permissions(tmp.path / "open", fs::perms(0755));
    psoas::make_private_dir(tmp.path / "open/a/b");
    CHECK(fs::is_directory(tmp.path / "open/a/b"));
    CHECK(mode_of(tmp.path / "open/a") == 0700U);
    CHECK(mode_of(tmp.path / "open/a/b") == 0700U);
    CHECK(mode_of(tmp.path / "open") == 0755U);
    CHECK_NOTHROW(psoas::make_private_dir(tmp.path / "open/a/b"));
  }

  TEST_CASE("make_private_dir refuses a file in the way") {
    psoas::test::TempDir tmp;
    std::ofstream(tmp.path / "file") << "x";
    CHECK_THROWS_AS(psoas::make_private_dir(tmp.path / "file"), psoas::DataError);
    CHECK_THROWS_AS(psoas::make_private_dir(tmp.path / "file/sub"), psoas::DataError);
  }

  TEST_CASE("a chosen journal path needs its directory; the default does not") {
    psoas::test::TempDir tmp;
    Environment env({{"HOME", tmp.path.string()}});
    CHECK(resolve_paths(env).journal_is_default);
    CHECK_FALSE(psoas::missing_journal_dir(resolve_paths(env)).has_value());  // made when needed
    CHECK(psoas::missing_journal_dir(resolve_paths(env, tmp.path / "jornal/x.db")) == tmp.path / "jornal");
    CHECK_FALSE(psoas::missing_journal_dir(resolve_paths(env, tmp.path / "x.db")).has_value());
    CHECK_FALSE(psoas::missing_journal_dir(resolve_paths(env, fs::path("x.db"))).has_value());  // the current directory
    env.set("PSOAS_JOURNAL", (tmp.path / "a/b/x.db").string());
    CHECK_FALSE(resolve_paths(env).journal_is_default);
    CHECK(psoas::missing_journal_dir(resolve_paths(env)) == tmp.path / "a/b");
  }
}
