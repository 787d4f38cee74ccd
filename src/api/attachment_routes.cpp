#include "frontdoor/api/attachment_routes.hpp"

#include <array>
#include <charconv>
#include <string>
#include <utility>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "frontdoor/charter/iso8601.hpp"
#include "frontdoor/core/reference.hpp"
#include "frontdoor/core/text.hpp"
#include "frontdoor/http/error_response.hpp"
#include "frontdoor/http/multipart.hpp"
#include "frontdoor/usecase/attachments.hpp"

#include "staff_auth.hpp"

namespace frontdoor::api {
namespace {

namespace json = boost::json;

using Handler = Result<http::Response> (*)(const usecase::CaseContext& ctx,
                                           const http::Request& request,
                                           const access::Principal& caller);

// The canonical reference in the path. Text that cannot be a reference names no case, and
// is not echoed back: it may be megabytes or invalid UTF-8.
Result<std::string> PathReference(const http::Request& request) {
  auto parsed = ParseReference(request.PathParam("reference"));
  if (!parsed) {
    return Error::NotFound("There is no case with that reference");
  }
  return FormatReference(*parsed);
}

std::string AttachmentPath(const std::string& reference, std::int64_t id) {
  return "/api/v1/cases/" + reference + "/attachments/" + std::to_string(id);
}

json::object Render(const usecase::CaseContext& ctx, const std::string& reference,
                    const store::AttachmentRecord& record) {
  json::object out;
  out["id"] = record.id;
  out["case_reference"] = reference;
  out["filename"] = record.filename;
  out["media_type"] = record.media_type;
  out["size"] = record.size;
  out["sha256"] = record.sha256;
  out["public"] = record.is_public;
  out["actor"] = record.actor;
  out["created_at"] = charter::FormatIso8601(record.created_at, ctx.calendar.zone());
  out["url"] = AttachmentPath(reference, record.id);
  if (record.is_public) {
    out["media_url"] = usecase::PublicMediaPath(record);
  } else {
    out["media_url"] = nullptr;
  }
  return out;
}

http::Response Json(unsigned status, const json::object& body) {
  return http::Response::Json(status, json::serialize(body));
}

// A client's field name in an error, cut short: it may be up to a part header long.
std::string QuoteField(std::string_view name) {
  std::string quoted = TruncateUtf8(name, 64);
  return quoted.size() < name.size() ? quoted + "..." : quoted;
}

Result<bool> ParsePublic(const http::Form& fields) {
  const auto value = fields.First("public");
  if (!value) {
    return false;
  }
  const std::string text = ToLowerAscii(Trim(*value));
  if (text == "true" || text == "1" || text == "yes" || text == "on") {
    return true;
  }
  if (text == "false" || text == "0" || text == "no" || text == "off" || text.empty()) {
    return false;
  }
  return Error::Invalid("public", "Send public as true or false");
}

struct Upload {
  const http::MultipartPart* file = nullptr;
  bool is_public = false;
};

// The upload's parts: exactly one "file", at most one "public", nothing else. Like the JSON
// routes, an unknown field is an error rather than silently ignored.
Result<Upload> ReadUpload(const std::vector<http::MultipartPart>& parts) {
  Upload upload;
  int publics = 0;
  for (const auto& part : parts) {
    if (part.name == "file") {
      if (upload.file != nullptr) {
        return Error::Invalid("file", "Send one file per request");
      }
      upload.file = &part;
    } else if (part.name == "public") {
      ++publics;
    } else {
      return Error::Invalid(QuoteField(part.name), "Unknown field: send file and public only");
    }
  }
  if (upload.file == nullptr) {
    return Error::Invalid("file", "Choose a file to attach");
  }
  if (publics > 1) {
    return Error::Invalid("public", "Send public once");
  }
  auto fields = http::TextFields(parts);
  if (!fields) {
    return fields.error();
  }
  auto is_public = ParsePublic(*fields);
  if (!is_public) {
    return is_public.error();
  }
  upload.is_public = *is_public;
  return upload;
}

Result<http::Response> PostAttachment(const usecase::CaseContext& ctx, const http::Request& request,
                                      const access::Principal& caller) {
  auto reference = PathReference(request);
  if (!reference) {
    return reference.error();
  }
  const auto content_type = request.Header("content-type").value_or("");
  if (!http::IsMultipartFormData(content_type)) {
    return Error(ErrorCode::kMalformed,
                 "Send the file as multipart/form-data, in a part named \"file\"");
  }
  // The parts are views into request.body, which outlives every use below.
  auto parts = http::ParseMultipart(content_type, request.body);
  if (!parts) {
    return parts.error();
  }
  auto upload = ReadUpload(*parts);
  if (!upload) {
    return upload.error();
  }
  auto added = usecase::AddAttachment(ctx, *reference, upload->file->filename.value_or(""),
                                      upload->file->body, upload->is_public, caller.actor);
  if (!added) {
    return added.error();
  }
  http::Response response = Json(201, Render(ctx, *reference, *added));
  response.headers.emplace_back("Location", AttachmentPath(*reference, added->id));
  return response;
}

Result<http::Response> ListAttachments(const usecase::CaseContext& ctx,
                                       const http::Request& request,
                                       const access::Principal& /*caller*/) {
  auto reference = PathReference(request);
  if (!reference) {
    return reference.error();
  }
  auto listed = usecase::ListAttachments(ctx, *reference);
  if (!listed) {
    return listed.error();
  }
  json::array out;
  for (const auto& record : *listed) {
    out.emplace_back(Render(ctx, *reference, record));
  }
  return Json(200, {{"attachments", std::move(out)}});
}

// RFC 8187 attr-char: what filename* may carry without percent-encoding.
bool IsAttrChar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
    return true;
  }
  return std::string_view("!#$&+-.^_`|~").find(c) != std::string_view::npos;
}

// Content-Disposition (RFC 6266) for a stored name, already free of quotes, backslashes and
// control characters: an ASCII fallback for old clients, and the exact UTF-8 in filename*.
std::string Disposition(std::string_view kind, std::string_view filename) {
  std::string ascii;
  std::string encoded;
  for (const char c : filename) {
    const auto byte = static_cast<unsigned char>(c);
    ascii += byte < 0x80U ? c : '_';
    if (IsAttrChar(c)) {
      encoded += c;
    } else {
      encoded += fmt::format("%{:02X}", byte);
    }
  }
  return fmt::format("{}; filename=\"{}\"; filename*=UTF-8''{}", kind, ascii, encoded);
}

std::string ServedType(const std::string& media_type) {
  return media_type.starts_with("text/") ? media_type + "; charset=utf-8" : media_type;
}

Result<std::int64_t> PathId(const http::Request& request) {
  const auto text = request.PathParam("id");
  std::int64_t id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (text.empty() || text.size() > 18 || ec != std::errc() || end != text.data() + text.size() ||
      id <= 0) {
    return Error::NotFound("There is no attachment with that id");
  }
  return id;
}

Result<http::Response> DownloadAttachment(const usecase::CaseContext& ctx,
                                          const http::Request& request,
                                          const access::Principal& /*caller*/) {
  auto reference = PathReference(request);
  if (!reference) {
    return reference.error();
  }
  auto id = PathId(request);
  if (!id) {
    return id.error();
  }
  auto file = usecase::GetAttachment(ctx, *reference, *id);
  if (!file) {
    return file.error();
  }
  http::Response response;
  response.status = 200;
  response.content_type = ServedType(file->record.media_type);
  response.body = std::move(file->content);
  // A download, never rendered in our origin: a hostile file cannot run as our page.
  response.headers.emplace_back("Content-Disposition",
                                Disposition("attachment", file->record.filename));
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  response.headers.emplace_back("Content-Security-Policy", "default-src 'none'; sandbox");
  response.headers.emplace_back("Cache-Control", "private, no-store");
  return response;
}

// /media/{sha256}.{ext}: public, and immutable since the address is the content's digest.
http::Response ServeMedia(const usecase::CaseContext& ctx, const http::Request& request) {
  const std::string sha256(request.PathParam("sha256"));
  auto media = usecase::GetPublicMedia(ctx, sha256);
  if (!media) {
    return http::ToErrorResponse(media.error());
  }
  if (request.PathParam("ext") != media->extension) {
    return http::ToErrorResponse(Error::NotFound("No public file has that address"));
  }
  const std::string etag = "\"" + sha256 + "\"";
  http::Response response;
  if (request.Header("if-none-match") == etag) {
    response.status = 304;
  } else {
    response.status = 200;
    response.body = std::move(media->content);
  }
  response.content_type = ServedType(media->media_type);
  // Photos show in place; documents download, so no viewer runs them in our origin.
  const bool is_image = media->media_type.starts_with("image/");
  response.headers.emplace_back(
      "Content-Disposition",
      Disposition(is_image ? "inline" : "attachment", "attachment." + media->extension));
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  response.headers.emplace_back("Content-Security-Policy", "default-src 'none'; sandbox");
  response.headers.emplace_back("Cache-Control", "public, max-age=31536000, immutable");
  response.headers.emplace_back("ETag", etag);
  return response;
}

void AddStaffRoute(http::Router& router, const usecase::CaseContext& ctx,
                   const StaffAccessSettings& settings, http::Method method, std::string pattern,
                   access::Action action, Handler handler, http::Execution execution) {
  router.Add(
      method, std::move(pattern),
      [&ctx, settings, action, handler](http::Request& request) {
        return AnswerStaff(
            request, ctx.store, ctx.clock, settings, action,
            [&](const access::Principal& caller) { return handler(ctx, request, caller); });
      },
      execution);
}

}  // namespace

namespace {

struct AttachmentRoute {
  StaffRouteAccess access;
  Handler handler;
  bool writes;
};

// Attaching a file changes the case (core/access.hpp); reading them is reading the case.
const std::array<AttachmentRoute, 3> kAttachmentRoutes{{
    {{http::Method::kPost, "/api/v1/cases/{reference}/attachments", access::Action::kChangeCase},
     PostAttachment,
     true},
    {{http::Method::kGet, "/api/v1/cases/{reference}/attachments", access::Action::kReadCase},
     ListAttachments,
     false},
    {{http::Method::kGet, "/api/v1/cases/{reference}/attachments/{id}", access::Action::kReadCase},
     DownloadAttachment,
     false},
}};

}  // namespace

std::vector<StaffRouteAccess> AttachmentRouteTable() {
  std::vector<StaffRouteAccess> table;
  for (const auto& route : kAttachmentRoutes) {
    table.push_back(route.access);
  }
  return table;
}

void AddAttachmentRoutes(http::Router& router, const usecase::CaseContext& context,
                         http::Execution reads, const StaffAccessSettings& settings) {
  for (const auto& route : kAttachmentRoutes) {
    AddStaffRoute(router, context, settings, route.access.method, std::string(route.access.pattern),
                  route.access.action, route.handler,
                  route.writes ? http::Execution::kBlocking : reads);
  }
  router.Add(
      http::Method::kGet, "/media/{sha256}.{ext}",
      [&context](http::Request& request) { return ServeMedia(context, request); }, reads);
}

}  // namespace frontdoor::api
