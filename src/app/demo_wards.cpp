// The 60 wards of Belfast (DOMAIN.md (h)) for demo data: rough centroids, postcode
// districts and a few streets each, and demo boundaries made of the centroids' cells.
#include <array>

#include "frontdoor/app/demo_catalogue.hpp"

namespace frontdoor::app {
namespace {

// Centroids are approximate (within a few hundred metres) and streets are a few well-known
// ones in or beside each ward: enough for believable demo addresses, not a gazetteer.
// clang-format off
constexpr std::array<DemoWard, 60> kWards{{
    // Balmoral
    {"Belvoir", "Balmoral", "south", 54.5585, -5.9260, "BT8", {"Belvoir Drive", "Drumart Square", "Milltown Road"}},
    {"Finaghy", "Balmoral", "south", 54.5640, -5.9730, "BT10", {"Finaghy Road South", "Upper Lisburn Road", "Finaghy Park Central"}},
    {"Malone", "Balmoral", "south", 54.5760, -5.9500, "BT9", {"Malone Road", "Lisburn Road", "Eglantine Avenue"}},
    {"Musgrave", "Balmoral", "south", 54.5700, -5.9620, "BT9", {"Stockman's Lane", "Balmoral Avenue", "Marguerite Park"}},
    {"Upper Malone", "Balmoral", "south", 54.5560, -5.9580, "BT9", {"Upper Malone Road", "Newforge Lane", "Malone Road"}},
    // Black Mountain
    {"Andersonstown", "Black Mountain", "west", 54.5770, -5.9900, "BT11", {"Andersonstown Road", "Glen Road", "Finaghy Road North"}},
    {"Ballymurphy", "Black Mountain", "west", 54.5950, -5.9880, "BT12", {"Springfield Road", "Whiterock Road", "Ballymurphy Road"}},
    {"Beechmount", "Black Mountain", "west", 54.5920, -5.9650, "BT12", {"Beechmount Avenue", "Falls Road", "Iveagh Parade"}},
    {"Colin Glen", "Black Mountain", "west", 54.5760, -6.0080, "BT17", {"Glen Road", "Colinmill", "Suffolk Road"}},
    {"Falls Park", "Black Mountain", "west", 54.5850, -5.9750, "BT12", {"Falls Road", "Donegall Road", "Rockville Street"}},
    {"Shaw's Road", "Black Mountain", "west", 54.5790, -5.9990, "BT11", {"Shaw's Road", "Kennedy Way", "Glen Road"}},
    {"Turf Lodge", "Black Mountain", "west", 54.5960, -5.9990, "BT11", {"Monagh Road", "Springfield Road", "Norfolk Drive"}},
    // Botanic
    {"Blackstaff", "Botanic", "south", 54.5880, -5.9450, "BT12", {"Donegall Road", "Broadway", "Tate's Avenue"}},
    {"Central", "Botanic", "south", 54.5980, -5.9300, "BT1", {"Royal Avenue", "Donegall Place", "High Street"}},
    {"Ormeau", "Botanic", "south", 54.5800, -5.9180, "BT7", {"Ormeau Road", "Agincourt Avenue", "Ava Avenue"}},
    {"Stranmillis", "Botanic", "south", 54.5750, -5.9350, "BT9", {"Stranmillis Road", "Botanic Avenue", "Elmwood Avenue"}},
    {"Windsor", "Botanic", "south", 54.5820, -5.9450, "BT9", {"Lisburn Road", "Windsor Avenue", "Wellington Park"}},
    // Castle
    {"Bellevue", "Castle", "north", 54.6400, -5.9450, "BT36", {"Antrim Road", "Serpentine Road", "Gray's Lane"}},
    {"Cavehill", "Castle", "north", 54.6250, -5.9500, "BT15", {"Cavehill Road", "Old Cavehill Road", "Ballysillan Road"}},
    {"Chichester Park", "Castle", "north", 54.6200, -5.9350, "BT15", {"Chichester Park North", "Antrim Road", "Somerton Road"}},
    {"Duncairn", "Castle", "north", 54.6120, -5.9300, "BT15", {"Duncairn Gardens", "Limestone Road", "York Road"}},
    {"Fortwilliam", "Castle", "north", 54.6280, -5.9250, "BT15", {"Fortwilliam Park", "Antrim Road", "Shore Road"}},
    {"Innisfayle", "Castle", "north", 54.6350, -5.9300, "BT15", {"Innisfayle Park", "Salisbury Avenue", "Downview Park"}},
    // Collin
    {"Dunmurry", "Collin", "west", 54.5530, -5.9950, "BT17", {"Kingsway", "Upper Dunmurry Lane", "Station Road"}},
    {"Ladybrook", "Collin", "west", 54.5670, -5.9950, "BT11", {"Ladybrook Park", "Stewartstown Road", "Finaghy Road North"}},
    {"Lagmore", "Collin", "west", 54.5600, -6.0150, "BT17", {"Lagmore Drive", "Stewartstown Road", "Mount Eagles"}},
    {"Poleglass", "Collin", "west", 54.5570, -6.0100, "BT17", {"Pantridge Road", "Stewartstown Road", "Woodside Road"}},
    {"Stewartstown", "Collin", "west", 54.5680, -6.0050, "BT11", {"Stewartstown Road", "Suffolk Road", "Lenadoon Avenue"}},
    {"Twinbrook", "Collin", "west", 54.5540, -6.0050, "BT17", {"Twinbrook Road", "Summerhill Drive", "Aitnamona Crescent"}},
    // Court
    {"Ballygomartin", "Court", "north", 54.6100, -5.9800, "BT13", {"Ballygomartin Road", "Springmartin Road", "Forthriver Road"}},
    {"Clonard", "Court", "north", 54.6000, -5.9550, "BT13", {"Clonard Gardens", "Kashmir Road", "Springfield Road"}},
    {"Falls", "Court", "north", 54.5980, -5.9450, "BT12", {"Falls Road", "Grosvenor Road", "Leeson Street"}},
    {"Forth River", "Court", "north", 54.6120, -5.9700, "BT13", {"Forthriver Road", "Glencairn Road", "Woodvale Road"}},
    {"Shankill", "Court", "north", 54.6060, -5.9450, "BT13", {"Shankill Road", "Agnes Street", "Crumlin Road"}},
    {"Woodvale", "Court", "north", 54.6100, -5.9600, "BT13", {"Woodvale Road", "Crumlin Road", "Cambrai Street"}},
    // Lisnasharragh
    {"Cregagh", "Lisnasharragh", "east", 54.5750, -5.8950, "BT6", {"Cregagh Road", "Cregagh Park", "Mount Merrion Avenue"}},
    {"Hillfoot", "Lisnasharragh", "east", 54.5720, -5.8800, "BT6", {"Hillfoot Road", "Ballygowan Road", "Lisnasharragh Park"}},
    {"Merok", "Lisnasharragh", "east", 54.5800, -5.8900, "BT6", {"Castlereagh Road", "Grand Parade", "Beechgrove Avenue"}},
    {"Orangefield", "Lisnasharragh", "east", 54.5880, -5.8850, "BT5", {"Orangefield Crescent", "Grand Parade", "Castlereagh Road"}},
    {"Ravenhill", "Lisnasharragh", "east", 54.5830, -5.9050, "BT6", {"Ravenhill Road", "Ravenhill Avenue", "Rosetta Park"}},
    {"Rosetta", "Lisnasharragh", "east", 54.5730, -5.9100, "BT8", {"Rosetta Road", "Ormeau Road", "Knockbreda Road"}},
    // Oldpark
    {"Ardoyne", "Oldpark", "north", 54.6170, -5.9600, "BT14", {"Ardoyne Road", "Crumlin Road", "Brompton Park"}},
    {"Ballysillan", "Oldpark", "north", 54.6270, -5.9600, "BT14", {"Ballysillan Road", "Silverstream Road", "Joanmount Gardens"}},
    {"Cliftonville", "Oldpark", "north", 54.6170, -5.9450, "BT14", {"Cliftonville Road", "Oldpark Road", "Manor Street"}},
    {"Legoniel", "Oldpark", "north", 54.6250, -5.9750, "BT14", {"Ligoniel Road", "Wolfhill Road", "Mill Avenue"}},
    {"New Lodge", "Oldpark", "north", 54.6070, -5.9350, "BT15", {"New Lodge Road", "Antrim Road", "North Queen Street"}},
    {"Water Works", "Oldpark", "north", 54.6200, -5.9400, "BT15", {"Antrim Road", "Cliftonville Road", "Alexandra Park Avenue"}},
    // Ormiston
    {"Belmont", "Ormiston", "east", 54.6000, -5.8650, "BT4", {"Belmont Road", "Circular Road", "Sydenham Avenue"}},
    {"Garnerville", "Ormiston", "east", 54.6100, -5.8600, "BT4", {"Garnerville Road", "Holywood Road", "Belmont Church Road"}},
    {"Gilnahirk", "Ormiston", "east", 54.5900, -5.8550, "BT5", {"Gilnahirk Road", "Kings Road", "Lower Braniel Road"}},
    {"Knock", "Ormiston", "east", 54.5950, -5.8700, "BT5", {"Knock Road", "Upper Newtownards Road", "Kings Road"}},
    {"Sandown", "Ormiston", "east", 54.5980, -5.8800, "BT5", {"Sandown Road", "Kensington Road", "Wandsworth Road"}},
    {"Shandon", "Ormiston", "east", 54.5920, -5.8750, "BT5", {"Shandon Park", "Knockdene Park", "Clara Avenue"}},
    {"Stormont", "Ormiston", "east", 54.6030, -5.8550, "BT4", {"Upper Newtownards Road", "Massey Avenue", "Stormont Park"}},
    // Titanic
    {"Ballymacarrett", "Titanic", "east", 54.6000, -5.9050, "BT4", {"Newtownards Road", "Templemore Avenue", "Short Strand"}},
    {"Beersbridge", "Titanic", "east", 54.5950, -5.8950, "BT5", {"Beersbridge Road", "Castlereagh Street", "My Lady's Road"}},
    {"Bloomfield", "Titanic", "east", 54.5930, -5.8850, "BT5", {"Bloomfield Avenue", "North Road", "Beersbridge Road"}},
    {"Connswater", "Titanic", "east", 54.5980, -5.8900, "BT5", {"Connsbrook Avenue", "Albertbridge Road", "Holywood Road"}},
    {"Sydenham", "Titanic", "east", 54.6100, -5.8900, "BT4", {"Sydenham Road", "Dee Street", "Connsbrook Avenue"}},
    {"Woodstock", "Titanic", "east", 54.5900, -5.9050, "BT6", {"Woodstock Road", "Castlereagh Road", "Cregagh Street"}},
}};
// clang-format on

// Cells are computed on a plane where a degree of longitude is shortened as it is at
// Belfast's latitude, so that "nearer" means nearer on the ground.
constexpr double kLonScale = 0.5793;  // cos(54.6 degrees)
constexpr double kBoxMinLat = 54.540;
constexpr double kBoxMaxLat = 54.660;
constexpr double kBoxMinLon = -6.040;
constexpr double kBoxMaxLon = -5.830;

struct PlanePoint {
  double x;  // scaled longitude
  double y;  // latitude
};

// Keeps the part of the polygon where a.x * x + a.y * y <= limit (Sutherland-Hodgman).
std::vector<PlanePoint> Clip(const std::vector<PlanePoint>& polygon, PlanePoint a, double limit) {
  std::vector<PlanePoint> out;
  const auto side = [&](PlanePoint p) { return a.x * p.x + a.y * p.y - limit; };
  for (std::size_t i = 0; i < polygon.size(); ++i) {
    const PlanePoint p = polygon[i];
    const PlanePoint q = polygon[(i + 1) % polygon.size()];
    const double sp = side(p);
    const double sq = side(q);
    if (sp <= 0) {
      out.push_back(p);
    }
    if ((sp < 0 && sq > 0) || (sp > 0 && sq < 0)) {
      const double t = sp / (sp - sq);
      out.push_back({p.x + t * (q.x - p.x), p.y + t * (q.y - p.y)});
    }
  }
  return out;
}

}  // namespace

std::span<const DemoWard> BelfastWards() {
  return kWards;
}

const DemoWard& NearestWard(double lat, double lon) {
  const DemoWard* nearest = kWards.data();
  double best = 1e300;
  for (const DemoWard& ward : kWards) {
    const double dx = (ward.lon - lon) * kLonScale;
    const double dy = ward.lat - lat;
    const double d = dx * dx + dy * dy;
    if (d < best) {
      best = d;
      nearest = &ward;
    }
  }
  return *nearest;
}

std::vector<GeoPoint> DemoWardBoundary(std::size_t index) {
  const DemoWard& ward = kWards.at(index);
  const PlanePoint c{ward.lon * kLonScale, ward.lat};
  std::vector<PlanePoint> cell{{kBoxMinLon * kLonScale, kBoxMinLat},
                               {kBoxMaxLon * kLonScale, kBoxMinLat},
                               {kBoxMaxLon * kLonScale, kBoxMaxLat},
                               {kBoxMinLon * kLonScale, kBoxMaxLat}};
  for (const DemoWard& other : kWards) {
    if (&other == &ward) {
      continue;
    }
    // Nearer to c than to o: (o - c) . p <= (|o|^2 - |c|^2) / 2.
    const PlanePoint o{other.lon * kLonScale, other.lat};
    cell = Clip(cell, {o.x - c.x, o.y - c.y}, (o.x * o.x + o.y * o.y - c.x * c.x - c.y * c.y) / 2);
  }
  std::vector<GeoPoint> ring;
  for (const PlanePoint& p : cell) {
    ring.push_back({p.y, p.x / kLonScale});
  }
  return ring;
}

}  // namespace frontdoor::app
