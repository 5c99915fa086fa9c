// The heap on a transparent huge page, from before the first allocation that matters.
//
// A command such as the weekly report allocates a few hundred KiB (SQLite's pages and parsed
// schema, CLI11's option tree, the report), and each 4 KiB page of it is a page fault the
// first time it is written: about 80 of the report's 200 faults, at about 10 us each on the
// bench machine (bench/README.md, "Start-up: page faults"). glibc can put its heap on
// transparent huge pages itself (the glibc.malloc.hugetlb=1 tunable), but only when the
// environment says so before the process starts. This does the same at start-up: it pads
// the heap up to the next 2 MiB boundary with one allocation that is never written (address
// space only, no memory), has the heap reach 2 MiB past that boundary, and marks that range
// MADV_HUGEPAGE. The first write there maps one zeroed huge page, and the next 2 MiB of
// allocations cost no fault at all.
//
// The cost is up to 2 MiB more resident memory while a command runs (peak RSS of `psoas
// log` stays well under its 8 MiB target). Where THP is `never`, madvise changes nothing and
// the heap stays on 4 KiB pages. Under a sanitizer, whose allocator is not glibc's, nothing
// is done.
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>

namespace {

#if !defined(__SANITIZE_ADDRESS__) && defined(__GLIBC__)

void* heap_pad = nullptr;  // never freed: freed, its pages would be handed out before the huge page's

void heap_on_huge_page() {
  constexpr std::uintptr_t huge = std::uintptr_t{2} << 20;
  const auto brk = reinterpret_cast<std::uintptr_t>(sbrk(0));
  const std::size_t top = mallinfo2().keepcost;  // the free chunk at the heap's end, below brk
  if (brk == static_cast<std::uintptr_t>(-1) || top > brk) return;
  const std::uintptr_t top_start = brk - top;
  // The huge page's range lies past brk, so nothing in it was ever written; the pad ends
  // just below it (its header, and that of the free chunk after it, in the page before).
  const std::uintptr_t start = (brk + 4096 + huge - 1) & ~(huge - 1);
  // The pad and the huge page come from one sbrk: the pad from the heap although it is
  // over glibc's default mmap threshold (128 KiB, which rises by itself up to 32 MiB as
  // large blocks are freed; any mallopt fixes it, so at 4 MiB), and the heap grown 2 MiB
  // past what the pad needs (and kept that far past its end when it shrinks, as top_pad,
  // so that the huge page stays whole).
  mallopt(M_MMAP_THRESHOLD, 4 << 20);
  mallopt(M_TOP_PAD, static_cast<int>(huge) + 64 * 1024);
  heap_pad = std::malloc(start - top_start - 64);
  const auto end = reinterpret_cast<std::uintptr_t>(sbrk(0));
  if (heap_pad != nullptr && end >= start + huge) madvise(reinterpret_cast<void*>(start), huge, MADV_HUGEPAGE);
}

// Priority 101, the first a program may use: before the static constructors of psoas,
// CLI11 and libstdc++, whose allocations then land on the huge page too.
__attribute__((constructor(101))) void heap_on_huge_page_at_start() { heap_on_huge_page(); }

#endif

}  // namespace
