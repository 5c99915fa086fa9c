#pragma once
// Atomic file writes: a temporary file in the same directory, fsync, rename, then the mode.

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace psoas::files {

// Writes `text` to `path` atomically with `mode` (a reader never sees half a file; a
// failure leaves the old file as it was). Throws DataError(subject, ...) on failure.
void write_atomically(const std::filesystem::path& path, std::string_view text, mode_t mode, std::string_view subject);

// The whole file, or nothing when it is missing or unreadable.
std::optional<std::string> read(const std::filesystem::path& path);

}  // namespace psoas::files
