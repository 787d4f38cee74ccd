// Staff sign-in and sessions: email and password checked with argon2id on a small pool of
// its own (never an event-loop thread), lockout and a per-address limit recorded in the
// database, and sessions in the database (only the SHA-256 of each token), so that several
// nodes share them. No HTTP: cookies are the adapter's business. Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "frontdoor/core/access.hpp"
#include "frontdoor/core/clock.hpp"
#include "frontdoor/core/error.hpp"
#include "frontdoor/store/accounts.hpp"
#include "frontdoor/store/staff_auth.hpp"
#include "frontdoor/store/store.hpp"

namespace frontdoor::usecase {

// Checks passwords on `threads` threads of its own. Each argon2id check holds 64 MiB for
// about 80 ms, so the pool caps both memory and CPU whatever the number of requests.
class PasswordChecker {
 public:
  explicit PasswordChecker(int threads = 2, std::size_t max_waiting = 64);
  ~PasswordChecker();
  PasswordChecker(const PasswordChecker&) = delete;
  PasswordChecker& operator=(const PasswordChecker&) = delete;

  // Whether `password` matches the argon2id `hash`, blocking the caller until a pool thread
  // has checked it. kUnavailable when `max_waiting` checks are already queued.
  Result<bool> Verify(const std::string& hash, const std::string& password);
  // A hash of a random password, checked for unknown emails so they cost the same time.
  [[nodiscard]] const std::string& dummy_hash() const { return dummy_hash_; }

 private:
  struct Job;
  void Work();

  std::size_t max_waiting_;
  std::string dummy_hash_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::shared_ptr<Job>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

struct SignInPolicy {
  int max_failures = 5;  // per email within `failure_window`, then locked
  std::chrono::minutes failure_window{15};
  int max_failures_per_ip = 30;  // per client address within `failure_window`
  std::chrono::minutes idle_timeout{30};
  std::chrono::hours absolute_timeout{12};
  std::chrono::seconds touch_interval{60};  // last_seen_at is written at most this often
};

// The session cookie's name: `__Host-fd_staff` over https (the prefix makes browsers refuse
// it from a subdomain or without Secure), `fd_staff` on a plain-http development server.
[[nodiscard]] inline std::string_view StaffSessionCookieName(bool https) {
  return https ? "__Host-fd_staff" : "fd_staff";
}

struct SignInRequest {
  std::string email;
  std::string password;
  std::string ip;                             // the client's address, for the per-address limit
  std::optional<std::string> previous_token;  // a session to end: sign-in rotates it
};

struct SignedIn {
  std::string token;  // the cookie's value; only its digest is stored
  store::StaffSessionRecord session;
  access::Principal principal;
};

// Signs a staff member in. kInvalidInput on "email"/"password" when empty or too long;
// kUnauthenticated "email or password not right" for an unknown email (after checking a
// dummy hash, so it takes as long) or a wrong password; kRateLimited while the email has
// `max_failures` recent failures (locked) or the address `max_failures_per_ip`. Every
// attempt is recorded.
Result<SignedIn> SignIn(store::Store& store, const Clock& clock, PasswordChecker& passwords,
                        const SignInRequest& request, const SignInPolicy& policy = {});

// The session of a cookie's token. kUnauthenticated when unknown, idle for `idle_timeout`
// or more, or `absolute_timeout` old or more (such a session is deleted): a session is valid
// strictly before its expiry instant. Marks the
// session as seen (a write at most every `touch_interval`).
Result<SignedIn> ResumeSession(store::Store& store, const Clock& clock, const std::string& token,
                               const SignInPolicy& policy = {});

// Ends the session (idempotent).
Result<void> SignOut(store::Store& store, const std::string& token);

// The principal a staff user acts as: "staff:<id>", their role and department.
// kInternal when the stored role is not one of ours.
Result<access::Principal> StaffPrincipal(const store::StaffUserRecord& user);

// Deletes expired sessions and attempts older than a day; returns how many rows went.
Result<std::int64_t> PurgeSignIns(store::Store& store, const Clock& clock,
                                  const SignInPolicy& policy = {});

}  // namespace frontdoor::usecase
