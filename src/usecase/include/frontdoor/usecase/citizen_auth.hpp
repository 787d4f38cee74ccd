// Citizen sign-in by a one-time code sent by email, citizen sessions, and "my requests".
// Codes are six random digits stored as a salted digest, valid 10 minutes, good for 5
// guesses; an address gets at most 5 codes an hour and a client address a limit of its own.
// A code is sent whether or not any customer has the address, so the answer never tells who
// is known. Sessions are stored as the SHA-256 of their token, apart from staff sessions.
// No HTTP: cookies are the adapter's business. Thread-safe.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "frontdoor/core/clock.hpp"
#include "frontdoor/core/error.hpp"
#include "frontdoor/store/citizen_auth.hpp"
#include "frontdoor/store/store.hpp"
#include "frontdoor/usecase/mail_queue.hpp"

namespace frontdoor::usecase {

struct CitizenSignInPolicy {
  std::chrono::minutes code_lifetime{10};
  int max_guesses = 5;          // per code; then a new code is needed
  int max_codes_per_email = 5;  // per `code_window`
  int max_codes_per_ip = 30;    // per `code_window`, whatever the addresses
  std::chrono::minutes code_window{60};
  std::chrono::minutes idle_timeout{30};
  std::chrono::hours absolute_timeout{12};
  std::chrono::seconds touch_interval{60};
};

// `__Host-fd_citizen` over https, `fd_citizen` on a plain-http development server.
[[nodiscard]] inline std::string_view CitizenSessionCookieName(bool https) {
  return https ? "__Host-fd_citizen" : "fd_citizen";
}

struct CodeRequest {
  std::string email;
  std::string ip;
  std::string language = "en";  // of the email: "en" or "ga"
};

// Queues an email with a new code (template "sign_in_code", placeholders code and minutes)
// and returns the normalised address. kInvalidInput on "email"; kRateLimited when the
// address or the client address has had its codes for the hour.
Result<std::string> RequestSignInCode(store::Store& store, const Clock& clock, MailQueue& mail,
                                      const CodeRequest& request,
                                      const CitizenSignInPolicy& policy = {});

struct CodeCheck {
  std::string email;
  std::string code;
  std::string ip;
  std::optional<std::string> previous_token;  // a citizen session to end (rotation)
};

struct CitizenSignedIn {
  std::string token;  // the cookie's value; only its digest is stored
  store::CitizenSessionRecord session;
};

// Signs in with the newest code sent to the address. kInvalidInput on "code" when it is not
// six digits or not right (a guess is counted); kUnauthenticated "ask for a new code" when
// there is no code, it has expired, was used, or has had `max_guesses` guesses.
Result<CitizenSignedIn> VerifySignInCode(store::Store& store, const Clock& clock,
                                         const CodeCheck& check,
                                         const CitizenSignInPolicy& policy = {});

// The session of a cookie's token; kUnauthenticated when unknown, idle or too old (deleted).
Result<store::CitizenSessionRecord> ResumeCitizenSession(store::Store& store, const Clock& clock,
                                                         const std::string& token,
                                                         const CitizenSignInPolicy& policy = {});

Result<void> CitizenSignOut(store::Store& store, const std::string& token);

struct MyRequests {
  std::vector<store::CitizenCaseRow> cases;
  int page = 1;
  bool has_next = false;
};

// Page `page` (from 1) of the cases of customers with the verified `email`, newest first.
// kInvalidInput on "page" when it is below 1 or beyond 10000.
Result<MyRequests> ListMyRequests(store::Store& store, const std::string& email, int page,
                                  int page_size = 20);

// Deletes expired citizen sessions and codes older than a day; returns how many rows went.
Result<std::int64_t> PurgeCitizenSignIns(store::Store& store, const Clock& clock,
                                         const CitizenSignInPolicy& policy = {});

}  // namespace frontdoor::usecase
