#include "frontdoor/core/catalogue.hpp"

#include <algorithm>
#include <array>
#include <string>

namespace frontdoor {
namespace {

// Finds `text` among the names `name_of` gives to `all`.
template <class Enum, std::size_t N, class NameOf>
Result<Enum> ParseName(std::string_view text, const std::array<Enum, N>& all, NameOf name_of,
                       const char* field, const char* what) {
  for (const Enum value : all) {
    if (name_of(value) == text) {
      return value;
    }
  }
  std::string allowed;
  for (const Enum value : all) {
    allowed += allowed.empty() ? "" : ", ";
    allowed += name_of(value);
  }
  return Error::Invalid(field, std::string(what) + " must be one of: " + allowed);
}

constexpr std::array<CaseType, 4> kCaseTypes = {CaseType::kRequest, CaseType::kEnquiry,
                                                CaseType::kComplaint, CaseType::kCompliment};
constexpr std::array<Channel, 7> kChannels = {
    Channel::kWeb,     Channel::kPhone,  Channel::kEmail, Channel::kFaceToFace,
    Channel::kWebchat, Channel::kSocial, Channel::kLetter};
constexpr std::array<Priority, 4> kPriorities = {Priority::kLow, Priority::kNormal, Priority::kHigh,
                                                 Priority::kUrgent};

}  // namespace

std::string_view CaseTypeName(CaseType type) {
  switch (type) {
    case CaseType::kRequest: return "request";
    case CaseType::kEnquiry: return "enquiry";
    case CaseType::kComplaint: return "complaint";
    case CaseType::kCompliment: return "compliment";
  }
  return "request";
}

Result<CaseType> ParseCaseType(std::string_view text) {
  return ParseName(text, kCaseTypes, CaseTypeName, "case_type", "The case type");
}

std::string_view ChannelName(Channel channel) {
  switch (channel) {
    case Channel::kWeb: return "web";
    case Channel::kPhone: return "phone";
    case Channel::kEmail: return "email";
    case Channel::kFaceToFace: return "face_to_face";
    case Channel::kWebchat: return "webchat";
    case Channel::kSocial: return "social";
    case Channel::kLetter: return "letter";
  }
  return "web";
}

Result<Channel> ParseChannel(std::string_view text) {
  return ParseName(text, kChannels, ChannelName, "channel", "The channel");
}

std::span<const Channel> AllChannels() {
  return kChannels;
}

std::string_view PriorityName(Priority priority) {
  switch (priority) {
    case Priority::kLow: return "low";
    case Priority::kNormal: return "normal";
    case Priority::kHigh: return "high";
    case Priority::kUrgent: return "urgent";
  }
  return "normal";
}

Result<Priority> ParsePriority(std::string_view text) {
  return ParseName(text, kPriorities, PriorityName, "priority", "The priority");
}

Result<void> CheckServiceCode(std::string_view code, std::string_view field) {
  const bool allowed_chars = std::all_of(code.begin(), code.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  });
  if (code.empty() || code.size() > 32 || !allowed_chars) {
    return Error::Invalid(std::string(field),
                          "A service code is 1 to 32 letters, digits, '_' or '-'");
  }
  return {};
}

}  // namespace frontdoor
