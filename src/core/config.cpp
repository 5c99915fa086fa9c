// Placeholder: replaced by the config loader.
#include "psoas/config.hpp"

namespace psoas {
Config load_config(const std::filesystem::path&) { return {}; }
}  // namespace psoas
