// Placeholder: replaced by the journal.
#include "psoas/journal.hpp"
#include "psoas/error.hpp"

namespace psoas {
struct Journal::Impl {};
Journal::Journal(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Journal::Journal(Journal&&) noexcept = default;
Journal& Journal::operator=(Journal&&) noexcept = default;
Journal::~Journal() = default;
Journal Journal::open(const std::filesystem::path&, Access) { throw DataError("journal", "not built yet"); }
const std::string& Journal::notice() const { static std::string s; return s; }
}  // namespace psoas
