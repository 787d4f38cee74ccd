// The handlers behind /open311/v2/: one Endpoint shared by every route, holding the
// borrowed case context, the settings and the catalogue facts cache. Reads live in
// open311_reads.cpp, writes in open311_writes.cpp. Thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "frontdoor/api/open311.hpp"
#include "frontdoor/http/form.hpp"
#include "frontdoor/http/message.hpp"
#include "frontdoor/http/multipart.hpp"
#include "frontdoor/store/accounts.hpp"

#include "open311_catalogue.hpp"
#include "open311_writer.hpp"

namespace frontdoor::api::open311 {

// A response body in `format` with its content type.
http::Response Document(Format format, unsigned status, std::string body);
// `error` as the spec's error list in `format`.
http::Response Errors(Format format, const Error& error);
// The plain-text 404 for an extension that is neither xml nor json.
http::Response UnknownFormat(std::string_view extension);

// A POST's arguments once the client is known.
struct Post {
  http::Form form;
  std::vector<http::MultipartPart> files;  // views into the request body
  store::ApiKeyRecord key;
};

class Endpoint {
 public:
  Endpoint(const usecase::CaseContext& context, Open311Settings settings)
      : ctx_(context), settings_(std::move(settings)), services_(context.store) {}

  http::Response Discovery(Format format, const http::Request& request);
  http::Response Services(Format format, const http::Request& request);
  http::Response ServiceDefinition(const http::Request& request);
  http::Response ListRequests(Format format, const http::Request& request);
  http::Response GetRequest(const http::Request& request);
  http::Response Token(const http::Request& request);
  // Fills media_url from the case's first public photo when the client sent none.
  void ShowPublicPhoto(store::CaseRecord& record) const;
  http::Response ListUpdates(Format format, const http::Request& request);
  http::Response CreateRequest(Format format, const http::Request& request);
  http::Response AddUpdate(Format format, const http::Request& request);
  static http::Response Unknown(const http::Request& request);

 private:
  // The query string of a GET, checked for our jurisdiction. An api_key is tolerated.
  Result<http::Form> ReadQuery(const http::Request& request) const;
  // The body of a POST (and its query string), checked for an api_key (kUnauthenticated)
  // and our jurisdiction.
  // `key_confirmed_later`: the caller confirms the key in a read of its own (a create, through
  // NewCase::api_key_digest), so a key held in the catalogue cache is taken without a read.
  Result<Post> ReadPost(const http::Request& request, bool key_confirmed_later = false);
  Result<std::vector<store::CaseRecord>> FindRequests(const http::Form& form);
  Result<std::vector<store::CaseEventRecord>> ShownUpdates(const http::Form& form);
  // Attaches the report's photos; a refused one is noted on the case for staff, since the
  // report itself was taken and a failure answer would make the client send it again.
  void AttachPhotos(const std::string& reference, const Post& post, const usecase::Actor& actor);

  const usecase::CaseContext& ctx_;
  Open311Settings settings_;
  ServiceFactsCache services_;
};

}  // namespace frontdoor::api::open311
