// The journal's cache of prepared statements (journal_detail::StatementCache).
#include "journal_impl.hpp"

namespace psoas::journal_detail {

StatementCache::Loan::Loan(Loan&& other) noexcept
    : m_statement(other.m_statement), m_busy(other.m_busy), m_own(std::move(other.m_own)) {
  other.m_statement = nullptr;
  other.m_busy = nullptr;
}

StatementCache::Loan::~Loan() {
  if (!m_statement || m_own) return;
  // Ends the statement's read at once, as a finished statement would; an error it kept
  // was thrown when it happened.
  m_statement->tryReset();
  try {
    m_statement->clearBindings();  // cannot fail on a reset statement; a destructor may not throw
  } catch (...) {
  }
  *m_busy = false;
}

StatementCache::Loan StatementCache::get(SQLite::Database& db, const std::string& sql) {
  auto [it, added] = m_slots.try_emplace(sql);
  Slot& slot = it->second;
  if (slot.busy) return Loan(std::make_unique<SQLite::Statement>(db, sql));
  if (!slot.statement) {
    try {
      slot.statement = std::make_unique<SQLite::Statement>(db, sql);
    } catch (...) {
      m_slots.erase(it);
      throw;
    }
  }
  slot.busy = true;
  return Loan(*slot.statement, &slot.busy);
}

}  // namespace psoas::journal_detail
