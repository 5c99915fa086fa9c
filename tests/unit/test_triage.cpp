#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <set>

#include <fstream>

#include "psoas/error.hpp"
#include "psoas/triage.hpp"
#include "temp_dir.hpp"

using namespace psoas;
using namespace psoas::triage;

namespace {

// The built-in content, loaded as the binary loads it.
const Content& builtin() {
  static const Content content = load_content(ContentDirs{});
  return content;
}

const std::vector<TriageQuestion>& questions() { return builtin().questions; }

const TriageQuestion& question(std::string_view id) {
  auto it = std::find_if(questions().begin(), questions().end(), [&](const auto& q) { return q.id == id; });
  REQUIRE(it != questions().end());
  return *it;
}

// Every question answered no, then `yes` set to yes.
Answers all_no_but(std::initializer_list<std::string_view> yes, Answer as = Answer::yes) {
  Answers a;
  for (const auto& q : questions()) a[q.id] = Answer::no;
  for (auto id : yes) a[std::string(id)] = as;
  return a;
}

Outcome run(const Answers& a) { return evaluate(questions(), builtin().advice, a, builtin().triage); }

Level level_for(Urgency u) {
  switch (u) {
    case Urgency::emergency: return Level::emergency;
    case Urgency::see_clinician: return Level::see_clinician;
    default: return Level::self_care;
  }
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// Every piece of text a result shows.
std::vector<std::string> all_text(const Outcome& o, const Wording& w) {
  std::vector<std::string> t{w.disclaimer, w.headline, w.pattern};
  t.insert(t.end(), w.next_steps.begin(), w.next_steps.end());
  t.insert(t.end(), w.card.begin(), w.card.end());
  t.insert(t.end(), w.safety_net.begin(), w.safety_net.end());
  for (const auto& r : o.reasons) t.push_back(r.text);
  for (const auto& r : o.mentions) {
    t.push_back(r.text);
    t.push_back(r.advice);
  }
  for (const auto& a : o.advice) {
    t.push_back(a.title);
    t.insert(t.end(), a.body.begin(), a.body.end());
  }
  return t;
}

}  // namespace

TEST_SUITE("triage") {
  TEST_CASE("the built-in questions are complete") {
    const std::set<std::string> required{
        "urine-retention", "incontinence", "saddle-numbness", "both-legs", "progressive-weakness",
        "sexual-function", "major-trauma", "fever-unwell", "other-emergency", "fever", "infection-risk",
        "cancer-history", "weight-loss", "night-pain", "osteoporosis", "one-leg", "severe-worsening",
        "groin-lump", "age", "inflammatory", "eight-weeks", "fear-mood", "hip-replacement", "under-16",
        "pregnant", "week-no-better"};
    std::set<std::string> ids;
    for (const auto& q : questions()) {
      CAPTURE(q.id);
      CHECK(ids.insert(q.id).second);
      CHECK_FALSE(q.text.empty());
      CHECK_FALSE(q.help.empty());
      CHECK_FALSE(q.source.empty());
      if (q.group == QuestionGroup::pattern) {
        CHECK((q.urgency == Urgency::none || q.urgency == Urgency::mention));
        CHECK((q.suggests == "flare-up" || q.suggests == "tightness"));
      }
    }
    for (const auto& id : required) {
      CAPTURE(id);
      CHECK(ids.contains(id));
    }
    CHECK(std::count_if(questions().begin(), questions().end(),
                        [](const auto& q) { return q.group == QuestionGroup::pattern; }) >= 7);
  }

  TEST_CASE("emergency questions come first in the file") {
    bool past = false;
    for (const auto& q : questions()) {
      CAPTURE(q.id);
      if (q.urgency != Urgency::emergency) past = true;
      else CHECK_FALSE(past);
    }
  }

  TEST_CASE("each warning sign alone gives at least its urgency") {
    for (const auto& q : questions()) {
      for (Answer as : {Answer::yes, Answer::unsure}) {
        CAPTURE(q.id);
        CAPTURE(to_string(as));
        Outcome o = run(all_no_but({q.id}, as));
        CHECK(o.level >= level_for(q.urgency));
        if (q.urgency >= Urgency::see_clinician) {
          REQUIRE(o.reasons.size() == 1);
          CHECK(o.reasons[0].id == q.id);
          CHECK(o.reasons[0].urgency == q.urgency);
        }
        if (q.urgency == Urgency::mention) {
          REQUIRE(o.mentions.size() == 1);
          CHECK(o.mentions[0].id == q.id);
        }
      }
    }
  }

  TEST_CASE("all no is self-care with the exact wording") {
    Outcome o = run(all_no_but({}));
    CHECK(o.level == Level::self_care);
    CHECK(o.reasons.empty());
    Wording w = wording(o, builtin().wording, "112");
    CHECK(w.headline == "No urgent warning signs were reported. This is not a diagnosis.");
    CHECK_FALSE(o.routines.empty());
  }

  TEST_CASE("combinations take the highest") {
    SUBCASE("mention + see-clinician") {
      Outcome o = run(all_no_but({"age", "weight-loss"}));
      CHECK(o.level == Level::see_clinician);
      CHECK(o.mentions.size() == 1);
    }
    SUBCASE("see-clinician + emergency, emergency reason first") {
      Outcome o = run(all_no_but({"night-pain", "saddle-numbness", "fever"}));
      CHECK(o.level == Level::emergency);
      REQUIRE(o.reasons.size() == 3);
      CHECK(o.reasons[0].id == "saddle-numbness");
      CHECK(o.reasons[0].urgency == Urgency::emergency);
    }
    SUBCASE("pattern answers never lower the urgency") {
      Outcome o = run(all_no_but({"one-leg", "ache-on-standing", "long-sitting", "hard-to-stand-straight"}));
      CHECK(o.level == Level::see_clinician);
      CHECK(o.routines.empty());
    }
  }

  TEST_CASE("escalation: infection risk with fever is an emergency") {
    const auto& q = question("infection-risk");
    REQUIRE(q.escalate);
    CHECK(q.escalate->urgency == Urgency::emergency);
    CHECK(q.escalate->with == std::vector<std::string>{"fever"});
    CHECK(run(all_no_but({"infection-risk"})).level == Level::see_clinician);
    CHECK(run(all_no_but({"fever"})).level == Level::see_clinician);
    Outcome o = run(all_no_but({"infection-risk", "fever"}));
    CHECK(o.level == Level::emergency);
    REQUIRE_FALSE(o.reasons.empty());
    CHECK(o.reasons[0].id == "infection-risk");
    CHECK(o.reasons[0].escalated_with == "fever");
    SUBCASE("not sure counts as yes") {
      Answers a = all_no_but({"infection-risk"});
      a["fever"] = Answer::unsure;
      CHECK(run(a).level == Level::emergency);
    }
    SUBCASE("age with four weeks: see a clinician") {
      CHECK(run(all_no_but({"age"})).level == Level::self_care);
      CHECK(run(all_no_but({"age", "four-weeks"})).level == Level::see_clinician);
    }
  }

  TEST_CASE("fever is seen the same day") {
    CHECK(run(all_no_but({"fever"})).same_day);
    CHECK_FALSE(run(all_no_but({"weight-loss"})).same_day);
    CHECK(wording(run(all_no_but({"fever"})), builtin().wording, "112").headline.find("today") != std::string::npos);
  }

  TEST_CASE("scope questions send the user to a clinician") {
    for (auto id : {"under-16", "pregnant"}) {
      Outcome o = run(all_no_but({id}));
      CHECK(o.level == Level::see_clinician);
      CHECK(o.out_of_scope);
      CHECK(wording(o, builtin().wording, "112").headline.find("adults who are not pregnant") != std::string::npos);
    }
  }

  TEST_CASE("pattern answers choose the routine") {
    SUBCASE("a new flare-up: acute and cold") {
      Outcome o = run(all_no_but({"new-flare", "front-of-hip"}));
      CHECK(o.fit == Fit::flare_up);
      CHECK(o.routines == std::vector<std::string>{"acute"});
      CHECK(std::any_of(o.advice.begin(), o.advice.end(), [](const Advice& a) { return a.id == "cold"; }));
      CHECK(std::none_of(o.advice.begin(), o.advice.end(), [](const Advice& a) { return a.id == "heat"; }));
    }
    SUBCASE("long-standing tightness: stretch, strength and heat") {
      Outcome o = run(all_no_but({"long-standing", "long-sitting"}));
      CHECK(o.fit == Fit::tightness);
      CHECK(o.routines == std::vector<std::string>{"stretch", "strength"});
      CHECK(std::any_of(o.advice.begin(), o.advice.end(), [](const Advice& a) { return a.id == "heat"; }));
      CHECK(std::none_of(o.advice.begin(), o.advice.end(), [](const Advice& a) { return a.id == "cold"; }));
    }
    SUBCASE("history wins over the pattern") {
      Outcome o = run(all_no_but({"new-flare", "long-sitting", "ache-on-standing", "hip-catch"}));
      CHECK(o.fit == Fit::flare_up);
    }
    SUBCASE("without history, the pattern that leans") {
      CHECK(run(all_no_but({"recent-load"})).fit == Fit::flare_up);
      CHECK(run(all_no_but({"long-sitting", "hip-catch"})).fit == Fit::tightness);
    }
    SUBCASE("both a flare-up and long-standing tightness") {
      Outcome o = run(all_no_but({"new-flare", "long-standing"}));
      CHECK(o.fit == Fit::both);
      CHECK(o.routines == std::vector<std::string>{"acute", "stretch", "strength"});
    }
    SUBCASE("see-clinician gets the professional options, not routines") {
      Outcome o = run(all_no_but({"new-flare", "week-no-better"}));
      CHECK(o.routines.empty());
      CHECK_FALSE(o.advice.empty());
      CHECK(std::any_of(o.advice.begin(), o.advice.end(), [](const Advice& a) {
        return std::find(a.applies.begin(), a.applies.end(), "see-clinician") != a.applies.end();
      }));
    }
    SUBCASE("advice keeps the content's order") {
      Outcome o = run(all_no_but({"week-no-better"}));
      for (std::size_t i = 1; i < o.advice.size(); ++i) {
        const bool prev_clinician = std::find(o.advice[i - 1].applies.begin(), o.advice[i - 1].applies.end(),
                                              "see-clinician") != o.advice[i - 1].applies.end();
        const bool clinician = std::find(o.advice[i].applies.begin(), o.advice[i].applies.end(),
                                         "see-clinician") != o.advice[i].applies.end();
        if (prev_clinician && clinician) CHECK(o.advice[i - 1].pos.line < o.advice[i].pos.line);
      }
    }
    SUBCASE("an emergency gets no self-care advice") {
      CHECK(run(all_no_but({"both-legs", "new-flare"})).advice.empty());
    }
  }

  TEST_CASE("the psoas pattern statement") {
    SUBCASE("two pattern answers fit") {
      Outcome o = run(all_no_but({"ache-on-standing", "easier-lying-knees-bent"}));
      CHECK(o.pattern_fits);
      CHECK(wording(o, builtin().wording, "112").pattern.find("only a clinician can confirm it") != std::string::npos);
    }
    SUBCASE("one is not enough") { CHECK_FALSE(run(all_no_but({"ache-on-standing"})).pattern_fits); }
    SUBCASE("a fever or infection sign wins over the pattern") {
      for (auto flag : {"fever", "infection-risk"}) {
        Outcome o = run(all_no_but({flag, "ache-on-standing", "front-of-hip", "long-sitting"}));
        CHECK_FALSE(o.pattern_fits);
        CHECK(o.pattern_overridden);
        CHECK(wording(o, builtin().wording, "112").pattern.find("iliopsoas") == std::string::npos);
      }
    }
  }

  TEST_CASE("the routines and the infection and same-day questions come from content's [triage]") {
    SUBCASE("the built-in lists") {
      CHECK(run(all_no_but({"new-flare"})).routines == std::vector<std::string>{"acute"});
      CHECK(run(all_no_but({"long-standing"})).routines == std::vector<std::string>{"stretch", "strength"});
      CHECK(run(all_no_but({"new-flare", "long-standing"})).routines ==
            std::vector<std::string>{"acute", "stretch", "strength"});
      CHECK(run(all_no_but({})).routines == std::vector<std::string>{"acute"});
      CHECK(run(all_no_but({"fever"})).same_day);
      CHECK_FALSE(run(all_no_but({"infection-risk"})).same_day);
    }
    SUBCASE("a user file replaces them") {
      test::TempDir dir;
      std::ofstream(dir.path / "mine.toml")
          << "[triage]\nflare-up = [\"stretch\", \"acute\"]\ninfection = [\"infection-risk\"]\nsame-day = []\n";
      const Content c = load_content(ContentDirs{{dir.path}});
      REQUIRE(c.skipped.empty());
      auto with_user = [&](std::initializer_list<std::string_view> yes) {
        return evaluate(c.questions, c.advice, all_no_but(yes), c.triage);
      };
      CHECK(with_user({"new-flare"}).routines == std::vector<std::string>{"stretch", "acute"});
      CHECK(with_user({"long-standing"}).routines == std::vector<std::string>{"stretch", "strength"});
      CHECK_FALSE(with_user({"fever"}).same_day);
      // "fever" is no longer an infection sign, so the pattern stands; infection-risk still wins.
      CHECK(with_user({"fever", "ache-on-standing", "front-of-hip"}).pattern_fits);
      CHECK(with_user({"infection-risk", "ache-on-standing", "front-of-hip"}).pattern_overridden);
    }
    SUBCASE("without the lists: no routine and no infection sign") {
      Outcome o = evaluate(questions(), builtin().advice, all_no_but({"fever", "ache-on-standing", "front-of-hip"}));
      CHECK(o.routines.empty());
      CHECK(o.pattern_fits);
      CHECK(evaluate(questions(), builtin().advice, all_no_but({"new-flare"})).routines.empty());
    }
  }

  TEST_CASE("no result ever reassures or diagnoses") {
    const std::vector<std::string> banned{"you are fine", "you're fine", "nothing serious", "no need to see",
                                          "safe to wait", "you have psoas", "psoas syndrome", "ibuprofen",
                                          "paracetamol", "nsaid", "mri", "x-ray"};
    std::vector<Answers> cases{all_no_but({})};
    for (const auto& q : questions()) {
      cases.push_back(all_no_but({q.id}));
      cases.push_back(all_no_but({q.id}, Answer::unsure));
    }
    cases.push_back(all_no_but({"new-flare", "long-standing", "ache-on-standing", "long-sitting"}));
    cases.push_back(all_no_but({"fever", "infection-risk", "ache-on-standing", "front-of-hip"}));
    for (const auto& a : cases) {
      Outcome o = run(a);
      Wording w = wording(o, builtin().wording, "999");
      bool card = false, not_diagnosis = false;
      for (const auto& line : all_text(o, w)) {
        CAPTURE(line);
        for (const auto& b : banned) CHECK(lower(line).find(b) == std::string::npos);
        if (line.find("Cauda equina") != std::string::npos) card = true;
        if (line.find("not a diagnosis") != std::string::npos) not_diagnosis = true;
      }
      CHECK(card);
      CHECK(not_diagnosis);
      CHECK(w.disclaimer.find("does not diagnose") != std::string::npos);
      CHECK(w.disclaimer.find("999") != std::string::npos);
      CHECK(w.safety_net.size() >= 5);
      if (o.level == Level::emergency) CHECK(w.headline.find("call 999") != std::string::npos);
    }
  }

  TEST_CASE("mention-level answers carry their own advice") {
    for (const auto& q : questions()) {
      if (q.urgency != Urgency::mention) continue;
      CAPTURE(q.id);
      CHECK_FALSE(q.advice.empty());
      Outcome o = run(all_no_but({q.id}));
      REQUIRE(o.mentions.size() == 1);
      CHECK(o.mentions[0].advice == q.advice);
    }
    SUBCASE("eight weeks: ask about a specialist") {
      Outcome o = run(all_no_but({"eight-weeks"}));
      REQUIRE(o.mentions.size() == 1);
      CHECK(o.mentions[0].advice.find("specialist") != std::string::npos);
    }
    SUBCASE("age: see a clinician if no better after 4 weeks") {
      Outcome o = run(all_no_but({"age"}));
      REQUIRE(o.mentions.size() == 1);
      CHECK(o.mentions[0].advice.find("4 weeks") != std::string::npos);
    }
  }

  TEST_CASE("hands-on treatments are not offered for the reasons the table names") {
    // TRIAGE-SOURCES.md, "Hands-on treatments: when not to offer them".
    const std::vector<std::string> hands_on{"massage-therapy", "manual-therapy", "dry-needling", "chiropractic"};
    std::set<std::string> forbidden{"fever",        "infection-risk", "fever-unwell", "osteoporosis",
                                    "major-trauma", "cancer-history", "weight-loss",  "night-pain",
                                    "groin-lump",   "pregnant",       "under-16",     "other-emergency"};
    for (const auto& q : questions()) {
      if (q.urgency == Urgency::emergency) forbidden.insert(q.id);
    }
    auto offered = [](const Outcome& o, const std::string& id) {
      return std::any_of(o.advice.begin(), o.advice.end(), [&](const Advice& a) { return a.id == id; });
    };
    for (const auto& id : forbidden) {
      for (Answer as : {Answer::yes, Answer::unsure}) {
        CAPTURE(id);
        Outcome o = run(all_no_but({id}, as));
        for (const auto& h : hands_on) {
          CAPTURE(h);
          CHECK_FALSE(offered(o, h));
        }
        for (const auto& line : all_text(o, wording(o, builtin().wording, "112"))) {
          CHECK(line.find("work deeply on the hip flexors") == std::string::npos);
        }
        if (o.level == Level::see_clinician) {
          CHECK_FALSE(o.withheld.empty());
          const auto steps = wording(o, builtin().wording, "112").next_steps;
          CHECK(std::any_of(steps.begin(), steps.end(),
                            [](const std::string& s) { return s.find("check the cause first") != std::string::npos; }));
        }
      }
    }
    SUBCASE("a forbidden reason wins over one that allows them") {
      Outcome o = run(all_no_but({"one-leg", "cancer-history"}));
      for (const auto& h : hands_on) CHECK_FALSE(offered(o, h));
    }
    SUBCASE("other see-clinician reasons still list them") {
      Outcome o = run(all_no_but({"one-leg"}));
      CHECK(o.withheld.empty());
      for (const auto& h : hands_on) {
        CAPTURE(h);
        CHECK(offered(o, h));
      }
      const auto steps = wording(o, builtin().wording, "112").next_steps;
      CHECK(std::none_of(steps.begin(), steps.end(),
                         [](const std::string& s) { return s.find("check the cause first") != std::string::npos; }));
    }
    SUBCASE("every built-in hands-on item names the whole table in not_with") {
      for (const auto& h : hands_on) {
        CAPTURE(h);
        const auto& not_with = builtin().advice.at(h).not_with;
        for (const auto& id : forbidden) {
          CAPTURE(id);
          if (question(id).urgency != Urgency::emergency) {
            CHECK(std::find(not_with.begin(), not_with.end(), id) != not_with.end());
          }
        }
      }
    }
    SUBCASE("not_with counts a not-sure answer, and a custom item") {
      std::map<std::string, Advice> advice;
      advice["x"].id = "x";
      advice["x"].applies = {"see-clinician"};
      advice["x"].not_with = {"fever"};
      CHECK(evaluate(questions(), advice, all_no_but({"one-leg"})).advice.size() == 1);
      Outcome o = evaluate(questions(), advice, all_no_but({"one-leg", "fever"}, Answer::unsure));
      CHECK(o.advice.empty());
      CHECK(o.withheld == std::vector<std::string>{"x"});
    }
  }

  TEST_CASE("every card names 911 and 999 beside the configured number") {
    std::vector<Answers> cases{all_no_but({})};
    for (const auto& q : questions()) cases.push_back(all_no_but({q.id}));
    for (const auto& a : cases) {
      Outcome o = run(a);
      CAPTURE(to_string(o.level));
      for (std::string number : {"112", "000", "999", "911"}) {
        CAPTURE(number);
        Wording w = wording(o, builtin().wording, number);
        REQUIRE_FALSE(w.card.empty());
        const std::string& head = w.card[0];
        CHECK(head.find("call " + number) != std::string::npos);
        CHECK(head.find("911") != std::string::npos);
        CHECK(head.find("999") != std::string::npos);
        if (number == "911" || number == "999") CHECK(head.find("112") != std::string::npos);
      }
    }
  }

  TEST_CASE("fever: today everywhere") {
    Outcome o = run(all_no_but({"fever"}));
    Wording w = wording(o, builtin().wording, "112");
    std::vector<std::string> own{w.headline};
    own.insert(own.end(), w.next_steps.begin(), w.next_steps.end());
    own.insert(own.end(), w.safety_net.begin(), w.safety_net.end());
    bool help_today = false;
    for (const auto& line : own) {
      CAPTURE(line);
      CHECK(line.find("within days") == std::string::npos);
      CHECK(line.find("few days") == std::string::npos);
      if (line.find("Where to get help") != std::string::npos) help_today = line.find("today") != std::string::npos;
    }
    CHECK(help_today);
    // Every sentence that names a fever, in the result and its advice, says today.
    for (const auto& line : all_text(o, w)) {
      std::size_t start = 0;
      while (start < line.size()) {
        std::size_t end = std::min(line.find(". ", start), line.size());
        const std::string sentence = lower(line.substr(start, end - start));
        start = end + 2;
        if (sentence.find("fever") == std::string::npos) continue;
        CAPTURE(sentence);
        CHECK(sentence.find("within days") == std::string::npos);
        CHECK(sentence.find("few days") == std::string::npos);
        CHECK(sentence.find("same day") == std::string::npos);
      }
    }
    CHECK(question("fever").help.find("today") != std::string::npos);
    SUBCASE("other reasons keep within days") {
      Wording other = wording(run(all_no_but({"weight-loss"})), builtin().wording, "112");
      CHECK(std::any_of(other.safety_net.begin(), other.safety_net.end(),
                        [](const std::string& s) { return s.find("within days") != std::string::npos; }));
    }
  }

  TEST_CASE("the advice covers the everyday topics, each with a source") {
    for (const char* id : {"sleep-position", "walking", "heat", "cold", "desk-setup", "hydration", "stress",
                           "triggers", "time-course"}) {
      CAPTURE(id);
      REQUIRE(builtin().advice.count(id) == 1);
      const Advice& a = builtin().advice.at(id);
      CHECK_FALSE(a.body.empty());
      CHECK(a.source.find("seed") != std::string::npos);
    }
    SUBCASE("hydration says no more than its source") {
      for (const auto& p : builtin().advice.at("hydration").body) {
        CAPTURE(p);
        CHECK(lower(p).find("cramp") == std::string::npos);
        CHECK(lower(p).find("spasm") == std::string::npos);
      }
    }
  }

  TEST_CASE("remaining questions: emergency first, stop at an emergency") {
    Answers a;
    auto left = remaining(questions(), a);
    REQUIRE(left.size() == questions().size());
    bool past = false;
    for (const auto* q : left) {
      if (q->urgency != Urgency::emergency) past = true;
      else CHECK_FALSE(past);
    }
    SUBCASE("answered ones are skipped") {
      a[left[0]->id] = Answer::no;
      CHECK(remaining(questions(), a).front()->id == left[1]->id);
      CHECK(missing_answers(questions(), a).size() == questions().size() - 1);
    }
    SUBCASE("an emergency yes stops the questions") {
      a["urine-retention"] = Answer::no;
      a["incontinence"] = Answer::yes;
      CHECK(emergency_reached(questions(), a));
      CHECK(remaining(questions(), a).empty());
      CHECK(missing_answers(questions(), a).empty());
      CHECK(run(a).level == Level::emergency);
    }
    SUBCASE("not sure on an emergency question also stops") {
      a["saddle-numbness"] = Answer::unsure;
      CHECK(remaining(questions(), a).empty());
    }
    SUBCASE("escalation to emergency stops too") {
      a["fever"] = Answer::yes;
      CHECK_FALSE(remaining(questions(), a).empty());
      a["infection-risk"] = Answer::yes;
      CHECK(remaining(questions(), a).empty());
    }
    SUBCASE("fever is asked before infection risk") {
      auto order = asking_order(questions());
      auto pos = [&](std::string_view id) {
        return std::find_if(order.begin(), order.end(), [&](const auto* q) { return q->id == id; });
      };
      CHECK(pos("fever") < pos("infection-risk"));
    }
  }

  TEST_CASE("emergency questions are asked first even when a file lists them later") {
    std::vector<TriageQuestion> qs(3);
    qs[0].id = "a";
    qs[0].urgency = Urgency::mention;
    qs[1].id = "b";
    qs[1].urgency = Urgency::emergency;
    qs[2].id = "c";
    qs[2].urgency = Urgency::see_clinician;
    auto order = asking_order(qs);
    REQUIRE(order.size() == 3);
    CHECK(order[0]->id == "b");
    CHECK(order[1]->id == "a");
    CHECK(order[2]->id == "c");
    CHECK(unknown_answers(qs, Answers{{"a", Answer::no}, {"zz", Answer::yes}}) == std::vector<std::string>{"zz"});
  }

  TEST_CASE("parse_answer") {
    CHECK(parse_answer("y") == Answer::yes);
    CHECK(parse_answer(" YES ") == Answer::yes);
    CHECK(parse_answer("true") == Answer::yes);
    CHECK(parse_answer("n") == Answer::no);
    CHECK(parse_answer("No") == Answer::no);
    CHECK(parse_answer("u") == Answer::unsure);
    CHECK(parse_answer("not  sure") == Answer::unsure);
    CHECK(parse_answer("unsure") == Answer::unsure);
    CHECK_FALSE(parse_answer("maybe"));
    CHECK_FALSE(parse_answer(""));
  }

  TEST_CASE("answers given as lists of ids") {
    SUBCASE("each list gives its answer; ids are trimmed, empty ones skipped") {
      Answers a = answers_from_lists({" fever", "age\t"}, {"pregnant", "  "}, {"both-legs"});
      CHECK(a == Answers{{"age", Answer::yes}, {"both-legs", Answer::unsure}, {"fever", Answer::yes},
                         {"pregnant", Answer::no}});
    }
    SUBCASE("the same answer twice is one answer") {
      CHECK(answers_from_lists({"fever", "fever"}, {}, {}).size() == 1);
    }
    SUBCASE("two different answers are a usage error") {
      try {
        answers_from_lists({"fever"}, {"fever "}, {});
        FAIL("no error");
      } catch (const UsageError& e) {
        CHECK(std::string(e.what()) == "'fever' is given two different answers");
        CHECK(e.hint() == "give each question one of --yes, --no or --unsure");
      }
    }
    SUBCASE("ids that name no question, with a did you mean") {
      CHECK_NOTHROW(reject_unknown(questions(), all_no_but({"fever"})));
      try {
        reject_unknown(questions(), Answers{{"fevr", Answer::yes}});
        FAIL("no error");
      } catch (const UsageError& e) {
        CHECK(std::string(e.what()) == "no question 'fevr'");
        CHECK(e.hint() == "did you mean 'fever'? see 'psoas triage --list'");
      }
      try {
        reject_unknown(questions(), Answers{{"xyzzy", Answer::yes}, {"zzz", Answer::no}});
        FAIL("no error");
      } catch (const UsageError& e) {
        CHECK(std::string(e.what()) == "no questions 'xyzzy', 'zzz'");
        CHECK(e.hint() == "see 'psoas triage --list'");
      }
    }
  }

  TEST_CASE("answers files") {
    SUBCASE("JSON with strings and booleans") {
      Answers a = parse_answers("{\n \"fever\": \"yes\",\n \"age\": false, \"pregnant\": \"not sure\"}\n", "a.json");
      CHECK(a.at("fever") == Answer::yes);
      CHECK(a.at("age") == Answer::no);
      CHECK(a.at("pregnant") == Answer::unsure);
    }
    SUBCASE("JSON escapes") {
      Answers a = parse_answers(R"({"f\u0065ver":"y\u0065s"})", "a.json");
      CHECK(a.at("fever") == Answer::yes);
    }
    SUBCASE("TOML") {
      Answers a = parse_answers("fever = \"no\"\nage = true\n", "a.toml");
      CHECK(a.at("fever") == Answer::no);
      CHECK(a.at("age") == Answer::yes);
    }
    SUBCASE("empty object") { CHECK(parse_answers("{ }", "a.json").empty()); }
    SUBCASE("errors name the file and line") {
      CHECK_THROWS_AS(parse_answers("{\"fever\": \"yes\",\n \"age\" \"no\"}", "a.json"), DataError);
      try {
        parse_answers("{\"fever\": \"yes\",\n \"age\": \"maybe\"}", "a.json");
        FAIL("no throw");
      } catch (const DataError& e) {
        CHECK(e.subject() == "a.json:2");
        CHECK(std::string(e.what()).find("'age'") != std::string::npos);
      }
      try {
        parse_answers("fever = \"yes\"\nage = = 1\n", "a.toml");
        FAIL("no throw");
      } catch (const DataError& e) {
        CHECK(e.subject() == "a.toml:2");
      }
      CHECK_THROWS_AS(parse_answers("{\"fever\": \"yes\"", "a.json"), DataError);
      CHECK_THROWS_AS(parse_answers("{\"fever\": \"yes\"} x", "a.json"), DataError);
      CHECK_THROWS_AS(parse_answers("{\"fever\": 1}", "a.json"), DataError);
      CHECK_THROWS_AS(parse_answers("{\"fever\": \"yes\", \"fever\": \"no\"}", "a.json"), DataError);
      CHECK_THROWS_AS(parse_answers("fever = 3\n", "a.toml"), DataError);
      CHECK_THROWS_AS(parse_answers("[fever]\nx = 1\n", "a.toml"), DataError);
    }
  }

  TEST_CASE("the journal record") {
    Answers a = all_no_but({"night-pain", "age"});
    Outcome o = run(a);
    TriageRecord r = make_record(o, a);
    CHECK(r.outcome == "see-clinician");
    CHECK(r.reasons_json == "[\"night-pain\"]");
    CHECK(r.answers_json.find("\"night-pain\":\"yes\"") != std::string::npos);
    CHECK(r.answers_json.find("\"fever\":\"no\"") != std::string::npos);
    CHECK(r.routine.empty());
    Answers b = all_no_but({"long-standing"});
    CHECK(make_record(run(b), b).routine == "stretch,strength");
    CHECK(make_record(run(b), b).outcome == "self-care");
  }

  TEST_CASE("the wording's routine ids come from the result, its texts from content") {
    WordingTexts texts = builtin().wording;
    Outcome o = run(all_no_but({}));
    o.fit = Fit::tightness;
    o.routines = {"my-stretch", "my-strength"};
    CHECK(wording(o, texts, "112").next_steps ==
          std::vector<std::string>{"For long-standing tightness: start with the 'my-stretch' routine daily, add the "
                                   "'my-strength' routine as it eases, and use heat before activity.",
                                   "Stop any exercise that makes the pain sharp or clearly worse."});
    texts["self-care-headline"] = {"Custom headline."};
    texts["card"] = {"Call {numbers}:", "sign"};
    Wording w = wording(o, texts, "999");
    CHECK(w.headline == "Custom headline.");
    CHECK(w.card == std::vector<std::string>{"Call 999 (911 in the US and Canada, 112 across Europe):", "sign"});
    texts.erase("stop-if-worse");
    CHECK_THROWS_AS(wording(o, texts, "112"), DataError);
  }
}
