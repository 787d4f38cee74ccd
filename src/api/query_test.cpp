#include "query.hpp"

#include <gtest/gtest.h>

namespace frontdoor::api {
namespace {

TEST(QueryReaderTest, CountTakesTheFallbackWhenAbsent) {
  std::vector<FieldError> errors;
  QueryReader query("", errors);
  EXPECT_EQ(query.Count("limit", 20, 1, 100), 20);
  EXPECT_TRUE(errors.empty());
}

TEST(QueryReaderTest, CountAcceptsTheBoundsThemselves) {
  std::vector<FieldError> errors;
  QueryReader query("limit=100&offset=0", errors);
  EXPECT_EQ(query.Count("limit", 20, 1, 100), 100);
  EXPECT_EQ(query.Count("offset", 5, 0, 10), 0);
  EXPECT_TRUE(errors.empty());
}

// 2^32 + 1 would become 1 if narrowed to int before the range check.
TEST(QueryReaderTest, CountRefusesAValueThatWouldWrapIntoRange) {
  for (const char* text :
       {"limit=4294967297", "limit=0", "limit=-1", "limit=101", "limit=9223372036854775807"}) {
    std::vector<FieldError> errors;
    QueryReader query(text, errors);
    EXPECT_EQ(query.Count("limit", 20, 1, 100), 20) << text;
    ASSERT_EQ(errors.size(), 1U) << text;
    EXPECT_EQ(errors.front().field, "limit");
    EXPECT_EQ(errors.front().message, "Must be from 1 to 100");
  }
}

TEST(QueryReaderTest, CountOfTextIsAWholeNumberError) {
  std::vector<FieldError> errors;
  QueryReader query("limit=ten", errors);
  EXPECT_EQ(query.Count("limit", 20, 1, 100), 20);
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_EQ(errors.front().message, "Must be a whole number");
}

}  // namespace
}  // namespace frontdoor::api
