#include "mail_text.hpp"

#include <string>

#include <gtest/gtest.h>

#include "frontdoor/core/text.hpp"

namespace frontdoor::mail {
namespace {

struct Conversion {
  const char* rule;
  std::string input;
  std::string expected;
};

class HtmlToTextTest : public ::testing::TestWithParam<Conversion> {};

TEST_P(HtmlToTextTest, ReadsAsAPersonWouldSeeIt) {
  const Conversion& c = GetParam();
  EXPECT_EQ(HtmlToText(c.input), c.expected) << c.rule;
}

INSTANTIATE_TEST_SUITE_P(
    Html, HtmlToTextTest,
    ::testing::Values(
        Conversion{"tags go, text stays", "<b>Bin</b> not <i>emptied</i>", "Bin not emptied"},
        Conversion{"paragraphs are separated by a blank line", "<p>One</p><p>Two</p>",
                   "One\n\nTwo"},
        Conversion{"br breaks a line, two make a blank line", "a<br>b<br><br>c", "a\nb\n\nc"},
        Conversion{"divs start new lines", "<div>a</div><div>b</div>", "a\nb"},
        Conversion{"white space collapses", "  a \n\t  b  ", "a b"},
        Conversion{"pre keeps its lines", "<pre>a\n  b</pre>", "a\n  b"},
        Conversion{"list items", "<ul><li>one</li><li>two</li></ul>", "- one\n- two"},
        Conversion{"table cells on one line", "<table><tr><td>a</td><td>b</td></tr></table>",
                   "a | b"},
        Conversion{"named entities", "Fish &amp; chips &pound;5 &lt;hot&gt; &ndash; &euro;",
                   "Fish & chips \xC2\xA3"
                   "5 <hot> \xE2\x80\x93 \xE2\x82\xAC"},
        Conversion{"numeric entities", "caf&#233; &#x2019;", "caf\xC3\xA9 \xE2\x80\x99"},
        Conversion{"invalid numeric entity becomes U+FFFD", "a&#0;b&#x110000;c",
                   "a\xEF\xBF\xBD"
                   "b\xEF\xBF\xBD"
                   "c"},
        Conversion{"unknown entity stays as written", "AT&T &bogus; x", "AT&T &bogus; x"},
        Conversion{"nbsp is white space like any other", "a&nbsp;&nbsp;b", "a b"},
        Conversion{"script, style and head are not text",
                   "<html><head><title>T</title><style>p{}</style></head><body>"
                   "<script>alert(1)</script>Hi</body></html>",
                   "Hi"},
        Conversion{"comments go", "a<!-- hidden <p> -->b", "ab"},
        Conversion{"a lone < is text", "3 < 4 and 5 > 4", "3 < 4 and 5 > 4"},
        Conversion{"quoted > inside an attribute does not end the tag", "<a title=\"x>y\">link</a>",
                   "link"},
        Conversion{"a link keeps an address its text hides",
                   "<a href=\"https://photos.example/1\">my photo</a>",
                   "my photo <https://photos.example/1>"},
        Conversion{"a link showing its address is not repeated",
                   "<a href='https://belfastcity.gov.uk'>belfastcity.gov.uk</a>",
                   "belfastcity.gov.uk"},
        Conversion{"mailto links keep their text only", "<a href=\"mailto:x@y.z\">Ann</a>", "Ann"},
        Conversion{"a tag cut off at the end is dropped", "text <div class=\"unfinished", "text"},
        Conversion{"outlook o:p tags vanish", "<p class=MsoNormal>Hello<o:p></o:p></p>", "Hello"}));

class StripQuotedReplyTest : public ::testing::TestWithParam<Conversion> {};

TEST_P(StripQuotedReplyTest, KeepsOnlyWhatTheCustomerWroteThisTime) {
  const Conversion& c = GetParam();
  EXPECT_EQ(StripQuotedReply(c.input), c.expected) << c.rule;
}

INSTANTIATE_TEST_SUITE_P(
    Replies, StripQuotedReplyTest,
    ::testing::Values(
        Conversion{"nothing quoted", "Still not emptied.", "Still not emptied."},
        Conversion{"gmail header",
                   "Still not done.\n\nOn Tue, 3 Mar 2026 at 10:15, Council "
                   "<x@y.z> wrote:\n> We will send a crew.\n",
                   "Still not done."},
        Conversion{"gmail header wrapped over two lines",
                   "Thanks\n\nOn Tue, 3 Mar 2026 at 10:15, Belfast City Council Customer Hub\n"
                   "<customer.hub@belfastcity.example> wrote:\n\n> Old text\n",
                   "Thanks"},
        Conversion{"outlook original message",
                   "It is back.\n\n-----Original Message-----\nFrom: "
                   "Council\nSent: Monday\nSubject: x\n\nOld",
                   "It is back."},
        Conversion{"outlook web rule",
                   "Fine now\n\n________________________________\nFrom: "
                   "Council <x@y.z>\nSent: 2 March 2026 09:00\n\nOld",
                   "Fine now"},
        Conversion{"outlook header block without a rule",
                   "See photo\n\nFrom: Council <x@y.z>\nSent: 2 March 2026\nTo: me\n\nOld",
                   "See photo"},
        Conversion{"interleaved quotes are removed", "> Is it fixed?\nNo.\n> When?\nMonday.",
                   "No.\nMonday."},
        Conversion{"answer below the quote is kept",
                   "On Mon, 2 Mar 2026, Council wrote:\n> Is it fixed?\n\nNo, it is not.",
                   "No, it is not."},
        Conversion{"a lone On line that is not a header stays",
                   "On Monday the bin was full.\nPlease come.",
                   "On Monday the bin was full.\nPlease come."},
        Conversion{"only a quote: the text stays as it was", "> a\n> b", "> a\n> b"}));

TEST(CharsetTest, Latin1LabelIsReadAsWindows1252) {
  // 0x92 is a right single quote in Windows-1252 and a control character in ISO-8859-1:
  // Outlook labels such text iso-8859-1.
  EXPECT_EQ(ToUtf8("O\x92Neill caf\xE9", "ISO-8859-1"), "O\xE2\x80\x99Neill caf\xC3\xA9");
  EXPECT_EQ(ToUtf8("\x80 5", "windows-1252"), "\xE2\x82\xAC 5");
}

TEST(CharsetTest, UndefinedWindows1252BytesBecomeReplacementCharacters) {
  EXPECT_EQ(DecodeWindows1252("a\x81z"), "a\xEF\xBF\xBDz");
}

TEST(CharsetTest, UnlabelledTextIsUtf8WhenValidElseWindows1252) {
  EXPECT_EQ(ToUtf8("Se\xC3\xA1n", ""), "Se\xC3\xA1n");
  EXPECT_EQ(ToUtf8("Se\xE1n", ""), "Se\xC3\xA1n");
}

TEST(CharsetTest, OtherCharsetsGoThroughIconv) {
  EXPECT_EQ(ToUtf8("\xA4", "iso-8859-15"), "\xE2\x82\xAC");
  EXPECT_EQ(ToUtf8("\x1B$B$3$s$K$A$O\x1B(B", "iso-2022-jp"),
            "\xE3\x81\x93\xE3\x82\x93\xE3\x81\xAB\xE3\x81\xA1\xE3\x81\xAF");
}

TEST(CharsetTest, UnknownOrLyingCharsetsStillGiveValidUtf8) {
  EXPECT_EQ(ToUtf8("caf\xE9", "x-no-such-charset"), "caf\xC3\xA9");
  EXPECT_EQ(ToUtf8("caf\xE9", "utf-8"), "caf\xC3\xA9");
  EXPECT_TRUE(IsValidUtf8(ToUtf8("\xFF\xFE\x00\xD8", "utf-16")));
}

TEST(CleanTextTest, NormalisesLineEndsAndDropsControlCharacters) {
  const std::string input = std::string(
                                "\xEF\xBB\xBF"
                                "a \r\nb\rc") +
                            '\0' + "d\x07\n\n\n\ne\t\n\n";
  EXPECT_EQ(CleanText(input), "a\nb\ncd\n\ne");
  EXPECT_EQ(CleanText("\n\n  \nx"), "x");
}

TEST(UnflowTest, JoinsSoftBreaksButNotTheSignatureSeparator) {
  EXPECT_EQ(Unflow("The bin at \nno. 4 \nis full.\n-- \nAnn", false),
            "The bin at no. 4 is full.\n-- \nAnn");
  EXPECT_EQ(Unflow("abc \ndef", true), "abcdef");
  EXPECT_EQ(Unflow(" >not a quote", false), ">not a quote");
}

}  // namespace
}  // namespace frontdoor::mail
