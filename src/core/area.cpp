#include "frontdoor/core/area.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace frontdoor {
namespace {

bool SamePoint(GeoPoint a, GeoPoint b) {
  return a.lat == b.lat && a.lon == b.lon;
}

bool RingContains(const Polygon& polygon, GeoPoint p) {
  const auto& ring = polygon.ring;
  bool inside = false;
  for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
    const GeoPoint a = ring[i];
    const GeoPoint b = ring[j];
    // Does a ray from p towards increasing longitude cross edge a-b?
    if ((a.lat > p.lat) != (b.lat > p.lat)) {
      const double crossing = a.lon + (p.lat - a.lat) * (b.lon - a.lon) / (b.lat - a.lat);
      if (p.lon < crossing) {
        inside = !inside;
      }
    }
  }
  return inside;
}

}  // namespace

Result<Area> MakeArea(const std::vector<std::vector<GeoPoint>>& rings, std::string_view field) {
  const std::string name(field);
  if (rings.empty()) {
    return Error::Invalid(name, "Give at least one polygon");
  }
  Area area;
  std::size_t vertices = 0;
  for (const auto& ring : rings) {
    Polygon polygon;
    for (const GeoPoint point : ring) {
      if (!MakeGeoPoint(point.lat, point.lon)) {
        return Error::Invalid(name,
                              "Every point needs a latitude of -90 to 90 and a longitude "
                              "of -180 to 180");
      }
      if (polygon.ring.empty() || !SamePoint(polygon.ring.back(), point)) {
        polygon.ring.push_back(point);
      }
    }
    if (polygon.ring.size() > 1 && SamePoint(polygon.ring.front(), polygon.ring.back())) {
      polygon.ring.pop_back();
    }
    if (polygon.ring.size() < 3) {
      return Error::Invalid(name, "Each polygon needs at least 3 distinct points");
    }
    vertices += polygon.ring.size();
    area.parts.push_back(std::move(polygon));
  }
  if (vertices > kMaxAreaVertices) {
    return Error::Invalid(
        name, "An area may have at most " + std::to_string(kMaxAreaVertices) + " points");
  }
  return area;
}

bool Contains(const Area& area, GeoPoint point) {
  return std::any_of(area.parts.begin(), area.parts.end(),
                     [&](const Polygon& polygon) { return RingContains(polygon, point); });
}

BoundingBox Bounds(const Area& area) {
  BoundingBox box{90, -90, 180, -180};
  for (const Polygon& polygon : area.parts) {
    for (const GeoPoint p : polygon.ring) {
      box.min_lat = std::min(box.min_lat, p.lat);
      box.max_lat = std::max(box.max_lat, p.lat);
      box.min_lon = std::min(box.min_lon, p.lon);
      box.max_lon = std::max(box.max_lon, p.lon);
    }
  }
  return box;
}

}  // namespace frontdoor
