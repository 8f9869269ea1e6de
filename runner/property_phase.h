// The property phase of a run: random valid problems (ProblemSearch of the seed), or the
// one --problem. With an adapter, each problem gets every property check
// (property_checks.h); without one, the built-in references check each other
// (reference_agreement.h). Failures are shrunk.
//
// Counting: drawn problems that fail --rank / --feature are skipped; those outside the
// adapter's declared capabilities are not counted toward --cases but tallied, one
// unsupported record per missing capability (in the shard that draw index d % n names).
// The counted problems are numbered k = 0, 1, ...; problem k belongs to shard k % n.
// Drawing stops after --cases counted problems, after a draw budget of 100 draws per
// counted problem, or when the time budget is spent.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "adapter_interface.h"
#include "options.h"
#include "progress.h"
#include "report.h"

namespace tconv {

// Appends the records to report.cases; returns notes for the terminal (a spent budget).
std::vector<std::string> run_property_phase(const Options& options, Adapter* adapter,
                                            RunReport& report, Progress& progress,
                                            std::chrono::steady_clock::time_point run_start);

}  // namespace tconv
