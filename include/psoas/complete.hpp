#pragma once
// Shell completion's candidate lists: the values an option or argument takes, from its
// type name and the content, and the filter by what was typed. Pure; src/cli/complete.cpp
// walks the CLI11 parser to find which option or argument is being completed and prints.

#include <string>
#include <string_view>
#include <vector>

#include "psoas/content.hpp"

namespace psoas::complete {

// One completion: the word and a short description (may be empty).
struct Candidate {
  std::string word;
  std::string description;
  bool operator==(const Candidate&) const = default;
};

// The one candidate that asks the shell for file names.
inline constexpr std::string_view file_names = "<files>";

// What an option's or argument's values are.
enum class ValueKind { none, choices, files, routine, question, exercise, advice };

// The kind a type name asks for: "{text,json}" choices, "ROUTINE...", "QUESTION...",
// "EXERCISE...", "ADVICE...", "FILE..."/"PATH..."/"DIR..." files; anything else none.
ValueKind value_kind(std::string_view type_name);

// The words of a "{a,b,c}" type name, without descriptions (empty when there is no set).
std::vector<Candidate> choices(std::string_view type_name);

// The ids of `content`'s items of `kind`, each described by its name (title, question text);
// empty for the kinds that are not content.
std::vector<Candidate> content_values(const Content& content, ValueKind kind);

// The candidates that start with `prefix`, in order, each word once; a lone files
// candidate is kept whatever the prefix.
std::vector<Candidate> matching(std::vector<Candidate> candidates, std::string_view prefix);

}  // namespace psoas::complete
