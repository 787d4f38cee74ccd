#include "heap.hpp"

#include <algorithm>
#include <thread>

#include <malloc.h>

namespace frontdoor::app {

void ConfigureHeap() {
  const int cores = static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
  mallopt(M_ARENA_MAX, std::max(2, 2 * cores));
  // Setting it also turns off glibc's sliding threshold.
  mallopt(M_MMAP_THRESHOLD, 256 * 1024);
}

HeapTrimmer::HeapTrimmer(std::chrono::milliseconds interval)
    : thread_(interval, [](runtime::PeriodicThread& self) {
        while (!self.WaitOrStop()) {
          malloc_trim(0);
        }
      }) {}

void HeapTrimmer::Stop() {
  thread_.Stop();
}

}  // namespace frontdoor::app
