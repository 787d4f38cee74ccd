#include "open311_writer.hpp"

#include <string>

#include <gtest/gtest.h>

namespace frontdoor::api::open311 {
namespace {

std::string Sample(Format format, int items) {
  DocumentWriter w(format);
  w.BeginRootList("services");
  for (int i = 0; i < items; ++i) {
    w.BeginItem("service");
    w.String("service_code", "POT");
    w.Bool("metadata", true);
    w.Integer("order", 2);
    w.Number("lat", 54.597);
    w.Null("keywords");
    w.BeginList("groups");
    w.StringItem("group", "Roads");
    w.StringItem("group", "Streets");
    w.EndList();
    w.EndItem();
  }
  return w.Finish();
}

TEST(DocumentWriterTest, XmlStartsWithTheDeclarationAndKeepsTheRoot) {
  EXPECT_EQ(Sample(Format::kXml, 1),
            std::string(kXmlDeclaration) +
                "\n<services><service><service_code>POT</service_code><metadata>true</metadata>"
                "<order>2</order><lat>54.597</lat><keywords></keywords><groups><group>Roads</"
                "group><group>Streets</group></groups></service></services>");
}

TEST(DocumentWriterTest, JsonDropsTheRootAndMakesContainersArrays) {
  EXPECT_EQ(Sample(Format::kJson, 2),
            R"([{"service_code":"POT","metadata":true,"order":2,"lat":54.597,"keywords":null,)"
            R"("groups":["Roads","Streets"]},{"service_code":"POT","metadata":true,"order":2,)"
            R"("lat":54.597,"keywords":null,"groups":["Roads","Streets"]}])");
}

TEST(DocumentWriterTest, AnEmptyListIsStillAList) {
  EXPECT_EQ(Sample(Format::kJson, 0), "[]");
  EXPECT_EQ(Sample(Format::kXml, 0), std::string(kXmlDeclaration) + "\n<services></services>");
}

TEST(DocumentWriterTest, ARootRecordIsAJsonObject) {
  DocumentWriter w(Format::kJson);
  w.BeginRootRecord("service_definition");
  w.String("service_code", "POT");
  w.BeginList("attributes");
  w.EndList();
  EXPECT_EQ(w.Finish(), R"({"service_code":"POT","attributes":[]})");
}

TEST(DocumentWriterTest, NumbersAreShortestRoundTripAndNeverNan) {
  DocumentWriter w(Format::kJson);
  w.BeginRootRecord("r");
  w.Number("a", -5.930103);
  w.Number("b", 0.1);
  w.Number("c", std::numeric_limits<double>::quiet_NaN());
  w.Integer("d", -42);
  EXPECT_EQ(w.Finish(), R"({"a":-5.930103,"b":0.1,"c":null,"d":-42})");
}

TEST(EscapeTest, XmlEscapesMarkupKeepsLineBreaksAndDropsControls) {
  std::string out;
  AppendXmlEscaped(out,
                   "a<b>&c\"d'\r\n\te\x01\x1F"
                   "f\xC3\xA9");
  EXPECT_EQ(out, "a&lt;b&gt;&amp;c\"d'&#13;\n\tef\xC3\xA9");
}

TEST(EscapeTest, JsonEscapesQuotesBackslashesAndControls) {
  std::string out;
  AppendJsonEscaped(out, "say \"hi\"\\\r\n\t\x01\x1F/\xC3\xA9");
  EXPECT_EQ(out, "say \\\"hi\\\"\\\\\\r\\n\\t\\u0001\\u001f/\xC3\xA9");
}

}  // namespace
}  // namespace frontdoor::api::open311
