#include "frontdoor/http/error_response.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

namespace frontdoor::http {
namespace {

TEST(ErrorResponseTest, InvalidInputIs422WithEveryField) {
  const auto response = ToErrorResponse(
      Error::Invalid({{"lat", "Enter a latitude between -90 and 90"}, {"long", "x"}}));
  EXPECT_EQ(response.status, 422U);
  const auto body = boost::json::parse(response.body).as_object().at("error").as_object();
  EXPECT_EQ(body.at("code").as_string(), "invalid_input");
  EXPECT_EQ(body.at("field").as_string(), "lat");
  EXPECT_EQ(body.at("fields").as_array().size(), 2U);
}

TEST(ErrorResponseTest, InternalErrorsHideTheirMessage) {
  const auto response = ToErrorResponse(Error::Internal("secret stack detail"));
  EXPECT_EQ(response.status, 500U);
  EXPECT_EQ(response.body.find("secret"), std::string::npos);
  EXPECT_EQ(response.log_detail, "secret stack detail");
}

TEST(ErrorResponseTest, FullDisclosureShowsOurOwnWordsAndLogsNothing) {
  const auto response = ToErrorResponse(
      Error(ErrorCode::kUnavailable, "Inbound email is not enabled"), Disclosure::kFull);
  EXPECT_EQ(response.status, 503U);
  EXPECT_NE(response.body.find("Inbound email is not enabled"), std::string::npos);
  EXPECT_TRUE(response.log_detail.empty());
}

TEST(ErrorResponseTest, ClientErrorsKeepTheirMessageAndLogNothing) {
  const auto response = ToErrorResponse(Error(ErrorCode::kNotFound, "No case BCC-26-000001"));
  EXPECT_NE(response.body.find("No case BCC-26-000001"), std::string::npos);
  EXPECT_TRUE(response.log_detail.empty());
}

TEST(ErrorResponseTest, UnavailableAsksToRetry) {
  const auto response = ToErrorResponse(Error(ErrorCode::kUnavailable, "database down"));
  EXPECT_EQ(response.status, 503U);
  EXPECT_EQ(response.body.find("database down"), std::string::npos);
  EXPECT_EQ(response.log_detail, "database down");
  ASSERT_FALSE(response.headers.empty());
  EXPECT_EQ(response.headers.front().first, "Retry-After");
}

TEST(ErrorResponseTest, EachCodeHasItsStatus) {
  EXPECT_EQ(StatusFor(ErrorCode::kMalformed), 400U);
  EXPECT_EQ(StatusFor(ErrorCode::kUnauthenticated), 401U);
  EXPECT_EQ(StatusFor(ErrorCode::kForbidden), 403U);
  EXPECT_EQ(StatusFor(ErrorCode::kNotFound), 404U);
  EXPECT_EQ(StatusFor(ErrorCode::kConflict), 409U);
  EXPECT_EQ(StatusFor(ErrorCode::kPayloadTooLarge), 413U);
  EXPECT_EQ(StatusFor(ErrorCode::kRateLimited), 429U);
}

}  // namespace
}  // namespace frontdoor::http
