// The part of the catalogue every new case is checked and routed against (services with their
// forms, wards, routing rules, team names, and the API keys clients create cases with), kept
// in memory so that a create reads one row instead of the catalogue. Correct across nodes: the
// database keeps a version that triggers move with every catalogue change (migrations 0018 and
// 0027), and the cache reloads whenever the version it reads differs from the one it holds.
// Thread-safe; snapshots are immutable.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "frontdoor/core/error.hpp"
#include "frontdoor/core/location.hpp"
#include "frontdoor/store/accounts.hpp"
#include "frontdoor/store/catalogue.hpp"
#include "frontdoor/store/store.hpp"

namespace frontdoor::usecase {

class CatalogueSnapshot {
 public:
  // Services by code (inactive ones too), wards by id, routing rules, teams and API keys (revoked
  // ones too) as stored.
  CatalogueSnapshot(std::int64_t version, std::vector<store::ServiceRecord> services,
                    std::vector<store::WardRecord> wards,
                    std::vector<store::RoutingRuleRecord> rules,
                    const std::vector<store::TeamRecord>& teams,
                    std::vector<store::ApiKeyRecord> api_keys = {});

  [[nodiscard]] std::int64_t version() const { return version_; }
  // Null when no service has the code.
  [[nodiscard]] const store::ServiceRecord* Service(const std::string& code) const;
  // The name of the first ward (by id) whose boundary holds the point, as Catalogue::WardsAt.
  [[nodiscard]] std::optional<std::string> WardAt(GeoPoint point) const;
  // As Catalogue::RouteTeam: service and ward, then service, then ward, then the catch-all.
  [[nodiscard]] std::optional<std::int64_t> RouteTeam(std::int64_t service_id,
                                                      const std::optional<std::string>& ward) const;
  // Null for an unknown team.
  [[nodiscard]] const std::string* TeamName(std::int64_t team_id) const;
  // Null when no key has the digest.
  [[nodiscard]] const store::ApiKeyRecord* ApiKey(std::string_view key_digest) const;

 private:
  std::int64_t version_;
  std::map<std::string, store::ServiceRecord, std::less<>> services_;
  std::vector<store::WardRecord> wards_;
  std::vector<store::RoutingRuleRecord> rules_;
  std::map<std::int64_t, std::string> team_names_;
  std::map<std::string, store::ApiKeyRecord, std::less<>> api_keys_;
};

class CatalogueCache {
 public:
  // The snapshot of the catalogue as `tx` sees it: the one held when the stored version is
  // unchanged, else a new one read in `tx`. Errors are the store's.
  Result<std::shared_ptr<const CatalogueSnapshot>> Current(store::ReadTx& tx);
  // The snapshot held, without reading the store: possibly behind it. Null before the first
  // Current(). Only for answers that a later Current() confirms (the key of an Open311 create).
  [[nodiscard]] std::shared_ptr<const CatalogueSnapshot> Held();

 private:
  std::mutex mutex_;
  std::shared_ptr<const CatalogueSnapshot> snapshot_;
};

}  // namespace frontdoor::usecase
