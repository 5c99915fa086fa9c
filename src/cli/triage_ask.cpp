// psoas triage: the answers, from flags, a file, or by asking one question at a time.
#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "psoas/error.hpp"
#include "triage_cli.hpp"

namespace psoas::cli::triage_cli {
namespace {

using triage::Answer;
using triage::Answers;

std::string read_file(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw DataError(path, "the answers file is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DataError(path, fmt::format("cannot read the answers file: {}", std::strerror(errno)));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw DataError(path, "cannot read the answers file");
  return text.str();
}

// A typed line without its surrounding spaces and tabs.
std::string trim(std::string_view s) {
  auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(" \t");
  return std::string(s.substr(b, e - b + 1));
}

void prompt_help(std::FILE* out, const TriageQuestion& q) {
  fmt::print(out, "{}\n", wrap(q.help, "    ", "    "));
  fmt::print(out, "{}\n", wrap("Answer y (yes), n (no) or u (not sure, counts as yes).", "    ", "    "));
}

}  // namespace

bool has_given_answers(const Options& o) {
  return !o.yes.empty() || !o.no.empty() || !o.unsure.empty() || !o.answers_file.empty();
}

Answers given_answers(const Options& options, const std::vector<TriageQuestion>& questions) {
  Answers answers;
  if (!options.answers_file.empty()) {
    answers = triage::parse_answers(read_file(options.answers_file), options.answers_file);
  }
  for (const auto& [id, a] : triage::answers_from_lists(options.yes, options.no, options.unsure)) answers[id] = a;
  triage::reject_unknown(questions, answers);
  return answers;
}

void require_complete(const std::vector<TriageQuestion>& questions, const Answers& answers, bool stdin_is_tty) {
  auto missing = triage::missing_answers(questions, answers);
  if (missing.empty()) return;
  std::string why = fmt::format("missing answers ({} of {}): {}", missing.size(), questions.size(),
                                fmt::join(missing, ", "));
  if (answers.empty() && !stdin_is_tty) why = "stdin is not a terminal, so give every answer; " + why;
  throw UsageError("triage", why,
                   "answer each with --yes, --no or --unsure, or give --answers FILE; 'psoas triage --list' "
                   "shows the questions");
}

Answers ask(const std::vector<TriageQuestion>& questions, std::istream& in, std::FILE* out, const Terminal& term) {
  Answers answers;
  fmt::print(out, "{}\n\n", wrap("Answer each question y (yes), n (no) or u (not sure: it counts as yes); "
                                 "? explains the question. Press Ctrl-C to stop: nothing is stored.",
                                 "", ""));
  const std::size_t total = triage::remaining(questions, answers).size();
  std::size_t asked = 0;
  for (auto left = triage::remaining(questions, answers); !left.empty(); left = triage::remaining(questions, answers)) {
    const TriageQuestion& q = *left.front();
    ++asked;
    std::string number = fmt::format("{:>2}/{} ", asked, total);
    fmt::print(out, "{}\n", wrap(q.text, number, std::string(number.size(), ' ')));
    for (;;) {
      fmt::print(out, "{}", fmt::styled("    [y/n/u/?] ", term.style(fmt::emphasis::bold)));
      std::fflush(out);
      std::string line;
      if (!std::getline(in, line)) {
        fmt::print(out, "\n");
        throw Error("triage", "the input ended before every question was answered; nothing was stored",
                    "run 'psoas triage' again, or give the answers with --yes/--no or --answers FILE");
      }
      if (trim(line) == "?" || trim(line) == "h" || trim(line) == "help") {
        prompt_help(out, q);
        continue;
      }
      if (auto a = triage::parse_answer(line)) {
        answers[q.id] = *a;
        break;
      }
      fmt::print(out, "    Please answer y, n, u (not sure) or ? (explain).\n");
    }
    if (triage::emergency_reached(questions, answers)) {
      fmt::print(out, "\n{}\n", fmt::styled("That is an emergency sign: no more questions.",
                                            term.style(fmt::emphasis::bold | fmt::fg(fmt::terminal_color::red))));
    }
  }
  fmt::print(out, "\n");
  return answers;
}

}  // namespace psoas::cli::triage_cli
