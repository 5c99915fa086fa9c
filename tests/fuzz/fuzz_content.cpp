// libFuzzer: content TOML -> model -> validation. Any input must give issues or none,
// never a crash, a leak or undefined behaviour.
#include <cstddef>
#include <cstdint>
#include <string>

#include "psoas/content.hpp"
#include "psoas/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  psoas::ContentSource source{"fuzz.toml", std::string(reinterpret_cast<const char*>(data), size)};
  auto issues = psoas::check_content(source);
  for (const auto& issue : issues) (void)issue.to_string();
  try {
    // As a user file after the built-in content: merged or skipped, never thrown.
    std::vector<psoas::ContentSource> sources = psoas::builtin_content();
    sources.push_back(source);
    (void)psoas::load_content(sources);
  } catch (const psoas::DataError&) {
  }
  return 0;
}
