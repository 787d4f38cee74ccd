#include "frontdoor/notify/smtp.hpp"

#include <algorithm>
#include <cstring>
#include <mutex>

#include <curl/curl.h>

namespace frontdoor::notify {
namespace {

constexpr std::string_view kPlain = "smtp://";
constexpr std::string_view kStartTls = "smtp+starttls://";
constexpr std::string_view kTls = "smtps://";

// curl_global_init is not thread-safe; every transport shares one initialisation.
void InitialiseCurl() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Upload {
  std::string_view rest;
};

size_t ReadChunk(char* buffer, size_t size, size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const size_t n = std::min(size * count, upload->rest.size());
  std::memcpy(buffer, upload->rest.data(), n);
  upload->rest.remove_prefix(n);
  return n;
}

// Frees what curl allocated however Send returns.
struct CurlHandle {
  CURL* curl = curl_easy_init();
  curl_slist* recipients = nullptr;
  ~CurlHandle() {
    curl_slist_free_all(recipients);
    if (curl) {
      curl_easy_cleanup(curl);
    }
  }
  CurlHandle() = default;
  CurlHandle(const CurlHandle&) = delete;
  CurlHandle& operator=(const CurlHandle&) = delete;
};

}  // namespace

Result<void> CheckSmtpUrl(const std::string& url) {
  for (const std::string_view scheme : {kPlain, kStartTls, kTls}) {
    if (url.starts_with(scheme) && url.size() > scheme.size() &&
        url.find_first_of(" \r\n\t") == std::string::npos) {
      return {};
    }
  }
  return Error::Invalid("smtp_url",
                        "smtp_url must be smtp://, smtp+starttls:// or smtps:// and a host");
}

SmtpTransport::SmtpTransport(SmtpSettings settings) : settings_(std::move(settings)) {
  InitialiseCurl();
  curl_url_ = settings_.url;
  if (curl_url_.starts_with(kStartTls)) {
    curl_url_ = std::string(kPlain) + curl_url_.substr(kStartTls.size());
    require_tls_ = true;
  }
}

Result<void> SmtpTransport::Send(const std::string& from, const std::string& to,
                                 const std::string& message) {
  CurlHandle handle;
  if (!handle.curl) {
    return Error(ErrorCode::kUnavailable, "curl_easy_init failed");
  }
  CURL* curl = handle.curl;
  const std::string mail_from = "<" + from + ">";
  const std::string rcpt = "<" + to + ">";
  handle.recipients = curl_slist_append(nullptr, rcpt.c_str());
  Upload upload{message};
  char error_buffer[CURL_ERROR_SIZE] = {};
  curl_easy_setopt(curl, CURLOPT_URL, curl_url_.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, handle.recipients);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, ReadChunk);
  curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, settings_.timeout_seconds);
  if (require_tls_) {
    // Fails rather than sending in clear text when the server offers no STARTTLS.
    curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  }
  if (!settings_.username.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, settings_.username.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, settings_.password.c_str());
  }
  const CURLcode code = curl_easy_perform(curl);
  if (code == CURLE_OK) {
    return {};
  }
  long reply = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply);
  std::string detail = error_buffer[0] != '\0' ? error_buffer : curl_easy_strerror(code);
  if (reply > 0) {
    detail = "SMTP " + std::to_string(reply) + ": " + detail;
  }
  // RFC 5321 4.2.1: 5yz is a permanent failure; anything else may succeed later.
  return Error(reply >= 500 && reply < 600 ? ErrorCode::kInvalidInput : ErrorCode::kUnavailable,
               detail);
}

}  // namespace frontdoor::notify
