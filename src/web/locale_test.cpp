#include "locale.hpp"

#include <gtest/gtest.h>

namespace frontdoor::web {
namespace {

TEST(PoTest, ReadsEntriesWithContinuationsAndEscapes) {
  const auto catalogue = ParsePo(
      "# a comment\n"
      "msgid \"\"\n"
      "msgstr \"\"\n"
      "\"Language: ga\\n\"\n"
      "\n"
      "msgid \"Back\"\n"
      "msgstr \"Siar\"\n"
      "\n"
      "msgid \"Say \\\"hello\\\"\"\n"
      "msgstr \"Abair \"\n"
      "\"\\\"Dia duit\\\"\"\n");
  ASSERT_TRUE(catalogue) << catalogue.error().message();
  EXPECT_EQ(catalogue->size(), 2U) << "the header entry is not a translation";
  EXPECT_EQ(catalogue->at("Back"), "Siar");
  EXPECT_EQ(catalogue->at("Say \"hello\""), "Abair \"Dia duit\"");
}

TEST(PoTest, AnEmptyMsgstrMeansNotTranslated) {
  const auto catalogue = ParsePo("msgid \"Back\"\nmsgstr \"\"\n");
  ASSERT_TRUE(catalogue);
  EXPECT_TRUE(catalogue->empty());
}

struct BadPo {
  const char* text;
  const char* field;
  const char* rule;
};

class PoErrorTest : public testing::TestWithParam<BadPo> {};

TEST_P(PoErrorTest, NamesTheLine) {
  const auto catalogue = ParsePo(GetParam().text);
  ASSERT_FALSE(catalogue) << GetParam().rule;
  EXPECT_EQ(catalogue.error().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(catalogue.error().field_errors().at(0).field, GetParam().field) << GetParam().rule;
}

INSTANTIATE_TEST_SUITE_P(
    Po, PoErrorTest,
    testing::Values(BadPo{"msgid \"a\"\n", "line 1", "a msgid needs a msgstr"},
                    BadPo{"msgid \"a\"\nmsgstr \"b\"\nmsgid \"a\"\nmsgstr \"c\"\n", "line 3",
                          "duplicate msgid"},
                    BadPo{"msgid \"a\nmsgstr \"b\"\n", "line 1", "unterminated string"},
                    BadPo{"msgctxt \"x\"\nmsgid \"a\"\nmsgstr \"b\"\n", "line 1",
                          "contexts are not supported"},
                    BadPo{"msgid \"a\"\nmsgid_plural \"as\"\n", "line 2", "no plurals"},
                    BadPo{"\"orphan\"\n", "line 1", "a continuation needs an entry"},
                    BadPo{"msgid \"a\\q\"\nmsgstr \"b\"\n", "line 1", "unknown escape"},
                    BadPo{"msgstr \"b\"\n", "line 1", "msgstr before any msgid"}));

TEST(TranslationsTest, FallsBackToTheMsgid) {
  const EmbeddedFile files[] = {{"ga.po", "msgid \"Back\"\nmsgstr \"Siar\"\n"},
                                {"fr.po", "this is not read"}};
  const auto translations = Translations::Load(files);
  ASSERT_TRUE(translations);
  EXPECT_EQ(translations->T(Lang::kGa, "Back"), "Siar");
  EXPECT_EQ(translations->T(Lang::kGa, "Next"), "Next");
  EXPECT_EQ(translations->T(Lang::kEn, "Back"), "Back");
}

TEST(TranslationsTest, ABrokenCatalogueNamesItsFile) {
  const EmbeddedFile files[] = {{"ga.po", "msgid \"Back\"\n"}};
  const auto translations = Translations::Load(files);
  ASSERT_FALSE(translations);
  EXPECT_NE(translations.error().message().find("locale/ga.po: line 1"), std::string::npos);
}

// The shipped catalogues parse, and every English msgid has an Irish text.
TEST(TranslationsTest, TheShippedCataloguesAreComplete) {
  const auto translations = Translations::Load(LocaleFiles());
  ASSERT_TRUE(translations) << translations.error().message();
  std::size_t english = 0;
  for (const EmbeddedFile& file : LocaleFiles()) {
    if (file.name == "en.po") {
      std::size_t pos = 0;
      while ((pos = file.text.find("\nmsgid \"", pos)) != std::string_view::npos) {
        const auto start = pos + 8;
        const auto end = file.text.find("\"\n", start);
        const std::string msgid(file.text.substr(start, end - start));
        pos = end;
        if (msgid.empty() || msgid.find('\\') != std::string::npos) {
          continue;
        }
        ++english;
        EXPECT_TRUE(translations->catalogue(Lang::kGa).contains(msgid)) << msgid;
      }
    }
  }
  EXPECT_GT(english, 100U);
}

}  // namespace
}  // namespace frontdoor::web
