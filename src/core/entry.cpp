// An entry's vocabulary (areas, sides, triggers, helpers), places and tags as typed, the
// rules for what may be stored, and small value helpers (uuid, PEG).
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <map>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "psoas/entry.hpp"
#include "psoas/error.hpp"

namespace psoas {

namespace {

using namespace std::chrono;

// True when `s` is well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = 0;
    unsigned cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      n = 1, cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2, cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3, cp = c & 0x07;
    } else {
      return false;
    }
    for (std::size_t k = 1; k <= n; ++k) {
      if (i + k >= s.size()) return false;
      auto d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    static constexpr std::array<unsigned, 4> min_cp{0, 0x80, 0x800, 0x10000};
    if (cp < min_cp[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += n + 1;
  }
  return true;
}

bool has_control(std::string_view s, bool allow_newlines) {
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (allow_newlines && (c == '\n' || c == '\t' || c == '\r')) continue;
    if (c < 0x20 || c == 0x7F) return true;
  }
  return false;
}

void check_scale(const char* what, std::optional<int> v) {
  if (v && (*v < 0 || *v > 10)) {
    throw UsageError(entry_subject, fmt::format("{} must be from 0 to 10, not {}", what, *v));
  }
}

void check_text(const char* what, std::string_view s, bool allow_newlines) {
  if (!valid_utf8(s)) throw UsageError(entry_subject, fmt::format("{} is not valid UTF-8", what));
  if (has_control(s, allow_newlines)) {
    throw UsageError(entry_subject, fmt::format("{} contains a control character", what));
  }
}

void check_word(const char* what, const std::string& s) {
  if (s.empty()) throw UsageError(entry_subject, fmt::format("empty {}", what));
  check_text(what, s, false);
  if (s.front() == ' ' || s.back() == ' ') {
    throw UsageError(entry_subject, fmt::format("{} '{}' has leading or trailing spaces", what, s));
  }
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Words of `s`, split at spaces, dashes and underscores.
std::vector<std::string> words(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == ' ' || c == '-' || c == '_' || c == '\t') {
      if (!cur.empty()) out.push_back(std::move(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

const std::map<std::string, std::string, std::less<>>& area_aliases() {
  static const std::map<std::string, std::string, std::less<>> aliases{
      {"back", "lower-back"},         {"low-back", "lower-back"},        {"lumbar", "lower-back"},
      {"lower-backs", "lower-back"},  {"groins", "groin"},               {"hip", "front-of-hip"},
      {"hips", "front-of-hip"},       {"front-hip", "front-of-hip"},     {"front-of-the-hip", "front-of-hip"},
      {"hip-flexor", "front-of-hip"}, {"hip-flexors", "front-of-hip"},   {"front-of-hips", "front-of-hip"},
      {"buttocks", "buttock"},        {"glute", "buttock"},              {"glutes", "buttock"},
      {"bottom", "buttock"},          {"thighs", "thigh"},               {"legs", "leg"},
  };
  return aliases;
}

bool parse_int(std::string_view s, int& out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc{} && p == s.data() + s.size();
}

constexpr seconds max_offset = hours{18};
constexpr sys_days earliest = sys_days{year{1900} / January / 1};
constexpr sys_days latest = sys_days{year{9999} / December / 31};

}  // namespace

std::string to_string(Side s) {
  switch (s) {
    case Side::left: return "left";
    case Side::right: return "right";
    case Side::both: return "both";
    case Side::none: break;
  }
  return "";
}

std::string to_string(SessionRole r) {
  switch (r) {
    case SessionRole::before: return "before";
    case SessionRole::after: return "after";
    case SessionRole::none: break;
  }
  return "";
}

std::optional<SessionRole> session_role_from_string(std::string_view s) {
  if (s.empty()) return SessionRole::none;
  if (s == "before") return SessionRole::before;
  if (s == "after") return SessionRole::after;
  return std::nullopt;
}

std::optional<Side> side_from_string(std::string_view s) {
  if (s.empty()) return Side::none;
  if (s == "left") return Side::left;
  if (s == "right") return Side::right;
  if (s == "both") return Side::both;
  return std::nullopt;
}

const std::vector<std::string>& known_areas() {
  static const std::vector<std::string> areas{"lower-back", "groin", "front-of-hip", "buttock", "thigh", "leg"};
  return areas;
}

const std::vector<std::string>& known_triggers() {
  static const std::vector<std::string> t{"sitting",   "standing", "walking",  "running",    "stress",
                                          "core-workout", "poor-sleep", "dehydration", "lifting", "driving",
                                          "cold"};
  return t;
}

const std::vector<std::string>& known_helped() {
  static const std::vector<std::string> h{"heat", "ice", "stretch", "massage", "walk", "rest", "breathing", "routine"};
  return h;
}

Location parse_location(std::string_view text) {
  Location l;
  std::string_view body = text;
  if (auto eq = text.find_first_of("=:"); eq != std::string_view::npos) {
    std::string_view n = text.substr(eq + 1);
    while (!n.empty() && n.front() == ' ') n.remove_prefix(1);
    while (!n.empty() && n.back() == ' ') n.remove_suffix(1);
    int v = 0;
    if (!parse_int(n, v)) {
      throw UsageError(place_subject, fmt::format("'{}': the pain after '=' must be a number from 0 to 10", text));
    }
    l.pain = v;
    body = text.substr(0, eq);
  }
  std::vector<std::string> w = words(lower(body));
  if (w.empty()) throw UsageError(place_subject, "empty location");
  for (bool front : {true, false}) {
    if (w.size() < 2 || l.side != Side::none) break;
    std::string& word = front ? w.front() : w.back();
    if (auto s = side_from_string(word); s && *s != Side::none) {
      l.side = *s;
      w.erase(front ? w.begin() : w.end() - 1);
    }
  }
  std::string area;
  for (const auto& x : w) area += (area.empty() ? "" : "-") + x;
  if (auto it = area_aliases().find(area); it != area_aliases().end()) area = it->second;
  l.area = area;
  return l;
}

std::string format_location(const Location& l) {
  std::string out = l.side == Side::none ? l.area : fmt::format("{} {}", to_string(l.side), l.area);
  if (l.pain) out += fmt::format("={}", *l.pain);
  return out;
}

std::string normalise_tag(std::string_view text, const std::vector<std::string>& known) {
  std::string out;
  bool space = false;
  for (char c : lower(text)) {
    if (c == ' ' || c == '\t') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  std::string dashed = out;
  std::replace(dashed.begin(), dashed.end(), ' ', '-');
  if (std::find(known.begin(), known.end(), dashed) != known.end()) return dashed;
  return out;
}

namespace {

// 64-bit FNV-1a over text, from a given basis: two bases give 128 bits.
struct Fnv {
  std::uint64_t h;
  void add(std::string_view text) {
    for (unsigned char c : text) {
      h ^= c;
      h *= 0x100000001b3ULL;
    }
    h ^= 0xff;  // a separator no UTF-8 text holds, so ("ab","c") differs from ("a","bc")
    h *= 0x100000001b3ULL;
  }
};

std::string uuid_from_bytes(std::array<unsigned char, 16> b, unsigned version) {
  b[6] = static_cast<unsigned char>((b[6] & 0x0F) | (version << 4));
  b[8] = static_cast<unsigned char>((b[8] & 0x3F) | 0x80);  // RFC 4122 variant
  std::string out;
  out.reserve(36);
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += fmt::format("{:02x}", b[i]);
  }
  return out;
}

}  // namespace

std::string content_uuid(const Entry& e) {
  std::vector<std::string> parts = {
      std::to_string(e.at.time_since_epoch().count()), std::to_string(e.utc_offset.count()), std::to_string(e.pain),
      e.enjoyment ? std::to_string(*e.enjoyment) : "-", e.activity ? std::to_string(*e.activity) : "-"};
  for (const auto& l : e.where) {
    parts.push_back(fmt::format("{}/{}/{}", l.area, to_string(l.side), l.pain ? std::to_string(*l.pain) : "-"));
  }
  parts.emplace_back("|");
  for (const auto& t : e.triggers) parts.push_back(t);
  parts.emplace_back("|");
  for (const auto& h : e.helped) parts.push_back(h);
  parts.emplace_back("|");
  parts.push_back(e.note);
  Fnv a{0xcbf29ce484222325ULL}, b{0x6c62272e07bb0142ULL};
  for (const auto& p : parts) {
    a.add(p);
    b.add(p);
  }
  std::array<unsigned char, 16> bytes{};
  for (std::size_t k = 0; k < 8; ++k) {
    bytes[k] = static_cast<unsigned char>(a.h >> (8 * k));
    bytes[8 + k] = static_cast<unsigned char>(b.h >> (8 * k));
  }
  return uuid_from_bytes(bytes, 8);
}

std::string make_uuid() {
  static thread_local std::random_device device;
  std::array<unsigned char, 16> b{};
  for (std::size_t i = 0; i < b.size(); i += 4) {
    auto r = device();
    for (std::size_t k = 0; k < 4; ++k) b[i + k] = static_cast<unsigned char>(r >> (8 * k));
  }
  return uuid_from_bytes(b, 4);
}

bool is_uuid(std::string_view s) {
  if (s.size() != 36) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return false;
    }
  }
  return true;
}

void validate_entry(const Entry& e, std::optional<Instant> now) {
  check_scale("pain", e.pain);
  check_scale("enjoyment (PEG)", e.enjoyment);
  check_scale("activity (PEG)", e.activity);
  if (!e.uuid.empty() && !is_uuid(e.uuid)) {
    throw UsageError(entry_subject, fmt::format("'{}' is not a uuid (expected 8-4-4-4-12 lower-case hex digits)", e.uuid));
  }
  if (e.utc_offset > max_offset || e.utc_offset < -max_offset) {
    throw UsageError(entry_subject, fmt::format("UTC offset {}s is out of range (at most 18 hours)", e.utc_offset.count()));
  }
  if (e.at < earliest || e.at >= latest) throw UsageError(entry_subject, "the date is out of range (years 1900 to 9999)");
  if (now && e.at > *now + hours{24}) {
    throw UsageError(entry_subject, "the time is more than a day in the future");
  }
  for (const auto& l : e.where) {
    check_word("area", l.area);
    if (l.area.find_first_of(" ;=,\\") != std::string::npos) {
      throw UsageError(entry_subject, fmt::format("area '{}' may not contain spaces or any of ;=,\\", l.area));
    }
    check_scale("location pain", l.pain);
  }
  for (const auto& t : e.triggers) check_word("trigger", t);
  for (const auto& h : e.helped) check_word("helped item", h);
  check_text("note", e.note, true);
  if (e.session.empty() != (e.session_role == SessionRole::none)) {
    throw UsageError(entry_subject, "a session rating needs both the session's uuid and 'before' or 'after'");
  }
  if (!e.session.empty() && !is_uuid(e.session)) {
    throw UsageError(entry_subject, fmt::format("session '{}' is not a uuid", e.session));
  }
}

CheckedEntry CheckedEntry::check(Entry e, std::optional<Instant> now) {
  validate_entry(e, now);
  return CheckedEntry(std::move(e));
}

std::optional<double> peg_score(const Entry& e) {
  if (!e.enjoyment || !e.activity) return std::nullopt;
  return (e.pain + *e.enjoyment + *e.activity) / 3.0;
}

}  // namespace psoas
