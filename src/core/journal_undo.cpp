// Undo and redo (docs/history.md): each writes the inverse of changes already logged as
// new changes (origin "undo" or "redo", `undoes` naming what they revert), in one
// transaction. An inverse moves only what the change moved: an edit's own fields, an add's
// existence, a rm's existence, so a record changed since on another device keeps those
// changes.
#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include "journal_impl.hpp"
#include "psoas/error.hpp"
#include "psoas/history.hpp"

namespace psoas {

namespace {

using SQLite::Statement;

constexpr const char* columns =
    "SELECT c.seq, c.device, c.stamp, c.kind, c.record, c.op, c.before, c.after, c.batch, c.origin, c.undoes "
    "FROM change AS c ";

// What one step (undo or redo) looks for: which changes it may revert, and the origin a
// change that already reverts one of them has.
struct Step {
  const char* candidates;  // SQL condition on c
  const char* reverted_by;  // origin of the change that marks c done
  const char* origin;       // origin of what this step writes
};

constexpr Step undo_step{"c.origin IN ('user', 'redo')", "undo", "undo"};
constexpr Step redo_step{"c.origin = 'undo'", "redo", "redo"};

// The latest candidate of this device not yet reverted, with the rest of its batch,
// newest first.
std::vector<Change> latest_group(SQLite::Database& db, const std::string& device, const Step& step) {
  const std::string open = fmt::format(
      "c.device = ?1 AND {} AND NOT EXISTS (SELECT 1 FROM change AS x WHERE x.undoes = c.seq AND x.origin = '{}') ",
      step.candidates, step.reverted_by);
  Statement q(db, std::string(columns) + "WHERE " + open + "ORDER BY c.seq DESC LIMIT 1");
  q.bind(1, device);
  if (!q.executeStep()) return {};
  Change last = journal_detail::read_change(q);
  if (last.batch.empty()) return {last};
  Statement b(db, std::string(columns) + "WHERE " + open + "AND c.batch = ?2 ORDER BY c.seq DESC");
  b.bind(1, device);
  b.bind(2, last.batch);
  std::vector<Change> out;
  while (b.executeStep()) out.push_back(journal_detail::read_change(b));
  return out;
}

// True when this device made a user change after seq `after`.
bool user_change_since(SQLite::Database& db, const std::string& device, std::int64_t after) {
  Statement q(db, "SELECT 1 FROM change WHERE device = ? AND origin = 'user' AND seq > ? LIMIT 1");
  q.bind(1, device);
  q.bind(2, after);
  return q.executeStep();
}

// True when another device changed `record` after seq `after`.
bool changed_elsewhere(Journal::Impl& impl, const std::string& device, const Change& c) {
  auto loan = impl.prepared("SELECT 1 FROM change WHERE record = ? AND seq > ? AND device <> ? LIMIT 1");
  auto& q = *loan;
  q.bind(1, c.record);
  q.bind(2, c.seq);
  q.bind(3, device);
  return q.executeStep();
}

// The inverse of `c` against the record's state now (`now_state`): the change to log, with
// `after` the state to put. An inverse with nothing left to move is an edit whose before and
// after are the same (it sets no field), so `c` still counts as reverted.
Change inverse(const Change& c, const std::optional<std::string>& now_state) {
  Change out{.kind = c.kind, .record = c.record, .undoes = c.seq};
  if (c.op == "add") {
    out.op = now_state ? "rm" : "edit";
    out.before = now_state ? now_state : c.after;
    out.after = now_state ? std::nullopt : c.after;
  } else if (c.op == "rm") {
    out.op = now_state ? "edit" : "add";
    out.before = now_state;
    out.after = now_state ? now_state : c.before;
  } else {
    out.op = "edit";
    out.before = now_state ? now_state : c.after;
    out.after = now_state ? history::with_fields(*now_state, c.before.value_or("{}"),
                                                 history::changed_fields(c.before.value_or("{}"), c.after.value_or("{}")))
                          : out.before;
  }
  return out;
}

}  // namespace

// One step: the group found, its inverses applied and logged under one new batch.
static std::optional<UndoResult> run_step(Journal& j, Journal::Impl& impl, Instant now, const Step& step) {
  journal_detail::require_writable(impl.read_only, impl.path);
  return impl.guard([&]() -> std::optional<UndoResult> {
    auto& db = *impl.db;
    const std::string me = journal_detail::device_id(impl);
    journal_detail::ready_for_bulk(db);  // an import's undo takes its whole batch back
    journal_detail::Write w(impl);
    UndoResult result;
    result.reverted = latest_group(db, me, step);
    if (result.reverted.empty()) return std::nullopt;
    if (std::string_view(step.origin) == "redo" && user_change_since(db, me, result.reverted.front().seq)) return std::nullopt;
    journal_detail::ChangeLog log(impl, now);
    const std::string batch = result.reverted.size() > 1 ? make_uuid() : std::string{};
    for (const Change& c : result.reverted) {
      if (changed_elsewhere(impl, me, c)) result.others_changed = true;
      Change inv = inverse(c, j.record_json(c.kind, c.record));
      inv.batch = batch;
      inv.origin = step.origin;
      if (inv.before != inv.after || inv.op != "edit") j.put_record(inv.kind, inv.record, inv.after);
      log.record(inv);
      result.written.push_back(std::move(inv));
    }
    log.finish();
    w.commit();
    return result;
  });
}

std::optional<UndoResult> Journal::undo(Instant now) { return run_step(*this, *m_impl, now, undo_step); }

std::optional<UndoResult> Journal::redo(Instant now) { return run_step(*this, *m_impl, now, redo_step); }

}  // namespace psoas
