// A triage result's wording: content's [wording] texts, chosen for the outcome, with the
// emergency number and the result's routine ids filled in.
#include <fmt/format.h>

#include <algorithm>

#include "psoas/error.hpp"
#include "psoas/triage.hpp"

namespace psoas::triage {

namespace {

// The [wording] texts of content with their placeholders filled in.
class Texts {
 public:
  Texts(const WordingTexts& texts, const Outcome& o, std::string_view number) : m_texts(texts) {
    m_vars = {{"number", std::string(number)}, {"numbers", emergency_numbers(number)}};
    for (std::size_t i = 0; i < 3; ++i) {
      m_vars.emplace_back(fmt::format("routine{}", i + 1), i < o.routines.size() ? o.routines[i] : "");
    }
    m_vars.emplace_back("where", line(o.same_day ? "help-today" : "help-soon"));
  }

  // The one text of `key`, filled in.
  std::string line(std::string_view key) const { return lines(key).front(); }

  // The lines of `key`, filled in; DataError when the content has no such text.
  std::vector<std::string> lines(std::string_view key) const {
    auto it = m_texts.find(key);
    if (it == m_texts.end() || it->second.empty()) {
      throw DataError("content", fmt::format("no [wording] text '{}' for the triage result", key));
    }
    std::vector<std::string> out;
    for (const auto& text : it->second) out.push_back(fill(text));
    return out;
  }

 private:
  // `text` with each {name} replaced by its value (content validation allows only known names).
  std::string fill(std::string_view text) const {
    std::string out;
    while (true) {
      auto open = text.find('{');
      auto close = text.find('}', open);
      if (open == std::string_view::npos || close == std::string_view::npos) break;
      out += text.substr(0, open);
      std::string_view name = text.substr(open + 1, close - open - 1);
      auto var = std::find_if(m_vars.begin(), m_vars.end(), [&](const auto& v) { return v.first == name; });
      out += var == m_vars.end() ? std::string(text.substr(open, close - open + 1)) : var->second;
      text.remove_prefix(close + 1);
    }
    return out + std::string(text);
  }

  const WordingTexts& m_texts;
  std::vector<std::pair<std::string, std::string>> m_vars;
};

// The key of the self-care next step for `fit`.
std::string_view fit_key(Fit fit) {
  switch (fit) {
    case Fit::flare_up: return "flare-up";
    case Fit::tightness: return "tightness";
    case Fit::both: return "both";
    case Fit::unknown: break;
  }
  return "unknown";
}

void emergency_steps(Wording& w, const Texts& t) {
  w.headline = t.line("emergency-headline");
  w.next_steps.push_back(t.line("emergency-number"));
  w.next_steps.push_back(t.line("emergency-transport"));
}

void clinician_steps(Wording& w, const Texts& t, const Outcome& o) {
  const bool only_scope = o.out_of_scope && std::all_of(o.reasons.begin(), o.reasons.end(), [](const Reason& r) {
                            return r.id == "under-16" || r.id == "pregnant";
                          });
  w.headline = t.line(o.same_day ? "clinician-today" : "clinician-soon");
  if (only_scope) {
    w.headline = t.line("out-of-scope-headline");
  } else if (o.out_of_scope) {
    w.next_steps.push_back(t.line("out-of-scope"));
  }
  if (o.same_day) w.next_steps.push_back(t.line("call-if-worse"));
  if (!o.withheld.empty()) w.next_steps.push_back(t.line("withheld"));
  w.next_steps.push_back(t.line("take-reasons"));
  if (!o.mentions.empty()) w.next_steps.push_back(t.line("mentions"));
}

void self_care_steps(Wording& w, const Texts& t, const Outcome& o) {
  w.headline = t.line("self-care-headline");
  if (!o.mentions.empty()) w.next_steps.push_back(t.line("mentions"));
  w.next_steps.push_back(t.line(fit_key(o.fit)));
  w.next_steps.push_back(t.line("stop-if-worse"));
}

}  // namespace

Wording wording(const Outcome& o, const WordingTexts& texts, std::string_view number) {
  const Texts t(texts, o, number);
  Wording w;
  w.disclaimer = t.line("disclaimer");
  switch (o.level) {
    case Level::emergency: emergency_steps(w, t); break;
    case Level::see_clinician: clinician_steps(w, t, o); break;
    case Level::self_care: self_care_steps(w, t, o); break;
  }
  if (o.level != Level::emergency) {
    if (o.pattern_fits) {
      w.pattern = t.line("pattern-fits");
    } else if (o.pattern_overridden) {
      w.pattern = t.line("pattern-overridden");
    }
  }
  w.card = t.lines("card");
  w.safety_net = {
      t.line("not-a-diagnosis"),
      t.line("watch-for"),
      t.line("where-to-get-help"),
      t.line(o.level == Level::emergency ? "time-course-emergency" : "time-course"),
      t.line("dont-delay"),
  };
  return w;
}

}  // namespace psoas::triage
