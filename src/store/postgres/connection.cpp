#include "connection.hpp"

#include <array>
#include <charconv>
#include <limits>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <poll.h>

namespace frontdoor::store::postgres {
namespace {

struct ResultDeleter {
  void operator()(PGresult* result) const { PQclear(result); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

class Row final : public SqlRow {
 public:
  Row(const PGresult* result, int row) : result_(result), row_(row) {}
  [[nodiscard]] bool IsNull(int column) const override {
    return PQgetisnull(result_, row_, column) != 0;
  }
  [[nodiscard]] std::int64_t Int(int column) const override {
    const auto text = Text(column);
    if (text == "t") {
      return 1;  // booleans arrive as t/f in text format
    }
    std::int64_t value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
  }
  [[nodiscard]] double Double(int column) const override {
    const auto text = Text(column);
    double value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
  }
  [[nodiscard]] std::string Blob(int column) const override {
    // Results come in text format, where bytea is "\x" and hex (or the old escape format,
    // if a server is configured for it): libpq decodes both.
    std::size_t size = 0;
    const auto* text = reinterpret_cast<const unsigned char*>(  // NOLINT(*-reinterpret-cast)
        PQgetvalue(result_, row_, column));
    unsigned char* bytes = PQunescapeBytea(text, &size);
    if (bytes == nullptr) {
      return {};  // out of memory: nothing sensible to return from here
    }
    std::string out(reinterpret_cast<const char*>(bytes), size);  // NOLINT(*-reinterpret-cast)
    PQfreemem(bytes);
    return out;
  }
  [[nodiscard]] std::string_view Text(int column) const override {
    return {PQgetvalue(result_, row_, column),
            static_cast<std::size_t>(PQgetlength(result_, row_, column))};
  }

 private:
  const PGresult* result_;
  int row_;
};

// `?` placeholders become `$1`, `$2`...; our SQL never has a literal `?`.
std::string RewritePlaceholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int index = 0;
  for (const char c : sql) {
    if (c == '?') {
      out += '$';
      out += std::to_string(++index);
    } else {
      out += c;
    }
  }
  return out;
}

ErrorCode CodeForState(const char* sqlstate) {
  const std::string_view state = sqlstate ? sqlstate : "";
  if (state == "23505" || state == "23503" || state == "40001" || state == "40P01") {
    return ErrorCode::kConflict;
  }
  // Class 08: connection exceptions; 57P0x: the server is shutting down; 57014: cancelled
  // by statement_timeout (an overloaded server, worth retrying); 53: resources.
  if (state.starts_with("08") || state.starts_with("57P") || state == "57014" ||
      state.starts_with("53") || state.empty()) {
    return ErrorCode::kUnavailable;
  }
  return ErrorCode::kInternal;
}

Error ErrorOf(PGconn* conn, const PGresult* result, std::string_view what) {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  std::string message = result ? PQresultErrorMessage(result) : PQerrorMessage(conn);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
    message.pop_back();
  }
  ErrorCode code = CodeForState(state);
  if (PQstatus(conn) != CONNECTION_OK) {
    code = ErrorCode::kUnavailable;
  }
  return {code, std::string(what) + ": " + message};
}

}  // namespace

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& url,
                                                     const Settings& settings) {
  // With expand_dbname, the URL's settings land where "dbname" stands: they win over the
  // defaults before it, and the connect timeout after it wins over the URL's own.
  // Keepalives find a peer that vanished without a FIN (a failed-over primary, a dropped
  // NAT entry) in about a minute instead of the kernel's two hours.
  const std::string timeout = std::to_string(settings.connect_timeout_s);
  const std::array<const char*, 7> keywords{"keepalives",
                                            "keepalives_idle",
                                            "keepalives_interval",
                                            "keepalives_count",
                                            "dbname",
                                            "connect_timeout",
                                            nullptr};
  const std::array<const char*, 7> values{"1",    "30", "10", "3", url.c_str(), timeout.c_str(),
                                          nullptr};
  PGconn* conn = PQconnectdbParams(keywords.data(), values.data(), 1);
  if (conn == nullptr || PQstatus(conn) != CONNECTION_OK) {
    std::string message = conn ? PQerrorMessage(conn) : "out of memory";
    PQfinish(conn);
    while (!message.empty() && message.back() == '\n') {
      message.pop_back();
    }
    return Error(ErrorCode::kUnavailable, "cannot connect to PostgreSQL: " + message);
  }
  auto connection = std::unique_ptr<Connection>(new Connection(conn));
  // Set after connecting rather than through the URL's "options", which a URL may use for
  // its own settings (a search_path, say) and which would then drop ours.
  if (settings.statement_timeout_ms > 0) {
    auto set = connection->ExecScript("SET statement_timeout = " +
                                      std::to_string(settings.statement_timeout_ms));
    if (!set) {
      return set.error();
    }
  }
  return connection;
}

Connection::~Connection() {
  PQfinish(conn_);
}

bool Connection::IsBroken() const {
  return PQstatus(conn_) != CONNECTION_OK;
}

bool Connection::WasClosedWhileIdle() {
  // An idle connection has nothing to read, so the usual case costs one poll(). The server's
  // goodbye is an error message and then EOF: libpq reads the message on the first
  // PQconsumeInput and sees EOF, marking the connection bad, only on the next.
  for (int reads = 0; reads < 4 && !IsBroken(); ++reads) {
    pollfd pfd{PQsocket(conn_), POLLIN, 0};
    if (poll(&pfd, 1, 0) <= 0) {
      return false;
    }
    if ((pfd.revents & (POLLERR | POLLHUP | POLLNVAL)) != 0 || PQconsumeInput(conn_) == 0) {
      return true;
    }
  }
  return IsBroken();
}

Result<PGresult*> Connection::Run(std::string_view sql, SqlParams params) {
  auto found = prepared_.find(sql);
  if (found == prepared_.end()) {
    std::string name = fmt::format("fd{}", prepared_.size());
    const std::string rewritten = RewritePlaceholders(sql);
    const ResultPtr prepared(PQprepare(conn_, name.c_str(), rewritten.c_str(), 0, nullptr));
    if (PQresultStatus(prepared.get()) != PGRES_COMMAND_OK) {
      return Failure(prepared.get(), "prepare");
    }
    found = prepared_.emplace(std::string(sql), std::move(name)).first;
  }
  // Numbers and text go in text format; blobs in binary format (paramFormats 1), so their
  // bytes (NUL included) need no escaping and no doubling in size.
  std::vector<std::string> texts;
  texts.reserve(params.size());
  std::vector<const char*> values;
  values.reserve(params.size());
  std::vector<int> lengths(params.size(), 0);
  std::vector<int> formats(params.size(), 0);
  for (const SqlParam& param : params) {
    if (std::holds_alternative<std::nullptr_t>(param)) {
      texts.emplace_back();
    } else if (const auto* i = std::get_if<std::int64_t>(&param)) {
      texts.push_back(std::to_string(*i));
    } else if (const auto* d = std::get_if<double>(&param)) {
      texts.push_back(fmt::format("{}", *d));
    } else if (std::holds_alternative<SqlBlob>(param)) {
      texts.emplace_back();
    } else {
      texts.emplace_back(std::get<std::string_view>(param));
    }
  }
  std::size_t i = 0;
  for (const SqlParam& param : params) {
    if (std::holds_alternative<std::nullptr_t>(param)) {
      values.push_back(nullptr);
    } else if (const auto* blob = std::get_if<SqlBlob>(&param)) {
      if (blob->bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
        return Error::Internal("a blob parameter is larger than libpq can send");
      }
      // libpq reads a null pointer as SQL NULL, so an empty blob points at an empty string.
      values.push_back(blob->bytes.empty() ? "" : blob->bytes.data());
      lengths[i] = static_cast<int>(blob->bytes.size());
      formats[i] = 1;
    } else {
      values.push_back(texts[i].c_str());
    }
    ++i;
  }
  PGresult* result = PQexecPrepared(conn_, found->second.c_str(), static_cast<int>(values.size()),
                                    values.data(), lengths.data(), formats.data(), 0);
  const auto status = PQresultStatus(result);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    Error error = Failure(result, "query");
    PQclear(result);
    if (IsBroken()) {
      prepared_.clear();  // a new session will not know our statements
    }
    return error;
  }
  return result;
}

Error Connection::Failure(const PGresult* result, std::string_view what) {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const std::string_view code = state ? state : "";
  if (code == "40P01" || code == "40001") {
    lost_to_concurrency_ = true;
  }
  return ErrorOf(conn_, result, what);
}

Result<std::int64_t> Connection::Exec(std::string_view sql, SqlParams params) {
  auto result = Run(sql, params);
  if (!result) {
    return result.error();
  }
  const ResultPtr owned(*result);
  const std::string_view affected = PQcmdTuples(owned.get());
  std::int64_t count = 0;
  std::from_chars(affected.data(), affected.data() + affected.size(), count);
  return count;
}

Result<void> Connection::Query(std::string_view sql, SqlParams params, const RowCallback& on_row) {
  auto result = Run(sql, params);
  if (!result) {
    return result.error();
  }
  const ResultPtr owned(*result);
  const int rows = PQntuples(owned.get());
  for (int r = 0; r < rows; ++r) {
    on_row(Row(owned.get(), r));
  }
  return {};
}

Result<void> Connection::ExecScript(std::string_view sql) {
  const std::string script(sql);
  const ResultPtr result(PQexec(conn_, script.c_str()));
  const auto status = PQresultStatus(result.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    return Failure(result.get(), "script");
  }
  return {};
}

}  // namespace frontdoor::store::postgres
