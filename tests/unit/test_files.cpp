// files: atomic writes (temporary file, mode, fsync or not, rename) and whole-file reads.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <filesystem>
#include <string>

#include "psoas/error.hpp"
#include "psoas/files.hpp"
#include "temp_dir.hpp"

namespace files = psoas::files;
namespace fs = std::filesystem;

namespace {
unsigned mode_of(const fs::path& p) {
  struct stat st {};
  REQUIRE(::stat(p.c_str(), &st) == 0);
  return st.st_mode & 0777;
}

std::size_t entries_in(const fs::path& dir) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++n;
  return n;
}
}  // namespace

TEST_SUITE("files") {
  TEST_CASE("write_atomically sets the mode and replaces the whole file") {
    psoas::test::TempDir dir;
    auto p = dir.path / "state";
    files::write_atomically(p, "one\n", 0600, "test");
    files::write_atomically(p, "two\n", 0600, "test");
    CHECK(files::read(p) == "two\n");
    CHECK(mode_of(p) == 0600);
    files::write_atomically(p, "three\n", 0644, "test", files::Sync::none);
    CHECK(files::read(p) == "three\n");
    CHECK(mode_of(p) == 0644);
    CHECK(entries_in(dir.path) == 1);  // no temporary file left behind
  }

  TEST_CASE("a write that fails changes nothing and names the subject") {
    psoas::test::TempDir dir;
    SUBCASE("no such directory") {
      try {
        files::write_atomically(dir.path / "no" / "dir", "x", 0600, "--output");
        FAIL("no throw");
      } catch (const psoas::DataError& e) {
        CHECK(e.subject() == "--output");
        CHECK(std::string(e.what()).starts_with("cannot write in "));
      }
    }
    SUBCASE("the target is a directory") {
      fs::create_directory(dir.path / "d");
      CHECK_THROWS_AS(files::write_atomically(dir.path / "d", "x", 0600, "test"), psoas::DataError);
      CHECK(fs::is_directory(dir.path / "d"));
      CHECK(entries_in(dir.path) == 1);
    }
  }

  TEST_CASE("read: the whole file, or nothing") {
    psoas::test::TempDir dir;
    CHECK_FALSE(files::read(dir.path / "missing"));
    files::write_atomically(dir.path / "f", std::string("a\0b", 3), 0600, "test");
    CHECK(files::read(dir.path / "f") == std::string("a\0b", 3));
  }
}
