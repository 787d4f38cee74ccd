// Areas on the map, such as electoral wards: one or more polygons of WGS84 points, and
// whether a point lies inside. Used to put a case in its ward for routing and reporting.
// Pure, so thread-safe.
#pragma once

#include <string_view>
#include <vector>

#include "frontdoor/core/error.hpp"
#include "frontdoor/core/location.hpp"

namespace frontdoor {

// A simple polygon: its ring of vertices, not repeating the first at the end.
struct Polygon {
  std::vector<GeoPoint> ring;
};

// An area of one or more polygons (a ward split by a river is two).
struct Area {
  std::vector<Polygon> parts;
};

inline constexpr std::size_t kMaxAreaVertices = 100000;

// An area from untrusted rings (GeoJSON order does not matter here; points are lat/long).
// A ring may repeat its first point at the end. kInvalidInput on `field` when there is no
// ring, a ring has fewer than 3 distinct points, a point is out of range, or there are more
// than kMaxAreaVertices points in all.
[[nodiscard]] Result<Area> MakeArea(const std::vector<std::vector<GeoPoint>>& rings,
                                    std::string_view field = "boundary");

// True when `point` lies inside any part (even-odd rule; a point exactly on an edge may fall
// either side, which is fine for wards whose edges run down the middle of roads).
[[nodiscard]] bool Contains(const Area& area, GeoPoint point);

// The smallest box holding the area, to find candidate areas with an index.
[[nodiscard]] BoundingBox Bounds(const Area& area);

}  // namespace frontdoor
