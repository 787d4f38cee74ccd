// What the attachment suites share: a migrated store with one service and a case context
// to raise cases in, and small real files (each decodes in a browser) to attach.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "frontdoor/charter/calendar.hpp"
#include "frontdoor/usecase/cases.hpp"
#include "frontdoor/usecase/catalogue.hpp"

#include "test_store.hpp"

namespace frontdoor::testing {

using namespace std::string_view_literals;

// A 1x1 PNG: signature, IHDR, one compressed scan line, IEND.
inline constexpr std::string_view kTinyPng =
    "\x89PNG\r\n\x1A\n\x00\x00\x00\x0DIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
    "\x90\x77\x53\xDE\x00\x00\x00\x0CIDAT\x78\x9C\x63\xF8\xCF\xC0\x00\x00\x03\x01\x01\x00\xC9"
    "\xFE\x92\xEF\x00\x00\x00\x00IEND\xAE\x42\x60\x82"sv;

// An 8x8 grey baseline JPEG: JFIF header, a flat quantisation table, one-code Huffman
// tables, and a scan of a single block (DC difference 0, end of block).
inline std::string TinyJpeg() {
  std::string jpeg("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"sv);
  jpeg += "\xFF\xDB\x00\x43\x00"sv;
  jpeg += std::string(64, '\x01');
  jpeg += "\xFF\xC0\x00\x0B\x08\x00\x08\x00\x08\x01\x01\x11\x00"sv;
  for (const char table_class : {'\x00', '\x10'}) {
    jpeg += "\xFF\xC4\x00\x14"sv;
    jpeg += table_class;
    jpeg += '\x01';
    jpeg += std::string(16, '\x00');  // 15 empty code lengths, then the one symbol: 0
  }
  jpeg += "\xFF\xDA\x00\x08\x01\x01\x00\x00\x3F\x00\x3F\xFF\xD9"sv;
  return jpeg;
}

// The start of a Linux executable, as a file a client calls "photo.jpg".
inline constexpr std::string_view kElfExecutable =
    "\x7F"
    "ELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x3E\x00"sv;

class AttachmentWorld {
 public:
  explicit AttachmentWorld(Backend backend) {
    database_ = NewTestDatabase(backend);
    store_ = OpenTestStore(*database_, clock_);
    auto version = store_->Migrate();
    EXPECT_TRUE(version) << version.error().message();
    ctx_ = std::make_unique<usecase::CaseContext>(
        usecase::CaseContext{*store_, clock_, "BCC", calendar_, standards_});
    EXPECT_TRUE(usecase::CreateDepartment(*store_, "CNS", "City and Neighbourhood Services"));
    usecase::ServiceInput fly;
    fly.code = "FLY";
    fly.name = "Fly-tipping";
    fly.department_code = "CNS";
    auto created = usecase::CreateService(*store_, clock_, fly);
    EXPECT_TRUE(created) << created.error().message();
  }

  // A new case's reference.
  std::string NewCase() {
    usecase::NewCase input;
    input.service_code = "FLY";
    input.description = "Mattress dumped by the entry";
    input.actor = "staff:1";
    auto created = usecase::CreateCase(*ctx_, input);
    EXPECT_TRUE(created) << created.error().message();
    return created ? created->record.reference : std::string();
  }

  usecase::CaseContext& ctx() { return *ctx_; }
  store::Store& store() { return *store_; }
  ManualClock& clock() { return clock_; }

 private:
  ManualClock clock_{FromUnixMicros(1'772'445'600'000'000)};  // 2026-03-02T10:00:00Z
  charter::WorkingCalendar calendar_ =
      charter::WorkingCalendar::Create(
          "test",
          charter::WeeklyHours::MondayToFriday(std::chrono::hours(9), std::chrono::hours(17)), {})
          .value();
  std::vector<charter::Standard> standards_;
  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<usecase::CaseContext> ctx_;
};

}  // namespace frontdoor::testing
