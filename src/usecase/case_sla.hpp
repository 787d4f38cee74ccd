// The SLA clocks of a case as its life goes on: started with the case, paused while it awaits
// the customer, resumed, stopped when the measured thing happens. Called inside the case use
// cases' transactions. Private to the use cases.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "frontdoor/charter/sla_clock.hpp"
#include "frontdoor/core/case_status.hpp"
#include "frontdoor/store/case_sla.hpp"
#include "frontdoor/store/cases.hpp"
#include "frontdoor/usecase/cases.hpp"
#include "frontdoor/usecase/live_charter.hpp"

namespace frontdoor::usecase {

// The standards whose clocks a new case starts: for each measure a case can meet
// (acknowledge, first response, resolve, complaint stage 1), the one that applies most
// specifically (scope fields that match, none that differ), or the service's own
// `resolve_standard` for its measure. Calls and visits are not cases: their measures never
// start here.
[[nodiscard]] std::vector<const charter::Standard*> ApplicableStandards(
    const std::vector<charter::Standard>& standards, const std::string& channel,
    const std::string& case_type, const std::string& service_code,
    const std::optional<std::string>& resolve_standard);

// The clocks a new case starts, one for each applicable standard, from record.created_at;
// case_id is left to StartSlaClocks. Needs no database, so it runs before the case's unit
// of work, off the single writer.
[[nodiscard]] Result<std::vector<store::CaseSlaRecord>> NewSlaClocks(
    const CharterInUse& in_use, const store::CaseRecord& record, const std::string& case_type,
    const std::optional<std::string>& resolve_standard);

// Stores the clocks NewSlaClocks made for the case `case_id` just inserted.
Result<void> StartSlaClocks(store::WriteTx& tx, std::int64_t case_id,
                            std::vector<store::CaseSlaRecord>& clocks);

// After the case moved from `from` to record.status (equal when only a public update was
// added): pauses, resumes and stops its clocks. `public_update` says the customer was told
// something, which acknowledges and answers them.
Result<void> UpdateSlaClocks(store::WriteTx& tx, const CaseContext& ctx,
                             const store::CaseRecord& record, CaseStatus from, bool public_update);

// The engine's view of a stored clock and its pauses.
[[nodiscard]] Result<charter::SlaClock> ToEngineClock(
    const store::CaseSlaRecord& sla, const std::vector<store::SlaPauseRecord>& pauses);

}  // namespace frontdoor::usecase
