// The thread behind the server's background loops (SLA sweep, knowledge and case search
// refreshers, email delivery): it runs one body until stopped, and the body waits between rounds in
// a way that Stop cuts short, so shutting down never waits out an interval. Stop and the destructor
// may be called from any thread but the periodic one.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace frontdoor::runtime {

class PeriodicThread {
 public:
  // Starts a thread that runs `body` once, passing this object so that the body can wait.
  // Declare a PeriodicThread after every member its body uses: it starts at once.
  PeriodicThread(std::chrono::milliseconds interval, std::function<void(PeriodicThread&)> body);
  ~PeriodicThread();  // stops
  PeriodicThread(const PeriodicThread&) = delete;
  PeriodicThread& operator=(const PeriodicThread&) = delete;

  // Asks the body to finish, and joins it once it has. Idempotent.
  void Stop();
  // Waits one interval; true as soon as Stop has been asked (then the body should return).
  [[nodiscard]] bool WaitOrStop();
  // Whether Stop has been asked, without waiting.
  [[nodiscard]] bool StopAsked();

 private:
  const std::chrono::milliseconds interval_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;  // last: it starts once everything above is ready
};

}  // namespace frontdoor::runtime
