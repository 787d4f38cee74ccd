#include "frontdoor/usecase/staff_auth.hpp"

#include <future>

#include <sodium.h>

#include "frontdoor/core/text.hpp"
#include "frontdoor/usecase/secrets.hpp"

namespace frontdoor::usecase {

struct PasswordChecker::Job {
  std::string hash;
  std::string password;
  std::promise<bool> done;
};

PasswordChecker::PasswordChecker(int threads, std::size_t max_waiting) : max_waiting_(max_waiting) {
  // libsodium must be ready before the first hash; a second call is harmless.
  (void)InitialiseSecrets();
  auto dummy = HashPassword(RandomHex(16));
  dummy_hash_ = dummy ? std::move(*dummy) : std::string();
  for (int i = 0; i < std::max(1, threads); ++i) {
    threads_.emplace_back([this] { Work(); });
  }
}

PasswordChecker::~PasswordChecker() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& thread : threads_) {
    thread.join();
  }
}

void PasswordChecker::Work() {
  for (;;) {
    std::shared_ptr<Job> job;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) {
        return;
      }
      job = std::move(queue_.front());
      queue_.pop_front();
    }
    const bool matches = !job->hash.empty() && VerifyPassword(job->hash, job->password);
    sodium_memzero(job->password.data(), job->password.size());
    job->done.set_value(matches);
  }
}

Result<bool> PasswordChecker::Verify(const std::string& hash, const std::string& password) {
  auto job = std::make_shared<Job>();
  job->hash = hash;
  job->password = password;
  auto done = job->done.get_future();
  {
    const std::lock_guard lock(mutex_);
    if (stopping_ || queue_.size() >= max_waiting_) {
      return Error(ErrorCode::kUnavailable, "Too many sign-ins at once; try again in a moment");
    }
    queue_.push_back(std::move(job));
  }
  wake_.notify_one();
  return done.get();
}

namespace {

constexpr std::size_t kMaxEmailBytes = 254;
constexpr std::size_t kMaxPasswordBytes = 1024;
constexpr std::size_t kTokenBytes = 32;  // 256 bits
constexpr std::string_view kNotRight = "Enter a correct email address and password";

Result<void> Validate(const std::string& email, const std::string& password) {
  std::vector<FieldError> errors;
  if (email.empty() || email.size() > kMaxEmailBytes) {
    errors.push_back({"email", "Enter your email address"});
  }
  if (password.empty() || password.size() > kMaxPasswordBytes) {
    errors.push_back({"password", "Enter your password"});
  }
  if (!errors.empty()) {
    return Error::Invalid(std::move(errors));
  }
  return {};
}

// Whether the email or the address has failed too often lately; the refusal itself counts as
// a failure, so a lock lasts until the account has been left alone for the whole window.
Result<void> CheckLimits(store::Store& store, const std::string& email, const std::string& ip,
                         Instant now, const SignInPolicy& policy) {
  const Instant since = now - policy.failure_window;
  struct Counts {
    std::int64_t email = 0;
    std::int64_t ip = 0;
  };
  auto counts = store::ReadValue<Counts>(store, [&](store::ReadTx& tx) -> Result<Counts> {
    store::SignInAttempts attempts(tx);
    auto by_email = attempts.RecentFailures(email, since);
    if (!by_email) {
      return by_email.error();
    }
    auto by_ip = attempts.RecentFailuresFrom(ip, since);
    if (!by_ip) {
      return by_ip.error();
    }
    return Counts{*by_email, *by_ip};
  });
  if (!counts) {
    return counts.error();
  }
  if (counts->email >= policy.max_failures) {
    return Error(ErrorCode::kRateLimited,
                 "Your account is locked because of too many failed sign-in attempts. Wait " +
                     std::to_string(policy.failure_window.count()) +
                     " minutes, then try again, or ask an administrator");
  }
  if (counts->ip >= policy.max_failures_per_ip) {
    return Error(ErrorCode::kRateLimited,
                 "Too many failed sign-in attempts from your network. Wait " +
                     std::to_string(policy.failure_window.count()) + " minutes, then try again");
  }
  return {};
}

Result<void> RecordAttempt(store::Store& store, const std::string& email, const std::string& ip,
                           Instant at, bool succeeded) {
  return store.Write([&](store::WriteTx& tx) {
    return store::SignInAttempts(tx).Record(email, ip, at, succeeded);
  });
}

Result<SignedIn> StartSession(store::Store& store, const store::StaffUserRecord& user,
                              const SignInRequest& request, const std::string& email, Instant now) {
  auto principal = StaffPrincipal(user);
  if (!principal) {
    return principal.error();
  }
  SignedIn signed_in;
  signed_in.token = RandomHex(kTokenBytes);
  signed_in.principal = std::move(*principal);
  store::StaffSessionRecord record;
  record.token_digest = Sha256Hex(signed_in.token);
  record.staff_id = user.id;
  record.csrf_token = RandomHex(kTokenBytes);
  record.created_at = now;
  record.last_seen_at = now;
  record.ip = request.ip;
  auto stored = store::WriteValue<store::StaffSessionRecord>(
      store, [&](store::WriteTx& tx) -> Result<store::StaffSessionRecord> {
        if (auto recorded = store::SignInAttempts(tx).Record(email, request.ip, now, true);
            !recorded) {
          return recorded.error();
        }
        store::StaffSessions sessions(tx);
        // A new token at every sign-in, and the old one dies: a token planted in the browser
        // before sign-in (session fixation) never becomes a signed-in session.
        if (request.previous_token) {
          if (auto ended = sessions.Delete(Sha256Hex(*request.previous_token)); !ended) {
            return ended.error();
          }
        }
        return sessions.Insert(record);
      });
  if (!stored) {
    return stored.error();
  }
  signed_in.session = std::move(*stored);
  return signed_in;
}

}  // namespace

Result<access::Principal> StaffPrincipal(const store::StaffUserRecord& user) {
  const auto role = access::ParseStaffRole(user.role);
  if (!role) {
    return Error::Internal("staff user " + std::to_string(user.id) + " has unknown role " +
                           user.role);
  }
  access::Principal principal;
  principal.actor = "staff:" + std::to_string(user.id);
  principal.role = *role;
  if (user.department && !user.department->empty()) {
    principal.departments.push_back(*user.department);
  }
  principal.name = user.name;
  return principal;
}

Result<SignedIn> SignIn(store::Store& store, const Clock& clock, PasswordChecker& passwords,
                        const SignInRequest& request, const SignInPolicy& policy) {
  const std::string email = ToLowerAscii(Trim(request.email));
  if (auto valid = Validate(email, request.password); !valid) {
    return valid.error();
  }
  const Instant now = clock.Now();
  if (auto allowed = CheckLimits(store, email, request.ip, now, policy); !allowed) {
    if (allowed.error().code() == ErrorCode::kRateLimited) {
      (void)RecordAttempt(store, email, request.ip, now, false);
    }
    return allowed.error();
  }
  auto user = store::ReadValue<store::StaffUserRecord>(
      store, [&](store::ReadTx& tx) { return store::StaffUsers(tx).FindByEmail(email); });
  if (!user && user.error().code() != ErrorCode::kNotFound) {
    return user.error();
  }
  // An unknown email is checked against the dummy hash, so the answer takes as long as for a
  // real account and timing tells nobody which addresses exist.
  auto matches =
      passwords.Verify(user ? user->password_hash : passwords.dummy_hash(), request.password);
  if (!matches) {
    return matches.error();
  }
  if (!user || !*matches) {
    if (auto recorded = RecordAttempt(store, email, request.ip, now, false); !recorded) {
      return recorded.error();
    }
    return Error(ErrorCode::kUnauthenticated, std::string(kNotRight));
  }
  return StartSession(store, *user, request, email, now);
}

Result<SignedIn> ResumeSession(store::Store& store, const Clock& clock, const std::string& token,
                               const SignInPolicy& policy) {
  const Error ended(ErrorCode::kUnauthenticated, "Your session has ended; sign in again");
  if (token.size() != kTokenBytes * 2) {
    return ended;
  }
  const std::string digest = Sha256Hex(token);
  struct Found {
    store::StaffSessionRecord session;
    store::StaffUserRecord user;
  };
  auto found = store::ReadValue<Found>(store, [&](store::ReadTx& tx) -> Result<Found> {
    auto session = store::StaffSessions(tx).FindByDigest(digest);
    if (!session) {
      return session.error();
    }
    auto user = store::StaffUsers(tx).FindById(session->staff_id);
    if (!user) {
      return user.error();
    }
    return Found{std::move(*session), std::move(*user)};
  });
  if (!found) {
    return found.error().code() == ErrorCode::kNotFound ? ended : found.error();
  }
  const Instant now = clock.Now();
  // Valid strictly before the expiry instant, as a citizen's session is (citizen_auth.cpp).
  if (now - found->session.last_seen_at >= policy.idle_timeout ||
      now - found->session.created_at >= policy.absolute_timeout) {
    if (auto gone = SignOut(store, token); !gone) {
      return gone.error();
    }
    return ended;
  }
  if (now - found->session.last_seen_at >= policy.touch_interval) {
    auto touched = store.Write(
        [&](store::WriteTx& tx) { return store::StaffSessions(tx).Touch(found->session.id, now); });
    if (!touched) {
      return touched.error();
    }
    found->session.last_seen_at = now;
  }
  auto principal = StaffPrincipal(found->user);
  if (!principal) {
    return principal.error();
  }
  return SignedIn{token, std::move(found->session), std::move(*principal)};
}

Result<void> SignOut(store::Store& store, const std::string& token) {
  const std::string digest = Sha256Hex(token);
  return store.Write([&](store::WriteTx& tx) { return store::StaffSessions(tx).Delete(digest); });
}

Result<std::int64_t> PurgeSignIns(store::Store& store, const Clock& clock,
                                  const SignInPolicy& policy) {
  const Instant now = clock.Now();
  return store::WriteValue<std::int64_t>(store, [&](store::WriteTx& tx) -> Result<std::int64_t> {
    auto sessions = store::StaffSessions(tx).DeleteExpired(now - policy.idle_timeout,
                                                           now - policy.absolute_timeout);
    if (!sessions) {
      return sessions.error();
    }
    auto attempts = store::SignInAttempts(tx).DeleteBefore(now - std::chrono::hours(24));
    if (!attempts) {
      return attempts.error();
    }
    return *sessions + *attempts;
  });
}

}  // namespace frontdoor::usecase
