// Where a case is: WGS84 points, great-circle distance, a bounding box to prefilter nearby
// cases (duplicate suggestions "within 50 m"), and UK postcode normalisation. Pure and
// stateless, so thread-safe. No gazetteer lookup here: that is an adapter's job.
#pragma once

#include <string>
#include <string_view>

#include "frontdoor/core/error.hpp"

namespace frontdoor {

// WGS84 decimal degrees. Make one with MakeGeoPoint to know it is in range.
struct GeoPoint {
  double lat = 0;  // -90..90, north positive
  double lon = 0;  // -180..180, east positive
};

// Mean Earth radius (IUGG), the sphere DistanceMetres and AroundPoint assume.
inline constexpr double kEarthRadiusMetres = 6371008.8;

// A point from untrusted input. kInvalidInput with a field error on "lat" and/or "long" (the
// Open311 names) when a coordinate is not finite or out of range; both are reported together.
[[nodiscard]] Result<GeoPoint> MakeGeoPoint(double lat, double lon);

// Great-circle (haversine) distance in metres on a sphere of kEarthRadiusMetres. Within about
// 0.5% of the ellipsoidal distance. Symmetric; 0 for the same point.
[[nodiscard]] double DistanceMetres(GeoPoint a, GeoPoint b);

// A latitude/longitude rectangle, edges included. It never wraps: when the area it must cover
// crosses the antimeridian or a pole, it spans every longitude instead.
struct BoundingBox {
  double min_lat = 0;
  double max_lat = 0;
  double min_lon = 0;
  double max_lon = 0;
};

// A box holding every point within `metres` (>= 0; negative counts as 0) of `centre`, as
// DistanceMetres measures, so "lat BETWEEN ... AND lon BETWEEN ..." loses no candidate. It may
// hold more; check DistanceMetres afterwards.
[[nodiscard]] BoundingBox AroundPoint(GeoPoint centre, double metres);

// True when `point` lies in `box`, edges included.
[[nodiscard]] bool Contains(const BoundingBox& box, GeoPoint point);

// A UK postcode in its standard form: upper case, one space before the three-character inward
// code ("bt15gs" -> "BT1 5GS"). Accepts any case, surrounding whitespace and any spaces inside.
// Validates the Royal Mail pattern (A9, A99, AA9, AA99, A9A, AA9A outward codes with their
// letter rules; 9AA inward codes without C, I, K, M, O or V), Northern Ireland BT postcodes
// included, and the special GIR 0AA. kInvalidInput on field "postcode" otherwise. Says
// nothing about whether the postcode exists.
[[nodiscard]] Result<std::string> NormalisePostcode(std::string_view text);

}  // namespace frontdoor
