// The charter's standards: validated here, stored as text by store::Standards.
#include "charter_standards.hpp"

#include <utility>

#include "frontdoor/core/catalogue.hpp"
#include "frontdoor/core/text.hpp"
#include "frontdoor/usecase/charter.hpp"

#include "charter_validation.hpp"

namespace frontdoor::usecase {
namespace {

using charter::TargetUnit;

// Beyond these a target is a typing mistake, and the calendar's range would refuse it anyway.
int MaxAmount(TargetUnit unit) {
  switch (unit) {
    case TargetUnit::kWorkingDays: return 1'000;
    case TargetUnit::kWorkingHours: return 10'000;
    case TargetUnit::kMinutes: return 525'600;     // a year
    case TargetUnit::kSeconds: return 31'536'000;  // a year
  }
  return 0;
}

Result<void> CheckStandard(const charter::Standard& standard) {
  std::vector<FieldError> errors;
  AddCodeErrors(standard.code, "code", errors);
  AddNameErrors(standard.name, "name", errors);
  if (standard.target.amount < 0 || standard.target.amount > MaxAmount(standard.target.unit)) {
    errors.push_back({"target", "Use a target from 0 to " +
                                    std::to_string(MaxAmount(standard.target.unit)) + " " +
                                    charter::TargetUnitName(standard.target.unit)});
  }
  if (!(standard.threshold_percent >= 0.0 && standard.threshold_percent <= 100.0)) {
    errors.push_back({"threshold_percent", "Use a percentage from 0 to 100"});
  }
  if (standard.channel && !ParseChannel(*standard.channel)) {
    errors.push_back({"channel", "Unknown channel \"" + *standard.channel + "\""});
  }
  if (standard.case_type && !ParseCaseType(*standard.case_type)) {
    errors.push_back({"case_type", "Unknown case type \"" + *standard.case_type + "\""});
  }
  if (standard.service_code) {
    AddCodeErrors(*standard.service_code, "service_code", errors);
  }
  if (!errors.empty()) {
    return Error::Invalid(std::move(errors));
  }
  // The engine's own rules last, so that it stays the authority on what a standard is.
  return charter::Validate(standard);
}

store::StandardRecord ToRecord(const StandardEntry& entry, Instant now) {
  const charter::Standard& standard = entry.standard;
  store::StandardRecord record;
  record.code = standard.code;
  record.name = Trim(standard.name);
  record.measure = charter::MeasureName(standard.measure);
  record.channel = standard.channel;
  record.case_type = standard.case_type;
  record.service_code = standard.service_code;
  record.unit = charter::TargetUnitName(standard.target.unit);
  record.amount = standard.target.amount;
  record.threshold_percent = standard.threshold_percent;
  record.active = entry.active;
  record.created_at = now;
  record.updated_at = now;
  return record;
}

}  // namespace

Result<StandardEntry> FromRecord(const store::StandardRecord& record) {
  auto measure = charter::ParseMeasure(record.measure);
  auto unit = charter::ParseTargetUnit(record.unit);
  if (!measure || !unit) {
    // Only a newer version of Frontdoor, or a hand edit, writes a name this build lacks.
    return Error::Internal("Stored charter standard " + record.code + " has measure '" +
                           record.measure + "' and unit '" + record.unit + "'");
  }
  StandardEntry entry;
  entry.standard = {record.code,
                    record.name,
                    *measure,
                    record.channel,
                    record.case_type,
                    record.service_code,
                    {*unit, record.amount},
                    record.threshold_percent};
  entry.active = record.active;
  return entry;
}

Result<StandardEntry> CreateStandard(store::Store& store, const Clock& clock,
                                     const StandardEntry& entry, LiveCharter* live) {
  if (auto checked = CheckStandard(entry.standard); !checked) {
    return checked.error();
  }
  auto changed =
      store::WriteValue<StandardEntry>(store, [&](store::WriteTx& tx) -> Result<StandardEntry> {
        auto inserted = store::Standards(tx).Insert(ToRecord(entry, clock.Now()));
        if (!inserted) {
          if (inserted.error().code() == ErrorCode::kConflict) {
            return Error(ErrorCode::kConflict,
                         "A charter standard with the code '" + entry.standard.code + "' exists");
          }
          return inserted.error();
        }
        return FromRecord(*inserted);
      });
  return RefreshAfter(live, std::move(changed));
}

Result<StandardEntry> UpdateStandard(store::Store& store, const Clock& clock,
                                     const StandardEntry& entry, LiveCharter* live) {
  if (auto checked = CheckStandard(entry.standard); !checked) {
    return checked.error();
  }
  auto changed =
      store::WriteValue<StandardEntry>(store, [&](store::WriteTx& tx) -> Result<StandardEntry> {
        auto updated = store::Standards(tx).Update(ToRecord(entry, clock.Now()));
        if (!updated) {
          if (updated.error().code() == ErrorCode::kNotFound) {
            return Error::NotFound("No charter standard with the code '" + entry.standard.code +
                                   "'");
          }
          return updated.error();
        }
        return FromRecord(*updated);
      });
  return RefreshAfter(live, std::move(changed));
}

Result<std::vector<StandardEntry>> ListStandards(store::Store& store, bool include_inactive) {
  return store::ReadValue<std::vector<StandardEntry>>(
      store, [&](store::ReadTx& tx) -> Result<std::vector<StandardEntry>> {
        auto records = store::Standards(tx).List(include_inactive);
        if (!records) {
          return records.error();
        }
        std::vector<StandardEntry> entries;
        entries.reserve(records->size());
        for (const auto& record : *records) {
          auto entry = FromRecord(record);
          if (!entry) {
            return entry.error();
          }
          entries.push_back(std::move(*entry));
        }
        return entries;
      });
}

}  // namespace frontdoor::usecase
