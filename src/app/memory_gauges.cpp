#include "memory_gauges.hpp"

#include <malloc.h>

#include "frontdoor/store/sqlite/sqlite_store.hpp"

namespace frontdoor::app {

void AddMemoryGauges(http::Metrics& metrics, const usecase::CaseSearchIndex& cases,
                     const usecase::KnowledgeIndex& knowledge) {
  metrics.AddGauge(
      {"frontdoor_case_index_bytes", "Approximate size of the case search index",
       [&cases] { return static_cast<double>(cases.index().Stats().approximate_bytes); }});
  metrics.AddGauge({"frontdoor_case_index_documents", "Cases in the case search index",
                    [&cases] { return static_cast<double>(cases.index().size()); }});
  metrics.AddGauge(
      {"frontdoor_knowledge_index_bytes", "Approximate size of the article index",
       [&knowledge] { return static_cast<double>(knowledge.index().Stats().approximate_bytes); }});
  // Every SQLite connection's prepared statements, schema and pages beyond the page caches'
  // arena, in the heap in use below.
  metrics.AddGauge({"frontdoor_sqlite_memory_bytes", "Heap memory SQLite has allocated",
                    [] { return static_cast<double>(store::sqlite::SqliteHeapBytes()); }});
  // glibc's own account, over every arena: what is allocated and what it holds free. Free
  // bytes that keep growing while those in use do not is fragmentation, not a leak.
  metrics.AddGauge({"frontdoor_heap_in_use_bytes", "Heap bytes allocated (malloc)", [] {
                      const struct mallinfo2 info = mallinfo2();
                      return static_cast<double>(info.uordblks + info.hblkhd);
                    }});
  metrics.AddGauge({"frontdoor_heap_free_bytes", "Heap bytes held free by malloc", [] {
                      const struct mallinfo2 info = mallinfo2();
                      return static_cast<double>(info.fordblks);
                    }});
}

}  // namespace frontdoor::app
