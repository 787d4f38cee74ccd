#include "frontdoor/store/accounts.hpp"

#include "query.hpp"

namespace frontdoor::store {
namespace {

ApiKeyRecord ReadApiKey(const SqlRow& row) {
  ApiKeyRecord key;
  key.id = row.Int(0);
  key.name = row.String(1);
  key.key_digest = row.String(2);
  key.created_at = FromUnixMicros(row.Int(3));
  if (!row.IsNull(4)) {
    key.revoked_at = FromUnixMicros(row.Int(4));
  }
  key.scope = row.String(5);
  return key;
}

constexpr std::string_view kApiKeyColumns = "id, name, key_digest, created_at, revoked_at, scope";

StaffUserRecord ReadStaffUser(const SqlRow& row) {
  StaffUserRecord user;
  user.id = row.Int(0);
  user.email = row.String(1);
  user.name = row.String(2);
  user.role = row.String(3);
  user.department = row.OptionalString(4);
  user.password_hash = row.String(5);
  user.created_at = FromUnixMicros(row.Int(6));
  return user;
}

constexpr std::string_view kStaffColumns =
    "id, email, name, role, department, password_hash, created_at";

}  // namespace

Result<ApiKeyRecord> ApiKeys::Insert(const std::string& name, const std::string& key_digest,
                                     const std::string& scope, Instant created_at) {
  return QueryOne<ApiKeyRecord>(
      session_,
      "INSERT INTO api_key (name, key_digest, scope, created_at) VALUES (?, ?, ?, ?) RETURNING " +
          std::string(kApiKeyColumns),
      {std::string_view{name}, std::string_view{key_digest}, std::string_view{scope},
       ToUnixMicros(created_at)},
      ReadApiKey, "API key");
}

Result<ApiKeyRecord> ApiKeys::FindByDigest(const std::string& key_digest) {
  return QueryOne<ApiKeyRecord>(
      session_, "SELECT " + std::string(kApiKeyColumns) + " FROM api_key WHERE key_digest = ?",
      {std::string_view{key_digest}}, ReadApiKey, "API key");
}

Result<std::vector<ApiKeyRecord>> ApiKeys::List() {
  std::vector<ApiKeyRecord> keys;
  auto done = session_.Query("SELECT " + std::string(kApiKeyColumns) + " FROM api_key ORDER BY id",
                             {}, [&](const SqlRow& row) { keys.push_back(ReadApiKey(row)); });
  if (!done) {
    return done.error();
  }
  return keys;
}

Result<StaffUserRecord> StaffUsers::Insert(const StaffUserRecord& user) {
  return QueryOne<StaffUserRecord>(
      session_,
      "INSERT INTO staff_user (email, name, role, department, password_hash, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?) RETURNING " +
          std::string(kStaffColumns),
      {std::string_view{user.email}, std::string_view{user.name}, std::string_view{user.role},
       OptionalText(user.department), std::string_view{user.password_hash},
       ToUnixMicros(user.created_at)},
      ReadStaffUser, "Staff user");
}

Result<StaffUserRecord> StaffUsers::FindByEmail(const std::string& email) {
  return QueryOne<StaffUserRecord>(
      session_, "SELECT " + std::string(kStaffColumns) + " FROM staff_user WHERE email = ?",
      {std::string_view{email}}, ReadStaffUser, "Staff user");
}

Result<StaffUserRecord> StaffUsers::FindById(std::int64_t id) {
  return QueryOne<StaffUserRecord>(
      session_, "SELECT " + std::string(kStaffColumns) + " FROM staff_user WHERE id = ?", {id},
      ReadStaffUser, "Staff user");
}

Result<std::vector<StaffUserRecord>> StaffUsers::List() {
  return QueryAll<StaffUserRecord>(
      session_, "SELECT " + std::string(kStaffColumns) + " FROM staff_user ORDER BY email", {},
      ReadStaffUser);
}

Result<std::int64_t> StaffUsers::Count() {
  std::int64_t count = 0;
  auto done = session_.Query("SELECT count(*) FROM staff_user", {},
                             [&](const SqlRow& row) { count = row.Int(0); });
  if (!done) {
    return done.error();
  }
  return count;
}

}  // namespace frontdoor::store
