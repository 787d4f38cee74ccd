#include "open311_catalogue.hpp"

#include <algorithm>

#include "frontdoor/usecase/catalogue.hpp"

namespace frontdoor::api::open311 {

bool OfferedOverOpen311(const store::ServiceRecord& service) {
  const bool on_web =
      service.channels.empty() ||
      std::find(service.channels.begin(), service.channels.end(), "web") != service.channels.end();
  return service.active && on_web && CasesShownOverOpen311(service);
}

bool CasesShownOverOpen311(const store::ServiceRecord& service) {
  return !service.signpost && service.case_type == "request";
}

Result<std::shared_ptr<const ServiceFactsCache::Map>> ServiceFactsCache::Current(bool reload) {
  const auto now = std::chrono::steady_clock::now();
  {
    const std::lock_guard lock(mutex_);
    if (!reload && facts_ && now - loaded_at_ < kMaxAge) {
      return facts_;
    }
  }
  // Read outside the lock: a slow database must not stall readers of the current copy.
  auto services = usecase::ListServices(store_, true);
  if (!services) {
    return services.error();
  }
  auto fresh = std::make_shared<Map>();
  for (const auto& service : *services) {
    fresh->emplace(service.code,
                   ServiceFacts{service.service_notice.value_or(""), OfferedOverOpen311(service),
                                CasesShownOverOpen311(service)});
  }
  const std::lock_guard lock(mutex_);
  facts_ = std::move(fresh);
  loaded_at_ = now;
  return facts_;
}

Result<std::optional<ServiceFacts>> ServiceFactsCache::Find(std::string_view code) {
  for (const bool reload : {false, true}) {
    auto facts = Current(reload);
    if (!facts) {
      return facts.error();
    }
    if (const auto found = (*facts)->find(code); found != (*facts)->end()) {
      return std::optional<ServiceFacts>(found->second);
    }
  }
  return std::optional<ServiceFacts>();
}

Result<std::vector<std::string>> ServiceFactsCache::CodesWithCasesShown() {
  auto facts = Current(false);
  if (!facts) {
    return facts.error();
  }
  std::vector<std::string> codes;
  for (const auto& [code, service] : **facts) {
    if (service.cases_shown) {
      codes.push_back(code);
    }
  }
  return codes;
}

}  // namespace frontdoor::api::open311
