#include "frontdoor/app/demo_knowledge.hpp"

#include <set>
#include <string>
#include <vector>

#include "frontdoor/core/text.hpp"

namespace frontdoor::app {
namespace {

std::vector<std::string> SplitList(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find(',', start), text.size());
    std::string item = Trim(text.substr(start, end - start));
    if (!item.empty()) {
      out.push_back(std::move(item));
    }
    start = end + 1;
  }
  return out;
}

Error Malformed(std::string_view name, const std::string& what) {
  return Error::Invalid(std::string(name), what);
}

// The synonym groups of synonyms.txt: one per line, phrases separated by commas, # comments.
std::vector<std::vector<std::string>> ParseSynonyms(std::string_view text) {
  std::vector<std::vector<std::string>> groups;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string line = Trim(text.substr(start, end - start));
    start = end + 1;
    if (line.empty() || line.front() == '#') {
      continue;
    }
    if (auto phrases = SplitList(line); phrases.size() >= 2) {
      groups.push_back(std::move(phrases));
    }
  }
  return groups;
}

Result<bool> SlugExists(store::Store& store, const std::string& slug) {
  return store::ReadValue<bool>(store, [&](store::ReadTx& tx) -> Result<bool> {
    auto found = store::KnowledgeBase(tx).FindArticleBySlug(slug);
    if (found) {
      return true;
    }
    if (found.error().code() == ErrorCode::kNotFound) {
      return false;
    }
    return found.error();
  });
}

}  // namespace

std::vector<EmbeddedFile> DemoKnowledgeFiles() {
  constexpr std::string_view kOpen = "=== ";
  constexpr std::string_view kClose = " ===\n";
  const std::string_view bundle = DemoKnowledgeBundle();
  std::vector<EmbeddedFile> files;
  std::size_t at = 0;
  while (bundle.substr(at).starts_with(kOpen)) {
    const std::size_t name_end = bundle.find(kClose, at);
    if (name_end == std::string_view::npos) {
      break;
    }
    const std::size_t text_start = name_end + kClose.size();
    std::size_t next = bundle.find(std::string("\n").append(kOpen), text_start);
    next = next == std::string_view::npos ? bundle.size() : next + 1;
    files.push_back({bundle.substr(at + kOpen.size(), name_end - at - kOpen.size()),
                     bundle.substr(text_start, next - text_start)});
    at = next;
  }
  return files;
}

Result<usecase::ArticleInput> ParseDemoArticle(std::string_view name, std::string_view text) {
  if (!name.ends_with(".md")) {
    return Malformed(name, "not a Markdown file");
  }
  if (!text.starts_with("---\n")) {
    return Malformed(name, "no front matter");
  }
  const std::size_t close = text.find("\n---\n", 3);
  if (close == std::string_view::npos) {
    return Malformed(name, "front matter not closed with ---");
  }
  usecase::ArticleInput input;
  input.slug = std::string(name.substr(0, name.size() - 3));
  std::string_view header = text.substr(4, close - 3);
  while (!header.empty()) {
    const std::size_t end = std::min(header.find('\n'), header.size());
    const std::string_view line = header.substr(0, end);
    header.remove_prefix(std::min(end + 1, header.size()));
    if (Trim(line).empty()) {
      continue;
    }
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
      return Malformed(name, "front matter line without a colon: " + std::string(line));
    }
    const std::string key = Trim(line.substr(0, colon));
    std::string value = Trim(line.substr(colon + 1));
    if (key == "title") {
      input.title = std::move(value);
    } else if (key == "audience") {
      input.audience = std::move(value);
    } else if (key == "services") {
      input.services = SplitList(value);
    } else if (key == "keywords") {
      input.keywords = std::move(value);
    } else if (key == "summary") {
      input.summary = std::move(value);
    } else if (key == "owner_team") {
      input.owner_team_code = std::move(value);
    } else if (key == "review_by") {
      input.review_by = std::move(value);
    } else {
      return Malformed(name, "unknown front matter key " + key);
    }
  }
  input.body_markdown = std::string(text.substr(close + 5));
  return input;
}

Result<DemoKnowledgeTotals> SeedDemoKnowledge(store::Store& store, const Clock& clock,
                                              std::span<const EmbeddedFile> files) {
  // Seeding writes to the database only; a serving node builds its index when it starts.
  usecase::KnowledgeIndex index;
  const usecase::KnowledgeContext ctx{store, clock, index, nullptr};
  DemoKnowledgeTotals totals;
  for (const EmbeddedFile& file : files) {
    if (file.name == "synonyms.txt") {
      continue;
    }
    auto input = ParseDemoArticle(file.name, file.text);
    if (!input) {
      return input.error();
    }
    auto exists = SlugExists(store, *input->slug);
    if (!exists) {
      return exists.error();
    }
    if (*exists) {
      continue;
    }
    auto article = usecase::CreateArticle(ctx, *input, "demo");
    if (!article) {
      return article.error();
    }
    if (auto published = usecase::SetArticlePublished(ctx, article->id, true, "demo"); !published) {
      return published.error();
    }
    ++totals.articles;
  }
  auto existing = usecase::ListSynonyms(ctx);
  if (!existing) {
    return existing.error();
  }
  std::set<std::vector<std::string>> present;
  for (const auto& group : *existing) {
    present.insert(group.phrases);
  }
  for (const EmbeddedFile& file : files) {
    if (file.name != "synonyms.txt") {
      continue;
    }
    for (const auto& group : ParseSynonyms(file.text)) {
      if (present.contains(group)) {
        continue;
      }
      if (auto added = usecase::CreateSynonym(ctx, group); !added) {
        return added.error();
      }
      ++totals.synonyms;
    }
  }
  return totals;
}

}  // namespace frontdoor::app
