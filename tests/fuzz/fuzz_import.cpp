// libFuzzer: journal import (CSV, JSON, JSON Lines) into an in-memory journal.
// Any input is imported whole or rejected with DataError/UsageError, never half-written.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "psoas/error.hpp"
#include "psoas/journal.hpp"
#include "psoas/journal_io.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace psoas;
  using namespace std::chrono;
  const std::string text(reinterpret_cast<const char*>(data), size);
  const Instant now{sys_days{year{2026} / November / 23}};
  for (EntryFormat format : {EntryFormat::csv, EntryFormat::json, EntryFormat::jsonl}) {
    Journal journal = Journal::in_memory();
    std::istringstream in(text);
    try {
      EntryImporter importer(in, format, "fuzz", now);
      journal.import_entries([&] { return importer.next(); });
    } catch (const Error&) {
      if (journal.entry_count() != 0) __builtin_trap();  // all or nothing
    }
  }
  return 0;
}
