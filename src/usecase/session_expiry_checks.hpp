// Test support for the one expiry rule staff and citizen sessions share: a session is valid
// strictly before its expiry instant, and at the instant itself it has ended. `resume`
// resumes the session under test at the clock's time and returns the use case's Result.
#pragma once

#include <chrono>

#include <gtest/gtest.h>

#include "frontdoor/core/clock.hpp"
#include "frontdoor/core/error.hpp"

namespace frontdoor::usecase {

template <class Resume>
void ExpectEndedAtThisInstant(Resume&& resume, const char* what) {
  auto ended = resume();
  ASSERT_FALSE(ended) << what;
  EXPECT_EQ(ended.error().code(), ErrorCode::kUnauthenticated) << what;
}

// For a session just started: alive a microsecond before `idle_timeout` without a request,
// ended at exactly `idle_timeout` after the last one.
template <class Resume>
void ExpectEndsAtTheIdleTimeout(ManualClock& clock, std::chrono::microseconds idle_timeout,
                                Resume&& resume) {
  clock.Advance(idle_timeout - std::chrono::microseconds(1));
  ASSERT_TRUE(resume()) << "a microsecond before the idle timeout";
  clock.Advance(idle_timeout);
  ExpectEndedAtThisInstant(resume, "at the idle timeout");
}

// For a session just started and used every 20 minutes, so it never idles out: alive a
// microsecond before `absolute_timeout`, ended at exactly `absolute_timeout`.
template <class Resume>
void ExpectEndsAtTheAbsoluteTimeout(ManualClock& clock, std::chrono::microseconds absolute_timeout,
                                    Resume&& resume) {
  const std::chrono::microseconds step = std::chrono::minutes(20);
  std::chrono::microseconds elapsed{0};
  while (elapsed + step < absolute_timeout) {
    clock.Advance(step);
    elapsed += step;
    ASSERT_TRUE(resume());
  }
  clock.Advance(absolute_timeout - elapsed - std::chrono::microseconds(1));
  ASSERT_TRUE(resume()) << "a microsecond before the absolute timeout";
  clock.Advance(std::chrono::microseconds(1));
  ExpectEndedAtThisInstant(resume, "at the absolute timeout");
}

}  // namespace frontdoor::usecase
