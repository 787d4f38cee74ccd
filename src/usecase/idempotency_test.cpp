#include "frontdoor/usecase/idempotency.hpp"

#include <gtest/gtest.h>

#include "frontdoor/usecase/secrets.hpp"

#include "case_fixture.hpp"

namespace frontdoor::usecase {
namespace {

struct KeyCase {
  std::string key;
  bool valid;
  const char* rule;
};

TEST(IdempotencyKeyTest, KeysAreOneTo255PrintableAsciiCharacters) {
  ASSERT_TRUE(InitialiseSecrets());
  const KeyCase cases[] = {
      {"a", true, "one character"},
      {std::string(255, 'k'), true, "255 characters"},
      {"8e03978e-40d5-43e8-bc93-6894a57f9324", true, "a UUID, as most clients send"},
      {"\"quoted key\"", true, "quotes and spaces are printable"},
      {"", false, "empty"},
      {std::string(256, 'k'), false, "256 characters"},
      {"caf\xc3\xa9", false, "not ASCII"},
      {"line\nbreak", false, "a control character"},
      {"del\x7f", false, "DEL is not printable"},
  };
  for (const auto& c : cases) {
    auto claim = MakeIdempotencyClaim("apikey:a", c.key, "POST", "/api/v1/cases", "{}");
    EXPECT_EQ(static_cast<bool>(claim), c.valid) << c.rule;
    if (!claim) {
      EXPECT_EQ(claim.error().field_errors().front().field, "Idempotency-Key") << c.rule;
    }
  }
}

TEST(IdempotencyKeyTest, FingerprintTellsEveryPartOfTheRequestApart) {
  ASSERT_TRUE(InitialiseSecrets());
  auto print = [](std::string_view method, std::string_view target, std::string_view body) {
    return MakeIdempotencyClaim("s", "k", method, target, body).value().fingerprint;
  };
  const auto base = print("POST", "/a", "b");
  EXPECT_EQ(base, print("POST", "/a", "b"));
  EXPECT_EQ(base.size(), 64U);
  EXPECT_NE(base, print("PUT", "/a", "b"));
  EXPECT_NE(base, print("POST", "/a?x", "b"));
  EXPECT_NE(base, print("POST", "/a", "b "));
  // The same bytes split differently between target and body are another request.
  EXPECT_NE(print("POST", "/ab", ""), print("POST", "/a", "b"));
}

class CreateOnceTest : public testing::SqliteStoreTest {
 protected:
  // A create that counts its runs and stores its answer, as the use cases do.
  Result<int> Create(const IdempotentCreate<int>* once) {
    ++runs_;
    return store::WriteValue<int>(*store_, [&](store::WriteTx& tx) -> Result<int> {
      if (auto stored = StoreResponse(tx, once, runs_, clock_.Now()); !stored) {
        return stored.error();
      }
      return runs_;
    });
  }

  const std::function<StoredResponse(const int&)> respond_ = [](const int& n) {
    return StoredResponse{201, "text/plain", "/things/" + std::to_string(n), std::to_string(n)};
  };
  int runs_ = 0;
};

TEST_F(CreateOnceTest, WithoutAKeyEveryCallRuns) {
  for (int i = 1; i <= 2; ++i) {
    auto answer =
        CreateOnce<int>(*store_, clock_, std::nullopt, respond_,
                        [this](const IdempotentCreate<int>* once) { return Create(once); });
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->response.body, std::to_string(i));
    EXPECT_FALSE(answer->replayed);
  }
}

TEST_F(CreateOnceTest, SecondCallWithTheKeyReplaysWithoutRunning) {
  const auto claim = MakeIdempotencyClaim("apikey:a", "k", "POST", "/things", "{}").value();
  auto create = [this](const IdempotentCreate<int>* once) { return Create(once); };
  auto first = CreateOnce<int>(*store_, clock_, claim, respond_, create);
  auto second = CreateOnce<int>(*store_, clock_, claim, respond_, create);
  ASSERT_TRUE(first && second);
  EXPECT_EQ(runs_, 1);
  EXPECT_FALSE(first->replayed);
  EXPECT_TRUE(second->replayed);
  EXPECT_EQ(second->response.body, "1");
  EXPECT_EQ(second->response.location, "/things/1");
  EXPECT_EQ(second->response.status, 201U);
}

TEST_F(CreateOnceTest, LoserOfARaceRollsBackAndReplaysTheWinner) {
  const auto claim = MakeIdempotencyClaim("apikey:a", "k", "POST", "/things", "{}").value();
  // Another request with the key commits while this one is between its look-up and its write.
  auto create = [&](const IdempotentCreate<int>* once) -> Result<int> {
    auto winner = store_->Write([&](store::WriteTx& tx) {
      return StoreResponse(tx, claim, {201, "text/plain", std::nullopt, "winner"}, clock_.Now());
    });
    EXPECT_TRUE(winner);
    return Create(once);
  };
  auto answer = CreateOnce<int>(*store_, clock_, claim, respond_, create);
  ASSERT_TRUE(answer) << answer.error().message();
  EXPECT_TRUE(answer->replayed);
  EXPECT_EQ(answer->response.body, "winner");
}

TEST_F(CreateOnceTest, FailuresAreNotKept) {
  const auto claim = MakeIdempotencyClaim("apikey:a", "k", "POST", "/things", "{}").value();
  auto failing = CreateOnce<int>(*store_, clock_, claim, respond_,
                                 [](const IdempotentCreate<int>*) -> Result<int> {
                                   return Error::Invalid("name", "Enter a name");
                                 });
  ASSERT_FALSE(failing);
  EXPECT_EQ(failing.error().code(), ErrorCode::kInvalidInput);
  auto retried =
      CreateOnce<int>(*store_, clock_, claim, respond_,
                      [this](const IdempotentCreate<int>* once) { return Create(once); });
  ASSERT_TRUE(retried);
  EXPECT_FALSE(retried->replayed);
}

}  // namespace
}  // namespace frontdoor::usecase
