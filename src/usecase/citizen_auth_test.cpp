#include "frontdoor/usecase/citizen_auth.hpp"

#include <vector>

#include <gtest/gtest.h>

#include "frontdoor/usecase/secrets.hpp"

#include "case_fixture.hpp"
#include "session_expiry_checks.hpp"

namespace frontdoor::usecase {
namespace {

using std::chrono::minutes;

// Keeps the mail it is asked to queue; `fail` makes the queueing fail, as a broken template
// would, to show the code is not stored without its email.
class CapturingQueue final : public MailQueue {
 public:
  Result<void> Queue(store::WriteTx& /*tx*/, const TemplatedMail& mail) override {
    if (fail) {
      return Error::Invalid("code", "Missing personalisation: code");
    }
    queued.push_back(mail);
    return {};
  }
  std::vector<TemplatedMail> queued;
  bool fail = false;
};

class CitizenAuthTest : public testing::SqliteStoreTest {
 protected:
  Result<std::string> Ask(const std::string& email = "Citizen@Example.com",
                          const std::string& ip = "192.0.2.1") {
    return RequestSignInCode(*store_, clock_, mail_, {email, ip, "en"}, policy_);
  }
  std::string LastCode() const {
    return mail_.queued.empty() ? "" : mail_.queued.back().personalisation.at("code");
  }
  Result<CitizenSignedIn> Verify(const std::string& code,
                                 const std::string& email = "citizen@example.com") {
    return VerifySignInCode(*store_, clock_, {email, code, "192.0.2.1", std::nullopt}, policy_);
  }
  static std::string Wrong(const std::string& code) {
    return code == "000000" ? "000001" : "000000";
  }

  CapturingQueue mail_;
  CitizenSignInPolicy policy_;
};

TEST_F(CitizenAuthTest, CodeIsSixRandomDigitsEmailedToTheNormalisedAddress) {
  auto asked = Ask();
  ASSERT_TRUE(asked) << asked.error().message();
  EXPECT_EQ(*asked, "citizen@example.com");
  ASSERT_EQ(mail_.queued.size(), 1U);
  EXPECT_EQ(mail_.queued[0].to, "citizen@example.com");
  EXPECT_EQ(mail_.queued[0].template_code, "sign_in_code");
  EXPECT_EQ(mail_.queued[0].personalisation.at("minutes"), "10");
  EXPECT_EQ(LastCode().size(), 6U);
  EXPECT_EQ(LastCode().find_first_not_of("0123456789"), std::string::npos);
}

TEST_F(CitizenAuthTest, AnyWellFormedAddressGetsACodeSoNobodyLearnsWhoIsKnown) {
  ASSERT_TRUE(Ask("nobody-has-this@example.org"));
  EXPECT_EQ(mail_.queued.size(), 1U);
}

TEST_F(CitizenAuthTest, MalformedAddressIsAFieldError) {
  auto asked = Ask("not an address");
  ASSERT_FALSE(asked);
  EXPECT_EQ(asked.error().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(asked.error().field_errors()[0].field, "email");
  EXPECT_TRUE(mail_.queued.empty());
}

TEST_F(CitizenAuthTest, RightCodeStartsASessionStoredAsADigest) {
  ASSERT_TRUE(Ask());
  auto signed_in = Verify(" " + LastCode().substr(0, 3) + " " + LastCode().substr(3) + " ");
  ASSERT_TRUE(signed_in) << signed_in.error().message();
  EXPECT_EQ(signed_in->token.size(), 64U);
  EXPECT_EQ(signed_in->session.token_digest, Sha256Hex(signed_in->token));
  EXPECT_EQ(signed_in->session.email, "citizen@example.com");
  auto resumed = ResumeCitizenSession(*store_, clock_, signed_in->token, policy_);
  ASSERT_TRUE(resumed);
  EXPECT_EQ(resumed->email, "citizen@example.com");
}

TEST_F(CitizenAuthTest, ACodeWorksOnce) {
  ASSERT_TRUE(Ask());
  const std::string code = LastCode();
  ASSERT_TRUE(Verify(code));
  auto again = Verify(code);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code(), ErrorCode::kUnauthenticated);
}

TEST_F(CitizenAuthTest, CodeExpiresAfterTenMinutes) {
  ASSERT_TRUE(Ask());
  clock_.Advance(minutes(10));
  auto late = Verify(LastCode());
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code(), ErrorCode::kUnauthenticated);
}

TEST_F(CitizenAuthTest, FiveGuessesThenANewCodeIsNeeded) {
  ASSERT_TRUE(Ask());
  const std::string code = LastCode();
  for (int i = 0; i < 4; ++i) {
    auto wrong = Verify(Wrong(code));
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().code(), ErrorCode::kInvalidInput);
    EXPECT_EQ(wrong.error().field_errors()[0].field, "code");
  }
  ASSERT_FALSE(Verify(Wrong(code)));  // the fifth guess
  auto right_but_late = Verify(code);
  ASSERT_FALSE(right_but_late);
  EXPECT_EQ(right_but_late.error().code(), ErrorCode::kUnauthenticated);
  ASSERT_TRUE(Ask());
  EXPECT_TRUE(Verify(LastCode()));
}

TEST_F(CitizenAuthTest, OnlyTheNewestCodeCounts) {
  ASSERT_TRUE(Ask());
  const std::string first = LastCode();
  ASSERT_TRUE(Ask());
  if (first != LastCode()) {
    EXPECT_FALSE(Verify(first));
  }
  EXPECT_TRUE(Verify(LastCode()));
}

TEST_F(CitizenAuthTest, NotSixDigitsIsAFieldErrorWithoutCountingAGuess) {
  ASSERT_TRUE(Ask());
  for (const std::string bad : {"", "12345", "1234567", "12a456"}) {
    auto out = Verify(bad);
    ASSERT_FALSE(out);
    EXPECT_EQ(out.error().field_errors()[0].field, "code") << bad;
  }
  EXPECT_TRUE(Verify(LastCode()));
}

TEST_F(CitizenAuthTest, FiveCodesPerAddressPerHour) {
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(Ask());
  }
  auto sixth = Ask();
  ASSERT_FALSE(sixth);
  EXPECT_EQ(sixth.error().code(), ErrorCode::kRateLimited);
  EXPECT_EQ(mail_.queued.size(), 5U);
  clock_.Advance(minutes(60));
  EXPECT_TRUE(Ask());
}

TEST_F(CitizenAuthTest, PerClientAddressLimitWhateverTheEmail) {
  policy_.max_codes_per_ip = 3;
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(Ask("person" + std::to_string(i) + "@example.com"));
  }
  auto fourth = Ask("someone-else@example.com");
  ASSERT_FALSE(fourth);
  EXPECT_EQ(fourth.error().code(), ErrorCode::kRateLimited);
  EXPECT_TRUE(Ask("someone-else@example.com", "198.51.100.7"));
}

TEST_F(CitizenAuthTest, NoCodeIsStoredWhenItsEmailCannotBeQueued) {
  mail_.fail = true;
  ASSERT_FALSE(Ask());
  mail_.fail = false;
  EXPECT_FALSE(Verify("123456"));
  auto count = store::ReadValue<std::int64_t>(*store_, [&](store::ReadTx& tx) {
    return store::SignInCodes(tx).CountFor("citizen@example.com", clock_.Now() - minutes(1));
  });
  ASSERT_TRUE(count);
  EXPECT_EQ(*count, 0);
}

TEST_F(CitizenAuthTest, SessionEndsAfterThirtyIdleMinutesOrTwelveHours) {
  ASSERT_TRUE(Ask());
  auto signed_in = Verify(LastCode());
  ASSERT_TRUE(signed_in);
  clock_.Advance(minutes(29));
  ASSERT_TRUE(ResumeCitizenSession(*store_, clock_, signed_in->token, policy_));
  clock_.Advance(minutes(31));
  EXPECT_EQ(ResumeCitizenSession(*store_, clock_, signed_in->token, policy_).error().code(),
            ErrorCode::kUnauthenticated);

  ASSERT_TRUE(Ask());
  auto busy = Verify(LastCode());
  ASSERT_TRUE(busy);
  for (int i = 0; i < 12 * 3; ++i) {
    clock_.Advance(minutes(20));
    if (i < 12 * 3 - 1) {
      ASSERT_TRUE(ResumeCitizenSession(*store_, clock_, busy->token, policy_)) << i;
    }
  }
  EXPECT_FALSE(ResumeCitizenSession(*store_, clock_, busy->token, policy_));
}

// A session is valid strictly before its expiry instant, as a member of staff's is.
TEST_F(CitizenAuthTest, SessionEndsAtTheIdleTimeoutInstant) {
  ASSERT_TRUE(Ask());
  auto signed_in = Verify(LastCode());
  ASSERT_TRUE(signed_in);
  ExpectEndsAtTheIdleTimeout(clock_, policy_.idle_timeout, [&] {
    return ResumeCitizenSession(*store_, clock_, signed_in->token, policy_);
  });
}

TEST_F(CitizenAuthTest, SessionEndsAtTheAbsoluteTimeoutInstant) {
  ASSERT_TRUE(Ask());
  auto signed_in = Verify(LastCode());
  ASSERT_TRUE(signed_in);
  ExpectEndsAtTheAbsoluteTimeout(clock_, policy_.absolute_timeout, [&] {
    return ResumeCitizenSession(*store_, clock_, signed_in->token, policy_);
  });
}

TEST_F(CitizenAuthTest, SignOutEndsTheSessionAndSignInRotatesTheToken) {
  ASSERT_TRUE(Ask());
  auto first = Verify(LastCode());
  ASSERT_TRUE(first);
  ASSERT_TRUE(Ask());
  auto second = VerifySignInCode(
      *store_, clock_, {"citizen@example.com", LastCode(), "192.0.2.1", first->token}, policy_);
  ASSERT_TRUE(second);
  EXPECT_FALSE(ResumeCitizenSession(*store_, clock_, first->token, policy_));
  ASSERT_TRUE(CitizenSignOut(*store_, second->token));
  EXPECT_FALSE(ResumeCitizenSession(*store_, clock_, second->token, policy_));
  EXPECT_TRUE(CitizenSignOut(*store_, second->token));  // twice is fine
}

TEST_F(CitizenAuthTest, MyRequestsPageMustBeInRange) {
  EXPECT_EQ(ListMyRequests(*store_, "citizen@example.com", 0).error().field_errors()[0].field,
            "page");
  auto empty = ListMyRequests(*store_, "citizen@example.com", 1);
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->cases.empty());
  EXPECT_FALSE(empty->has_next);
}

}  // namespace
}  // namespace frontdoor::usecase
