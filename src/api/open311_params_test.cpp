#include "open311_params.hpp"

#include <gtest/gtest.h>

namespace frontdoor::api::open311 {
namespace {

using std::chrono::days;
using std::chrono::hours;

constexpr Instant kNow{std::chrono::microseconds(1'784'044'800'000'000)};  // 2026-07-14T16:00:00Z

http::Form Form(std::string_view text) {
  auto form = http::ParseForm(text);
  EXPECT_TRUE(form) << text;
  return form ? *form : http::Form();
}

std::vector<std::string> Fields(const Error& error) {
  std::vector<std::string> fields;
  for (const auto& field : error.field_errors()) {
    fields.push_back(field.field);
  }
  return fields;
}

TEST(Open311ParamsTest, FormatIsXmlOrJsonOnly) {
  EXPECT_EQ(ParseFormat("xml"), Format::kXml);
  EXPECT_EQ(ParseFormat("json"), Format::kJson);
  EXPECT_FALSE(ParseFormat("yaml"));
  EXPECT_FALSE(ParseFormat("XML"));
}

TEST(Open311ParamsTest, JurisdictionIsOursWhenAbsentEmptyOrEqual) {
  EXPECT_TRUE(CheckJurisdiction(Form(""), "belfastcity.gov.uk"));
  EXPECT_TRUE(CheckJurisdiction(Form("jurisdiction_id="), "belfastcity.gov.uk"));
  EXPECT_TRUE(CheckJurisdiction(Form("jurisdiction_id=belfastcity.gov.uk"), "belfastcity.gov.uk"));
  const auto other = CheckJurisdiction(Form("jurisdiction_id=sfgov.org"), "belfastcity.gov.uk");
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code(), ErrorCode::kNotFound);
  EXPECT_NE(other.error().message().find("sfgov.org"), std::string::npos);
}

TEST(Open311ParamsTest, DefaultWindowIsTheLast90Days) {
  const auto window = ParseWindow(Form("start_date=&end_date="), kNow);
  ASSERT_TRUE(window);
  EXPECT_EQ(window->to, kNow);
  EXPECT_EQ(window->from, kNow - days(90));
}

TEST(Open311ParamsTest, OneBoundMeans90DaysFromOrToIt) {
  const auto from = ParseWindow(Form("start_date=2026-05-01T00:00:00Z"), kNow);
  ASSERT_TRUE(from);
  EXPECT_EQ(from->to - from->from, days(90));
  const auto to = ParseWindow(Form("end_date=2026-05-01T01:00:00%2B01:00"), kNow);
  ASSERT_TRUE(to);
  EXPECT_EQ(to->to, FromUnixMicros(1'777'593'600'000'000));  // 2026-05-01T00:00:00Z
  EXPECT_EQ(to->to - to->from, days(90));
}

TEST(Open311ParamsTest, BothBoundsAreKeptWithin90Days) {
  const auto ok =
      ParseWindow(Form("start_date=2026-05-01T00:00:00Z&end_date=2026-07-30T00:00:00Z"), kNow);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->to - ok->from, days(90));
  const auto wide =
      ParseWindow(Form("start_date=2026-01-01T00:00:00Z&end_date=2026-07-30T00:00:00Z"), kNow);
  ASSERT_FALSE(wide);
  EXPECT_EQ(Fields(wide.error()), std::vector<std::string>{"end_date"});
  const auto backwards =
      ParseWindow(Form("start_date=2026-05-02T00:00:00Z&end_date=2026-05-01T00:00:00Z"), kNow);
  ASSERT_FALSE(backwards);
}

TEST(Open311ParamsTest, BadDatesAreNamedAndAPlusDecodedAsASpaceIsExplained) {
  const auto bad = ParseWindow(Form("start_date=yesterday&end_date=2026-05-01+09:00"), kNow);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(Fields(bad.error()), (std::vector<std::string>{"start_date", "end_date"}));
  const auto plus = ParseWindow(Form("start_date=2026-05-01T09:30:00+01:00"), kNow);
  ASSERT_FALSE(plus);
  EXPECT_NE(plus.error().message().find("%2B"), std::string::npos);
}

TEST(Open311ParamsTest, DatesNeedAZoneWithAColonAndMustExist) {
  for (const char* text :
       {"start_date=2026-05-01T09:30:00", "start_date=2026-05-01T09:30:00%2B0100",
        "start_date=2026-02-30T09:30:00Z"}) {
    EXPECT_FALSE(ParseWindow(Form(text), kNow)) << text;
  }
}

TEST(Open311ParamsTest, StatusFilterTakesListsInAnyCase) {
  const auto open = ParseStatusFilter(Form("status=open"));
  ASSERT_TRUE(open);
  EXPECT_EQ(open->size(), 5U);
  const auto closed = ParseStatusFilter(Form("status=CLOSED"));
  ASSERT_TRUE(closed);
  EXPECT_EQ(*closed, (std::vector<CaseStatus>{CaseStatus::kResolved, CaseStatus::kClosed}));
  const auto both = ParseStatusFilter(Form("status=open,closed"));
  ASSERT_TRUE(both);
  EXPECT_TRUE(both->empty());
  const auto repeated = ParseStatusFilter(Form("status=open&status=closed&status="));
  ASSERT_TRUE(repeated);
  EXPECT_TRUE(repeated->empty());
  const auto bad = ParseStatusFilter(Form("status=fixed"));
  ASSERT_FALSE(bad);
  EXPECT_EQ(Fields(bad.error()), std::vector<std::string>{"status"});
}

TEST(Open311ParamsTest, NewCaseTakesEveryAttributeSpelling) {
  const auto input = ParseNewCase(Form(
      "api_key=k&service_code=+POT+&lat=54.597&long=-5.93&description=Deep%0D%0Ahole"
      "&attribute%5Bdepth%5D=12&attribute[kind][]=a&attribute[kind][]=b&attribute[kind]=c"
      "&attribute[fixmystreet_id]=99&attribute[a][b]=x&attributes=y"
      "&email=a%40b.example&first_name=Ann&last_name=-&phone=&media_url=http%3A%2F%2Fx%2F1.jpg"));
  ASSERT_TRUE(input) << input.error().message();
  EXPECT_EQ(input->service_code, "POT");
  EXPECT_EQ(input->channel, "web");
  EXPECT_DOUBLE_EQ(*input->lat, 54.597);
  EXPECT_DOUBLE_EQ(*input->lon, -5.93);
  EXPECT_EQ(input->description, "Deep\r\nhole");
  EXPECT_EQ(input->attributes.count("depth"), 1U);
  EXPECT_EQ(input->attributes.count("kind"), 3U);
  EXPECT_EQ(input->attributes.count("fixmystreet_id"), 1U);
  EXPECT_EQ(input->attributes.size(), 5U);
  EXPECT_EQ(input->contact.email, "a@b.example");
  EXPECT_EQ(input->contact.first_name, "Ann");
  EXPECT_FALSE(input->contact.last_name);
  EXPECT_FALSE(input->contact.phone);
  EXPECT_EQ(input->media_url, "http://x/1.jpg");
}

TEST(Open311ParamsTest, AddressAloneIsALocation) {
  const auto by_address = ParseNewCase(Form("service_code=POT&address_string=1+High+St"));
  ASSERT_TRUE(by_address);
  EXPECT_EQ(by_address->address, "1 High St");
  EXPECT_TRUE(ParseNewCase(Form("service_code=POT&address_id=UPRN123")));
}

TEST(Open311ParamsTest, NewCaseReportsEveryProblemTogether) {
  const auto none = ParseNewCase(Form("service_code=&lat=&long="));
  ASSERT_FALSE(none);
  EXPECT_EQ(Fields(none.error()), (std::vector<std::string>{"service_code", "lat"}));
  const auto bad = ParseNewCase(Form("service_code=POT&lat=north&long=1e5"));
  ASSERT_FALSE(bad);
  EXPECT_EQ(Fields(bad.error()), (std::vector<std::string>{"lat", "long"}));
}

TEST(Open311ParamsTest, CoordinatesArePlainFiniteDecimals) {
  for (const char* text : {"service_code=POT&lat=nan&long=1", "service_code=POT&lat=1&long=inf",
                           "service_code=POT&lat=0x10&long=1", "service_code=POT&lat=1,5&long=1"}) {
    EXPECT_FALSE(ParseNewCase(Form(text))) << text;
  }
}

TEST(Open311ParamsTest, LatAndLongComeTogether) {
  const auto half = ParseNewCase(Form("service_code=POT&lat=54.6"));
  ASSERT_FALSE(half);
  EXPECT_EQ(Fields(half.error()), std::vector<std::string>{"long"});
}

TEST(Open311ParamsTest, CustomerCommentNeedsEveryRequiredArgument) {
  const auto missing = ParseCustomerComment(Form("status=open"));
  ASSERT_FALSE(missing);
  EXPECT_EQ(Fields(missing.error()), (std::vector<std::string>{"service_request_id", "update_id",
                                                               "updated_datetime", "description"}));
  const auto bad = ParseCustomerComment(
      Form("service_request_id=BCC-26-000001&update_id=9&status=BROKEN&updated_datetime=now"
           "&description=x"));
  ASSERT_FALSE(bad);
  EXPECT_EQ(Fields(bad.error()), (std::vector<std::string>{"status", "updated_datetime"}));
}

// Found by fuzzing (tests/fuzz/regressions/open311): a blank update_id was taken as given,
// so every blank update would have counted as a repeat of the first.
TEST(Open311ParamsTest, CustomerCommentBlankArgumentsAreMissing) {
  const auto blank = ParseCustomerComment(
      Form("service_request_id=%20&update_id=%09&status=%20&updated_datetime=2026-05-01T09:30:00Z"
           "&description="));
  ASSERT_FALSE(blank);
  EXPECT_EQ(Fields(blank.error()),
            (std::vector<std::string>{"service_request_id", "update_id", "status"}));
}

TEST(Open311ParamsTest, CustomerCommentReopensOnOpenOrReopen) {
  const auto comment = ParseCustomerComment(
      Form("service_request_id=bcc-26-000001&update_id=9&status=REOPEN"
           "&updated_datetime=2026-07-14T17:00:00%2B01:00&description=Still+there"
           "&first_name=Ann&last_name=-&email=ann%40example.org"));
  ASSERT_TRUE(comment) << comment.error().message();
  EXPECT_EQ(comment->reference, "BCC-26-000001");
  EXPECT_EQ(comment->external_id, "9");
  EXPECT_TRUE(comment->wants_open);
  EXPECT_EQ(comment->at, kNow);
  EXPECT_EQ(comment->body, "Still there");
  EXPECT_FALSE(comment->contact.last_name);
  const auto closed =
      ParseCustomerComment(Form("service_request_id=BCC-26-000001&update_id=10&status=closed"
                                "&updated_datetime=2026-07-14T16:00:00Z&description="));
  ASSERT_TRUE(closed);
  EXPECT_FALSE(closed->wants_open);
}

TEST(Open311ParamsTest, PostBodyMustBeAForm) {
  http::Request request;
  request.body = "api_key=k&service_code=POT";
  EXPECT_TRUE(ReadPostBody(request));
  request.headers.emplace_back("content-type", "application/json");
  const auto json = ReadPostBody(request);
  ASSERT_FALSE(json);
  EXPECT_EQ(json.error().code(), ErrorCode::kMalformed);
}

TEST(Open311ParamsTest, QuoteKeepsErrorsShortAndValid) {
  EXPECT_EQ(Quote("POT"), "'POT'");
  EXPECT_EQ(Quote("\xFF"), "(not valid UTF-8)");
  EXPECT_LT(Quote(std::string(10000, 'x')).size(), 80U);
}

}  // namespace
}  // namespace frontdoor::api::open311
