#include "frontdoor/http/router.hpp"

#include <gtest/gtest.h>

namespace frontdoor::http {
namespace {

Handler Named(std::string name) {
  return [name](Request&) { return Response::Text(200, name); };
}

Request Get(std::string path) {
  Request request;
  request.method = Method::kGet;
  request.path = std::move(path);
  return request;
}

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.Add(Method::kGet, "/healthz", Named("health"));
    router_.Add(Method::kGet, "/open311/v2/requests/{id}.{format}", Named("one"));
    router_.Add(Method::kGet, "/open311/v2/requests.{format}", Named("list"));
    router_.Add(Method::kPost, "/api/v1/cases/{reference}/notes", Named("note"));
  }
  Router router_;
};

TEST_F(RouterTest, LiteralRouteMatches) {
  auto request = Get("/healthz");
  const auto match = router_.Find(request);
  ASSERT_NE(match.route, nullptr);
  EXPECT_EQ(request.route, "/healthz");
}

TEST_F(RouterTest, ParameterWithExtensionSplitsAtTheLastDot) {
  auto request = Get("/open311/v2/requests/BCC-26-000123.json");
  ASSERT_NE(router_.Find(request).route, nullptr);
  EXPECT_EQ(request.PathParam("id"), "BCC-26-000123");
  EXPECT_EQ(request.PathParam("format"), "json");
}

TEST_F(RouterTest, ParametersArePercentDecoded) {
  Request request;
  request.method = Method::kPost;
  request.path = "/api/v1/cases/BCC%2D26/notes";
  ASSERT_NE(router_.Find(request).route, nullptr);
  EXPECT_EQ(request.PathParam("reference"), "BCC-26");
}

TEST_F(RouterTest, UnknownPathIsNoMatch) {
  auto request = Get("/nope");
  const auto match = router_.Find(request);
  EXPECT_EQ(match.route, nullptr);
  EXPECT_FALSE(match.path_known);
}

TEST_F(RouterTest, KnownPathWithOtherMethodIsReportedFor405) {
  Request request;
  request.method = Method::kDelete;
  request.path = "/healthz";
  const auto match = router_.Find(request);
  EXPECT_EQ(match.route, nullptr);
  EXPECT_TRUE(match.path_known);
}

TEST_F(RouterTest, HeadIsServedByTheGetRoute) {
  Request request;
  request.method = Method::kHead;
  request.path = "/healthz";
  EXPECT_NE(router_.Find(request).route, nullptr);
}

TEST_F(RouterTest, MalformedPercentEncodingDoesNotMatch) {
  auto request = Get("/open311/v2/requests/%zz.json");
  EXPECT_EQ(router_.Find(request).route, nullptr);
}

TEST(PercentDecodeTest, DecodesAndRejects) {
  EXPECT_EQ(PercentDecode("a%20b+c", true), "a b c");
  EXPECT_EQ(PercentDecode("a+b", false), "a+b");
  EXPECT_FALSE(PercentDecode("%", false).has_value());
  EXPECT_FALSE(PercentDecode("%4", false).has_value());
  EXPECT_FALSE(PercentDecode("%g0", false).has_value());
  EXPECT_EQ(PercentDecode("%41", false), "A");
}

}  // namespace
}  // namespace frontdoor::http
