// The attachment use cases on SQLite and PostgreSQL: files are judged by their content,
// stored once, recorded in the case history, and public only when attached publicly.
#include "frontdoor/usecase/attachments.hpp"

#include <algorithm>
#include <string>
#include <tuple>

#include <gtest/gtest.h>

#include "frontdoor/usecase/secrets.hpp"

#include "attachment_fixture.hpp"

namespace frontdoor::testing {
namespace {

using usecase::AddAttachment;

class AttachmentsTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    ASSERT_TRUE(usecase::InitialiseSecrets());
    world_ = std::make_unique<AttachmentWorld>(GetParam());
    reference_ = world_->NewCase();
    ASSERT_FALSE(reference_.empty());
  }

  usecase::CaseContext& ctx() { return world_->ctx(); }

  Result<std::int64_t> CountBlobs() {
    return store::ReadValue<std::int64_t>(world_->store(), [](store::ReadTx& tx) {
      std::int64_t n = 0;
      auto done = tx.session().Query("SELECT count(*) FROM attachment_blob", {},
                                     [&](const store::SqlRow& row) { n = row.Int(0); });
      if (!done) {
        return Result<std::int64_t>(done.error());
      }
      return Result<std::int64_t>(n);
    });
  }

  std::unique_ptr<AttachmentWorld> world_;
  std::string reference_;
};

TEST_P(AttachmentsTest, APngIsKnownByItsContentAndKeptByteForByte) {
  auto added = AddAttachment(ctx(), reference_, "pothole.jpg", kTinyPng, false, "staff:7");
  ASSERT_TRUE(added) << added.error().message();
  EXPECT_GT(added->id, 0);
  EXPECT_EQ(added->media_type, "image/png");
  EXPECT_EQ(added->filename, "pothole.png");  // the extension follows the content
  EXPECT_EQ(added->size, static_cast<std::int64_t>(kTinyPng.size()));
  EXPECT_EQ(added->sha256, usecase::Sha256Hex(kTinyPng));
  EXPECT_EQ(added->actor, "staff:7");
  EXPECT_EQ(added->created_at, world_->clock().Now());
  auto file = usecase::GetAttachment(ctx(), reference_, added->id);
  ASSERT_TRUE(file) << file.error().message();
  EXPECT_EQ(file->content, kTinyPng);
  EXPECT_EQ(file->record.filename, "pothole.png");
}

TEST_P(AttachmentsTest, AJpegIsAcceptedUnderAnyName) {
  const std::string jpeg = TinyJpeg();
  auto added = AddAttachment(ctx(), reference_, "../../IMG 0042", jpeg, true, "staff:7");
  ASSERT_TRUE(added) << added.error().message();
  EXPECT_EQ(added->media_type, "image/jpeg");
  EXPECT_EQ(added->filename, "IMG 0042.jpg");
  EXPECT_TRUE(added->is_public);
}

TEST_P(AttachmentsTest, AnExecutableCalledJpgIsRefusedOnFile) {
  auto added = AddAttachment(ctx(), reference_, "photo.jpg", kElfExecutable, false, "staff:7");
  ASSERT_FALSE(added);
  EXPECT_EQ(added.error().code(), ErrorCode::kInvalidInput);
  ASSERT_FALSE(added.error().field_errors().empty());
  EXPECT_EQ(added.error().field_errors()[0].field, "file");
  auto listed = usecase::ListAttachments(ctx(), reference_);
  ASSERT_TRUE(listed);
  EXPECT_TRUE(listed->empty());
}

TEST_P(AttachmentsTest, TheLargestAllowedFileIsAcceptedAndOneByteMoreIsNot) {
  std::string largest(kTinyPng);
  largest.resize(usecase::kMaxAttachmentBytes, '\x5A');
  auto added = AddAttachment(ctx(), reference_, "big.png", largest, false, "staff:7");
  ASSERT_TRUE(added) << added.error().message();
  EXPECT_EQ(added->size, static_cast<std::int64_t>(usecase::kMaxAttachmentBytes));
  largest += '\x5A';
  auto refused = AddAttachment(ctx(), reference_, "bigger.png", largest, false, "staff:7");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), ErrorCode::kPayloadTooLarge);
}

TEST_P(AttachmentsTest, AnEmptyFileIsRefused) {
  auto added = AddAttachment(ctx(), reference_, "empty.png", "", false, "staff:7");
  ASSERT_FALSE(added);
  EXPECT_EQ(added.error().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(added.error().message(), "The file is empty");
}

TEST_P(AttachmentsTest, AnUnknownCaseIsNotFound) {
  for (const char* reference : {"BCC-26-999999", "not a reference", ""}) {
    auto added = AddAttachment(ctx(), reference, "a.png", kTinyPng, false, "staff:7");
    ASSERT_FALSE(added) << reference;
    EXPECT_EQ(added.error().code(), ErrorCode::kNotFound) << reference;
    auto listed = usecase::ListAttachments(ctx(), reference);
    ASSERT_FALSE(listed);
    EXPECT_EQ(listed.error().code(), ErrorCode::kNotFound);
  }
}

TEST_P(AttachmentsTest, TheSameFileOnTwoCasesIsStoredOnce) {
  const std::string other = world_->NewCase();
  ASSERT_TRUE(AddAttachment(ctx(), reference_, "a.png", kTinyPng, false, "staff:7"));
  ASSERT_TRUE(AddAttachment(ctx(), other, "b.png", kTinyPng, false, "open311:fms"));
  ASSERT_TRUE(AddAttachment(ctx(), other, "c.png", kTinyPng, false, "open311:fms"));
  auto blobs = CountBlobs();
  ASSERT_TRUE(blobs);
  EXPECT_EQ(*blobs, 1);
  auto listed = usecase::ListAttachments(ctx(), other);
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 2U);
  EXPECT_EQ((*listed)[0].filename, "b.png");
  EXPECT_EQ((*listed)[1].filename, "c.png");
}

TEST_P(AttachmentsTest, EachAttachmentIsRecordedInTheHistoryAsInternal) {
  auto added = AddAttachment(ctx(), reference_, "a.png", kTinyPng, true, "staff:7");
  ASSERT_TRUE(added);
  auto detail = usecase::GetCase(ctx(), reference_);
  ASSERT_TRUE(detail) << detail.error().message();
  const auto event = std::find_if(detail->events.begin(), detail->events.end(),
                                  [](const auto& e) { return e.kind == "attachment"; });
  ASSERT_NE(event, detail->events.end());
  // Internal: the public update feed carries the council's words, not files.
  EXPECT_EQ(std::tuple(event->actor, event->is_public, event->body.value_or("")),
            std::tuple("staff:7", false, "a.png"));
  const std::string data = event->data.value_or("");
  EXPECT_NE(data.find(added->sha256), std::string::npos) << data;
  EXPECT_NE(data.find(R"("public":true)"), std::string::npos) << data;
}

TEST_P(AttachmentsTest, OnlyPublicAttachmentsAreServedAsMedia) {
  const std::string jpeg = TinyJpeg();
  auto hidden = AddAttachment(ctx(), reference_, "a.jpg", jpeg, false, "staff:7");
  ASSERT_TRUE(hidden);
  auto refused = usecase::GetPublicMedia(ctx(), hidden->sha256);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), ErrorCode::kNotFound);
  auto shown = AddAttachment(ctx(), reference_, "b.png", kTinyPng, true, "staff:7");
  ASSERT_TRUE(shown);
  EXPECT_EQ(usecase::PublicMediaPath(*shown), "/media/" + shown->sha256 + ".png");
  auto media = usecase::GetPublicMedia(ctx(), shown->sha256);
  ASSERT_TRUE(media) << media.error().message();
  EXPECT_EQ(media->media_type, "image/png");
  EXPECT_EQ(media->extension, "png");
  EXPECT_EQ(media->content, kTinyPng);
}

TEST_P(AttachmentsTest, AnythingButADigestIsNotFound) {
  ASSERT_TRUE(AddAttachment(ctx(), reference_, "b.png", kTinyPng, true, "staff:7"));
  std::string upper = usecase::Sha256Hex(kTinyPng);
  for (auto& c : upper) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  for (const std::string& text : {upper, std::string("../../etc/passwd"), std::string(),
                                  std::string(64, 'g'), usecase::Sha256Hex("nothing")}) {
    auto media = usecase::GetPublicMedia(ctx(), text);
    ASSERT_FALSE(media) << text;
    EXPECT_EQ(media.error().code(), ErrorCode::kNotFound) << text;
  }
}

TEST_P(AttachmentsTest, AnAttachmentIsReadOnlyThroughItsOwnCase) {
  const std::string other = world_->NewCase();
  auto added = AddAttachment(ctx(), reference_, "a.png", kTinyPng, false, "staff:7");
  ASSERT_TRUE(added);
  auto wrong = usecase::GetAttachment(ctx(), other, added->id);
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code(), ErrorCode::kNotFound);
  auto missing = usecase::GetAttachment(ctx(), reference_, added->id + 1000);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code(), ErrorCode::kNotFound);
}

TEST_P(AttachmentsTest, ACaseTakesAtMostTheLimit) {
  for (std::size_t i = 0; i < usecase::kMaxAttachmentsPerCase; ++i) {
    const std::string text = "Note number " + std::to_string(i);
    ASSERT_TRUE(AddAttachment(ctx(), reference_, "note.txt", text, false, "staff:7")) << i;
  }
  auto refused = AddAttachment(ctx(), reference_, "one more.txt", "too many", false, "staff:7");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(refused.error().field_errors().at(0).field, "file");
}

INSTANTIATE_TEST_SUITE_P(Backends, AttachmentsTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& param_info) { return BackendName(param_info.param); });

}  // namespace
}  // namespace frontdoor::testing
