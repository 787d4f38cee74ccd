#include "frontdoor/runtime/periodic_thread.hpp"

#include <atomic>
#include <chrono>

#include <gtest/gtest.h>

namespace frontdoor::runtime {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;

// Shutting the server down must not wait out an SLA sweep's interval (minutes in production).
TEST(PeriodicThreadTest, StopCutsAWaitShortAndTheBodyReturns) {
  std::atomic<int> rounds{0};
  std::atomic<bool> returned{false};
  {
    PeriodicThread thread(hours(1), [&](PeriodicThread& self) {
      ++rounds;
      EXPECT_TRUE(self.WaitOrStop()) << "only Stop ends an hour's wait";
      returned = true;
    });
    const auto asked = std::chrono::steady_clock::now();
    thread.Stop();
    EXPECT_LT(std::chrono::steady_clock::now() - asked, std::chrono::seconds(30));
    EXPECT_TRUE(returned);
    thread.Stop();  // idempotent; the destructor stops again
  }
  EXPECT_EQ(rounds, 1);
}

TEST(PeriodicThreadTest, WaitsReturnFalseUntilStopped) {
  std::atomic<int> waits{0};
  PeriodicThread thread(milliseconds(1), [&](PeriodicThread& self) {
    while (!self.WaitOrStop()) {
      ++waits;
    }
  });
  while (waits < 3) {
    std::this_thread::yield();
  }
  thread.Stop();
  EXPECT_GE(waits, 3);
}

}  // namespace
}  // namespace frontdoor::runtime
