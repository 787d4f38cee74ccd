// Which services and cases the Open311 endpoint shows, and a short-lived copy of the few
// catalogue facts every request needs (notice, visibility), so that the hot GET of one
// request reads one row, not two. Thread-safe.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "frontdoor/core/error.hpp"
#include "frontdoor/store/catalogue.hpp"
#include "frontdoor/store/store.hpp"

namespace frontdoor::api::open311 {

// A service Open311 clients may choose: active, ours (not signposted to another body),
// offered on the web channel, and a service request (enquiries, complaints and compliments
// are personal and come in through other doors).
[[nodiscard]] bool OfferedOverOpen311(const store::ServiceRecord& service);
// A service whose cases the public API may show: a service request that is ours, even if
// the service has since been withdrawn (FixMyStreet still follows its reports).
[[nodiscard]] bool CasesShownOverOpen311(const store::ServiceRecord& service);

struct ServiceFacts {
  std::string notice;  // the service's service_notice, or empty
  bool offered = false;
  bool cases_shown = false;
};

class ServiceFactsCache {
 public:
  // Facts older than this are read again; a code not in the copy is read again at once.
  static constexpr std::chrono::seconds kMaxAge{30};

  explicit ServiceFactsCache(store::Store& store) : store_(store) {}

  // The facts of the service with `code`; nullopt when there is none.
  Result<std::optional<ServiceFacts>> Find(std::string_view code);
  // Codes of every service whose cases may be shown, sorted.
  Result<std::vector<std::string>> CodesWithCasesShown();

 private:
  using Map = std::map<std::string, ServiceFacts, std::less<>>;
  Result<std::shared_ptr<const Map>> Current(bool reload);

  store::Store& store_;
  std::mutex mutex_;
  std::shared_ptr<const Map> facts_;
  std::chrono::steady_clock::time_point loaded_at_;
};

}  // namespace frontdoor::api::open311
