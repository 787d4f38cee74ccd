#include "frontdoor/runtime/periodic_thread.hpp"

#include <utility>

namespace frontdoor::runtime {

PeriodicThread::PeriodicThread(std::chrono::milliseconds interval,
                               std::function<void(PeriodicThread&)> body)
    : interval_(interval), thread_([this, body = std::move(body)] { body(*this); }) {}

PeriodicThread::~PeriodicThread() {
  Stop();
}

void PeriodicThread::Stop() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) {
    thread_.join();
  }
}

bool PeriodicThread::WaitOrStop() {
  std::unique_lock lock(mutex_);
  return wake_.wait_for(lock, interval_, [this] { return stopping_; });
}

bool PeriodicThread::StopAsked() {
  const std::lock_guard lock(mutex_);
  return stopping_;
}

}  // namespace frontdoor::runtime
