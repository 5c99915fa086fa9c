#pragma once
// The one home of atomic file writes: a temporary file in the same directory, the mode,
// fsync, rename. Used by the report's --output, remind's files and the timer's state file.

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace psoas::files {

// Whether a write waits for the disk: `none` for a file that describes this moment only
// and lives in a tmpfs as a rule (the running timer's state).
enum class Sync { full, none };

// Writes `text` to `path` atomically with `mode` (a reader never sees half a file; a
// failure leaves the old file as it was and no temporary file). Throws DataError(subject, ...)
// on failure: "cannot write in DIR: ..." when no file can be made there, else "cannot write PATH: ...".
void write_atomically(const std::filesystem::path& path, std::string_view text, mode_t mode, std::string_view subject,
                      Sync sync = Sync::full);

// The whole file, or nothing when it is missing or unreadable.
std::optional<std::string> read(const std::filesystem::path& path);

}  // namespace psoas::files
