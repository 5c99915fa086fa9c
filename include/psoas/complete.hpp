#pragma once
// Shell completion's candidate lists: the values an option or argument takes, from its
// type name and the content, the filter by what was typed, and the protocol's lines (one
// candidate a line, "word<TAB>description", the description one short line). Pure;
// src/cli/complete.cpp walks the CLI11 parser to find what is being completed and prints.

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
enum class ValueKind { none, choices, files, routine, question, exercise, advice, area, trigger, helped };

// The kind a type name asks for: "{text,json}" choices, "ROUTINE...", "QUESTION...",
// "EXERCISE...", "ADVICE...", "PLACE..."/"AREA..." areas, "TRIGGER..." and "HELPED...",
// "FILE..."/"PATH..."/"DIR..." files. A free-text type ("TEXT") names no values, so the
// option's long name (without dashes) decides then: "trigger" or "helped"; else none.
ValueKind value_kind(std::string_view type_name, std::string_view long_name = {});

// The words of a "{a,b,c}" type name, without descriptions (empty when there is no set).
std::vector<Candidate> choices(std::string_view type_name);

// The ids of `content`'s items of `kind`, each described by its name (title, question text),
// or the journal's known areas, triggers and helpers (entry.hpp); empty for other kinds.
std::vector<Candidate> content_values(const Content& content, ValueKind kind);

// The candidates that start with `prefix`, in order, each word once (the first one's
// description kept); a lone files candidate is kept whatever the prefix.
std::vector<Candidate> matching(std::vector<Candidate> candidates, std::string_view prefix);

// For an option that takes a `delimiter`-separated list ("sitting,st"): when `current`
// already holds a delimiter, each value not yet in the list, prefixed by the list so far
// ("sitting,standing"); otherwise `values` as they are. A delimiter of '\0' means none.
std::vector<Candidate> in_list(std::vector<Candidate> values, std::string_view current, char delimiter);

// A description as one short line: its first line and first sentence, without the final
// full stop, white space collapsed, cut at a word to at most `width` bytes and "…" added. A sentence ends at ". " before
// a capital, so "e.g. mon-fri" stays whole.
std::string one_line(std::string_view description, std::size_t width = 80);

// The protocol's output: one candidate a line, "word<TAB>description" (just "word" when
// there is no description), the description through one_line; a candidate whose word is
// empty or holds white space or a control character is left out.
std::string lines(const std::vector<Candidate>& candidates);

}  // namespace psoas::complete
