// The report as one self-contained, printable HTML file to hand to a clinician: inline CSS,
// an inline SVG chart, no scripts, no external resources. Written as well-formed XML (XHTML
// syntax) so any XML tool can check or transform it.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "report_render.hpp"

namespace psoas::report::detail {

namespace {

std::string esc(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default:
        // XML 1.0 forbids most control characters, even escaped.
        if (static_cast<unsigned char>(c) >= 0x20 || c == '\n' || c == '\t') out += c;
    }
  }
  return out;
}

constexpr const char* css = R"(
  body { font: 11pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a1a1a;
         max-width: 48rem; margin: 2rem auto; padding: 0 1rem; }
  h1 { font-size: 1.5rem; margin-bottom: 0.2rem; }
  h2 { font-size: 1.1rem; margin-top: 1.6rem; border-bottom: 1px solid #ccc; padding-bottom: 0.2rem; }
  .range { color: #444; margin-top: 0; }
  table { border-collapse: collapse; width: 100%; font-size: 0.95em; }
  th, td { border-bottom: 1px solid #e2e2e2; padding: 0.25rem 0.5rem; text-align: left; }
  td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
  tr.to-come td { color: #888; }
  .warnings { border: 2px solid #b00020; padding: 0.5rem 1rem; }
  .warnings li { margin: 0.3rem 0; }
  .card { border: 2px solid #1a1a1a; padding: 0.5rem 1rem; margin-top: 1.6rem; }
  .card p.title { font-weight: bold; margin: 0.3rem 0; }
  .note, footer { color: #444; font-size: 0.9em; }
  svg { width: 100%; height: auto; }
  svg .grid { stroke: #ddd; stroke-width: 1; }
  svg .axis { font-size: 11px; fill: #444; }
  svg .line { fill: none; stroke: #1f5f9f; stroke-width: 2; }
  svg .pain { fill: #1f5f9f; }
  svg .session { fill: #2e7d32; }
  svg .before { fill: #fff; stroke: #1f5f9f; stroke-width: 2; }
  svg .after { fill: #1f5f9f; }
  svg .pair { stroke: #1f5f9f; stroke-width: 2; }
  figure { margin: 0.8rem 0; }
  svg.pairs { width: auto; max-width: 100%; display: block; }
  figcaption { color: #444; font-size: 0.9em; }
  table.calendar { width: auto; margin: 0.5rem 0; }
  table.calendar caption { text-align: left; color: #444; font-size: 0.9em; padding-bottom: 0.3rem; }
  table.calendar th, table.calendar td { text-align: center; min-width: 2.4rem; border: 1px solid #fff; }
  table.calendar td { font-weight: bold; font-variant-numeric: tabular-nums; }
  table.calendar td.to-come { color: #888; background: repeating-linear-gradient(45deg, #f4f4f4 0 4px, #fff 4px 8px); }
  table.calendar td.out { background: none; }
  .mark { color: #2e7d32; font-size: 0.8em; }
  .legend span { display: inline-block; width: 1.5rem; text-align: center; font-weight: bold; }
  .p0 { background: #eeeeee; } .p1 { background: #ffffd7; } .p2 { background: #ffffaf; } .p3 { background: #ffd7af; }
  .p4 { background: #ffd787; } .p5 { background: #ffaf87; } .p6 { background: #ff875f; } .p7 { background: #ff5f5f; color: #fff; }
  .p8 { background: #d75f5f; color: #fff; } .p9 { background: #d70000; color: #fff; } .p10 { background: #af0000; color: #fff; }
  .p7 .mark, .p8 .mark, .p9 .mark, .p10 .mark { color: #fff; }
  @media print { body { margin: 0; max-width: none; } section, .card, table { break-inside: avoid; } }
)";

struct Geometry {
  double width = 720, height = 260, left = 64, right = 12, top = 12, bottom = 52;
  int n = 1;
  double plot_w() const { return width - left - right; }
  double plot_h() const { return height - top - bottom; }
  double x(int i) const { return left + (i + 0.5) * plot_w() / n; }
  double y(double pain) const { return top + (10.0 - std::clamp(pain, 0.0, 10.0)) / 10.0 * plot_h(); }
};

std::string svg_chart(const Report& r) {
  Geometry g;
  g.n = std::max(1, static_cast<int>(r.days.size()));
  std::string s = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {:.0f} {:.0f}\" role=\"img\" "
      "aria-labelledby=\"chart-title\">\n<title id=\"chart-title\">Mean pain each day (0 to 10) and days with a "
      "self-care session</title>\n",
      g.width, g.height);
  for (int p = 0; p <= 10; p += 2) {
    s += fmt::format("<line class=\"grid\" x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\"/>"
                     "<text class=\"axis\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>\n",
                     g.left, g.y(p), g.width - g.right, g.y(p), g.left - 6, g.y(p) + 4, p);
  }
  // A line through each run of consecutive days with data; gaps stay gaps.
  std::string run;
  auto flush = [&] {
    if (std::count(run.begin(), run.end(), ' ') >= 1) s += "<polyline class=\"line\" points=\"" + run + "\"/>\n";
    run.clear();
  };
  for (int i = 0; i < static_cast<int>(r.days.size()); ++i) {
    const Day& d = r.days[static_cast<std::size_t>(i)];
    if (!d.mean) {
      flush();
      continue;
    }
    run += fmt::format("{}{:.1f},{:.1f}", run.empty() ? "" : " ", g.x(i), g.y(*d.mean));
  }
  flush();
  for (int i = 0; i < static_cast<int>(r.days.size()); ++i) {
    const Day& d = r.days[static_cast<std::size_t>(i)];
    if (d.mean)
      s += fmt::format("<circle class=\"pain\" cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"4\"><title>{}: mean pain {}</title></circle>\n",
                       g.x(i), g.y(*d.mean), date_label(d.date), num1(d.mean));
  }
  double base = g.top + g.plot_h();
  double cell = g.plot_w() / g.n;
  for (int i = 0; i < static_cast<int>(r.days.size()); ++i) {
    const Day& d = r.days[static_cast<std::size_t>(i)];
    if (d.sessions)
      s += fmt::format("<rect class=\"session\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"8\"><title>{}: {}</title></rect>\n",
                       g.x(i) - cell * 0.3, base + 8, cell * 0.6, date_label(d.date),
                       plural(d.sessions, "session", "sessions"));
  }
  s += fmt::format("<text class=\"axis\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"end\">sessions</text>\n", g.left - 6,
                   base + 16);
  int every = std::max(1, (g.n + 9) / 10);
  for (int i = 0; i < g.n && i < static_cast<int>(r.days.size()); i += every) {
    std::string label = date_label(r.days[static_cast<std::size_t>(i)].date).substr(5);
    s += fmt::format("<text class=\"axis\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">{}</text>\n", g.x(i),
                     g.height - 12, label);
  }
  return s + "</svg>\n";
}

// Each rated session of a routine as a vertical line from its before (hollow) to its after
// (filled) rating, oldest first; with a title and a text alternative listing every pair.
std::string pairs_svg(const RoutineSummary& x, int index) {
  Geometry g;
  g.height = 200;
  g.bottom = 36;
  g.n = std::max(1, static_cast<int>(x.pairs.size()));
  g.width = std::clamp(g.left + g.right + 56.0 * g.n, 280.0, 720.0);  // a few sessions: a narrow chart
  std::string id = fmt::format("pairs-{}", index), list;
  for (const RatedPair& p : x.pairs) list += fmt::format("{}{}: {} before, {} after", list.empty() ? "" : "; ", date_label(p.day), p.before, p.after);
  std::string s = fmt::format(
      "<figure>\n<svg class=\"pairs\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{:.0f}\" viewBox=\"0 0 {:.0f} {:.0f}\" role=\"img\" "
      "aria-labelledby=\"{}-title {}-desc\">\n<title id=\"{}-title\">{} ({}): pain before and after each of {}"
      "</title>\n<desc id=\"{}-desc\">{}.</desc>\n",
      g.width, g.width, g.height, id, id, id, esc(x.routine), x.kind, plural(x.rated, "rated session", "rated sessions"), id, esc(list));
  for (int p = 0; p <= 10; p += 2)
    s += fmt::format("<line class=\"grid\" x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\"/>"
                     "<text class=\"axis\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>\n",
                     g.left, g.y(p), g.width - g.right, g.y(p), g.left - 6, g.y(p) + 4, p);
  for (int i = 0; i < static_cast<int>(x.pairs.size()); ++i) {
    const RatedPair& p = x.pairs[static_cast<std::size_t>(i)];
    s += fmt::format("<g><title>{}: pain {} before, {} after</title><line class=\"pair\" x1=\"{:.1f}\" y1=\"{:.1f}\" "
                     "x2=\"{:.1f}\" y2=\"{:.1f}\"/><circle class=\"before\" cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"5\"/>"
                     "<circle class=\"after\" cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"4\"/></g>\n",
                     date_label(p.day), p.before, p.after, g.x(i), g.y(p.before), g.x(i), g.y(p.after), g.x(i),
                     g.y(p.before), g.x(i), g.y(p.after));
  }
  int every = std::max(1, (g.n + 9) / 10);
  for (int i = 0; i < static_cast<int>(x.pairs.size()); i += every)
    s += fmt::format("<text class=\"axis\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">{}</text>\n", g.x(i),
                     g.height - 12, date_label(x.pairs[static_cast<std::size_t>(i)].day).substr(5));
  return s + "</svg>\n<figcaption><strong>" + esc(x.routine) + " (" + x.kind + ")</strong>: pain before each rated "
         "session (hollow circle) and after it (filled), one line a session, oldest first.</figcaption>\n</figure>\n";
}

std::string td(std::string_view v, bool number = true) {
  return fmt::format("<td{}>{}</td>", number ? " class=\"n\"" : "", esc(v));
}

std::string days_table(const Report& r) {
  std::string s =
      "<table>\n<thead><tr><th>day</th><th class=\"n\">entries</th><th class=\"n\">mean pain</th>"
      "<th class=\"n\">lowest</th><th class=\"n\">highest</th><th class=\"n\">sessions</th>"
      "<th class=\"n\">minutes</th></tr></thead>\n<tbody>\n";
  for (const Day& d : r.days) {
    std::string day = weekday_name(d.date) + " " + date_label(d.date);
    if (d.to_come) {
      s += "<tr class=\"to-come\">" + td(day, false) + "<td colspan=\"6\">to come</td></tr>\n";
      continue;
    }
    s += "<tr>" + td(day, false) + td(fmt::format("{}", d.entries)) + td(num1(d.mean)) +
         td(d.min ? fmt::format("{}", *d.min) : "-") + td(d.max ? fmt::format("{}", *d.max) : "-") +
         td(fmt::format("{}", d.sessions)) + td(minutes(d.session_time)) + "</tr>\n";
  }
  return s + "</tbody>\n</table>\n";
}

std::string p(std::string_view text) { return "<p>" + esc(text) + "</p>\n"; }

// Adherence, each routine with its rated sessions (a table, then a chart a routine), the
// next-day comparison and desk breaks.
std::string sessions_html(const Report& r) {
  std::string s;
  s += "<section>\n<h2>Self-care sessions</h2>\n";
  if (r.adherence)
    s += p(fmt::format("Days with a session: {} of {} ({}). Current streak: {}.", r.days_with_session, r.days_judged,
                       percent(*r.adherence), streak_text(r)));
  if (r.routines.empty()) s += p("No routine or timer sessions in this range.");
  else {
    s += "<table>\n<thead><tr><th>routine</th><th class=\"n\">sessions</th><th class=\"n\">completed</th>"
         "<th class=\"n\">minutes</th><th>pain before and after (rated sessions)</th></tr></thead>\n<tbody>\n";
    for (const RoutineSummary& x : r.routines)
      s += "<tr>" + td(x.routine + " (" + x.kind + ")", false) + td(fmt::format("{}", x.sessions)) +
           td(fmt::format("{}", x.completed)) + td(minutes(x.time)) + td(rated_text(x), false) + "</tr>\n";
    s += "</tbody>\n</table>\n";
    for (std::size_t i = 0; i < r.routines.size(); ++i)
      if (!r.routines[i].pairs.empty()) s += pairs_svg(r.routines[i], static_cast<int>(i));
  }
  s += p(next_day_text(r)) + "<p class=\"note\">" + esc(effects_note()) + "</p>\n";
  if (r.breaks_done + r.breaks_skipped + r.breaks_snoozed + r.breaks_missed + r.breaks_idle > 0)
    s += p(fmt::format("Desk breaks: {} done, {} skipped, {} snoozed{}.", r.breaks_done, r.breaks_skipped, r.breaks_snoozed, break_extras(r)));
  s += "</section>\n";
  return s;
}

}  // namespace

std::string render_html(const Report& r, const RenderOptions& o) {
  std::string title = "psoas report: " + range_label(r);
  std::string s = "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n"
                  "<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
                  "<title>" + esc(title) + "</title>\n<style>" + css + "</style>\n</head>\n<body>\n";
  s += "<header>\n<h1>Pain journal report</h1>\n<p class=\"range\">" + esc(range_label(r)) +
       (o.generated.empty() ? "" : "; made " + esc(o.generated)) + "</p>\n</header>\n";

  if (!r.warnings.empty()) {
    s += "<section class=\"warnings\">\n<h2>Warnings</h2>\n<ul>\n";
    for (Warning w : r.warnings) s += "<li><strong>Warning:</strong> " + esc(warning_text(w, r)) + "</li>\n";
    for (const RedFlag& f : r.red_flags)
      s += "<li>Triage on " + esc(date_label(f.day)) + ": " + esc(f.outcome) +
           (f.reasons.empty() ? "" : " (" + esc(fmt::format("{}", fmt::join(f.reasons, ", "))) + ")") + "</li>\n";
    s += "</ul>\n</section>\n";
  }

  if (!r.mentions.empty()) {
    s += "<section>\n<h2>" + esc(mention_heading(r)) + "</h2>\n<ul>\n";
    for (const Mention& m : r.mentions) s += "<li>" + esc(mention_text(m)) + "</li>\n";
    s += "</ul>\n</section>\n";
  }

  s += "<section>\n<h2>Pain</h2>\n";
  if (r.entries == 0) s += p("No entries in this range.");
  else
    s += p(fmt::format("Mean {} (lowest {}, highest {}) from {} on {} of {}.", num1(r.mean), *r.min, *r.max,
                       plural(r.entries, "entry", "entries"), r.days_with_entries,
                       plural(static_cast<int>(r.days.size()), "day", "days")));
  s += p(trend_sentence(r));
  if (r.peg) s += p(peg_text(*r.peg) + ".");
  s += svg_chart(r);
  s += "<p class=\"note\">Dots: mean pain on each day with entries (0 = none, 10 = worst imaginable). "
       "Green marks under the chart: days with a self-care session.</p>\n";
  s += calendar_html(r) + "</section>\n";

  s += "<section>\n<h2>Day by day</h2>\n" + days_table(r) + "</section>\n";

  s += sessions_html(r);

  if (!r.triggers.empty() || !r.helpers.empty()) {
    s += fmt::format("<section>\n<h2>Triggers and helpers (seen on {} days or more)</h2>\n<ul>\n", min_factor_days);
    for (const Factor& f : r.triggers) s += "<li>trigger <strong>" + esc(f.name) + "</strong>: " + esc(factor_text(f)) + ".</li>\n";
    for (const Factor& f : r.helpers) s += "<li>helped <strong>" + esc(f.name) + "</strong>: " + esc(factor_text(f)) + ".</li>\n";
    s += "</ul>\n<p class=\"note\">These show what went together, not what caused what.</p>\n</section>\n";
  }
  if (!r.locations.empty()) {
    s += "<section>\n<h2>Pain by place</h2>\n<ul>\n";
    for (const LocationSummary& l : r.locations) s += "<li>" + esc(l.name) + ": " + esc(location_text(l)) + ".</li>\n";
    s += "</ul>\n</section>\n";
  }

  auto card = cauda_equina_card(r.emergency_number);
  s += "<aside class=\"card\">\n<p class=\"title\">" + esc(card.front()) + "</p>\n<ul>\n";
  for (std::size_t i = 1; i + 1 < card.size(); ++i) s += "<li>" + esc(card[i]) + "</li>\n";
  s += "</ul>\n<p><strong>" + esc(card.back()) + "</strong></p>\n</aside>\n";
  s += "<footer>\n" + p(safety_net()) + p(disclaimer()) + "</footer>\n</body>\n</html>\n";
  return s;
}

}  // namespace psoas::report::detail
