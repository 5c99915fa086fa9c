// psoas log export / import: entries as CSV, JSON or JSON Lines, and back, all or nothing.
#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "log.hpp"
#include "psoas/error.hpp"
#include "psoas/journal_io.hpp"

namespace psoas::cli::logcmd {

namespace {

namespace fs = std::filesystem;

struct ExportOptions {
  std::string format = "csv";
  bool json = false;
  Selection select;
};

struct ImportOptions {
  std::string file;
  std::string format;
};

EntryFormat format_option(const std::string& text, const char* command) {
  auto f = entry_format_from_string(text);
  if (!f) throw UsageError(command, fmt::format("unknown format '{}'", text), "use csv, json or jsonl");
  return *f;
}

// Writes to stdout in large pieces and reports a failed write (a full disk, a closed pipe).
class StdoutChunks {
 public:
  std::ostringstream buffer;
  void flush_if_big() {
    if (buffer.tellp() > (1 << 20)) flush();
  }
  void flush() {
    std::string s = buffer.str();
    if (std::fwrite(s.data(), 1, s.size(), stdout) != s.size() || std::fflush(stdout) != 0) {
      throw DataError("log export", fmt::format("cannot write the export: {}", std::strerror(errno)));
    }
    buffer.str({});
  }
};

void run_export(const ExportOptions& o, Services& services) {
  const EntryFormat format = format_option(o.json ? "json" : o.format, "log export");
  const Journal& journal = services.journal(Access::read_only);
  StdoutChunks out;
  EntryExporter exporter(out.buffer, format);
  const auto write = [&](const Entry& e) {
    exporter.write(e);
    out.flush_if_big();
  };
  if (selects_all(o.select)) {
    journal.for_each_entry(write);  // streamed: a whole journal is never held in memory
  } else {
    for (const Entry& e : select_entries(o.select, journal, services, "log export")) write(e);
  }
  exporter.finish();
  out.flush();
}

// The input: a file streamed from disk (read twice into a new journal: seekable), or
// stdin read into memory.
struct Input {
  std::string name;
  std::ifstream file;
  std::istringstream text;
  std::istream* stream = nullptr;
};

void open_input(Input& in, const std::string& path) {
  if (path == "-") {
    in.name = "stdin";
    in.text.str(std::string(std::istreambuf_iterator<char>(std::cin), {}));
    if (std::cin.bad()) throw DataError("import", "cannot read stdin");
    in.stream = &in.text;
    return;
  }
  in.name = path;
  std::error_code ec;
  if (fs::is_directory(path, ec)) throw DataError("import", fmt::format("{} is a directory", path));
  in.file.open(path, std::ios::binary);
  if (!in.file) throw DataError("import", fmt::format("cannot read {}: {}", path, std::strerror(errno)));
  in.stream = &in.file;
}

// The first bytes, to tell the format, leaving the stream where it was.
std::string peek_head(std::istream& s) {
  char buf[64] = {};
  s.read(buf, sizeof buf);
  std::string head(buf, static_cast<std::size_t>(s.gcount()));
  s.clear();
  s.seekg(0);
  return head;
}

void run_import(const ImportOptions& o, Services& services) {
  std::optional<EntryFormat> format;
  if (!o.format.empty()) format = format_option(o.format, "log import");
  const Instant now = services.clock().wall_now();
  // A journal that does not exist yet is only created once the whole input has been checked.
  const bool fresh = !fs::exists(services.paths().journal);
  Input in;
  open_input(in, o.file);
  if (!format) format = detect_entry_format(in.name == "stdin" ? "" : in.name, peek_head(*in.stream));
  if (fresh) {
    EntryImporter check(*in.stream, *format, in.name, now, &services.zone());
    while (check.next()) {
    }
    in.stream->clear();
    in.stream->seekg(0);
  }
  EntryImporter importer(*in.stream, *format, in.name, now, &services.zone());
  ImportResult r = services.journal().import_entries([&] { return importer.next(); }, now);
  if (in.stream->bad()) throw DataError("import", fmt::format("cannot read {}", in.name));
  fmt::print("imported {}, skipped {} already present\n", r.added, r.skipped);
}

}  // namespace

void add_log_io(CLI::App& log, Services& services) {
  auto export_opts = std::make_shared<ExportOptions>();
  auto* exp = log.add_subcommand("export", "Write entries to stdout (CSV, JSON or JSON Lines), all or those selected");
  auto* format = exp->add_option("-f,--format", export_opts->format, "csv (default), json or jsonl")->type_name("{csv,json,jsonl}");
  exp->add_flag("--json", export_opts->json, "Short for --format json")->excludes(format);
  add_selection(*exp, export_opts->select);
  exp->footer(
      "Examples:\n"
      "  psoas log export > journal.csv\n"
      "  psoas log export --format jsonl --since -30d > recent.jsonl");
  exp->callback([export_opts, &services] { run_export(*export_opts, services); });

  auto import_opts = std::make_shared<ImportOptions>();
  auto* imp = log.add_subcommand("import", "Add entries from what export wrote; all or nothing, known uuids skipped");
  imp->add_option("file", import_opts->file, "The file to read, or - for stdin")->type_name("FILE|-")->required();
  imp->add_option("-f,--format", import_opts->format, "csv, json or jsonl (default: from the name or the content)")
      ->type_name("{csv,json,jsonl}");
  imp->footer(
      "Examples:\n"
      "  psoas log import journal.csv\n"
      "  psoas log export --json | psoas log import - --format json");
  imp->callback([import_opts, &services] { run_import(*import_opts, services); });
}

}  // namespace psoas::cli::logcmd
