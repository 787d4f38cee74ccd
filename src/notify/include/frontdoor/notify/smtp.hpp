// SMTP submission with libcurl (linked privately: no other module sees it).
// Thread-safe: each Send uses a curl handle of its own.
#pragma once

#include <string>

#include "frontdoor/core/error.hpp"
#include "frontdoor/notify/delivery.hpp"

namespace frontdoor::notify {

struct SmtpSettings {
  // smtp://host:port (plain), smtp+starttls://host:port (STARTTLS required), or
  // smtps://host:port (TLS from the start).
  std::string url;
  std::string username;  // empty: no AUTH
  std::string password;
  long timeout_seconds = 60;
};

// kInvalidInput on field "smtp_url" unless the URL has one of the three schemes and a host.
Result<void> CheckSmtpUrl(const std::string& url);

class SmtpTransport final : public Transport {
 public:
  explicit SmtpTransport(SmtpSettings settings);
  Result<void> Send(const std::string& from, const std::string& to,
                    const std::string& message) override;

 private:
  SmtpSettings settings_;
  std::string curl_url_;
  bool require_tls_ = false;
};

}  // namespace frontdoor::notify
