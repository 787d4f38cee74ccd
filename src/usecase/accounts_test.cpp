#include "frontdoor/usecase/accounts.hpp"

#include <gtest/gtest.h>

#include "frontdoor/usecase/secrets.hpp"

#include "case_fixture.hpp"

namespace frontdoor::usecase {
namespace {

class AccountsTest : public testing::SqliteStoreTest {
 protected:
};

TEST_F(AccountsTest, CreatedKeyIsAcceptedAndOnlyItsDigestIsStored) {
  auto created = CreateApiKey(*store_, clock_, " fixmystreet ");
  ASSERT_TRUE(created);
  EXPECT_EQ(created->name, "fixmystreet");
  auto checked = CheckApiKey(*store_, created->key);
  ASSERT_TRUE(checked);
  EXPECT_NE(checked->key_digest, created->key);
  EXPECT_EQ(checked->key_digest, Sha256Hex(created->key));
}

TEST_F(AccountsTest, UnknownOrEmptyKeyIsUnauthenticated) {
  EXPECT_EQ(CheckApiKey(*store_, "fd_nope").error().code(), ErrorCode::kUnauthenticated);
  EXPECT_EQ(CheckApiKey(*store_, "").error().code(), ErrorCode::kUnauthenticated);
}

TEST_F(AccountsTest, KeysAreOpen311UnlessMadeForStaff) {
  auto open311 = CreateApiKey(*store_, clock_, "fixmystreet");
  auto staff = CreateApiKey(*store_, clock_, "crm", "staff");
  ASSERT_TRUE(open311 && staff);
  EXPECT_EQ(CheckApiKey(*store_, open311->key)->scope, "open311");
  EXPECT_EQ(CheckApiKey(*store_, staff->key)->scope, "staff");
  auto bad = CreateApiKey(*store_, clock_, "root", "admin");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field_errors().front().field, "scope");
}

TEST_F(AccountsTest, KeyNeedsAName) {
  auto created = CreateApiKey(*store_, clock_, "  ");
  ASSERT_FALSE(created);
  EXPECT_EQ(created.error().field_errors().front().field, "name");
}

TEST_F(AccountsTest, StaffUserPasswordIsHashedWithArgon2id) {
  auto added = AddStaffUser(
      *store_, clock_,
      {"Agent@Council.Example", "Aoife", "agent", std::nullopt, "correct horse battery"});
  ASSERT_TRUE(added) << added.error().message();
  EXPECT_EQ(added->email, "agent@council.example");
  EXPECT_TRUE(added->password_hash.starts_with("$argon2id$"));
  EXPECT_TRUE(VerifyPassword(added->password_hash, "correct horse battery"));
  EXPECT_FALSE(VerifyPassword(added->password_hash, "wrong horse battery"));
}

TEST_F(AccountsTest, StaffUserFieldsAreValidatedTogether) {
  auto added = AddStaffUser(*store_, clock_, {"not-an-email", "", "king", std::nullopt, "short"});
  ASSERT_FALSE(added);
  EXPECT_EQ(added.error().field_errors().size(), 4U);
}

TEST_F(AccountsTest, DuplicateEmailIsAFieldError) {
  const NewStaffUser user{"a@council.example", "A", "admin", std::nullopt, "long enough password"};
  ASSERT_TRUE(AddStaffUser(*store_, clock_, user));
  auto again = AddStaffUser(*store_, clock_, user);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().field_errors().front().field, "email");
}

}  // namespace
}  // namespace frontdoor::usecase
