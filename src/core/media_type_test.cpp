#include "frontdoor/core/media_type.hpp"

#include <string>
#include <string_view>

#include <gtest/gtest.h>

namespace frontdoor {
namespace {

using namespace std::string_view_literals;

struct SniffCase {
  const char* rule;
  std::string_view bytes;
  std::string_view media_type;  // empty: refused
  std::string_view extension;
};

class SniffMediaTypeTest : public testing::TestWithParam<SniffCase> {};

void ExpectRefusedOnFile(const SniffCase& c, const Result<MediaType>& sniffed) {
  ASSERT_FALSE(sniffed) << c.rule << " was taken for " << sniffed->name;
  EXPECT_EQ(sniffed.error().code(), ErrorCode::kInvalidInput) << c.rule;
  ASSERT_EQ(sniffed.error().field_errors().size(), 1U);
  EXPECT_EQ(sniffed.error().field_errors()[0].field, "file") << c.rule;
}

void ExpectIdentified(const SniffCase& c, const Result<MediaType>& sniffed) {
  ASSERT_TRUE(sniffed) << c.rule << ": " << sniffed.error().message();
  EXPECT_EQ(sniffed->name, c.media_type) << c.rule;
  EXPECT_EQ(sniffed->extension, c.extension) << c.rule;
}

TEST_P(SniffMediaTypeTest, JudgesTheContentNotTheName) {
  const SniffCase& c = GetParam();
  const auto sniffed = SniffMediaType(c.bytes);
  if (c.media_type.empty()) {
    ExpectRefusedOnFile(c, sniffed);
  } else {
    ExpectIdentified(c, sniffed);
  }
}

INSTANTIATE_TEST_SUITE_P(
    MagicNumbers, SniffMediaTypeTest,
    testing::Values(
        SniffCase{"JPEG/JFIF (camera or scanner)",
                  "\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"sv,
                  "image/jpeg", "jpg"},
        SniffCase{"JPEG/Exif (phone camera)",
                  "\xFF\xD8\xFF\xE1\x2F\xFE"
                  "Exif\x00\x00MM"sv,
                  "image/jpeg", "jpg"},
        SniffCase{"PNG signature and IHDR",
                  "\x89PNG\r\n\x1A\n\x00\x00\x00\x0DIHDR\x00\x00\x00\x01\x00\x00\x00\x01"sv,
                  "image/png", "png"},
        SniffCase{"GIF89a", "GIF89a\x01\x00\x01\x00\x80\x00\x00"sv, "image/gif", "gif"},
        SniffCase{"GIF87a", "GIF87a\x01\x00\x01\x00\x00\x00\x00"sv, "image/gif", "gif"},
        SniffCase{"WebP (RIFF container)", "RIFF\x24\x00\x00\x00WEBPVP8 \x18\x00\x00\x00"sv,
                  "image/webp", "webp"},
        SniffCase{"HEIC from an iPhone (major brand heic)",
                  "\x00\x00\x00\x18"
                  "ftypheic\x00\x00\x00\x00mif1heic"sv,
                  "image/heic", "heic"},
        SniffCase{"HEIF generic brand listing heic",
                  "\x00\x00\x00\x1C"
                  "ftypmif1\x00\x00\x00\x00mif1heicmiaf"sv,
                  "image/heic", "heic"},
        SniffCase{"HEIF generic brand only",
                  "\x00\x00\x00\x18"
                  "ftypmif1\x00\x00\x00\x00mif1miaf"sv,
                  "image/heif", "heif"},
        SniffCase{"PDF", "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n"sv, "application/pdf", "pdf"},
        SniffCase{"plain text with CRLF", "The bin was not collected.\r\nThanks\r\n"sv,
                  "text/plain", "txt"},
        SniffCase{"UTF-8 text with a byte order mark",
                  "\xEF\xBB\xBF"
                  "F\xC3\xA1ilte"sv,
                  "text/plain", "txt"},
        SniffCase{"empty file", ""sv, "", ""},
        SniffCase{"ELF executable",
                  "\x7F"
                  "ELF\x02\x01\x01\x00\x00\x00\x00\x00"sv,
                  "", ""},
        SniffCase{"Windows executable", "MZ\x90\x00\x03\x00\x00\x00\x04\x00"sv, "", ""},
        SniffCase{"ZIP archive", "PK\x03\x04\x14\x00\x00\x00\x08\x00"sv, "", ""},
        SniffCase{"shell script", "#!/bin/sh\nrm -rf /\n"sv, "", ""},
        SniffCase{"HTML page", "  <html><script>alert(1)</script></html>"sv, "", ""},
        SniffCase{"SVG (can carry script)", "<?xml version=\"1.0\"?><svg/>"sv, "", ""},
        SniffCase{"AVIF (not allowed)",
                  "\x00\x00\x00\x20"
                  "ftypavif\x00\x00\x00\x00"
                  "avifmif1miafMA1B"sv,
                  "", ""},
        SniffCase{"generic HEIF brand on an AVIF",
                  "\x00\x00\x00\x18"
                  "ftypmif1\x00\x00\x00\x00"
                  "mif1avif"sv,
                  "", ""},
        SniffCase{"MP4 video",
                  "\x00\x00\x00\x18"
                  "ftypisom\x00\x00\x02\x00isomiso2"sv,
                  "", ""},
        SniffCase{"ftyp box too short",
                  "\x00\x00\x00\x08"
                  "ftypheic\x00\x00\x00\x00"sv,
                  "", ""},
        SniffCase{"truncated PNG signature", "\x89PNG\r\n"sv, "", ""},
        SniffCase{"truncated JPEG marker", "\xFF\xD8"sv, "", ""},
        SniffCase{"RIFF that is not WebP (WAV)", "RIFF\x24\x00\x00\x00WAVEfmt "sv, "", ""},
        SniffCase{"text that is not UTF-8", "caf\xE9 au lait"sv, "", ""},
        SniffCase{"text with a NUL byte", "abc\0def"sv, "", ""},
        SniffCase{"text with an escape sequence", "\x1B[2J cleared"sv, "", ""},
        SniffCase{"only white space", " \r\n\t"sv, "", ""}));

TEST(SniffMediaTypeTest, RefusalNamesWhatIsAllowed) {
  const auto refused = SniffMediaType(
      "\x7F"
      "ELF"sv);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message().find("JPEG, PNG, GIF, WebP or HEIC/HEIF"), std::string::npos);
  EXPECT_NE(refused.error().message().find("PDF"), std::string::npos);
  const auto empty = SniffMediaType("");
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().message(), "The file is empty");
}

void ExpectRoundTrip(std::string_view extension) {
  const auto type = MediaTypeForExtension(extension);
  ASSERT_TRUE(type) << extension;
  const auto again = FindMediaType(type->name);
  ASSERT_TRUE(again) << type->name;
  EXPECT_EQ(again->extension, extension);
}

TEST(MediaTypeTest, ExtensionsAndNamesMapBothWays) {
  for (const auto* extension : {"jpg", "png", "gif", "webp", "heic", "heif", "pdf", "txt"}) {
    ExpectRoundTrip(extension);
  }
  EXPECT_FALSE(MediaTypeForExtension("jpeg"));  // one conventional extension per type
  EXPECT_FALSE(MediaTypeForExtension("exe"));
  EXPECT_FALSE(MediaTypeForExtension("JPG"));
  EXPECT_FALSE(FindMediaType("image/svg+xml"));
}

struct FilenameCase {
  const char* rule;
  std::string_view client_name;
  std::string_view extension;
  std::string_view safe;
};

class SafeFilenameTest : public testing::TestWithParam<FilenameCase> {};

TEST_P(SafeFilenameTest, KeepsOnlyWhatIsSafeToStoreAndSend) {
  const FilenameCase& c = GetParam();
  const MediaType type{"x/y", std::string(c.extension)};
  EXPECT_EQ(SafeFilename(c.client_name, type), c.safe) << c.rule;
}

INSTANTIATE_TEST_SUITE_P(
    Names, SafeFilenameTest,
    testing::Values(
        FilenameCase{"ordinary name kept", "pothole.jpg", "jpg", "pothole.jpg"},
        FilenameCase{"extension follows the content", "holiday.jpg", "png", "holiday.png"},
        FilenameCase{"executable disguised", "invoice.pdf.exe", "pdf", "invoice.pdf.pdf"},
        FilenameCase{"no extension", "IMG_0042", "heic", "IMG_0042.heic"},
        FilenameCase{"Unix path", "/home/me/photos/bin.png", "png", "bin.png"},
        FilenameCase{"Windows path", "C:\\Users\\me\\bin.png", "png", "bin.png"},
        FilenameCase{"traversal", "../../etc/passwd", "txt", "passwd.txt"},
        FilenameCase{"only dots", "..", "txt", "attachment.txt"},
        FilenameCase{"empty", "", "jpg", "attachment.jpg"},
        FilenameCase{"hidden file", ".bashrc", "txt", "bashrc.txt"},
        FilenameCase{"quotes and separators", "a\"b;c\r\nd<e>.jpg", "jpg", "a_b_c__d_e_.jpg"},
        FilenameCase{"Irish fada kept", "F\xC3\xA1ilte.png", "png", "F\xC3\xA1ilte.png"},
        FilenameCase{"invalid UTF-8 dropped", "caf\xE9.png", "png", "caf.png"},
        // NOLINTNEXTLINE(misc-misleading-bidirectional): the disguise under test
        FilenameCase{"right-to-left override replaced", "photo\xE2\x80\xAEgpj.exe", "pdf",
                     "photo_gpj.pdf"},
        FilenameCase{"NUL replaced", std::string_view("a\0b.png", 7), "png", "a_b.png"}));

TEST(SafeFilenameTest, LongNamesAreCutWithoutSplittingACharacter) {
  std::string name;
  for (int i = 0; i < 80; ++i) {
    name += "\xC3\xA1";  // two bytes each
  }
  name += ".jpg";
  const auto safe = SafeFilename(name, MediaType{"image/jpeg", "jpg"});
  EXPECT_LE(safe.size(), 100U);
  EXPECT_TRUE(safe.ends_with(".jpg"));
  EXPECT_EQ(safe.size(), 96U + 4U);  // 48 whole characters, then ".jpg"
}

}  // namespace
}  // namespace frontdoor
