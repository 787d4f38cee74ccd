#include "memory_gauges.hpp"

#include <malloc.h>
#include <sqlite3.h>

namespace frontdoor::app {
namespace {

constexpr sqlite3_int64 kSqlitePageBytes = 4096;  // the page size the migrations keep

sqlite3_int64 SqlitePageCacheBytes() {
  sqlite3_int64 slots = 0;
  sqlite3_int64 overflow = 0;
  sqlite3_int64 highwater = 0;
  sqlite3_status64(SQLITE_STATUS_PAGECACHE_USED, &slots, &highwater, 0);
  sqlite3_status64(SQLITE_STATUS_PAGECACHE_OVERFLOW, &overflow, &highwater, 0);
  return slots * kSqlitePageBytes + overflow;
}

}  // namespace

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
  // Every SQLite connection's page cache: the slots of the store's arena in use and what
  // overflowed into the heap. SQLite keeps no total of all its memory: the store turns that
  // count off, as it took a process-wide mutex on every allocation (store/sqlite).
  metrics.AddGauge({"frontdoor_sqlite_page_cache_bytes", "Bytes of SQLite page caches in use",
                    [] { return static_cast<double>(SqlitePageCacheBytes()); }});
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
