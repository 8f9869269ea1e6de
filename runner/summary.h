// The conformance summary of a RunReport: counts per feature tag, per verdict, per
// golden source and per property check; then each failure with its minimal problem,
// shrink and reproduce line; the unsupported cases; and the closing conformance line.
// The terminal prints it (print_summary); the HTML report shows the same tables.
#pragma once

#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "report.h"

namespace tconv {

struct OutcomeCounts {
  int passed = 0, failed = 0, unsupported = 0;  // failed: is_failure(verdict)
  void add(Verdict v);
};

struct SummaryRow {
  std::string name;
  OutcomeCounts counts;
};

struct Summary {
  OutcomeCounts total;
  std::vector<SummaryRow> by_feature;  // every tag of all_features(), in its order
  std::vector<SummaryRow> by_source;   // golden cases: pytorch, tfjs, onnxruntime, literature,
                                       // then any other source; empty without golden cases
  std::vector<SummaryRow> by_check;    // property cases per check, in first-seen order
  std::map<Verdict, int> by_verdict;   // the verdicts that occur
};

Summary summarize(const RunReport& report);

// "conformance: N passed, M failed, K unsupported", M counting every failure.
std::string conformance_line(const RunReport& report);

// The whole summary for an 80-column terminal (only messages, problem strings and
// commands, which must stay copyable, run longer), conformance_line last.
void print_summary(std::ostream& out, const RunReport& report);

}  // namespace tconv
