#include "frontdoor/usecase/citizen_auth.hpp"

#include <cstdio>

#include <sodium.h>

#include "frontdoor/core/contact.hpp"
#include "frontdoor/usecase/secrets.hpp"

namespace frontdoor::usecase {
namespace {

constexpr std::size_t kTokenBytes = 32;  // 256 bits
constexpr std::size_t kCodeDigits = 6;
constexpr int kMaxPage = 10000;

std::string NewCode() {
  // randombytes_uniform has no modulo bias, so every code is equally likely.
  char digits[8];
  std::snprintf(digits, sizeof digits, "%06u", randombytes_uniform(1000000));
  return std::string(digits, kCodeDigits);
}

std::string CodeDigest(const std::string& salt, const std::string& code) {
  return Sha256Hex(salt + ":" + code);
}

bool SameDigest(const std::string& a, const std::string& b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

// Six digits once the spaces and dashes people copy from an email are taken out.
std::optional<std::string> CleanCode(const std::string& text) {
  std::string code;
  for (const char c : text) {
    if (c >= '0' && c <= '9') {
      code += c;
    } else if (c != ' ' && c != '-' && c != '\t') {
      return std::nullopt;
    }
  }
  if (code.size() != kCodeDigits) {
    return std::nullopt;
  }
  return code;
}

Error AskForNewCode() {
  return {ErrorCode::kUnauthenticated, "That code has expired or been used up. Ask for a new code"};
}

}  // namespace

Result<std::string> RequestSignInCode(store::Store& store, const Clock& clock, MailQueue& mail,
                                      const CodeRequest& request,
                                      const CitizenSignInPolicy& policy) {
  auto email = NormaliseEmail(request.email, "email");
  if (!email) {
    return Error::Invalid(
        {{"email", "Enter an email address in the correct format, like name@example.com"}});
  }
  const Instant now = clock.Now();
  const std::string code = NewCode();
  store::SignInCodeRecord record;
  record.email = *email;
  record.salt = RandomHex(16);
  record.code_digest = CodeDigest(record.salt, code);
  record.ip = request.ip;
  record.created_at = now;
  record.expires_at = now + policy.code_lifetime;
  // The limits are counted and the code written in one unit of work, so concurrent requests
  // cannot all pass the count (SQLite's single writer; on PostgreSQL a burst may pass by one
  // or two, which the hourly limit tolerates).
  auto done = store.Write([&](store::WriteTx& tx) -> Result<void> {
    store::SignInCodes codes(tx);
    const Instant since = now - policy.code_window;
    auto for_email = codes.CountFor(*email, since);
    if (!for_email) {
      return for_email.error();
    }
    auto from_ip = codes.CountFrom(request.ip, since);
    if (!from_ip) {
      return from_ip.error();
    }
    if (*for_email >= policy.max_codes_per_email || *from_ip >= policy.max_codes_per_ip) {
      return Error(ErrorCode::kRateLimited,
                   "You have asked for too many codes. Wait an hour, then try again");
    }
    if (auto id = codes.Insert(record); !id) {
      return id.error();
    }
    TemplatedMail message;
    message.to = *email;
    message.template_code = "sign_in_code";
    message.language = request.language == "ga" ? "ga" : "en";
    message.personalisation = {{"code", code},
                               {"minutes", std::to_string(policy.code_lifetime.count())}};
    return mail.Queue(tx, message);
  });
  if (!done) {
    return done.error();
  }
  return std::move(*email);
}

Result<CitizenSignedIn> VerifySignInCode(store::Store& store, const Clock& clock,
                                         const CodeCheck& check,
                                         const CitizenSignInPolicy& policy) {
  auto email = NormaliseEmail(check.email, "email");
  if (!email) {
    return AskForNewCode();
  }
  const auto code = CleanCode(check.code);
  if (!code) {
    return Error::Invalid({{"code", "Enter the 6-digit code from the email"}});
  }
  const Instant now = clock.Now();
  CitizenSignedIn signed_in;
  signed_in.token = RandomHex(kTokenBytes);
  bool wrong = false;
  auto done = store.Write([&](store::WriteTx& tx) -> Result<void> {
    wrong = false;  // the unit of work may run again (PostgreSQL retries a deadlock victim)
    store::SignInCodes codes(tx);
    auto latest = codes.Latest(*email);
    if (!latest) {
      return latest.error().code() == ErrorCode::kNotFound ? AskForNewCode() : latest.error();
    }
    if (latest->used_at || now >= latest->expires_at || latest->guesses >= policy.max_guesses) {
      return AskForNewCode();
    }
    // Every guess counts, the right one too, and is written even when the guess is wrong.
    if (auto counted = codes.AddGuess(latest->id); !counted) {
      return counted.error();
    }
    if (!SameDigest(latest->code_digest, CodeDigest(latest->salt, *code))) {
      wrong = true;
      return {};
    }
    if (auto used = codes.MarkUsed(latest->id, now); !used) {
      return used.error();
    }
    store::CitizenSessions sessions(tx);
    // A new token at every sign-in and the old one ends, so a token planted before sign-in
    // (session fixation) never becomes a signed-in session.
    if (check.previous_token) {
      if (auto ended = sessions.Delete(Sha256Hex(*check.previous_token)); !ended) {
        return ended.error();
      }
    }
    store::CitizenSessionRecord record;
    record.token_digest = Sha256Hex(signed_in.token);
    record.email = *email;
    record.created_at = record.last_seen_at = now;
    record.ip = check.ip;
    auto stored = sessions.Insert(record);
    if (!stored) {
      return stored.error();
    }
    signed_in.session = std::move(*stored);
    return {};
  });
  if (!done) {
    return done.error();
  }
  if (wrong) {
    return Error::Invalid({{"code", "The code is not right. Check the email and try again"}});
  }
  return signed_in;
}

Result<store::CitizenSessionRecord> ResumeCitizenSession(store::Store& store, const Clock& clock,
                                                         const std::string& token,
                                                         const CitizenSignInPolicy& policy) {
  const Error ended(ErrorCode::kUnauthenticated, "Your session has ended; sign in again");
  if (token.size() != kTokenBytes * 2) {
    return ended;
  }
  const std::string digest = Sha256Hex(token);
  auto session = store::ReadValue<store::CitizenSessionRecord>(
      store, [&](store::ReadTx& tx) { return store::CitizenSessions(tx).FindByDigest(digest); });
  if (!session) {
    return session.error().code() == ErrorCode::kNotFound ? ended : session.error();
  }
  const Instant now = clock.Now();
  if (now - session->last_seen_at >= policy.idle_timeout ||
      now - session->created_at >= policy.absolute_timeout) {
    if (auto gone = CitizenSignOut(store, token); !gone) {
      return gone.error();
    }
    return ended;
  }
  if (now - session->last_seen_at >= policy.touch_interval) {
    auto touched = store.Write(
        [&](store::WriteTx& tx) { return store::CitizenSessions(tx).Touch(session->id, now); });
    if (!touched) {
      return touched.error();
    }
    session->last_seen_at = now;
  }
  return session;
}

Result<void> CitizenSignOut(store::Store& store, const std::string& token) {
  const std::string digest = Sha256Hex(token);
  return store.Write([&](store::WriteTx& tx) { return store::CitizenSessions(tx).Delete(digest); });
}

Result<MyRequests> ListMyRequests(store::Store& store, const std::string& email, int page,
                                  int page_size) {
  if (page < 1 || page > kMaxPage) {
    return Error::Invalid({{"page", "Must be from 1 to " + std::to_string(kMaxPage)}});
  }
  // One row more than the page shows, to know whether there is a next page.
  auto rows = store::ReadValue<std::vector<store::CitizenCaseRow>>(store, [&](store::ReadTx& tx) {
    return store::CasesForEmail(tx, email, page_size + 1, (page - 1) * page_size);
  });
  if (!rows) {
    return rows.error();
  }
  MyRequests out;
  out.page = page;
  out.has_next = rows->size() > static_cast<std::size_t>(page_size);
  if (out.has_next) {
    rows->pop_back();
  }
  out.cases = std::move(*rows);
  return out;
}

Result<std::int64_t> PurgeCitizenSignIns(store::Store& store, const Clock& clock,
                                         const CitizenSignInPolicy& policy) {
  const Instant now = clock.Now();
  return store::WriteValue<std::int64_t>(store, [&](store::WriteTx& tx) -> Result<std::int64_t> {
    auto sessions = store::CitizenSessions(tx).DeleteExpired(now - policy.idle_timeout,
                                                             now - policy.absolute_timeout);
    if (!sessions) {
      return sessions.error();
    }
    auto codes = store::SignInCodes(tx).DeleteBefore(now - std::chrono::hours(24));
    if (!codes) {
      return codes.error();
    }
    return *sessions + *codes;
  });
}

}  // namespace frontdoor::usecase
