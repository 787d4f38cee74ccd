#include "frontdoor/store/bulk.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <map>
#include <string_view>
#include <tuple>
#include <utility>

#include "query.hpp"

namespace frontdoor::store {
namespace {

// A PostgreSQL array literal ({"a",NULL,"b\"c"}) built one element at a time. PostgreSQL
// parses one literal per column far faster than it runs one statement per row, and a
// statement with a fixed number of array parameters stays prepared.
class ArrayLiteral {
 public:
  void Add(const SqlParam& value) {
    text_ += text_.empty() ? '{' : ',';
    if (std::holds_alternative<std::nullptr_t>(value)) {
      text_ += "NULL";
    } else if (const auto* i = std::get_if<std::int64_t>(&value)) {
      AppendNumber(*i);
    } else if (const auto* d = std::get_if<double>(&value)) {
      AppendNumber(*d);
    } else {
      // Quoted, so that NULL, braces, commas and spaces in text stay text.
      text_ += '"';
      for (const char c : std::get<std::string_view>(value)) {
        if (c == '"' || c == '\\') {
          text_ += '\\';
        }
        text_ += c;
      }
      text_ += '"';
    }
  }
  // The literal; valid until the next Clear.
  std::string_view Finish() {
    if (text_.empty()) {
      text_ += '{';
    }
    text_ += '}';
    return text_;
  }
  void Clear() { text_.clear(); }

 private:
  template <class Number>
  void AppendNumber(Number n) {
    std::array<char, 32> buffer{};
    // Shortest round-trip form for doubles, so coordinates come back exactly.
    const auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), n);
    text_.append(buffer.data(), end);
  }
  std::string text_;
};

// Rows of one table, written with cached INSERTs of `sqlite_rows` rows on SQLite (prepared
// statements in one transaction are SQLite's fastest path, and many rows per statement
// spread its per-statement cost), and with one INSERT ... SELECT FROM unnest(arrays) per
// kPostgresRows rows on PostgreSQL, so that loading is not bound by round trips.
//
// On SQLite a statement of more than one row into a table with foreign keys keeps a statement
// journal: every page it changes is first copied to a temporary file. Tables whose indexes
// take rows all over (random keys) therefore go one row per statement, which needs no
// journal; tables whose index entries arrive in order go many rows per statement.
template <std::size_t N>
class RowSink {
 public:
  static constexpr std::size_t kPostgresRows = 5000;

  // `sqlite_sql` inserts one row and ends with its VALUES tuple; N * sqlite_rows must stay
  // within SQLite's 32766 parameters.
  RowSink(SqlSession& session, std::string_view sqlite_sql, std::string_view postgres_sql,
          std::size_t sqlite_rows)
      : session_(session),
        sqlite_sql_(sqlite_sql),
        postgres_sql_(postgres_sql),
        sqlite_rows_(sqlite_rows) {
    if (session_.dialect() == Dialect::kSqlite) {
      const std::string_view tuple = sqlite_sql.substr(sqlite_sql.rfind('('));
      sqlite_many_ = sqlite_sql;
      for (std::size_t i = 1; i < sqlite_rows_; ++i) {
        sqlite_many_ += ", ";
        sqlite_many_ += tuple;
      }
      params_.reserve(N * sqlite_rows_);
    } else {
      params_.reserve(N);
    }
  }

  Result<void> Add(const std::array<SqlParam, N>& row) {
    if (session_.dialect() == Dialect::kSqlite) {
      params_.insert(params_.end(), row.begin(), row.end());
      if (++pending_ < sqlite_rows_) {
        return {};
      }
      auto done = session_.Exec(sqlite_many_, SqlParams(params_));
      params_.clear();
      pending_ = 0;
      if (!done) {
        return done.error();
      }
      return {};
    }
    for (std::size_t i = 0; i < N; ++i) {
      columns_[i].Add(row[i]);
    }
    if (++pending_ == kPostgresRows) {
      return Flush();
    }
    return {};
  }

  Result<void> Flush() {
    if (pending_ == 0) {
      return {};
    }
    if (session_.dialect() == Dialect::kSqlite) {
      // The last few rows one at a time: one more cached statement rather than one per count.
      std::vector<SqlParam> row(N);
      for (std::size_t r = 0; r < pending_; ++r) {
        std::copy_n(params_.begin() + static_cast<std::ptrdiff_t>(r * N), N, row.begin());
        if (auto done = session_.Exec(sqlite_sql_, SqlParams(row)); !done) {
          return done.error();
        }
      }
      params_.clear();
      pending_ = 0;
      return {};
    }
    params_.clear();
    for (auto& column : columns_) {
      params_.emplace_back(column.Finish());
    }
    auto done = session_.Exec(postgres_sql_, SqlParams(params_));
    for (auto& column : columns_) {
      column.Clear();
    }
    pending_ = 0;
    if (!done) {
      return done.error();
    }
    return {};
  }

 private:
  SqlSession& session_;
  std::string_view sqlite_sql_;
  std::string sqlite_many_;
  std::string_view postgres_sql_;
  std::size_t sqlite_rows_;
  std::array<ArrayLiteral, N> columns_;
  std::vector<SqlParam> params_;
  std::size_t pending_ = 0;
};

SqlParam Text(const std::string& text) {
  return std::string_view{text};
}
SqlParam Text(const std::optional<std::string>& text) {
  return OptionalText(text);
}
SqlParam Int(const std::optional<std::int64_t>& value) {
  return OptionalInt(value);
}
SqlParam Micros(const std::optional<Instant>& at) {
  if (at) {
    return ToUnixMicros(*at);
  }
  return nullptr;
}

// SQLite settings for the length of a bulk write. A unit of work of thousands of cases
// dirties more pages than the default 2 MB cache holds; SQLite would spill them to the WAL
// mid-transaction and read them back. And a multi-row INSERT that may stop half-way needs a
// statement journal, a temporary file SQLite writes every page the statement touches to: the
// INSERTs say OR FAIL (stop at a bad row, keep the rows before it: the unit of work is rolled
// back whole anyway), and foreign keys are checked when the transaction commits, not after
// each statement. The parents are rows this loader wrote or the caller read in the same unit
// of work, so no check is expected to fail.
class SqliteBulkMode {
 public:
  explicit SqliteBulkMode(SqlSession& session) : session_(session) {
    if (session_.dialect() == Dialect::kSqlite) {
      // Best effort: without them the load is slower, not wrong.
      (void)session_.ExecScript("PRAGMA cache_size = -262144; PRAGMA defer_foreign_keys = ON");
    }
  }
  ~SqliteBulkMode() {
    if (session_.dialect() == Dialect::kSqlite) {
      (void)session_.ExecScript("PRAGMA defer_foreign_keys = OFF");
    }
  }
  SqliteBulkMode(const SqliteBulkMode&) = delete;
  SqliteBulkMode& operator=(const SqliteBulkMode&) = delete;

 private:
  SqlSession& session_;
};

// The tables this file fills. Names are constants, never input.
struct Table {
  std::string_view lock;      // PostgreSQL: keeps other writers out until commit
  std::string_view next_id;   // the first free id
  std::string_view sequence;  // PostgreSQL: moves the identity past the ids used
};

constexpr Table kCustomerTable{
    "LOCK TABLE customer IN EXCLUSIVE MODE", "SELECT COALESCE(MAX(id), 0) + 1 FROM customer",
    "SELECT setval(pg_get_serial_sequence('customer', 'id'), (SELECT MAX(id) FROM customer))"};
constexpr Table kCaseTable{"LOCK TABLE service_case IN EXCLUSIVE MODE",
                           "SELECT COALESCE(MAX(id), 0) + 1 FROM service_case",
                           "SELECT setval(pg_get_serial_sequence('service_case', 'id'), "
                           "(SELECT MAX(id) FROM service_case))"};
constexpr Table kEventTable{
    "LOCK TABLE case_event IN EXCLUSIVE MODE", "SELECT COALESCE(MAX(id), 0) + 1 FROM case_event",
    "SELECT setval(pg_get_serial_sequence('case_event', 'id'), (SELECT MAX(id) FROM case_event))"};

constexpr Table kSlaTable{
    "LOCK TABLE case_sla IN EXCLUSIVE MODE", "SELECT COALESCE(MAX(id), 0) + 1 FROM case_sla",
    "SELECT setval(pg_get_serial_sequence('case_sla', 'id'), (SELECT MAX(id) FROM case_sla))"};

Result<std::int64_t> FirstFreeId(SqlSession& session, const Table& table) {
  if (session.dialect() == Dialect::kPostgres) {
    if (auto locked = session.Exec(table.lock); !locked) {
      return locked.error();
    }
  }
  return QueryInt(session, table.next_id, {});
}

Result<void> MoveSequence(SqlSession& session, const Table& table) {
  if (session.dialect() != Dialect::kPostgres) {
    return {};
  }
  return session.Query(table.sequence, {}, [](const SqlRow&) {});
}

constexpr std::string_view kCustomerSqlite =
    "INSERT OR FAIL INTO customer (id, first_name, last_name, email, phone, created_at, "
    "updated_at, search_name, address, postcode) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kCustomerPostgres =
    "INSERT INTO customer (id, first_name, last_name, email, phone, created_at, updated_at, "
    "search_name, address, postcode) SELECT * FROM unnest(?::bigint[], ?::text[], ?::text[], "
    "?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[])";
constexpr std::string_view kNameTokenSqlite =
    "INSERT OR IGNORE INTO customer_name_token (token, customer_id) VALUES (?, ?)";
constexpr std::string_view kNameTokenPostgres =
    "INSERT INTO customer_name_token (token, customer_id) SELECT DISTINCT * FROM "
    "unnest(?::text[], ?::bigint[]) ON CONFLICT DO NOTHING";

constexpr std::string_view kCaseSqlite =
    "INSERT OR FAIL INTO service_case (id, reference, service_id, status, priority, channel, "
    "description, address, address_id, postcode, lat, lon, ward, customer_id, team_id, "
    "assignee_id, status_notes, media_url, source, created_at, updated_at, due_at, closed_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kCasePostgres =
    "INSERT INTO service_case (id, reference, service_id, status, priority, channel, "
    "description, address, address_id, postcode, lat, lon, ward, customer_id, team_id, "
    "assignee_id, status_notes, media_url, source, created_at, updated_at, due_at, closed_at) "
    "SELECT * FROM unnest(?::bigint[], ?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[], "
    "?::text[], ?::text[], ?::text[], ?::text[], ?::float8[], ?::float8[], ?::text[], "
    "?::bigint[], ?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::bigint[], "
    "?::bigint[], ?::bigint[], ?::bigint[])";

constexpr std::string_view kAttributeSqlite =
    "INSERT OR FAIL INTO case_attribute (case_id, position, code, value) VALUES (?, ?, ?, ?)";
constexpr std::string_view kAttributePostgres =
    "INSERT INTO case_attribute (case_id, position, code, value) "
    "SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[])";

constexpr std::string_view kEventSqlite =
    "INSERT OR FAIL INTO case_event (id, case_id, at, kind, actor, is_public, status, body, data, "
    "external_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kEventPostgres =
    "INSERT INTO case_event (id, case_id, at, kind, actor, is_public, status, body, data, "
    "external_id) SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::text[], "
    "?::text[], ?::integer[], ?::text[], ?::text[], ?::text[], ?::text[])";

constexpr std::string_view kSlaSqlite =
    "INSERT OR FAIL INTO case_sla (id, case_id, standard_code, measure, unit, amount, started_at, "
    "due_at, at_risk_at, paused_since, paused_total, stopped_at, state, state_changed_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kSlaPostgres =
    "INSERT INTO case_sla (id, case_id, standard_code, measure, unit, amount, started_at, "
    "due_at, at_risk_at, paused_since, paused_total, stopped_at, state, state_changed_at) "
    "SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[], "
    "?::integer[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], "
    "?::text[], ?::bigint[])";
constexpr std::string_view kPauseSqlite =
    "INSERT OR FAIL INTO case_sla_pause (sla_id, from_at, to_at) VALUES (?, ?, ?)";
constexpr std::string_view kPausePostgres =
    "INSERT INTO case_sla_pause (sla_id, from_at, to_at) "
    "SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::bigint[])";
// One row per statement on SQLite (its multi-row form would need the tuple last); the keys
// are unique within a call, as PostgreSQL's ON CONFLICT requires.
constexpr std::string_view kRollupSqlite =
    "INSERT INTO charter_rollup (day, standard_code, team_id, service_id, channel, total, met, "
    "missed) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (day, standard_code, team_id, "
    "service_id, channel) DO UPDATE SET total = charter_rollup.total + excluded.total, "
    "met = charter_rollup.met + excluded.met, missed = charter_rollup.missed + excluded.missed";
constexpr std::string_view kRollupPostgres =
    "INSERT INTO charter_rollup AS r (day, standard_code, team_id, service_id, channel, total, "
    "met, missed) SELECT * FROM unnest(?::bigint[], ?::text[], ?::bigint[], ?::bigint[], "
    "?::text[], ?::bigint[], ?::bigint[], ?::bigint[]) ON CONFLICT (day, standard_code, team_id, "
    "service_id, channel) DO UPDATE SET total = r.total + excluded.total, "
    "met = r.met + excluded.met, missed = r.missed + excluded.missed";
constexpr std::int64_t kMicrosPerDay = 86'400'000'000;

// The charter rollup's key (migration 0014) and counts, summed over the clocks of a load.
using RollupKey = std::tuple<std::int64_t, std::string, std::int64_t, std::int64_t, std::string>;
struct RollupCounts {
  std::int64_t total = 0;
  std::int64_t met = 0;
  std::int64_t missed = 0;
};

std::array<SqlParam, 14> SlaRow(const CaseSlaRecord& sla, std::int64_t id, std::int64_t case_id) {
  return {id,
          case_id,
          Text(sla.standard_code),
          Text(sla.measure),
          Text(sla.unit),
          std::int64_t{sla.amount},
          ToUnixMicros(sla.started_at),
          Micros(sla.due_at),
          Micros(sla.at_risk_at),
          Micros(sla.paused_since),
          std::int64_t{sla.paused_total.count()},
          Micros(sla.stopped_at),
          Text(sla.state),
          ToUnixMicros(sla.state_changed_at)};
}

std::array<SqlParam, 23> CaseRow(const CaseRecord& c, std::int64_t id) {
  std::optional<double> lat;
  std::optional<double> lon;
  if (c.location) {
    lat = c.location->lat;
    lon = c.location->lon;
  }
  const auto real = [](const std::optional<double>& v) -> SqlParam {
    if (v) {
      return *v;
    }
    return nullptr;
  };
  return {id,
          Text(c.reference),
          c.service_id,
          CaseStatusName(c.status),
          Text(c.priority),
          Text(c.channel),
          Text(c.description),
          Text(c.address),
          Text(c.address_id),
          Text(c.postcode),
          real(lat),
          real(lon),
          Text(c.ward),
          Int(c.customer_id),
          Int(c.team_id),
          Int(c.assignee_id),
          Text(c.status_notes),
          Text(c.media_url),
          Text(c.source),
          ToUnixMicros(c.created_at),
          ToUnixMicros(c.updated_at),
          Micros(c.due_at),
          Micros(c.closed_at)};
}

}  // namespace

Result<std::int64_t> BulkLoader::InsertCustomers(std::span<const CustomerRecord> customers) {
  const SqliteBulkMode mode(session_);
  auto first = FirstFreeId(session_, kCustomerTable);
  if (!first) {
    return first.error();
  }
  RowSink<10> sink(session_, kCustomerSqlite, kCustomerPostgres, RowsPerStatement());
  std::int64_t id = *first;
  for (const CustomerRecord& c : customers) {
    auto added = sink.Add({id++, Text(c.first_name), Text(c.last_name), Text(c.email),
                           Text(c.phone), ToUnixMicros(c.created_at), ToUnixMicros(c.updated_at),
                           Text(c.search_name), Text(c.address), Text(c.postcode)});
    if (!added) {
      return added.error();
    }
  }
  if (auto flushed = sink.Flush(); !flushed) {
    return flushed.error();
  }
  // The words of the search name, as Customers::Insert writes them, so that the loaded
  // customers are found by name. After every customer row, for the foreign key.
  RowSink<2> tokens(session_, kNameTokenSqlite, kNameTokenPostgres, 1024);
  id = *first;
  for (const CustomerRecord& c : customers) {
    std::string_view words = c.search_name ? std::string_view{*c.search_name} : "";
    while (!words.empty()) {
      const auto end = words.find(' ');
      if (end != 0) {
        if (auto token = tokens.Add({words.substr(0, end), id}); !token) {
          return token.error();
        }
      }
      words = end == std::string_view::npos ? std::string_view() : words.substr(end + 1);
    }
    ++id;
  }
  if (auto flushed = tokens.Flush(); !flushed) {
    return flushed.error();
  }
  if (auto moved = MoveSequence(session_, kCustomerTable); !moved) {
    return moved.error();
  }
  return *first;
}

Result<BulkTotals> BulkLoader::InsertCases(std::span<const BulkCase> cases) {
  const SqliteBulkMode mode(session_);
  auto first_case = FirstFreeId(session_, kCaseTable);
  if (!first_case) {
    return first_case.error();
  }
  auto first_event = FirstFreeId(session_, kEventTable);
  if (!first_event) {
    return first_event.error();
  }
  BulkTotals totals;
  {
    RowSink<23> sink(session_, kCaseSqlite, kCasePostgres, RowsPerStatement());
    std::int64_t id = *first_case;
    for (const BulkCase& c : cases) {
      if (auto added = sink.Add(CaseRow(c.record, id++)); !added) {
        return added.error();
      }
    }
    if (auto flushed = sink.Flush(); !flushed) {
      return flushed.error();
    }
    totals.cases = id - *first_case;
  }
  // Answers and events after every case row, so that their foreign keys find it.
  RowSink<4> attributes(session_, kAttributeSqlite, kAttributePostgres, 1024);
  RowSink<10> events(session_, kEventSqlite, kEventPostgres, 1024);
  std::int64_t case_id = *first_case;
  std::int64_t event_id = *first_event;
  for (const BulkCase& c : cases) {
    std::int64_t position = 0;
    for (const auto& [code, value] : c.attributes) {
      if (auto added = attributes.Add({case_id, position++, Text(code), Text(value)}); !added) {
        return added.error();
      }
    }
    totals.attributes += position;
    for (const CaseEventRecord& e : c.events) {
      auto added = events.Add({event_id++, case_id, ToUnixMicros(e.at), Text(e.kind), Text(e.actor),
                               std::int64_t{e.is_public ? 1 : 0}, Text(e.status), Text(e.body),
                               Text(e.data), Text(e.external_id)});
      if (!added) {
        return added.error();
      }
    }
    ++case_id;
  }
  if (auto flushed = attributes.Flush(); !flushed) {
    return flushed.error();
  }
  if (auto flushed = events.Flush(); !flushed) {
    return flushed.error();
  }
  totals.events = event_id - *first_event;
  auto clocks = InsertClocks(cases, *first_case);
  if (!clocks) {
    return clocks.error();
  }
  totals.clocks = *clocks;
  if (auto moved = MoveSequence(session_, kCaseTable); !moved) {
    return moved.error();
  }
  if (auto moved = MoveSequence(session_, kEventTable); !moved) {
    return moved.error();
  }
  return totals;
}

Result<std::int64_t> BulkLoader::InsertClocks(std::span<const BulkCase> cases,
                                              std::int64_t first_case) {
  auto first_sla = FirstFreeId(session_, kSlaTable);
  if (!first_sla) {
    return first_sla.error();
  }
  // The per-row trigger would look the case up and update the rollup once per clock; the
  // counts summed here take one upsert per key instead.
  if (auto deferred = session_.Exec(
          "INSERT INTO charter_rollup_deferred (loader) VALUES ('bulk') ON CONFLICT DO NOTHING");
      !deferred) {
    return deferred.error();
  }
  std::map<RollupKey, RollupCounts> rollup;
  RowSink<14> slas(session_, kSlaSqlite, kSlaPostgres, 512);
  RowSink<3> pauses(session_, kPauseSqlite, kPausePostgres, 1024);
  std::int64_t sla_id = *first_sla;
  std::int64_t case_id = first_case;
  for (const BulkCase& c : cases) {
    for (const BulkSlaClock& clock : c.clocks) {
      if (auto added = slas.Add(SlaRow(clock.sla, sla_id, case_id)); !added) {
        return added.error();
      }
      for (const SlaPauseRecord& pause : clock.pauses) {
        if (auto added = pauses.Add({sla_id, ToUnixMicros(pause.from), Micros(pause.to)}); !added) {
          return added.error();
        }
      }
      RollupCounts& counts =
          rollup[{ToUnixMicros(clock.sla.started_at) / kMicrosPerDay, clock.sla.standard_code,
                  c.record.team_id.value_or(0), c.record.service_id, c.record.channel}];
      ++counts.total;
      counts.met += clock.sla.state == "met" ? 1 : 0;
      counts.missed += clock.sla.state == "missed" ? 1 : 0;
      ++sla_id;
    }
    ++case_id;
  }
  if (auto flushed = slas.Flush(); !flushed) {
    return flushed.error();
  }
  if (auto flushed = pauses.Flush(); !flushed) {
    return flushed.error();
  }
  RowSink<8> rows(session_, kRollupSqlite, kRollupPostgres, 1);
  for (const auto& [key, counts] : rollup) {
    const auto& [day, standard, team, service, channel] = key;
    if (auto added = rows.Add({day, std::string_view{standard}, team, service,
                               std::string_view{channel}, counts.total, counts.met, counts.missed});
        !added) {
      return added.error();
    }
  }
  if (auto flushed = rows.Flush(); !flushed) {
    return flushed.error();
  }
  if (auto cleared = session_.Exec("DELETE FROM charter_rollup_deferred WHERE loader = 'bulk'");
      !cleared) {
    return cleared.error();
  }
  if (auto moved = MoveSequence(session_, kSlaTable); !moved) {
    return moved.error();
  }
  return sla_id - *first_sla;
}

std::size_t BulkLoader::RowsPerStatement() const {
  // Customers and cases have indexes on random keys (email, place, customer): a statement of
  // many rows would journal pages all over them. Without those indexes their rows append.
  return suspended_.empty() ? 1 : 1024;
}

Result<std::int64_t> BulkLoader::CaseCount() {
  return QueryInt(session_, "SELECT COUNT(*) FROM service_case", {});
}

Result<void> BulkLoader::SuspendIndexes() {
  if (session_.dialect() != Dialect::kSqlite) {
    return {};
  }
  std::vector<std::pair<std::string, std::string>> indexes;
  auto found = session_.Query(
      "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND "
      "tbl_name IN ('customer', 'service_case') ORDER BY name",
      {}, [&](const SqlRow& row) { indexes.emplace_back(row.String(0), row.String(1)); });
  if (!found) {
    return found.error();
  }
  for (auto& [name, sql] : indexes) {
    if (auto dropped = session_.ExecScript("DROP INDEX \"" + name + "\""); !dropped) {
      return dropped.error();
    }
    suspended_.push_back(std::move(sql));
  }
  return {};
}

Result<void> BulkLoader::RestoreIndexes() {
  for (const std::string& sql : suspended_) {
    if (auto built = session_.ExecScript(sql); !built) {
      return built.error();
    }
  }
  suspended_.clear();
  return {};
}

Result<std::int64_t> BulkLoader::SequenceValue(const std::string& prefix, int year) {
  std::int64_t value = 0;
  auto done =
      session_.Query("SELECT last_value FROM reference_sequence WHERE prefix = ? AND year = ?",
                     {std::string_view{prefix}, std::int64_t{year}},
                     [&](const SqlRow& row) { value = row.Int(0); });
  if (!done) {
    return done.error();
  }
  return value;
}

Result<void> BulkLoader::RaiseSequence(const std::string& prefix, int year,
                                       std::int64_t last_value) {
  auto done = session_.Exec(
      "INSERT INTO reference_sequence (prefix, year, last_value) VALUES (?, ?, ?) "
      "ON CONFLICT (prefix, year) DO UPDATE SET last_value = CASE WHEN excluded.last_value > "
      "reference_sequence.last_value THEN excluded.last_value ELSE reference_sequence.last_value "
      "END",
      {std::string_view{prefix}, std::int64_t{year}, last_value});
  if (!done) {
    return done.error();
  }
  return {};
}

}  // namespace frontdoor::store
