#include "psoas/files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>

#include <fmt/format.h>

#include "psoas/error.hpp"

namespace psoas::files {

void write_atomically(const std::filesystem::path& path, std::string_view text, mode_t mode, std::string_view subject,
                      Sync sync) {
  std::filesystem::path dir = path.parent_path().empty() ? "." : path.parent_path();
  std::string tmp = (dir / ("." + path.filename().string() + ".XXXXXX")).string();
  int fd = ::mkstemp(tmp.data());
  if (fd < 0) throw DataError(std::string(subject), fmt::format("cannot write in {}: {}", dir.string(), std::strerror(errno)));
  const char* p = text.data();
  std::size_t left = text.size();
  int err = 0;
  while (left > 0 && !err) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0 && errno != EINTR) err = errno;
    if (n > 0) p += n, left -= static_cast<std::size_t>(n);
  }
  if (!err && ::fchmod(fd, mode) != 0) err = errno;
  if (!err && sync == Sync::full && ::fsync(fd) != 0) err = errno;
  if (::close(fd) != 0 && !err) err = errno;
  if (!err && std::rename(tmp.c_str(), path.c_str()) != 0) err = errno;
  if (err) {
    std::remove(tmp.c_str());
    throw DataError(std::string(subject), fmt::format("cannot write {}: {}", path.string(), std::strerror(err)));
  }
}

std::optional<std::string> read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) return std::nullopt;
  return text;
}

}  // namespace psoas::files
