// psoas advice: list the advice notes, or show one. Parse -> load content -> render.
#include <fmt/color.h>
#include <fmt/format.h>

#include <algorithm>
#include <memory>

#include "app.hpp"
#include "commands.hpp"
#include "psoas/content.hpp"
#include "psoas/json.hpp"
#include "psoas/text.hpp"

namespace psoas::cli {
namespace {

enum class Output { text, json };

struct AdviceOptions {
  std::string id;  // empty: list them all
  std::string format;
  bool ids = false;  // the list's ids only
};

std::string wrapped(std::string_view text, std::string_view first, std::string_view indent) {
  return psoas::text::wrap(text, first, indent, 78);
}

void render_list(const Content& content, Output output, const Terminal& term) {
  if (output == Output::json) {
    std::vector<std::string> rows;
    for (const auto& [id, a] : content.advice) {
      rows.push_back(json::Object{}
                         .add("id", id)
                         .add("title", a.title)
                         .add_raw("applies", json::array(a.applies))
                         .str());
    }
    fmt::print("{}\n", json::array_raw(rows));
    return;
  }
  std::size_t width = std::string_view("ID").size();
  for (const auto& [id, a] : content.advice)
    width = std::max(width, psoas::text::display_width(id));
  fmt::print(term.style(fmt::emphasis::bold), "{:<{}}  {}", "ID", width, "TITLE");
  fmt::print("\n");  // outside the style, so no escape runs past the line
  for (const auto& [id, a] : content.advice) fmt::print("{:<{}}  {}\n", id, width, a.title);
  fmt::print("\nRead one with 'psoas advice ID'.\n");
}

void render_show(const Advice& a, Output output, const Terminal& term) {
  if (output == Output::json) {
    fmt::print("{}\n", json::Object{}
                           .add("id", a.id)
                           .add("title", a.title)
                           .add_raw("applies", json::array(a.applies))
                           .add_raw("not_with", json::array(a.not_with))
                           .add_raw("body", json::array(a.body))
                           .add("source", a.source)
                           .str());
    return;
  }
  fmt::print(term.style(fmt::emphasis::bold), "{} ({})", a.title, a.id);
  fmt::print("\n");
  for (const auto& paragraph : a.body) fmt::print("\n{}\n", wrapped(paragraph, "", ""));
  if (!a.applies.empty()) {
    fmt::print("\n{}\n", wrapped(fmt::format("Offered by 'psoas triage' for: {}.",
                                             fmt::join(a.applies, ", ")),
                                 "", "  "));
  }
  if (!a.not_with.empty()) {
    fmt::print(
        "{}\n",
        wrapped(fmt::format("Not listed by 'psoas triage' when any of these is answered yes or not "
                            "sure (see 'psoas triage --list'): {}.",
                            fmt::join(a.not_with, ", ")),
                "", "  "));
  }
  if (!a.source.empty())
    fmt::print("\n{}\n", wrapped(fmt::format("Source: {}", a.source), "", "  "));
}

}  // namespace

void add_advice(CLI::App& app, Services& services) {
  auto options = std::make_shared<AdviceOptions>();
  auto* cmd = app.add_subcommand("advice",
                                 "The advice notes: heat, cold, sleep, walking, desk, time course");
  cmd->description(
      "The advice notes: heat, cold, sleep positions, walking, the desk, time course and more.\n"
      "Without an id, lists every note (id and title); with one, shows it in full.");
  cmd->add_option("id", options->id, "Advice id (see 'psoas advice')")->type_name("ADVICE");
  add_format(*cmd, options->format, {"text", "json"});
  add_ids(*cmd, options->ids, "advice");
  cmd->footer(
      "Examples:\n  psoas advice\n  psoas advice heat\n  psoas advice --ids\n"
      "psoas informs and points to care; it does not diagnose. If you are worried, see a "
      "clinician.");
  cmd->callback([options, &services] {
    const Content& content = services.content();
    const Output output = options->format == "json" ? Output::json : Output::text;
    if (options->ids && !options->id.empty()) throw UsageError("--ids", "lists the notes; give it without an ADVICE id");
    if (options->ids) {
      for (const auto& [id, a] : content.advice) fmt::print("{}\n", id);
    } else if (options->id.empty()) {
      render_list(content, output, services.terminal());
    } else {
      render_show(content.advice_item(options->id), output, services.terminal());
    }
  });
}

}  // namespace psoas::cli
