// The vocabulary of the service catalogue and of cases: case types, contact channels and
// priorities, each with a stable lower-case name that is stored and shown in APIs, and the
// rule for a service code. Pure and stateless, so thread-safe.
#pragma once

#include <span>
#include <string_view>

#include "frontdoor/core/error.hpp"

namespace frontdoor {

enum class CaseType { kRequest, kEnquiry, kComplaint, kCompliment };

// "request", "enquiry", "complaint", "compliment".
[[nodiscard]] std::string_view CaseTypeName(CaseType type);
// Exactly those names; kInvalidInput on field "case_type" otherwise.
[[nodiscard]] Result<CaseType> ParseCaseType(std::string_view text);

enum class Channel { kWeb, kPhone, kEmail, kFaceToFace, kWebchat, kSocial, kLetter };

// "web", "phone", "email", "face_to_face", "webchat", "social", "letter".
[[nodiscard]] std::string_view ChannelName(Channel channel);
// Exactly those names; kInvalidInput on field "channel" otherwise.
[[nodiscard]] Result<Channel> ParseChannel(std::string_view text);
// Every channel, in the order above.
[[nodiscard]] std::span<const Channel> AllChannels();

enum class Priority { kLow, kNormal, kHigh, kUrgent };

// "low", "normal", "high", "urgent".
[[nodiscard]] std::string_view PriorityName(Priority priority);
// Exactly those names; kInvalidInput on field "priority" otherwise.
[[nodiscard]] Result<Priority> ParsePriority(std::string_view text);

// A service code is what Open311 clients post back and put in URLs
// (services/{code}.xml): 1-32 of A-Z, a-z, 0-9, '_' and '-'. kInvalidInput on `field`.
[[nodiscard]] Result<void> CheckServiceCode(std::string_view code, std::string_view field = "code");

}  // namespace frontdoor
