// libFuzzer: the `when` parsers. Any text either parses or throws UsageError.
#include <cstddef>
#include <cstdint>
#include <string>

#include "psoas/error.hpp"
#include "psoas/when.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace psoas;
  using namespace std::chrono;
  const std::string text(reinterpret_cast<const char*>(data), size);
  const Instant now{sys_days{year{2026} / November / 23} + hours{10}};
  const when::FixedZone zone{hours{1}};
  try { (void)when::parse_instant(text, now, zone); } catch (const UsageError&) {}
  try { (void)when::format_duration(when::parse_duration(text)); } catch (const UsageError&) {}
  try { (void)when::parse_range(text, now, zone); } catch (const UsageError&) {}
  try {
    when::Calendar cal;
    cal.week_start = Sunday;
    cal.day_start = hours{4};
    (void)when::parse_range(text, now, zone, cal);
  } catch (const UsageError&) {}
  return 0;
}
