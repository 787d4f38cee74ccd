// The C library's heap inside `frontdoor serve`. glibc gives threads up to 8 arenas per core,
// and each arena keeps what was freed in it: with 64 workers and two event loops on two
// cores, a soak saw malloc hold 88 MB free after the warm-up and 117 MB a minute later while
// the bytes in use stayed at 141 MB, so resident memory grew with no leak behind it. Fewer
// arenas, large blocks mapped on their own, and free pages handed back to the kernel now and
// then keep it close to what is in use.
#pragma once

#include <chrono>

#include "frontdoor/runtime/periodic_thread.hpp"

namespace frontdoor::app {

// Caps malloc's arenas at two per core (at least two), and serves blocks of 256 KiB and more
// (a list of 1,000 Open311 requests, an index's posting lists as they double) from mappings
// of their own, given back when freed: by default glibc raises that threshold to the largest
// block freed, and such blocks then stay behind in the arenas as free holes. Call before the
// server starts threads.
void ConfigureHeap();

// Hands the heap's free pages back to the kernel (malloc_trim) every interval, on a thread of
// its own, until stopped. A trim locks each arena for a moment: minutes apart, not seconds.
class HeapTrimmer {
 public:
  explicit HeapTrimmer(std::chrono::milliseconds interval);
  HeapTrimmer(const HeapTrimmer&) = delete;
  HeapTrimmer& operator=(const HeapTrimmer&) = delete;

  void Stop();  // idempotent

 private:
  runtime::PeriodicThread thread_;
};

}  // namespace frontdoor::app
