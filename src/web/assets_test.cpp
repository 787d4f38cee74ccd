#include "assets.hpp"

#include <gtest/gtest.h>

namespace frontdoor::web {
namespace {

TEST(AssetsTest, FingerprintedNamesFollowTheContent) {
  const auto a = Assets::FromFiles({{"council.css", "body{}"}});
  const auto b = Assets::FromFiles({{"council.css", "body{color:red}"}});
  const std::string path_a = a.Path("council.css");
  EXPECT_TRUE(path_a.starts_with("/assets/council.")) << path_a;
  EXPECT_TRUE(path_a.ends_with(".css")) << path_a;
  EXPECT_EQ(path_a.size(), std::string("/assets/council.0123456789.css").size());
  EXPECT_NE(path_a, b.Path("council.css"));
  const Asset* fingerprinted = a.Find(path_a.substr(8));
  ASSERT_NE(fingerprinted, nullptr);
  EXPECT_TRUE(fingerprinted->fingerprinted);
  EXPECT_EQ(fingerprinted->content, "body{}");
  EXPECT_EQ(fingerprinted->content_type, "text/css; charset=utf-8");
  const Asset* plain = a.Find("council.css");
  ASSERT_NE(plain, nullptr);
  EXPECT_FALSE(plain->fingerprinted);
  EXPECT_EQ(plain->etag, fingerprinted->etag);
}

TEST(AssetsTest, OnlyKnownNamesAreFound) {
  const auto assets = Assets::FromFiles({{"init.js", "x"}});
  EXPECT_EQ(assets.Find("../init.js"), nullptr);
  EXPECT_EQ(assets.Find("/etc/passwd"), nullptr);
  EXPECT_EQ(assets.Find(""), nullptr);
  EXPECT_EQ(assets.Path("missing.css"), "/assets/missing.css");
}

TEST(AssetsTest, ContentTypesByExtension) {
  EXPECT_EQ(AssetContentType("a.js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(AssetContentType("a.svg"), "image/svg+xml");
  EXPECT_EQ(AssetContentType("a.png"), "image/png");
  EXPECT_EQ(AssetContentType("a"), "application/octet-stream");
}

TEST(AssetsTest, TheBuiltAssetsHaveNoGovukFontOrCrown) {
  const auto assets = Assets::Load(FRONTDOOR_ASSETS_DIR);
  ASSERT_TRUE(assets) << assets.error().message();
  for (const char* name : {"council.css", "govuk-frontend.js", "init.js", "favicon.svg"}) {
    const Asset* asset = assets->Find(name);
    ASSERT_NE(asset, nullptr) << name;
    EXPECT_EQ(asset->content.find("GDS Transport"), std::string::npos) << name;
    EXPECT_EQ(asset->content.find("govuk-crest"), std::string::npos) << name;
  }
  EXPECT_NE(assets->Find("council.css")->content.find("arial"), std::string::npos);
  EXPECT_FALSE(Assets::Load("/nonexistent/assets"));
}

}  // namespace
}  // namespace frontdoor::web
