// The demo knowledge base for `seed --demo`: Markdown articles with a small front matter
// (demo/knowledge/*.md) and a synonym list (demo/knowledge/synonyms.txt), compiled into the
// binary. Seeding is idempotent: an article whose slug exists, or a synonym group already
// present, is left alone.
#pragma once

#include <ostream>
#include <span>
#include <string_view>
#include <vector>

#include "frontdoor/core/clock.hpp"
#include "frontdoor/core/error.hpp"
#include "frontdoor/store/store.hpp"
#include "frontdoor/usecase/knowledge.hpp"

namespace frontdoor::app {

struct EmbeddedFile {
  std::string_view name;  // relative to demo/knowledge, e.g. "missed-bin-collection.md"
  std::string_view text;
};

// Every file of demo/knowledge, in name order: "=== name ===" lines then each file's text
// (compiled in at build time).
std::string_view DemoKnowledgeBundle();
// The files of the bundle. The views point into the compiled-in text.
std::vector<EmbeddedFile> DemoKnowledgeFiles();

// An article file: front matter between "---" lines ("key: value"; keys title, audience,
// services, keywords, summary, owner_team, review_by), then the Markdown body. The slug is
// the file name without ".md". kInvalidInput naming the file and key when malformed.
Result<usecase::ArticleInput> ParseDemoArticle(std::string_view name, std::string_view text);

struct DemoKnowledgeTotals {
  int articles = 0;
  int synonyms = 0;
};

// Creates and publishes the articles missing from the database and adds missing synonym
// groups, as "demo" in the version history.
Result<DemoKnowledgeTotals> SeedDemoKnowledge(store::Store& store, const Clock& clock,
                                              std::span<const EmbeddedFile> files);

}  // namespace frontdoor::app
