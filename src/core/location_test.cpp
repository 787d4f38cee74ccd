#include "frontdoor/core/location.hpp"

#include <cmath>
#include <limits>
#include <numbers>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

namespace frontdoor {
namespace {

constexpr GeoPoint kCityHall{54.5966, -5.9301};  // Belfast City Hall
constexpr double kRad = std::numbers::pi / 180;

// The fields in error, comma-separated; each must come with a message.
std::string FieldsOf(const Error& error) {
  std::string fields;
  for (const FieldError& e : error.field_errors()) {
    fields += (fields.empty() ? "" : ",") + e.field;
    EXPECT_FALSE(e.message.empty()) << e.field;
  }
  return fields;
}

// The point `metres` from `from` on the initial bearing `degrees` (the direct problem on the
// sphere), longitude brought back into [-180, 180].
GeoPoint Destination(GeoPoint from, double degrees, double metres) {
  const double angle = metres / kEarthRadiusMetres;
  const double bearing = degrees * kRad;
  const double lat1 = from.lat * kRad;
  const double lat2 = std::asin(std::sin(lat1) * std::cos(angle) +
                                std::cos(lat1) * std::sin(angle) * std::cos(bearing));
  const double lon2 =
      from.lon * kRad + std::atan2(std::sin(bearing) * std::sin(angle) * std::cos(lat1),
                                   std::cos(angle) - std::sin(lat1) * std::sin(lat2));
  return {lat2 / kRad, std::remainder(lon2, 2 * std::numbers::pi) / kRad};
}

TEST(LocationTest, MakeGeoPointAcceptsTheWholeRangeEdgesIncluded) {
  for (const GeoPoint p : {kCityHall, GeoPoint{90, 180}, GeoPoint{-90, -180}, GeoPoint{0, 0}}) {
    const auto made = MakeGeoPoint(p.lat, p.lon);
    ASSERT_TRUE(made) << p.lat << "," << p.lon;
    EXPECT_EQ(made->lat, p.lat);
    EXPECT_EQ(made->lon, p.lon);
  }
}

TEST(LocationTest, MakeGeoPointNamesEveryWrongCoordinate) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  struct Case {
    double lat;
    double lon;
    std::string_view fields;  // the fields in error, in order
  };
  const std::vector<Case> cases = {
      {90.0001, 0, "lat"},    {-91, 0, "lat"},        {nan, 0, "lat"},   {inf, 0, "lat"},
      {0, 180.5, "long"},     {0, -181, "long"},      {0, -inf, "long"}, {0, nan, "long"},
      {100, 200, "lat,long"}, {nan, nan, "lat,long"},
  };
  for (const auto& c : cases) {
    const auto made = MakeGeoPoint(c.lat, c.lon);
    ASSERT_FALSE(made) << c.fields;
    EXPECT_EQ(made.error().code(), ErrorCode::kInvalidInput);
    EXPECT_EQ(FieldsOf(made.error()), c.fields);
  }
}

TEST(LocationTest, DistanceIsWithinHalfAPercentOfTheGeodesic) {
  // Reference distances on the WGS84 ellipsoid (Vincenty's inverse formula).
  struct Case {
    const char* what;
    GeoPoint to;
    double geodesic_metres;
  };
  const std::vector<Case> cases = {
      {"City Hall to Stormont", {54.6052, -5.8320}, 6411.9},
      {"City Hall to Dublin GPO", {53.3498, -6.2603}, 140455.3},
      {"City Hall to Charing Cross", {51.5073, -0.1276}, 518921.5},
      {"City Hall to 0.0004 deg north", {54.5970, -5.9301}, 44.5},
      {"City Hall to 0.001 deg east", {54.5966, -5.9291}, 64.6},
  };
  for (const auto& c : cases) {
    const double d = DistanceMetres(kCityHall, c.to);
    EXPECT_NEAR(d, c.geodesic_metres, c.geodesic_metres * 0.005) << c.what;
    EXPECT_DOUBLE_EQ(DistanceMetres(c.to, kCityHall), d) << c.what;
  }
}

TEST(LocationTest, DistanceHoldsFarAwayAndAtTheEdges) {
  EXPECT_NEAR(DistanceMetres({51.5074, -0.1278}, {48.8566, 2.3522}), 343923.1, 1720);
  EXPECT_NEAR(DistanceMetres({0, 0}, {0, 1}), 111319.5, 557);
  EXPECT_EQ(DistanceMetres(kCityHall, kCityHall), 0.0);
  // Antipodes: half the circumference, without a NaN from rounding.
  EXPECT_NEAR(DistanceMetres({0, 0}, {0, 180}), std::numbers::pi * kEarthRadiusMetres, 1e-6);
  EXPECT_NEAR(DistanceMetres({0, -179.9995}, {0, 179.9995}), 111.2, 0.1);  // across 180
}

// Walks the circle of radius `metres` round `centre`, a tenth of a degree of bearing at a
// time: every point that DistanceMetres puts within the radius must be in the box. Returns how
// many points were within.
int CheckCircleIsInBox(GeoPoint centre, double metres) {
  const BoundingBox box = AroundPoint(centre, metres);
  int within = 0;
  for (int step = 0; step < 3600; ++step) {
    const GeoPoint p = Destination(centre, step / 10.0, metres);
    if (DistanceMetres(centre, p) <= metres) {
      ++within;
      EXPECT_TRUE(Contains(box, p)) << centre.lat << "," << centre.lon << " at " << step;
    }
  }
  return within;
}

TEST(LocationTest, BoxAroundAPointHoldsEveryPointWithinTheRadius) {
  struct Case {
    GeoPoint centre;
    double metres;
  };
  const std::vector<Case> cases = {
      {kCityHall, 50},         {kCityHall, 5000},   {{0, 0}, 50},
      {{-33.86, 151.21}, 200}, {{89.9999, 10}, 50}, {{60, 179.9999}, 50},
      {{-60, -179.9999}, 50},  {{60, 10}, 2000000},  // wide: the cap reaches past angle / cos(lat)
  };
  for (const auto& c : cases) {
    EXPECT_TRUE(Contains(AroundPoint(c.centre, c.metres), c.centre));
    // Rounding puts some points of the circle a hair outside it; most must count, or the
    // test proves nothing.
    EXPECT_GT(CheckCircleIsInBox(c.centre, c.metres), 1000) << c.centre.lat << "," << c.centre.lon;
  }
}

TEST(LocationTest, BoxAroundAPointIsTightInBelfast) {
  const BoundingBox box = AroundPoint(kCityHall, 50);
  // 50 m is about 0.00045 degrees of latitude and 0.00078 of longitude at 54.6 N.
  EXPECT_NEAR(box.max_lat - kCityHall.lat, 0.00045, 0.00001);
  EXPECT_NEAR(kCityHall.lon - box.min_lon, 0.00078, 0.00001);
  EXPECT_FALSE(Contains(box, {54.5975, -5.9301}));  // 100 m north
  EXPECT_FALSE(Contains(box, {54.5966, -5.9285}));  // 100 m east
  const BoundingBox point = AroundPoint(kCityHall, -5);
  EXPECT_TRUE(Contains(point, kCityHall));
  EXPECT_FALSE(Contains(point, {54.59661, -5.9301}));
}

TEST(LocationTest, BoxNearThePoleOrAntimeridianSpansEveryLongitude) {
  const BoundingBox pole = AroundPoint({89.9999, 10}, 50);
  EXPECT_EQ(pole.min_lon, -180);
  EXPECT_EQ(pole.max_lon, 180);
  EXPECT_EQ(pole.max_lat, 90);
  const BoundingBox dateline = AroundPoint({60, 179.9999}, 50);
  EXPECT_EQ(dateline.min_lon, -180);
  EXPECT_EQ(dateline.max_lon, 180);
}

TEST(LocationTest, PostcodesAreNormalised) {
  struct Case {
    std::string_view in;
    std::string_view out;
  };
  const std::vector<Case> cases = {
      {"BT1 5GS", "BT1 5GS"},                                   // Belfast City Hall: AA9
      {"bt15gs", "BT1 5GS"},                                    // no space, lower case
      {"  bt1   5gs \t", "BT1 5GS"}, {"BT12 4HQ", "BT12 4HQ"},  // AA99
      {"b t 1 2 4 h q", "BT12 4HQ"}, {"M1 1AE", "M1 1AE"},      // A9
      {"B33 8TH", "B33 8TH"},                                   // A99
      {"CR2 6XH", "CR2 6XH"},                                   // AA9
      {"DN55 1PT", "DN55 1PT"},                                 // AA99
      {"W1A 0AX", "W1A 0AX"},                                   // A9A
      {"EC1A 1BB", "EC1A 1BB"},                                 // AA9A
      {"sw1a2aa", "SW1A 2AA"},       {"gir0aa", "GIR 0AA"},     // Girobank
      {"GIR 0AA", "GIR 0AA"},
  };
  for (const auto& c : cases) {
    const auto normalised = NormalisePostcode(c.in);
    ASSERT_TRUE(normalised) << c.in;
    EXPECT_EQ(*normalised, c.out);
  }
}

TEST(LocationTest, ImpossiblePostcodesAreRejectedOnFieldPostcode) {
  struct Case {
    std::string_view in;
    const char* rule;
  };
  const std::vector<Case> cases = {
      {"", "empty"},
      {"BT1", "outward code only"},
      {"5GS", "inward code only"},
      {"BT1 5G", "inward code too short"},
      {"BT123 5GS", "outward code too long"},
      {"BT1 55S", "inward code needs two letters"},
      {"BTX 5GS", "outward code needs a digit"},
      {"1T1 5GS", "starts with a digit"},
      {"QA1 1AA", "Q never first"},
      {"VA1 1AA", "V never first"},
      {"XA1 1AA", "X never first"},
      {"AI1 1AA", "I never second"},
      {"AZ1 1AA", "Z never second"},
      {"W1I 0AX", "I not third in A9A"},
      {"EC1C 1BB", "C not fourth in AA9A"},
      {"BT1 5CS", "C not in the inward letters"},
      {"BT1 5GO", "O not in the inward letters"},
      {"BT1-5GS", "hyphen"},
      {"BT1 5GS!", "punctuation"},
      {"GIR 0AB", "only GIR 0AA"},
      {"BT1\xC2\xA0"
       "5GS",
       "non-breaking space inside"},
  };
  for (const auto& c : cases) {
    const auto normalised = NormalisePostcode(c.in);
    ASSERT_FALSE(normalised) << c.rule;
    EXPECT_EQ(normalised.error().code(), ErrorCode::kInvalidInput);
    ASSERT_EQ(normalised.error().field_errors().size(), 1U);
    EXPECT_EQ(normalised.error().field_errors()[0].field, "postcode");
  }
}

}  // namespace
}  // namespace frontdoor
