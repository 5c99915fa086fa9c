#pragma once
// The errors the core throws. main() catches them once and prints
// `psoas: <subject>: <why>` (and the hint, when there is one) on one line.

#include <stdexcept>
#include <string>

namespace psoas {

// Something the user can fix; exit status 1 unless a subclass says otherwise.
class Error : public std::runtime_error {
 public:
  // `subject` names what failed ("journal", "routine"), `why` says why.
  Error(std::string subject, std::string why, std::string hint = {})
      : std::runtime_error(why), m_subject(std::move(subject)), m_hint(std::move(hint)) {}
  // What failed, e.g. "journal" or "--at".
  const std::string& subject() const noexcept { return m_subject; }
  // A short suggestion, or empty.
  const std::string& hint() const noexcept { return m_hint; }
  // The process exit status this error maps to.
  virtual int exit_code() const noexcept { return 1; }

 private:
  std::string m_subject;
  std::string m_hint;
};

// A bad flag, value or name on the command line: exit status 2.
class UsageError : public Error {
 public:
  using Error::Error;
  int exit_code() const noexcept override { return 2; }
};

// Data on disk (journal, content, config, import file) that cannot be used: exit status 1.
class DataError : public Error {
 public:
  using Error::Error;
};

}  // namespace psoas
