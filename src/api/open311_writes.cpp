#include <functional>
#include <optional>

#include "frontdoor/usecase/attachments.hpp"

#include "idempotency.hpp"
#include "open311_endpoint.hpp"
#include "open311_params.hpp"
#include "open311_render.hpp"

namespace frontdoor::api::open311 {

void Endpoint::AttachPhotos(const std::string& reference, const Post& post,
                            const usecase::Actor& actor) {
  for (const auto* photo : Photos(post.files)) {
    // Sent as files rather than URLs when the report is private (section 5.6), so staff see
    // them and the public does not.
    auto attached = usecase::AddAttachment(ctx_, reference, photo->filename.value_or(photo->name),
                                           photo->body, false, actor);
    if (!attached) {
      const Error error = attached.error();
      auto noted = usecase::AddNote(
          ctx_, reference,
          "The Open311 client sent " + photo->name + ", which could not be attached: " +
              (error.field_errors().empty() ? error.message()
                                            : error.field_errors().front().message),
          actor);
      (void)noted;  // best effort: the case itself is safely stored
    }
  }
}

http::Response Endpoint::CreateRequest(Format format, const http::Request& request) {
  // The key may come from memory when the create itself confirms it; a retry with an
  // Idempotency-Key may be answered from the stored response without a create, so its key is
  // read from the store.
  auto post = ReadPost(request, !request.Header("idempotency-key"));
  if (!post) {
    return Errors(format, post.error());
  }
  auto input = ParseNewCase(post->form);
  if (!input) {
    return Errors(format, input.error());
  }
  auto facts = services_.Find(input->service_code);
  if (!facts) {
    return Errors(format, facts.error());
  }
  if (!*facts || !(*facts)->offered) {
    return Errors(format, Error::NotFound("service_code " + Quote(input->service_code) +
                                          " is not a service we offer"));
  }
  input->actor = "open311:" + post->key.name;
  input->acknowledge = true;
  input->api_key_digest = post->key.key_digest;
  // FixMyStreet sends no Idempotency-Key (it has its own retry bookkeeping); other clients may.
  auto claim = ReadIdempotencyClaim(request, input->actor);
  if (!claim) {
    return Errors(format, claim.error());
  }
  const std::function<usecase::StoredResponse(const usecase::CreatedCase&)> respond =
      [format](const usecase::CreatedCase& created) {
        return ToStored(Document(
            format, 200,
            RenderCreatedRequest(format, created.record.reference, created.service_notice)));
      };
  std::optional<std::string> reference;
  auto answer = usecase::CreateOnce<usecase::CreatedCase>(
      ctx_.store, ctx_.clock, *claim, respond,
      [&](const usecase::IdempotentCreate<usecase::CreatedCase>* once) {
        auto created = usecase::CreateCase(ctx_, *input, once);
        if (created) {
          reference = created->record.reference;
        }
        return created;
      });
  if (!answer) {
    return Errors(format, answer.error());
  }
  if (!answer->replayed && reference) {
    AttachPhotos(*reference, *post, input->actor);
  }
  return FromAnswer(std::move(*answer));
}

http::Response Endpoint::AddUpdate(Format format, const http::Request& request) {
  auto post = ReadPost(request);
  if (!post) {
    return Errors(format, post.error());
  }
  auto comment = ParseCustomerComment(post->form);
  if (!comment) {
    return Errors(format, comment.error());
  }
  comment->actor = "open311:" + post->key.name;
  auto event = usecase::AddCustomerComment(ctx_, *comment);
  if (!event) {
    return Errors(format, event.error());
  }
  return Document(format, 200, RenderAcceptedUpdate(format, event->id));
}

}  // namespace frontdoor::api::open311
