// The fold: a record's state as a pure function of the set of its changes (per-field
// last writer wins by (stamp, device); existence is one more field).
#include <algorithm>
#include <map>

#include "psoas/json.hpp"
#include "psoas/sync.hpp"

namespace psoas::sync {

namespace {

// A record's fields as the fold builds them: the order keys were first set, and each
// key's value as JSON text (nothing once an edit took the key away).
struct Fields {
  std::vector<std::string> order;
  std::map<std::string, std::optional<std::string>, std::less<>> values;

  void set(const std::string& key, std::optional<std::string> value) {
    auto [it, added] = values.try_emplace(key, value);
    if (added) order.push_back(key);
    else it->second = std::move(value);
  }
  std::string object() const {
    std::string out = "{";
    for (const auto& key : order) {
      const auto& v = values.find(key)->second;
      if (!v) continue;
      if (out.size() > 1) out += ',';
      out += json::quote(key);
      out += ':';
      out += *v;
    }
    return out + "}";
  }
};

// The members of a record's JSON state, as text.
std::vector<std::pair<std::string, std::string>> members(const std::string& state) {
  json::Value v = json::parse(state);
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& m : v.members) out.emplace_back(m.first, history::text(m.second));
  return out;
}

// What an edit sets: the keys whose values differ between before and after (a key only
// one side has counts), each with its value after (nothing when after lacks it).
void apply_edit(const Change& c, Fields& f) {
  auto before = members(*c.before);
  auto after = members(*c.after);
  auto find = [](const auto& list, const std::string& key) -> const std::string* {
    for (const auto& [k, v] : list) {
      if (k == key) return &v;
    }
    return nullptr;
  };
  for (const auto& [key, value] : after) {
    const std::string* old = find(before, key);
    if (!old || *old != value) f.set(key, value);
  }
  for (const auto& [key, value] : before) {
    if (!find(after, key)) f.set(key, std::nullopt);
  }
}

}  // namespace

std::optional<std::string> fold(const std::vector<Change>& changes) {
  std::vector<const Change*> sorted;
  sorted.reserve(changes.size());
  for (const auto& c : changes) sorted.push_back(&c);
  std::sort(sorted.begin(), sorted.end(), [](const Change* a, const Change* b) {
    return std::tie(a->stamp, a->device) < std::tie(b->stamp, b->device);
  });
  Fields fields;
  bool exists = false;
  for (const Change* c : sorted) {
    if (c->op == "add" && c->after) {
      for (auto& [key, value] : members(*c->after)) fields.set(key, std::move(value));
      exists = true;
    } else if (c->op == "edit" && c->before && c->after) {
      apply_edit(*c, fields);
    } else if (c->op == "rm") {
      exists = false;
    }
  }
  if (!exists) return std::nullopt;
  return fields.object();
}

}  // namespace psoas::sync
