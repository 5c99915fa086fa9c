// psoas_spawn: runs whole processes interleaved and prints each one's median wall time and
// median peak RSS, so that the ratios of one run compare commands that met the same load.
//
//   psoas_spawn RUNS WARMUP 'COMMAND ARGS...' 'COMMAND ARGS...' ...
//
// Each round runs every command once (the order rotates every round); WARMUP rounds first
// are not counted. A command is split on spaces (no quoting) and found on PATH; leading
// NAME=VALUE words set its environment (TIMEWARRIORDB=/tmp/x timew summary); its output
// goes to /dev/null; its exit status is not checked (`timer --status` exits 1 when no timer
// runs). Prints one line a command: "median_ms min_ms median_rss_kib median_cpu_ms" (CPU:
// the child's user + system time, which waiting for a busy CPU does not inflate).
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

extern char** environ;

namespace {

struct Sample {
  double ms;
  long rss_kib;
  double cpu_ms;
};

double ms_of(const timeval& t) { return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_usec) / 1e3; }

Sample run(const std::vector<std::string>& words) {
  std::vector<char*> argv;
  std::vector<char*> env;
  for (const auto& w : words) {
    const bool assignment = argv.empty() && w.find('=') != std::string::npos;
    (assignment ? env : argv).push_back(const_cast<char*>(w.c_str()));
  }
  argv.push_back(nullptr);
  for (char** e = environ; *e; ++e) env.push_back(*e);  // the first of a name wins (glibc)
  env.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
  const auto start = std::chrono::steady_clock::now();
  pid_t pid = 0;
  if (posix_spawnp(&pid, argv[0], &fa, nullptr, argv.data(), env.data()) != 0) {
    std::fprintf(stderr, "psoas_spawn: cannot run %s\n", argv[0]);
    std::exit(1);
  }
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  const auto end = std::chrono::steady_clock::now();
  posix_spawn_file_actions_destroy(&fa);
  return {std::chrono::duration<double, std::milli>(end - start).count(), usage.ru_maxrss,
          ms_of(usage.ru_utime) + ms_of(usage.ru_stime)};
}

template <typename T>
T median(std::vector<T> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: psoas_spawn RUNS WARMUP 'COMMAND ARGS...' ...\n");
    return 2;
  }
  const int runs = std::atoi(argv[1]);
  const int warmup = std::atoi(argv[2]);
  std::vector<std::vector<std::string>> commands;
  for (int i = 3; i < argc; ++i) {
    std::istringstream in(argv[i]);
    std::vector<std::string> words;
    for (std::string w; in >> w;) words.push_back(w);
    commands.push_back(words);
  }
  const std::size_t n = commands.size();
  std::vector<std::vector<Sample>> samples(n);
  for (int round = 0; round < warmup + runs; ++round) {
    for (std::size_t k = 0; k < n; ++k) {
      const std::size_t j = (k + static_cast<std::size_t>(round)) % n;
      Sample s = run(commands[j]);
      if (round >= warmup) samples[j].push_back(s);
    }
  }
  for (const auto& list : samples) {
    std::vector<double> ms;
    std::vector<long> rss;
    std::vector<double> cpu;
    for (const Sample& s : list) {
      ms.push_back(s.ms);
      rss.push_back(s.rss_kib);
      cpu.push_back(s.cpu_ms);
    }
    std::printf("%.3f %.3f %ld %.3f\n", median(ms), *std::min_element(ms.begin(), ms.end()), median(rss), median(cpu));
  }
  return 0;
}
