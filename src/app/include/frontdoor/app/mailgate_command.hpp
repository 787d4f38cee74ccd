// `frontdoor mailgate`: takes in one email read from standard input, as an MTA's pipe
// transport delivers it (Postfix pipe(8), Exim's pipe transport, a sendmail alias), and
// raises a case or adds the customer's comment (mail::TakeInEmail). The exit status is what
// such MTAs act on (sysexits.h): 0 when the message is stored, or deliberately not (an
// auto-reply, a bounce, a duplicate), 65 (EX_DATAERR) when it is not an email or too large,
// so the MTA bounces it, and 75 (EX_TEMPFAIL) when it may succeed later (the database is
// down, the configuration is wrong, the same message is being taken in), so the MTA keeps it
// queued and retries. One line on standard error says which.
#pragma once

#include <iosfwd>

#include "frontdoor/app/config.hpp"
#include "frontdoor/core/error.hpp"

namespace frontdoor::app {

inline constexpr int kExitDataError = 65;  // EX_DATAERR
inline constexpr int kExitTempFail = 75;   // EX_TEMPFAIL

// The mail gateway's mapping from an error to an exit status.
[[nodiscard]] int MailgateExitCode(ErrorCode code);

// Reads the message from `in` (all of it, so the MTA's write never fails), takes it in on the
// store `config` names (migrating it first, as every command does), and reports on `err`.
// Returns the exit status.
int RunMailgate(const Config& config, std::istream& in, std::ostream& err);

}  // namespace frontdoor::app
