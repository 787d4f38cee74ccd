#include "memory_gauges.hpp"

#include <chrono>
#include <cstdlib>
#include <string>

#include <gtest/gtest.h>

#include "heap.hpp"

namespace frontdoor::app {
namespace {

// The value of one gauge in Prometheus text; -1 when it is not there.
double GaugeValue(const std::string& text, const std::string& name) {
  const auto at = text.find("\n" + name + " ");
  if (at == std::string::npos) {
    return -1;
  }
  return std::strtod(text.c_str() + at + name.size() + 2, nullptr);
}

// The soak takes the indexes' growth off the server's: the case index gauge must follow the
// cases put into it.
TEST(MemoryGaugesTest, TheCaseIndexGaugeGrowsWithTheCasesPut) {
  usecase::CaseSearchIndex cases;
  usecase::KnowledgeIndex knowledge;
  http::Metrics metrics;
  AddMemoryGauges(metrics, cases, knowledge);
  const std::string empty = metrics.RenderPrometheus();
  EXPECT_EQ(GaugeValue(empty, "frontdoor_case_index_documents"), 0);

  for (std::int64_t id = 1; id <= 200; ++id) {
    store::CaseSearchRow row;
    row.id = id;
    row.reference = "BCC-26-" + std::to_string(id);
    row.status = "new";
    row.service_code = "fly-tipping";
    row.service_name = "Fly-tipping";
    row.description = "Mattress and bags dumped by the entry, case " + std::to_string(id);
    cases.Put(row);
  }
  const std::string full = metrics.RenderPrometheus();
  EXPECT_EQ(GaugeValue(full, "frontdoor_case_index_documents"), 200);
  EXPECT_GT(GaugeValue(full, "frontdoor_case_index_bytes"),
            GaugeValue(empty, "frontdoor_case_index_bytes") + 200 * 8);
  EXPECT_GE(GaugeValue(full, "frontdoor_knowledge_index_bytes"), 0);
  // Zero under AddressSanitizer, whose allocator is not glibc's: present is what counts.
  EXPECT_GE(GaugeValue(full, "frontdoor_heap_in_use_bytes"), 0);
  EXPECT_GE(GaugeValue(full, "frontdoor_heap_free_bytes"), 0);
  EXPECT_GE(GaugeValue(full, "frontdoor_sqlite_memory_bytes"), 0);
}

TEST(HeapTrimmerTest, StopsWithoutWaitingOutItsInterval) {
  HeapTrimmer trimmer(std::chrono::hours(1));
  const auto asked = std::chrono::steady_clock::now();
  trimmer.Stop();
  EXPECT_LT(std::chrono::steady_clock::now() - asked, std::chrono::seconds(30));
  trimmer.Stop();  // idempotent
}

}  // namespace
}  // namespace frontdoor::app
