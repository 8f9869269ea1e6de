// The golden phase of a run: the stored golden vectors the options select, in this shard
// (case k of all stored cases belongs to shard k mod n). With an adapter, each case
// that runs on adapters (golden_cases.h) is one call checked against the vector; without
// one, the built-in references run every golden self-check (golden_self_checks.h).
// With an adapter, a vector the references disagree with is refused (golden_cases.h).
#pragma once

#include <string>
#include <vector>

#include "adapter_interface.h"
#include "options.h"
#include "progress.h"
#include "report.h"

namespace tconv {

// Appends the records to report.cases; returns notes for the terminal (refused vectors).
// Throws UsageError for a --case no stored case has, VectorFileError for a broken vector
// file.
std::vector<std::string> run_golden_phase(const Options& options, Adapter* adapter,
                                          RunReport& report, Progress& progress);

}  // namespace tconv
