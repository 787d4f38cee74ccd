// GMime keeps process-wide tables (charset aliases, iconv cache) that g_mime_init() builds;
// every entry into GMime from this module goes through InitialiseGMime() first. Private.
#pragma once

namespace frontdoor::mail {

// Initialises GMime once per process; thread-safe, cheap after the first call.
void InitialiseGMime();

}  // namespace frontdoor::mail
