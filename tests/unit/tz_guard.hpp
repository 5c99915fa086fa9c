#pragma once
// Sets $TZ for a unit test and restores it afterwards, for tests of the system zone.
#include <cstdlib>
#include <ctime>
#include <optional>
#include <string>

namespace psoas::test {

// Sets $TZ for the life of the guard, then restores it.
class TzGuard {
 public:
  explicit TzGuard(const char* tz) {
    if (const char* old = std::getenv("TZ")) m_old = old;
    setenv("TZ", tz, 1);
    tzset();
  }
  ~TzGuard() {
    if (m_old) {
      setenv("TZ", m_old->c_str(), 1);
    } else {
      unsetenv("TZ");
    }
    tzset();
  }
  TzGuard(const TzGuard&) = delete;
  TzGuard& operator=(const TzGuard&) = delete;

 private:
  std::optional<std::string> m_old;
};

}  // namespace psoas::test
