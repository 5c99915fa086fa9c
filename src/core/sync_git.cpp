// A sync folder that is a git work tree: this device's file committed, the others' pulled
// (rebased: device files never conflict, each device writes only its own) and pushed, with
// the real git command through `process`. A failure is a warning; the local sync goes on.
#include <fmt/format.h>
#include <sys/stat.h>

#include "psoas/process.hpp"
#include "psoas/sync.hpp"

namespace psoas::sync::git {
namespace fs = std::filesystem;

namespace {

using namespace std::chrono_literals;

// git, never asking for a user name or password on the terminal (a sync that runs after
// every write must not stop `psoas log` to wait for one): it fails instead, as a warning.
process::Result git(const fs::path& dir, std::vector<std::string> args, std::chrono::milliseconds limit = 10s) {
  std::vector<std::string> argv{"env", "GIT_TERMINAL_PROMPT=0", "git", "-C", dir.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  return process::run(argv, process::Options{limit});
}

// git's options for committing (commit, rebase): an identity of psoas's own when the
// repository and the user set none (git would refuse to commit).
std::vector<std::string> identity(const fs::path& dir, const std::string& device) {
  if (git(dir, {"config", "user.email"}).ok()) return {};
  return {"-c", "user.name=psoas", "-c", fmt::format("user.email=psoas@{}", device)};
}

// What git said about its failure in one line: its first "fatal:" or "error:" line (a
// failed fetch ends with advice such as "and the repository exists."), else its last line;
// or how it ended.
std::string why(const process::Result& r) {
  std::string text = r.err.empty() ? r.out : r.err;
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  std::string last;
  for (std::size_t at = 0; at < text.size();) {
    std::size_t nl = text.find('\n', at);
    if (nl == std::string::npos) nl = text.size();
    last = text.substr(at, nl - at);
    if (last.starts_with("fatal: ") || last.starts_with("error: ")) break;
    at = nl + 1;
  }
  if (last.empty() || r.error != 0 || r.timed_out) return process::describe(r);
  return last;
}

std::string first_line(const std::string& s) { return s.substr(0, s.find('\n')); }

// The remote to pull from and push to ("origin" when there is one), or nothing.
std::optional<std::string> remote_of(const fs::path& dir) {
  auto r = git(dir, {"remote"});
  if (!r.ok() || r.out.empty()) return std::nullopt;
  if (r.out.starts_with("origin\n") || r.out.find("\norigin\n") != std::string::npos) return "origin";
  return first_line(r.out);
}

}  // namespace

bool is_work_tree(const fs::path& dir) {
  // A look for .git first, so a plain folder costs no process.
  std::error_code ec;
  bool found = false;
  for (fs::path p = fs::absolute(dir, ec); !p.empty(); p = p.parent_path()) {
    struct stat st {};
    if (::stat((p / ".git").c_str(), &st) == 0) {
      found = true;
      break;
    }
    if (p == p.root_path()) break;
  }
  if (!found) return false;
  auto r = git(dir, {"rev-parse", "--is-inside-work-tree"});
  return r.ok() && r.out.starts_with("true");
}

std::optional<std::string> commit(const fs::path& dir, const std::string& file, const std::string& device) {
  auto add = git(dir, {"add", "--", file});
  if (!add.ok()) return fmt::format("git add in {} failed: {}", dir.string(), why(add));
  if (git(dir, {"diff", "--cached", "--quiet", "--", file}).ok()) return std::nullopt;  // nothing new
  std::vector<std::string> args = identity(dir, device);
  for (const char* a : {"commit", "-q", "-m"}) args.emplace_back(a);
  args.push_back(fmt::format("psoas sync: changes from {}", device));
  args.insert(args.end(), {"--", file});
  auto r = git(dir, args);
  if (!r.ok()) return fmt::format("git commit in {} failed: {}", dir.string(), why(r));
  return std::nullopt;
}

std::optional<std::string> pull_push(const fs::path& dir, const std::string& device) {
  const auto remote = remote_of(dir);
  if (!remote) return std::nullopt;  // a local repository: commits only
  auto head = git(dir, {"symbolic-ref", "--short", "HEAD"});
  if (!head.ok()) return fmt::format("git in {}: no branch checked out; not pulled or pushed", dir.string());
  const std::string branch = first_line(head.out);
  auto pull = [&]() -> std::optional<std::string> {
    auto fetch = git(dir, {"fetch", "-q", *remote}, 60s);
    if (!fetch.ok()) return fmt::format("git fetch {} in {} failed: {}", *remote, dir.string(), why(fetch));
    const std::string theirs = fmt::format("refs/remotes/{}/{}", *remote, branch);
    if (!git(dir, {"rev-parse", "--verify", "-q", theirs}).ok()) return std::nullopt;  // nothing pushed yet
    std::vector<std::string> args = identity(dir, device);
    args.insert(args.end(), {"rebase", "-q", "--autostash", theirs});
    auto rebase = git(dir, args, 60s);
    if (rebase.ok()) return std::nullopt;
    // Only a device's own file changes on two sides: two journals with this device's id.
    auto conflicts = git(dir, {"diff", "--name-only", "--diff-filter=U"});
    git(dir, {"rebase", "--abort"});
    if (conflicts.ok() && conflicts.out.find(device + ".jsonl\n") != std::string::npos) {
      return fmt::format("{}/{}.jsonl was written by another journal with the same device id {} (a copied journal?); "
                         "not pulled or pushed: give this journal a new id with 'psoas sync --new-device-id'",
                         dir.string(), device, device);
    }
    return fmt::format("git rebase onto {}/{} in {} failed: {}", *remote, branch, dir.string(), why(rebase));
  };
  if (auto w = pull()) return w;
  auto push = git(dir, {"push", "-q", "-u", *remote, branch}, 60s);
  if (push.ok()) return std::nullopt;
  if (auto w = pull()) return w;  // another device pushed meanwhile: once more on top of it
  push = git(dir, {"push", "-q", "-u", *remote, branch}, 60s);
  if (!push.ok()) return fmt::format("git push to {} from {} failed: {}", *remote, dir.string(), why(push));
  return std::nullopt;
}

}  // namespace psoas::sync::git
