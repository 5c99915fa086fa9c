// Placeholder: replaced by the content loader.
#include "psoas/content.hpp"
#include "psoas/error.hpp"

namespace psoas {
Content load_content(const ContentDirs&) { throw DataError("content", "loader not built yet"); }
Content load_content(const std::vector<ContentSource>&) { throw DataError("content", "loader not built yet"); }
}  // namespace psoas
