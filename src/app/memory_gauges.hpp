// Gauges of what the server keeps in memory, beside its resident size: the in-memory indexes'
// own sizes, SQLite's caches, and the C library's heap (bytes in use against bytes held free). A
// soak tells growth that follows the data (a case index that grows with the cases) from growth that
// does not (a leak: heap in use grows; fragmentation: free heap grows) with them.
#pragma once

#include "frontdoor/http/metrics.hpp"
#include "frontdoor/usecase/case_search.hpp"
#include "frontdoor/usecase/knowledge.hpp"

namespace frontdoor::app {

// The indexes outlive `metrics`' last scrape. Each read of an index gauge walks that index
// under its shared lock (milliseconds for 100,000 cases): for scrapes, not for hot paths.
void AddMemoryGauges(http::Metrics& metrics, const usecase::CaseSearchIndex& cases,
                     const usecase::KnowledgeIndex& knowledge);

}  // namespace frontdoor::app
