#include "frontdoor/core/error.hpp"

#include <stdexcept>

#include <gtest/gtest.h>

namespace frontdoor {
namespace {

Result<int> Half(int n) {
  if (n % 2 != 0) {
    return Error::Invalid("n", "Must be even");
  }
  return n / 2;
}

TEST(ErrorTest, DefaultErrorMeansInternal) {
  EXPECT_EQ(Error().code(), ErrorCode::kInternal);
}

TEST(ErrorTest, InvalidCarriesEveryFieldAndLeadsWithTheFirst) {
  const Error error = Error::Invalid({{"lat", "Enter a latitude"}, {"long", "Enter a longitude"}});
  EXPECT_EQ(error.code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(error.message(), "Enter a latitude");
  ASSERT_EQ(error.field_errors().size(), 2U);
  EXPECT_EQ(error.field_errors()[1].field, "long");
}

TEST(ErrorTest, ResultHoldsAValueOrAnError) {
  const auto ok = Half(4);
  ASSERT_TRUE(ok);
  EXPECT_EQ(*ok, 2);
  const auto bad = Half(3);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field_errors().front().field, "n");
}

TEST(ErrorTest, ValueOfAnErrorThrowsLogicError) {
  EXPECT_THROW((void)Half(3).value(), std::logic_error);
}

TEST(ErrorTest, EveryCodeHasAName) {
  EXPECT_STREQ(ErrorCodeName(ErrorCode::kInvalidInput), "invalid_input");
  EXPECT_STREQ(ErrorCodeName(ErrorCode::kUnavailable), "unavailable");
}

}  // namespace
}  // namespace frontdoor
