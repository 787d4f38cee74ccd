#include "frontdoor/core/area.hpp"

#include <gtest/gtest.h>

namespace frontdoor {
namespace {

// A square around Belfast City Hall and, as a second part, a triangle further east.
Area CityCentre() {
  return MakeArea({{{54.59, -5.94}, {54.59, -5.92}, {54.60, -5.92}, {54.60, -5.94}},
                   {{54.59, -5.90}, {54.60, -5.89}, {54.59, -5.88}, {54.59, -5.90}}})
      .value();
}

TEST(AreaTest, PointsInsideAnyPartAreInside) {
  const Area area = CityCentre();
  EXPECT_TRUE(Contains(area, {54.5965, -5.93}));
  EXPECT_TRUE(Contains(area, {54.592, -5.89}));
  EXPECT_FALSE(Contains(area, {54.61, -5.93}));
  EXPECT_FALSE(Contains(area, {54.5965, -5.91}));  // between the parts
  EXPECT_FALSE(Contains(area, {54.599, -5.881}));  // in the triangle's box, outside it
}

TEST(AreaTest, ConcaveShapesAreHandled) {
  // A "U": the notch in the middle is outside.
  const Area u =
      MakeArea({{{0, 0}, {0, 3}, {3, 3}, {3, 2}, {1, 2}, {1, 1}, {3, 1}, {3, 0}}}).value();
  EXPECT_TRUE(Contains(u, {0.5, 1.5}));
  EXPECT_FALSE(Contains(u, {2, 1.5}));
  EXPECT_TRUE(Contains(u, {2, 0.5}));
}

TEST(AreaTest, BoundsCoverEveryPart) {
  const BoundingBox box = Bounds(CityCentre());
  EXPECT_DOUBLE_EQ(box.min_lat, 54.59);
  EXPECT_DOUBLE_EQ(box.max_lat, 54.60);
  EXPECT_DOUBLE_EQ(box.min_lon, -5.94);
  EXPECT_DOUBLE_EQ(box.max_lon, -5.88);
}

TEST(AreaTest, RejectsDegenerateOrOutOfRangeRings) {
  EXPECT_FALSE(MakeArea({}));
  EXPECT_FALSE(MakeArea({{{1, 1}, {2, 2}, {1, 1}}}));  // two distinct points
  auto bad = MakeArea({{{1, 1}, {2, 2}, {95, 3}}}, "wards[0].boundary");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field_errors()[0].field, "wards[0].boundary");
}

}  // namespace
}  // namespace frontdoor
