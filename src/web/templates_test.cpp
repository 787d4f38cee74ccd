#include "templates.hpp"

#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "render.hpp"

namespace frontdoor::web {
namespace {

const Translations& Shipped() {
  static const Translations translations = *Translations::Load(LocaleFiles());
  return translations;
}

TEST(TemplatesTest, EveryShippedTemplateCompilesAndRendersInBothLanguages) {
  const auto templates = Templates::Compile(TemplateFiles(), Shipped());
  ASSERT_TRUE(templates) << templates.error().message();
  const auto names = (*templates)->PageNames();
  EXPECT_GE(names.size(), 9U);
  for (const std::string& name : names) {
    for (const Lang lang : {Lang::kEn, Lang::kGa}) {
      const std::string html = (*templates)->Render(lang, name, Data(Object{}));
      EXPECT_TRUE(html.starts_with("<!DOCTYPE html>")) << name;
      EXPECT_NE(html.find("</html>"), std::string::npos) << name;
      EXPECT_EQ(html.find("{{"), std::string::npos) << name << ": a tag left unrendered";
    }
  }
  EXPECT_EQ((*templates)->Render(Lang::kEn, "no_such_page", Data(Object{})), "");
}

// One compiled set serves every thread: rendering reads the parsed tree and writes only to
// its own context (no partials or lambdas are left to parse at render time).
TEST(TemplatesTest, ConcurrentRendersShareOneCompiledSet) {
  const auto templates = Templates::Compile(TemplateFiles(), Shipped());
  ASSERT_TRUE(templates);
  const Templates& shared = **templates;
  const auto render = [&shared](int i) {
    FieldView field{.id = "reference", .name = "reference", .label = "Reference"};
    field.value = "BCC-26-" + std::to_string(i);
    Object data{
        {"reference", ToData(field)}, {"case", Data(false)}, {"error_summary", Data(false)}};
    return shared.Render(i % 2 == 0 ? Lang::kEn : Lang::kGa, "portal_track", Data(data));
  };
  std::vector<std::string> expected;
  for (int i = 0; i < 8; ++i) {
    expected.push_back(render(i));
  }
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 50; ++round) {
        const int i = (t + round) % 8;
        mismatches[static_cast<std::size_t>(t)] +=
            render(i) == expected[static_cast<std::size_t>(i)] ? 0 : 1;
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  EXPECT_EQ(mismatches, std::vector<int>(4, 0));
}

TEST(TemplatesTest, EveryMarkedTextHasAnIrishTranslation) {
  for (const EmbeddedFile& file : TemplateFiles()) {
    for (const std::string& msgid : MarkedText(file.text)) {
      EXPECT_TRUE(Shipped().catalogue(Lang::kGa).contains(msgid))
          << file.name << ": \"" << msgid << "\" has no Irish text in locale/ga.po";
    }
  }
}

TEST(TemplatesTest, PartialsAreInlinedRecursively) {
  const std::map<std::string, std::string, std::less<>> partials{
      {"outer", "[{{> inner}}]"}, {"inner", "{{name}}"}, {"loop", "{{>loop}}"}};
  const auto text = ExpandPartials("a{{>outer}}b", partials);
  ASSERT_TRUE(text);
  EXPECT_EQ(*text, "a[{{name}}]b");
  EXPECT_FALSE(ExpandPartials("{{>missing}}", partials));
  EXPECT_FALSE(ExpandPartials("{{>loop}}", partials)) << "a partial including itself";
  EXPECT_FALSE(ExpandPartials("{{>outer", partials));
}

TEST(TemplatesTest, MarkedTextIsTranslatedAndEscaped) {
  const EmbeddedFile po[] = {{"ga.po", "msgid \"Back\"\nmsgstr \"Siar <ar ais> & 'ceart'\"\n"}};
  const auto translations = Translations::Load(po);
  ASSERT_TRUE(translations);
  const auto ga = Translate("<a>{{#t}}Back{{/t}}</a>", *translations, Lang::kGa);
  ASSERT_TRUE(ga);
  EXPECT_EQ(*ga, "<a>Siar &lt;ar ais&gt; &amp; &#39;ceart&#39;</a>");
  const auto en = Translate("{{#t}}Back{{/t}}", *translations, Lang::kEn);
  ASSERT_TRUE(en);
  EXPECT_EQ(*en, "Back");
  EXPECT_FALSE(Translate("{{#t}}Back", *translations, Lang::kEn));
  EXPECT_FALSE(Translate("{{#t}}{{name}}{{/t}}", *translations, Lang::kEn));
}

TEST(TemplatesTest, ABrokenTemplateNamesItsFile) {
  const EmbeddedFile files[] = {{"broken.mustache", "{{#open}} never closed"}};
  const auto templates = Templates::Compile(files, Shipped());
  ASSERT_FALSE(templates);
  EXPECT_NE(templates.error().message().find("templates/broken.mustache"), std::string::npos);
}

// Components read only their own field object: a page-level "error" must not leak into a
// field that has none (mustache looks missing keys up in the enclosing objects).
TEST(TemplatesTest, FieldsShowTheirOwnErrorAndEscapeWhatWasSent) {
  const EmbeddedFile files[] = {
      {"page.mustache", "{{#a}}{{>govuk_input}}{{/a}}{{#b}}{{>govuk_input}}{{/b}}"},
      {"partials/govuk_input.mustache",
       "<input id=\"{{id}}\" value=\"{{value}}\">{{#error}}<p>{{error}}</p>{{/error}}"}};
  const auto templates = Templates::Compile(files, Shipped());
  ASSERT_TRUE(templates) << templates.error().message();
  FieldView a{.id = "a", .name = "a", .label = "A"};
  a.value = "\"><script>alert(1)</script>";
  a.error = "Enter A";
  FieldView b{.id = "b", .name = "b", .label = "B"};
  Object data{{"a", ToData(a)}, {"b", ToData(b)}, {"error", "page-level"}};
  const std::string html = (*templates)->Render(Lang::kEn, "page", Data(data));
  EXPECT_NE(html.find("value=\"&quot;&gt;&lt;script&gt;"), std::string::npos) << html;
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("<p>Enter A</p>"), std::string::npos);
  EXPECT_EQ(html.find("page-level"), std::string::npos) << html;
}

}  // namespace
}  // namespace frontdoor::web
