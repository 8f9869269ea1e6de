// The whole RunReport as one JSON document, described by runner/report.schema.json.
// Every field is always present (null where absent); field names are stable.
#pragma once

#include <ostream>

#include "report.h"

namespace tconv {

// The verdict as a JSON identifier: the enumerator's name ("wrong_values").
const char* verdict_id(Verdict v);

// Pretty-printed; text that is not valid UTF-8 (an adapter's message) is written with
// U+FFFD in place of the bad bytes; NaN and Inf in an error map are written as null.
void write_json_report(std::ostream& out, const RunReport& report);

}  // namespace tconv
