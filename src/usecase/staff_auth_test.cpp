#include "frontdoor/usecase/staff_auth.hpp"

#include <future>
#include <vector>

#include <gtest/gtest.h>

#include "frontdoor/usecase/accounts.hpp"
#include "frontdoor/usecase/secrets.hpp"

#include "case_fixture.hpp"
#include "session_expiry_checks.hpp"

namespace frontdoor::usecase {
namespace {

using std::chrono::minutes;

constexpr std::string_view kPassword = "correct horse battery";

class StaffAuthTest : public testing::SqliteStoreTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(SqliteStoreTest::SetUp());
    auto added = AddStaffUser(*store_, clock_,
                              {"Olive@Council.example", "Olive Officer", "officer",
                               std::string("CNS"), std::string(kPassword)});
    ASSERT_TRUE(added);
    user_id_ = added->id;
  }

  Result<SignedIn> Try(std::string_view email, std::string_view password,
                       std::string ip = "192.0.2.1") {
    return SignIn(*store_, clock_, checker_,
                  {std::string(email), std::string(password), std::move(ip), std::nullopt},
                  policy_);
  }

  PasswordChecker checker_{2};
  SignInPolicy policy_;
  std::int64_t user_id_ = 0;
};

TEST_F(StaffAuthTest, RightPasswordStartsASessionStoredOnlyAsADigest) {
  auto signed_in = Try(" olive@council.EXAMPLE ", kPassword);
  ASSERT_TRUE(signed_in) << signed_in.error().message();
  EXPECT_EQ(signed_in->token.size(), 64U);  // 256 bits in hex
  EXPECT_EQ(signed_in->session.token_digest, Sha256Hex(signed_in->token));
  EXPECT_EQ(signed_in->session.csrf_token.size(), 64U);
  EXPECT_EQ(signed_in->principal.actor, "staff:" + std::to_string(user_id_));
  EXPECT_EQ(signed_in->principal.role, access::Role::kOfficer);
  EXPECT_EQ(signed_in->principal.departments, std::vector<std::string>{"CNS"});
  auto resumed = ResumeSession(*store_, clock_, signed_in->token, policy_);
  ASSERT_TRUE(resumed);
  EXPECT_EQ(resumed->session.id, signed_in->session.id);
  EXPECT_EQ(resumed->session.csrf_token, signed_in->session.csrf_token);
}

TEST_F(StaffAuthTest, WrongPasswordAndUnknownEmailGetTheSameAnswer) {
  auto wrong = Try("olive@council.example", "not the password at all");
  auto unknown = Try("nobody@council.example", kPassword);
  ASSERT_FALSE(wrong);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(wrong.error().code(), ErrorCode::kUnauthenticated);
  EXPECT_EQ(unknown.error().code(), ErrorCode::kUnauthenticated);
  EXPECT_EQ(wrong.error().message(), unknown.error().message());
}

TEST_F(StaffAuthTest, UnknownEmailIsCheckedAgainstARealArgon2idHash) {
  EXPECT_TRUE(checker_.dummy_hash().starts_with("$argon2id$"));
  auto matches = checker_.Verify(checker_.dummy_hash(), std::string(kPassword));
  ASSERT_TRUE(matches);
  EXPECT_FALSE(*matches);
}

TEST_F(StaffAuthTest, EmptyFieldsAreNamed) {
  auto empty = Try("  ", "");
  ASSERT_FALSE(empty);
  ASSERT_EQ(empty.error().code(), ErrorCode::kInvalidInput);
  ASSERT_EQ(empty.error().field_errors().size(), 2U);
  EXPECT_EQ(empty.error().field_errors()[0].field, "email");
  EXPECT_EQ(empty.error().field_errors()[1].field, "password");
}

TEST_F(StaffAuthTest, FiveFailuresInFifteenMinutesLockTheAccountEvenWithTheRightPassword) {
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(Try("olive@council.example", "wrong password " + std::to_string(i)).error().code(),
              ErrorCode::kUnauthenticated);
    clock_.Advance(minutes(2));
  }
  auto locked = Try("olive@council.example", kPassword);
  ASSERT_FALSE(locked);
  EXPECT_EQ(locked.error().code(), ErrorCode::kRateLimited);
  EXPECT_NE(locked.error().message().find("locked"), std::string::npos);
  // Left alone for the whole window, the account opens again.
  clock_.Advance(minutes(16));
  EXPECT_TRUE(Try("olive@council.example", kPassword));
}

TEST_F(StaffAuthTest, FailuresSpreadOverMoreThanTheWindowDoNotLock) {
  for (int i = 0; i < 8; ++i) {
    EXPECT_FALSE(Try("olive@council.example", "wrong password"));
    clock_.Advance(minutes(4));
  }
  EXPECT_TRUE(Try("olive@council.example", kPassword));
}

TEST_F(StaffAuthTest, ASuccessfulSignInClearsEarlierFailures) {
  for (int i = 0; i < 4; ++i) {
    EXPECT_FALSE(Try("olive@council.example", "wrong password"));
  }
  EXPECT_TRUE(Try("olive@council.example", kPassword));
  EXPECT_FALSE(Try("olive@council.example", "wrong password"));
  EXPECT_TRUE(Try("olive@council.example", kPassword));
}

TEST_F(StaffAuthTest, AnUnknownEmailLocksLikeAKnownOne) {
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(Try("ghost@council.example", "guess").error().code(), ErrorCode::kUnauthenticated);
  }
  EXPECT_EQ(Try("ghost@council.example", "guess").error().code(), ErrorCode::kRateLimited);
}

TEST_F(StaffAuthTest, OneAddressFailingOnManyAccountsIsLimited) {
  policy_.max_failures_per_ip = 6;
  for (int i = 0; i < 6; ++i) {
    EXPECT_FALSE(Try("user" + std::to_string(i) + "@council.example", "guess", "198.51.100.7"));
  }
  EXPECT_EQ(Try("olive@council.example", kPassword, "198.51.100.7").error().code(),
            ErrorCode::kRateLimited);
  EXPECT_TRUE(Try("olive@council.example", kPassword, "198.51.100.8"));
}

TEST_F(StaffAuthTest, SessionEndsAfterThirtyIdleMinutes) {
  auto signed_in = Try("olive@council.example", kPassword);
  ASSERT_TRUE(signed_in);
  clock_.Advance(minutes(29));
  EXPECT_TRUE(ResumeSession(*store_, clock_, signed_in->token, policy_));
  clock_.Advance(minutes(29));  // seen 29 minutes ago: still alive
  EXPECT_TRUE(ResumeSession(*store_, clock_, signed_in->token, policy_));
  clock_.Advance(minutes(31));
  auto ended = ResumeSession(*store_, clock_, signed_in->token, policy_);
  ASSERT_FALSE(ended);
  EXPECT_EQ(ended.error().code(), ErrorCode::kUnauthenticated);
}

TEST_F(StaffAuthTest, SessionEndsTwelveHoursAfterSignInHoweverBusy) {
  auto signed_in = Try("olive@council.example", kPassword);
  ASSERT_TRUE(signed_in);
  for (int i = 0; i < 47; ++i) {
    clock_.Advance(minutes(15));
    ASSERT_TRUE(ResumeSession(*store_, clock_, signed_in->token, policy_)) << i;
  }
  clock_.Advance(minutes(16));  // 12 h 1 min after sign-in
  EXPECT_EQ(ResumeSession(*store_, clock_, signed_in->token, policy_).error().code(),
            ErrorCode::kUnauthenticated);
}

// A session is valid strictly before its expiry instant, as a citizen's is: at the instant
// itself it has ended, not a microsecond later.
TEST_F(StaffAuthTest, SessionEndsAtTheIdleTimeoutInstant) {
  auto signed_in = Try("olive@council.example", kPassword);
  ASSERT_TRUE(signed_in);
  ExpectEndsAtTheIdleTimeout(clock_, policy_.idle_timeout, [&] {
    return ResumeSession(*store_, clock_, signed_in->token, policy_);
  });
}

TEST_F(StaffAuthTest, SessionEndsAtTheAbsoluteTimeoutInstant) {
  auto signed_in = Try("olive@council.example", kPassword);
  ASSERT_TRUE(signed_in);
  ExpectEndsAtTheAbsoluteTimeout(clock_, policy_.absolute_timeout, [&] {
    return ResumeSession(*store_, clock_, signed_in->token, policy_);
  });
}

TEST_F(StaffAuthTest, SignOutEndsTheSessionAndSignInRotatesTheToken) {
  auto first = Try("olive@council.example", kPassword);
  ASSERT_TRUE(first);
  auto second =
      SignIn(*store_, clock_, checker_,
             {"olive@council.example", std::string(kPassword), "192.0.2.1", first->token}, policy_);
  ASSERT_TRUE(second);
  EXPECT_NE(second->token, first->token);
  EXPECT_FALSE(ResumeSession(*store_, clock_, first->token, policy_));
  ASSERT_TRUE(SignOut(*store_, second->token));
  EXPECT_FALSE(ResumeSession(*store_, clock_, second->token, policy_));
  EXPECT_TRUE(SignOut(*store_, second->token));  // twice is fine
}

TEST_F(StaffAuthTest, MalformedOrForgedTokensAreRefused) {
  const std::vector<std::string> tokens{"", "abc", std::string(64, 'g'), std::string(64, '0'),
                                        std::string(10'000, 'a')};
  for (const auto& token : tokens) {
    EXPECT_EQ(ResumeSession(*store_, clock_, token, policy_).error().code(),
              ErrorCode::kUnauthenticated);
  }
}

TEST_F(StaffAuthTest, PurgeRemovesExpiredSessionsAndOldAttempts) {
  auto signed_in = Try("olive@council.example", kPassword);
  ASSERT_TRUE(signed_in);
  EXPECT_FALSE(Try("olive@council.example", "wrong password"));
  clock_.Advance(std::chrono::hours(25));
  auto purged = PurgeSignIns(*store_, clock_, policy_);
  ASSERT_TRUE(purged);
  EXPECT_EQ(*purged, 3);  // the session, the success and the failure
}

TEST_F(StaffAuthTest, AFullQueueIsRefusedRatherThanWaitedFor) {
  PasswordChecker tiny(1, 0);
  auto refused = tiny.Verify(tiny.dummy_hash(), "anything");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), ErrorCode::kUnavailable);
}

TEST_F(StaffAuthTest, ConcurrentChecksAllGetTheirOwnAnswer) {
  std::vector<std::future<Result<bool>>> answers;
  auto hash = HashPassword(kPassword);
  ASSERT_TRUE(hash);
  for (int i = 0; i < 6; ++i) {
    answers.push_back(std::async(std::launch::async, [&, i] {
      return checker_.Verify(*hash, i % 2 == 0 ? std::string(kPassword) : "wrong");
    }));
  }
  for (int i = 0; i < 6; ++i) {
    auto answer = answers[static_cast<std::size_t>(i)].get();
    ASSERT_TRUE(answer);
    EXPECT_EQ(*answer, i % 2 == 0) << i;
  }
}

}  // namespace
}  // namespace frontdoor::usecase
