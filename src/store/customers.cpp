#include "frontdoor/store/customers.hpp"

#include <sstream>

#include <boost/json.hpp>

#include "query.hpp"

namespace frontdoor::store {
namespace {

namespace json = boost::json;

constexpr std::string_view kCustomerColumns =
    "c.id, c.first_name, c.last_name, c.email, c.phone, c.created_at, c.updated_at, c.kind, "
    "c.organisation_name, c.title, c.search_name, c.address, c.postcode, c.language, "
    "c.preferred_channel, c.accessibility, c.interpreter_language, c.consent_contact, "
    "c.consent_research, c.restricted, c.merged_into ";

std::string SelectCustomers() {
  return "SELECT " + std::string(kCustomerColumns) + "FROM customer c ";
}

std::vector<std::string> StringsFromJson(std::string_view text) {
  std::vector<std::string> out;
  boost::system::error_code ec;
  const json::value parsed = json::parse(text, ec);
  if (!ec && parsed.is_array()) {
    for (const json::value& v : parsed.get_array()) {
      if (v.is_string()) {
        out.emplace_back(v.get_string());
      }
    }
  }
  return out;
}

std::string StringsToJson(const std::vector<std::string>& values) {
  json::array out;
  for (const std::string& v : values) {
    out.emplace_back(v);
  }
  return json::serialize(out);
}

std::string IdsToJson(const std::vector<std::int64_t>& ids) {
  json::array out;
  for (const std::int64_t id : ids) {
    out.emplace_back(id);
  }
  return json::serialize(out);
}

std::vector<std::int64_t> IdsFromJson(const json::value* value) {
  std::vector<std::int64_t> ids;
  if (value != nullptr && value->is_array()) {
    for (const json::value& v : value->get_array()) {
      if (v.is_int64()) {
        ids.push_back(v.get_int64());
      }
    }
  }
  return ids;
}

CustomerRecord ReadCustomer(const SqlRow& row) {
  CustomerRecord c;
  c.id = row.Int(0);
  c.first_name = row.OptionalString(1);
  c.last_name = row.OptionalString(2);
  c.email = row.OptionalString(3);
  c.phone = row.OptionalString(4);
  c.created_at = FromUnixMicros(row.Int(5));
  c.updated_at = FromUnixMicros(row.Int(6));
  c.kind = row.String(7);
  c.organisation_name = row.OptionalString(8);
  c.title = row.OptionalString(9);
  c.search_name = row.OptionalString(10);
  c.address = row.OptionalString(11);
  c.postcode = row.OptionalString(12);
  c.language = row.String(13);
  c.preferred_channel = row.OptionalString(14);
  c.accessibility = StringsFromJson(row.Text(15));
  c.interpreter_language = row.OptionalString(16);
  c.consent_contact = row.Int(17) != 0;
  c.consent_research = row.Int(18) != 0;
  c.restricted = row.Int(19) != 0;
  c.merged_into = row.OptionalInt(20);
  return c;
}

std::vector<std::string> Words(const std::optional<std::string>& text) {
  std::vector<std::string> words;
  if (text) {
    std::istringstream in(*text);
    for (std::string word; in >> word;) {
      words.push_back(word);
    }
  }
  return words;
}

// The smallest string greater than every string starting with `prefix` (byte order).
std::string PrefixEnd(std::string prefix) {
  while (!prefix.empty() && static_cast<unsigned char>(prefix.back()) == 0xFF) {
    prefix.pop_back();
  }
  if (!prefix.empty()) {
    prefix.back() = static_cast<char>(prefix.back() + 1);
  }
  return prefix;
}

}  // namespace

Result<std::int64_t> Customers::Insert(const CustomerRecord& c) {
  const std::string accessibility = StringsToJson(c.accessibility);
  auto id = session_.InsertReturningId(
      "INSERT INTO customer (first_name, last_name, email, phone, created_at, updated_at, kind, "
      "organisation_name, title, search_name, address, postcode, language, preferred_channel, "
      "accessibility, interpreter_language, consent_contact, consent_research, restricted) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {OptionalText(c.first_name), OptionalText(c.last_name), OptionalText(c.email),
       OptionalText(c.phone), ToUnixMicros(c.created_at), ToUnixMicros(c.updated_at),
       std::string_view{c.kind}, OptionalText(c.organisation_name), OptionalText(c.title),
       OptionalText(c.search_name), OptionalText(c.address), OptionalText(c.postcode),
       std::string_view{c.language}, OptionalText(c.preferred_channel),
       std::string_view{accessibility}, OptionalText(c.interpreter_language),
       std::int64_t{c.consent_contact ? 1 : 0}, std::int64_t{c.consent_research ? 1 : 0},
       std::int64_t{c.restricted ? 1 : 0}});
  if (!id) {
    return id.error();
  }
  for (const std::string& word : Words(c.search_name)) {
    auto token = session_.Exec(
        "INSERT INTO customer_name_token (token, customer_id) VALUES (?, ?) "
        "ON CONFLICT DO NOTHING",
        {std::string_view{word}, *id});
    if (!token) {
      return token.error();
    }
  }
  for (const auto& [kind, value] : {std::pair{"email", &c.email}, std::pair{"phone", &c.phone}}) {
    if (*value) {
      if (auto added = AddContactPoint(*id, kind, **value, c.created_at); !added) {
        return added.error();
      }
    }
  }
  return id;
}

Result<void> Customers::Update(const CustomerRecord& c) {
  const std::string accessibility = StringsToJson(c.accessibility);
  auto changed = session_.Exec(
      "UPDATE customer SET first_name = ?, last_name = ?, email = ?, phone = ?, updated_at = ?, "
      "kind = ?, organisation_name = ?, title = ?, search_name = ?, address = ?, postcode = ?, "
      "language = ?, preferred_channel = ?, accessibility = ?, interpreter_language = ?, "
      "consent_contact = ?, consent_research = ?, restricted = ?, merged_into = ? WHERE id = ?",
      {OptionalText(c.first_name),
       OptionalText(c.last_name),
       OptionalText(c.email),
       OptionalText(c.phone),
       ToUnixMicros(c.updated_at),
       std::string_view{c.kind},
       OptionalText(c.organisation_name),
       OptionalText(c.title),
       OptionalText(c.search_name),
       OptionalText(c.address),
       OptionalText(c.postcode),
       std::string_view{c.language},
       OptionalText(c.preferred_channel),
       std::string_view{accessibility},
       OptionalText(c.interpreter_language),
       std::int64_t{c.consent_contact ? 1 : 0},
       std::int64_t{c.consent_research ? 1 : 0},
       std::int64_t{c.restricted ? 1 : 0},
       OptionalInt(c.merged_into),
       c.id});
  if (!changed) {
    return changed.error();
  }
  if (*changed == 0) {
    return Error::NotFound("Customer not found");
  }
  auto cleared = session_.Exec("DELETE FROM customer_name_token WHERE customer_id = ?", {c.id});
  if (!cleared) {
    return cleared.error();
  }
  for (const std::string& word : Words(c.search_name)) {
    auto token = session_.Exec(
        "INSERT INTO customer_name_token (token, customer_id) VALUES (?, ?) "
        "ON CONFLICT DO NOTHING",
        {std::string_view{word}, c.id});
    if (!token) {
      return token.error();
    }
  }
  if (c.merged_into) {
    return {};  // its contact points moved with the merge and must not come back
  }
  for (const auto& [kind, value] : {std::pair{"email", &c.email}, std::pair{"phone", &c.phone}}) {
    if (*value) {
      if (auto added = AddContactPoint(c.id, kind, **value, c.updated_at); !added) {
        return added.error();
      }
    }
  }
  return {};
}

Result<CustomerRecord> Customers::FindById(std::int64_t id) {
  return QueryOne<CustomerRecord>(session_, SelectCustomers() + "WHERE c.id = ?", {id},
                                  ReadCustomer, "Customer");
}

Result<std::optional<CustomerRecord>> Customers::FindByContact(
    const std::optional<std::string>& email, const std::optional<std::string>& phone) {
  for (const auto& [kind, value] : {std::pair{"email", &email}, std::pair{"phone", &phone}}) {
    if (!*value) {
      continue;
    }
    // Contact points hold every address a customer has used; the primary columns are
    // asked too, for records loaded in bulk without contact points.
    auto by_point = QueryAll<CustomerRecord>(
        session_,
        SelectCustomers() +
            "JOIN customer_contact_point p ON p.customer_id = c.id "
            "WHERE p.kind = ? AND p.value = ? AND c.merged_into IS NULL ORDER BY c.id LIMIT 1",
        {std::string_view{kind}, std::string_view{**value}}, ReadCustomer);
    if (!by_point) {
      return by_point.error();
    }
    if (by_point->empty()) {
      by_point =
          QueryAll<CustomerRecord>(session_,
                                   SelectCustomers() + "WHERE c." + std::string(kind) +
                                       " = ? AND c.merged_into IS NULL ORDER BY c.id LIMIT 1",
                                   {std::string_view{**value}}, ReadCustomer);
      if (!by_point) {
        return by_point.error();
      }
    }
    if (!by_point->empty()) {
      return std::optional<CustomerRecord>(std::move(by_point->front()));
    }
  }
  return std::optional<CustomerRecord>();
}

Result<void> Customers::FillBlanks(std::int64_t id, const CustomerRecord& from, Instant now) {
  auto done = session_.Exec(
      "UPDATE customer SET first_name = COALESCE(first_name, ?), "
      "last_name = COALESCE(last_name, ?), email = COALESCE(email, ?), "
      "phone = COALESCE(phone, ?), search_name = COALESCE(search_name, ?), "
      "postcode = COALESCE(postcode, ?), updated_at = ? WHERE id = ?",
      {OptionalText(from.first_name), OptionalText(from.last_name), OptionalText(from.email),
       OptionalText(from.phone), OptionalText(from.search_name), OptionalText(from.postcode),
       ToUnixMicros(now), id});
  if (!done) {
    return done.error();
  }
  for (const auto& [kind, value] :
       {std::pair{"email", &from.email}, std::pair{"phone", &from.phone}}) {
    if (*value) {
      if (auto added = AddContactPoint(id, kind, **value, now); !added) {
        return added.error();
      }
    }
  }
  return {};
}

Result<void> Customers::AddContactPoint(std::int64_t customer_id, const std::string& kind,
                                        const std::string& value, Instant now) {
  auto done = session_.Exec(
      "INSERT INTO customer_contact_point (customer_id, kind, value, created_at) "
      "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
      {customer_id, std::string_view{kind}, std::string_view{value}, ToUnixMicros(now)});
  if (!done) {
    return done.error();
  }
  return {};
}

Result<std::vector<ContactPointRecord>> Customers::ContactPoints(std::int64_t customer_id) {
  return QueryAll<ContactPointRecord>(
      session_,
      "SELECT id, customer_id, kind, value, created_at FROM customer_contact_point "
      "WHERE customer_id = ? ORDER BY id",
      {customer_id}, [](const SqlRow& row) {
        return ContactPointRecord{row.Int(0), row.Int(1), row.String(2), row.String(3),
                                  FromUnixMicros(row.Int(4))};
      });
}

Result<std::vector<CustomerRecord>> Customers::Search(const CustomerSearch& search) {
  Where where;
  where.Add("c.merged_into IS NULL");
  std::vector<std::string> texts;  // kept alive for the borrowed parameters
  texts.reserve(8);
  if (search.search_name) {
    for (const std::string& word : Words(search.search_name)) {
      texts.push_back(word);
      texts.push_back(PrefixEnd(word));
      where.Add(
          "c.id IN (SELECT customer_id FROM customer_name_token WHERE token >= ? AND "
          "token < ?)");
    }
  }
  std::vector<SqlParam> params = where.params();
  for (const std::string& text : texts) {
    params.emplace_back(std::string_view{text});
  }
  std::string sql = where.sql();
  const auto add = [&](const std::string& condition, const std::string& value) {
    sql += " AND " + condition;
    params.emplace_back(std::string_view{value});
  };
  if (search.email) {
    add("c.id IN (SELECT customer_id FROM customer_contact_point WHERE kind = 'email' AND "
        "value = ?)",
        *search.email);
  }
  if (search.phone) {
    add("c.id IN (SELECT customer_id FROM customer_contact_point WHERE kind = 'phone' AND "
        "value = ?)",
        *search.phone);
  }
  if (search.postcode) {
    add("c.postcode = ?", *search.postcode);
  }
  if (search.reference) {
    add("c.id IN (SELECT customer_id FROM service_case WHERE reference = ?)", *search.reference);
  }
  return QueryAll<CustomerRecord>(
      session_,
      SelectCustomers() + sql + " ORDER BY c.id LIMIT " + std::to_string(std::max(search.limit, 0)),
      params, ReadCustomer);
}

Result<std::vector<CustomerRecord>> Customers::Candidates(
    const std::vector<std::string>& word_prefixes, const std::optional<std::string>& postcode,
    int limit) {
  std::vector<std::string> bounds;
  bounds.reserve(2 * word_prefixes.size());
  std::string condition;
  for (const std::string& prefix : word_prefixes) {
    bounds.push_back(prefix);
    bounds.push_back(PrefixEnd(prefix));
    condition += condition.empty() ? "" : " OR ";
    condition += "(token >= ? AND token < ?)";
  }
  std::vector<SqlParam> params;
  params.reserve(bounds.size() + 1);
  for (const std::string& bound : bounds) {
    params.emplace_back(std::string_view{bound});
  }
  std::string sql = SelectCustomers() + "WHERE c.merged_into IS NULL AND (";
  sql += condition.empty()
             ? "1 = 0"
             : "c.id IN (SELECT customer_id FROM customer_name_token WHERE " + condition + ")";
  if (postcode) {
    sql += " OR c.postcode = ?";
    params.emplace_back(std::string_view{*postcode});
  }
  sql += ") ORDER BY c.id LIMIT " + std::to_string(std::max(limit, 0));
  return QueryAll<CustomerRecord>(session_, sql, params, ReadCustomer);
}

Result<std::vector<TimelineEntry>> Customers::Timeline(
    std::int64_t customer_id, const std::optional<TimelinePosition>& before, bool include_internal,
    int limit) {
  std::string sql =
      "SELECT at, kind_rank, id, kind, reference, title, detail, channel, is_public FROM ("
      "SELECT c.created_at AS at, 0 AS kind_rank, c.id AS id, 'case' AS kind, "
      "c.reference AS reference, s.name AS title, c.description AS detail, c.channel AS channel, "
      "1 AS is_public FROM service_case c JOIN service s ON s.id = c.service_id "
      "WHERE c.customer_id = ? "
      "UNION ALL "
      "SELECT e.at, 1, e.id, 'case_event', c.reference, e.kind, COALESCE(e.body, ''), '', "
      "e.is_public FROM case_event e JOIN service_case c ON c.id = e.case_id "
      "WHERE c.customer_id = ? AND e.kind <> 'created'";
  sql += include_internal ? "" : " AND (e.is_public = 1 OR e.kind = 'customer_comment')";
  sql +=
      " UNION ALL "
      "SELECT i.started_at, 2, i.id, 'interaction', COALESCE(c.reference, ''), i.outcome, "
      "i.summary, i.channel, 1 FROM interaction i LEFT JOIN service_case c ON c.id = i.case_id "
      "WHERE i.customer_id = ?) t ";
  std::vector<SqlParam> params = {customer_id, customer_id, customer_id};
  if (before) {
    sql += "WHERE (at < ?) OR (at = ? AND kind_rank < ?) OR (at = ? AND kind_rank = ? AND id < ?) ";
    const std::int64_t at = ToUnixMicros(before->at);
    const std::int64_t rank = before->kind_rank;
    params.insert(params.end(), {at, at, rank, at, rank, before->id});
  }
  sql += "ORDER BY at DESC, kind_rank DESC, id DESC LIMIT " + std::to_string(std::max(limit, 0));
  return QueryAll<TimelineEntry>(session_, sql, params, [](const SqlRow& row) {
    TimelineEntry entry;
    entry.at = FromUnixMicros(row.Int(0));
    entry.id = row.Int(2);
    entry.kind = row.String(3);
    entry.case_reference = row.String(4);
    entry.title = row.String(5);
    entry.detail = row.String(6);
    entry.channel = row.String(7);
    entry.is_public = row.Int(8) != 0;
    return entry;
  });
}

namespace {

Result<std::vector<std::int64_t>> MoveRows(SqlSession& session, std::string_view table,
                                           std::string_view extra, std::int64_t from,
                                           std::int64_t to) {
  std::vector<SqlParam> params = {to, from};
  if (!extra.empty()) {
    params.emplace_back(to);
  }
  return QueryAll<std::int64_t>(session,
                                "UPDATE " + std::string(table) +
                                    " SET customer_id = ? WHERE customer_id = ?" +
                                    std::string(extra) + " RETURNING id",
                                params, [](const SqlRow& row) { return row.Int(0); });
}

}  // namespace

Result<std::vector<std::int64_t>> Customers::MoveCases(std::int64_t from, std::int64_t to) {
  return MoveRows(session_, "service_case", "", from, to);
}

Result<std::vector<std::int64_t>> Customers::MoveInteractions(std::int64_t from, std::int64_t to) {
  return MoveRows(session_, "interaction", "", from, to);
}

Result<std::vector<std::int64_t>> Customers::MoveContactPoints(std::int64_t from, std::int64_t to) {
  // A point the target already has stays behind; the unique key allows it once.
  return MoveRows(session_, "customer_contact_point",
                  " AND NOT EXISTS (SELECT 1 FROM customer_contact_point p WHERE "
                  "p.customer_id = ? AND p.kind = customer_contact_point.kind AND "
                  "p.value = customer_contact_point.value)",
                  from, to);
}

Result<void> Customers::MoveBack(const MergeRecord& merge) {
  constexpr std::size_t kChunk = 500;
  for (const auto& [table, ids] :
       {std::pair{"service_case", &merge.cases}, std::pair{"interaction", &merge.interactions},
        std::pair{"customer_contact_point", &merge.contact_points}}) {
    for (std::size_t start = 0; start < ids->size(); start += kChunk) {
      const std::vector<std::int64_t> chunk(
          ids->begin() + static_cast<std::ptrdiff_t>(start),
          ids->begin() + static_cast<std::ptrdiff_t>(std::min(ids->size(), start + kChunk)));
      Where where;
      where.Compare("customer_id", "=", merge.into_customer_id);
      where.In("id", chunk);
      std::vector<SqlParam> params = {merge.from_customer_id};
      params.insert(params.end(), where.params().begin(), where.params().end());
      auto moved = session_.Exec(
          "UPDATE " + std::string(table) + " SET customer_id = ? " + where.sql(), params);
      if (!moved) {
        return moved.error();
      }
    }
  }
  return {};
}

Result<std::int64_t> Customers::InsertMerge(const MergeRecord& merge) {
  const std::string moved = json::serialize(
      json::object{{"cases", json::parse(IdsToJson(merge.cases))},
                   {"interactions", json::parse(IdsToJson(merge.interactions))},
                   {"contact_points", json::parse(IdsToJson(merge.contact_points))}});
  return QueryInt(session_,
                  "INSERT INTO customer_merge (from_customer_id, into_customer_id, merged_at, "
                  "actor, moved) VALUES (?, ?, ?, ?, ?) RETURNING id",
                  {merge.from_customer_id, merge.into_customer_id, ToUnixMicros(merge.merged_at),
                   std::string_view{merge.actor}, std::string_view{moved}});
}

Result<MergeRecord> Customers::FindMerge(std::int64_t id) {
  return QueryOne<MergeRecord>(
      session_,
      "SELECT id, from_customer_id, into_customer_id, merged_at, actor, moved, undone_at "
      "FROM customer_merge WHERE id = ?",
      {id},
      [](const SqlRow& row) {
        MergeRecord merge;
        merge.id = row.Int(0);
        merge.from_customer_id = row.Int(1);
        merge.into_customer_id = row.Int(2);
        merge.merged_at = FromUnixMicros(row.Int(3));
        merge.actor = row.String(4);
        boost::system::error_code ec;
        const json::value moved = json::parse(row.Text(5), ec);
        if (!ec && moved.is_object()) {
          merge.cases = IdsFromJson(moved.get_object().if_contains("cases"));
          merge.interactions = IdsFromJson(moved.get_object().if_contains("interactions"));
          merge.contact_points = IdsFromJson(moved.get_object().if_contains("contact_points"));
        }
        if (!row.IsNull(6)) {
          merge.undone_at = FromUnixMicros(row.Int(6));
        }
        return merge;
      },
      "Merge");
}

Result<void> Customers::MarkMergeUndone(std::int64_t id, Instant at, const std::string& actor) {
  auto done = session_.Exec(
      "UPDATE customer_merge SET undone_at = ?, undone_by = ? WHERE id = ? AND undone_at IS NULL",
      {ToUnixMicros(at), std::string_view{actor}, id});
  if (!done) {
    return done.error();
  }
  if (*done == 0) {
    return Error(ErrorCode::kConflict, "That merge has already been undone");
  }
  return {};
}

namespace {

constexpr std::string_view kInteractionSelect =
    "SELECT i.id, i.customer_id, i.case_id, i.channel, i.direction, i.started_at, i.ended_at, "
    "i.agent_id, i.outcome, i.service_id, i.summary, i.articles, i.actor, i.created_at, "
    "c.reference FROM interaction i LEFT JOIN service_case c ON c.id = i.case_id ";

InteractionRecord ReadInteraction(const SqlRow& row) {
  InteractionRecord i;
  i.id = row.Int(0);
  i.customer_id = row.OptionalInt(1);
  i.case_id = row.OptionalInt(2);
  i.channel = row.String(3);
  i.direction = row.String(4);
  i.started_at = FromUnixMicros(row.Int(5));
  if (!row.IsNull(6)) {
    i.ended_at = FromUnixMicros(row.Int(6));
  }
  i.agent_id = row.OptionalInt(7);
  i.outcome = row.String(8);
  i.service_id = row.OptionalInt(9);
  i.summary = row.String(10);
  boost::system::error_code ec;
  const json::value articles = json::parse(row.Text(11), ec);
  if (!ec) {
    i.articles = IdsFromJson(&articles);
  }
  i.actor = row.String(12);
  i.created_at = FromUnixMicros(row.Int(13));
  i.case_reference = row.IsNull(14) ? std::string() : row.String(14);
  return i;
}

}  // namespace

Result<std::int64_t> Interactions::Insert(const InteractionRecord& i) {
  const std::string articles = IdsToJson(i.articles);
  SqlParam ended = nullptr;
  if (i.ended_at) {
    ended = ToUnixMicros(*i.ended_at);
  }
  return QueryInt(
      session_,
      "INSERT INTO interaction (customer_id, case_id, channel, direction, started_at, ended_at, "
      "agent_id, outcome, service_id, summary, articles, actor, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {OptionalInt(i.customer_id), OptionalInt(i.case_id), std::string_view{i.channel},
       std::string_view{i.direction}, ToUnixMicros(i.started_at), ended, OptionalInt(i.agent_id),
       std::string_view{i.outcome}, OptionalInt(i.service_id), std::string_view{i.summary},
       std::string_view{articles}, std::string_view{i.actor}, ToUnixMicros(i.created_at)});
}

Result<InteractionRecord> Interactions::FindById(std::int64_t id) {
  return QueryOne<InteractionRecord>(session_, std::string(kInteractionSelect) + "WHERE i.id = ?",
                                     {id}, ReadInteraction, "Interaction");
}

Result<std::vector<InteractionRecord>> Interactions::ForCase(std::int64_t case_id) {
  return QueryAll<InteractionRecord>(
      session_, std::string(kInteractionSelect) + "WHERE i.case_id = ? ORDER BY i.started_at",
      {case_id}, ReadInteraction);
}

}  // namespace frontdoor::store
