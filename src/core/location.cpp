#include "frontdoor/core/location.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "frontdoor/core/text.hpp"

namespace frontdoor {
namespace {

constexpr double kDegrees = 180.0 / std::numbers::pi;
constexpr double kRadians = std::numbers::pi / 180.0;
// Widens the box by a relative hair so that rounding in its own arithmetic never shuts out a
// point that DistanceMetres puts exactly on the circle.
constexpr double kBoxMargin = 1 + 1e-9;

BoundingBox EveryLongitude(double min_lat, double max_lat) {
  return {std::max(min_lat, -90.0), std::min(max_lat, 90.0), -180.0, 180.0};
}

bool IsUpper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}
bool IsOneOf(char c, std::string_view set) {
  return set.find(c) != std::string_view::npos;
}

// Royal Mail's letter rules for the outward code (as summarised by the ONS and Wikipedia,
// "Postcodes in the United Kingdom", Formatting): Q, V and X are never first; I, J and Z never
// second; only some letters end an A9A or AA9A outward code.
bool IsFirstLetter(char c) {
  return IsUpper(c) && !IsOneOf(c, "QVX");
}
bool IsSecondLetter(char c) {
  return IsUpper(c) && !IsOneOf(c, "IJZ");
}
bool IsA9ALetter(char c) {
  return IsOneOf(c, "ABCDEFGHJKPSTUW");
}
bool IsAA9ALetter(char c) {
  return IsOneOf(c, "ABEHMNPRVWXY");
}
// The inward code's letters avoid those that look like others in handwriting.
bool IsInwardLetter(char c) {
  return IsUpper(c) && !IsOneOf(c, "CIKMOV");
}

bool IsOutwardCode(std::string_view o) {
  switch (o.size()) {
    case 2:  // A9
      return IsFirstLetter(o[0]) && IsDigit(o[1]);
    case 3:  // A99, AA9, A9A
      return IsFirstLetter(o[0]) &&
             ((IsDigit(o[1]) && IsDigit(o[2])) || (IsSecondLetter(o[1]) && IsDigit(o[2])) ||
              (IsDigit(o[1]) && IsA9ALetter(o[2])));
    case 4:  // AA99, AA9A
      return IsFirstLetter(o[0]) && IsSecondLetter(o[1]) && IsDigit(o[2]) &&
             (IsDigit(o[3]) || IsAA9ALetter(o[3]));
    default: return false;
  }
}

bool IsInwardCode(std::string_view i) {
  return i.size() == 3 && IsDigit(i[0]) && IsInwardLetter(i[1]) && IsInwardLetter(i[2]);
}

}  // namespace

Result<GeoPoint> MakeGeoPoint(double lat, double lon) {
  std::vector<FieldError> errors;
  if (!std::isfinite(lat) || lat < -90 || lat > 90) {
    errors.push_back({"lat", "Enter a latitude in decimal degrees, from -90 to 90"});
  }
  if (!std::isfinite(lon) || lon < -180 || lon > 180) {
    errors.push_back({"long", "Enter a longitude in decimal degrees, from -180 to 180"});
  }
  if (!errors.empty()) {
    return Error::Invalid(std::move(errors));
  }
  return GeoPoint{lat, lon};
}

double DistanceMetres(GeoPoint a, GeoPoint b) {
  const double lat_a = a.lat * kRadians;
  const double lat_b = b.lat * kRadians;
  const double half_dlat = (lat_b - lat_a) / 2;
  const double half_dlon = (b.lon - a.lon) * kRadians / 2;
  const double h = std::sin(half_dlat) * std::sin(half_dlat) +
                   std::cos(lat_a) * std::cos(lat_b) * std::sin(half_dlon) * std::sin(half_dlon);
  // Rounding can push h a hair above 1 for antipodes; asin would then return NaN.
  return 2 * kEarthRadiusMetres * std::asin(std::sqrt(std::clamp(h, 0.0, 1.0)));
}

BoundingBox AroundPoint(GeoPoint centre, double metres) {
  const double angle = (metres > 0 ? metres : 0.0) / kEarthRadiusMetres;  // radians; NaN is 0
  const double dlat = angle * kDegrees * kBoxMargin;
  const double min_lat = centre.lat - dlat;
  const double max_lat = centre.lat + dlat;
  if (min_lat <= -90 || max_lat >= 90) {
    return EveryLongitude(min_lat, max_lat);  // the circle holds a pole
  }
  // The widest longitude a spherical cap of this angle reaches (not angle / cos(lat), which
  // is slightly too small): sin(dlon) = sin(angle) / cos(lat).
  const double s = std::sin(angle) / std::cos(centre.lat * kRadians);
  if (s >= 1) {
    return EveryLongitude(min_lat, max_lat);
  }
  const double dlon = std::asin(s) * kDegrees * kBoxMargin;
  if (centre.lon - dlon < -180 || centre.lon + dlon > 180) {
    return EveryLongitude(min_lat, max_lat);  // crosses the antimeridian
  }
  return {min_lat, max_lat, centre.lon - dlon, centre.lon + dlon};
}

bool Contains(const BoundingBox& box, GeoPoint point) {
  return point.lat >= box.min_lat && point.lat <= box.max_lat && point.lon >= box.min_lon &&
         point.lon <= box.max_lon;
}

Result<std::string> NormalisePostcode(std::string_view text) {
  std::string compact;
  for (const char c : ToUpperAscii(Trim(text))) {
    if (c != ' ' && c != '\t') {
      compact += c;
    }
  }
  if (compact == "GIR0AA") {  // Girobank's historic non-geographic postcode
    return std::string("GIR 0AA");
  }
  if (compact.size() >= 5) {
    const std::string_view all(compact);
    const std::string_view outward = all.substr(0, all.size() - 3);
    const std::string_view inward = all.substr(all.size() - 3);
    if (IsOutwardCode(outward) && IsInwardCode(inward)) {
      return std::string(outward) + " " + std::string(inward);
    }
  }
  return Error::Invalid("postcode", "Enter a full UK postcode, like BT1 5GS");
}

}  // namespace frontdoor
