// The conformance summary of a RunReport: counts per feature tag, per verdict, per
// golden source, per real layer and per property check; then the failure groups (report.h), each with
// its smallest case's problem, shrink and replay line, at most 20 of them; the
// unsupported cases counted by reason; and the closing conformance line. The reports
// (JSON, JUnit, HTML) list every case.
// The terminal prints it (print_summary); the HTML report shows the same tables.
#pragma once

#include <map>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "report.h"

namespace tconv {

struct OutcomeCounts {
  int passed = 0, failed = 0, unsupported = 0;  // failed: is_failure(verdict)
  void add(Verdict v, int cases = 1);
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
  std::vector<SummaryRow> by_layer;    // topology cases per real layer, in first-seen order
  std::map<Verdict, int> by_verdict;   // the verdicts that occur
};

Summary summarize(const RunReport& report);

// Why a case is unsupported, without the problem string that starts its message and
// without the count a property-phase record appends after "; ".
std::string unsupported_reason(const CaseRecord& c);

// "conformance: N passed, M failed, K unsupported", M counting every failure.
std::string conformance_line(const RunReport& report);

// Text from an adapter or a file made safe for a terminal: control bytes (escape
// sequences, a carriage return rewriting the line) written as "\xNN", e.g. "\x1B"; line
// breaks kept only if `keep_lines`, tabs kept. Everything the runner prints that it did
// not write itself goes through it.
std::string terminal_text(std::string_view text, bool keep_lines);

// The whole summary for an 80-column terminal (only messages, problem strings and
// commands, which must stay copyable, run longer), conformance_line last.
void print_summary(std::ostream& out, const RunReport& report);

}  // namespace tconv
