#pragma once
// A temporary directory for a unit test, removed with everything in it at the end.
#include <stdlib.h>

#include <filesystem>
#include <string>

namespace psoas::test {

struct TempDir {
  std::filesystem::path path;
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "psoas-test-XXXXXX").string();
    path = ::mkdtemp(tmpl.data());
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
};

}  // namespace psoas::test
