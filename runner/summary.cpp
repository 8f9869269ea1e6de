#include "summary.h"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <iomanip>
#include <sstream>
#include <string_view>

#include "feature_tags.h"
#include "problem_string.h"

namespace tconv {
namespace {

constexpr int kNameWidth = 32;
constexpr const char* kFailMark = "   <-- FAIL";
constexpr std::size_t kGroupsShown = 20;  // failure groups and unsupported reasons printed

using CaseKeys = std::function<std::vector<std::string>(const CaseRecord&)>;

// One row per name in `fixed` (present even when zero), then one per other key in the
// order first seen; each case counts once under every key it has.
std::vector<SummaryRow> count_by(const RunReport& report, const std::vector<std::string>& fixed,
                                 const CaseKeys& keys) {
  std::vector<SummaryRow> rows;
  for (const std::string& name : fixed) rows.push_back({name, {}});
  for (const CaseRecord& c : report.cases) {
    for (const std::string& key : keys(c)) {
      auto row = std::find_if(rows.begin(), rows.end(),
                              [&](const SummaryRow& r) { return r.name == key; });
      if (row == rows.end()) row = rows.insert(rows.end(), SummaryRow{key, {}});
      row->counts.add(c.verdict, c.cases_represented);
    }
  }
  return rows;
}

bool has_phase(const RunReport& report, const std::string& phase) {
  return std::any_of(report.cases.begin(), report.cases.end(),
                     [&](const CaseRecord& c) { return c.phase == phase; });
}

CaseKeys key_in_phase(const std::string& phase, std::string CaseRecord::*field) {
  return [phase, field](const CaseRecord& c) {
    return c.phase == phase ? std::vector<std::string>{c.*field} : std::vector<std::string>{};
  };
}

void print_table(std::ostream& out, const std::string& title, const std::vector<SummaryRow>& rows) {
  out << std::left << std::setw(kNameWidth + 2) << title << std::right << std::setw(8) << "passed"
      << std::setw(8) << "failed" << std::setw(13) << "unsupported"
      << "\n";
  for (const SummaryRow& row : rows) {
    out << "  " << std::left << std::setw(kNameWidth) << row.name << std::right << std::setw(8)
        << row.counts.passed << std::setw(8) << row.counts.failed << std::setw(13)
        << row.counts.unsupported << (row.counts.failed ? kFailMark : "") << "\n";
  }
  out << "\n";
}

// "golden pytorch pt_case (matches the vector)"
std::string case_title(const CaseRecord& c) {
  return terminal_text(
      c.phase + (c.source.empty() ? "" : " " + c.source) + " " + c.id + " (" + c.check + ")",
      false);
}

// A labelled field of a failure; continuation lines of a multi-line value line up.
void print_field(std::ostream& out, const std::string& label, const std::string& value) {
  const std::string indent(7 + 11, ' ');
  out << "       " << std::left << std::setw(11) << label;
  std::istringstream lines(terminal_text(value, true));
  std::string line;
  for (bool first = true; std::getline(lines, line); first = false)
    out << (first ? "" : indent) << line << "\n";
  if (value.empty()) out << "\n";
}

// One entry per failure group, its smallest case in full; at most kGroupsShown groups.
void print_failures(std::ostream& out, const RunReport& report) {
  const std::vector<FailureGroup> groups = failure_groups(report);
  out << "failures (" << report.failures() << " in " << groups.size()
      << " groups of one verdict and failure class; smallest first)\n";
  int number = 0;
  for (const FailureGroup& g : groups) {
    if (number == kGroupsShown) break;
    const CaseRecord& c = *g.cases.front();
    out << "  " << std::right << std::setw(3) << ++number << ". " << report_name(g.verdict) << " x "
        << g.cases.size() << ": " << terminal_text(g.failure_class, false) << "\n";
    print_field(out, "smallest", case_title(c));
    print_field(out, "problem", to_string(c.problem) + "  [" + c.dtype + "]");
    if (c.original_problem) {
      print_field(out, "shrunk",
                  "from " + to_string(*c.original_problem) + " in " +
                      std::to_string(c.shrink_steps) + " steps");
    }
    print_field(out, "message", c.message);
    print_field(out, "reproduce", c.reproduce);
  }
  if (groups.size() > kGroupsShown) {
    int rest = 0;
    for (std::size_t i = kGroupsShown; i < groups.size(); ++i)
      rest += static_cast<int>(groups[i].cases.size());
    out << "  ... and " << groups.size() - kGroupsShown << " more groups (" << rest
        << " failures): every failure is in the --json, --junit and --html reports\n";
  }
  out << "\n";
}

// The unsupported cases counted by reason; the reports list each one.
void print_unsupported(std::ostream& out, const RunReport& report) {
  const std::vector<SummaryRow> reasons =
      count_by(report, {}, [](const CaseRecord& c) {
        return c.verdict == Verdict::unsupported ? std::vector<std::string>{unsupported_reason(c)}
                                                 : std::vector<std::string>{};
      });
  out << "unsupported (" << report.count(Verdict::unsupported)
      << "), not counted as passes; by reason:\n";
  for (std::size_t i = 0; i < reasons.size() && i < kGroupsShown; ++i) {
    out << "  " << std::right << std::setw(6) << reasons[i].counts.unsupported << "  "
        << terminal_text(reasons[i].name, false) << "\n";
  }
  if (reasons.size() > kGroupsShown)
    out << "  ... and " << reasons.size() - kGroupsShown << " more reasons (see the reports)\n";
  out << "\n";
}

}  // namespace

std::string terminal_text(std::string_view text, bool keep_lines) {
  std::string out;
  for (char ch : text) {
    const auto byte = static_cast<unsigned char>(ch);
    if ((byte < 0x20 && !(keep_lines && ch == '\n') && ch != '\t') || byte == 0x7F) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02X", byte);
      out += hex;
    } else {
      out += ch;
    }
  }
  return out;
}

void OutcomeCounts::add(Verdict v, int cases) {
  if (v == Verdict::passed) {
    passed += cases;
  } else if (v == Verdict::unsupported) {
    unsupported += cases;
  } else {
    failed += cases;
  }
}

std::string unsupported_reason(const CaseRecord& c) {
  const std::size_t colon = c.message.find(": ");
  const std::string reason = colon == std::string::npos ? c.message : c.message.substr(colon + 2);
  return reason.substr(0, reason.find("; "));
}

Summary summarize(const RunReport& report) {
  Summary s;
  for (const CaseRecord& c : report.cases) {
    s.total.add(c.verdict, c.cases_represented);
    s.by_verdict[c.verdict] += c.cases_represented;
  }
  s.by_feature = count_by(report, all_features(), [](const CaseRecord& c) { return c.features; });
  if (has_phase(report, "golden")) {
    s.by_source = count_by(report, {"pytorch", "tfjs", "onnxruntime", "literature"},
                           key_in_phase("golden", &CaseRecord::source));
  }
  s.by_check = count_by(report, {}, key_in_phase("property", &CaseRecord::check));
  // A topology case's id is "<layer> <layouts>".
  s.by_layer = count_by(report, {}, [](const CaseRecord& c) {
    return c.phase == "topology" ? std::vector<std::string>{c.id.substr(0, c.id.find(' '))}
                                 : std::vector<std::string>{};
  });
  return s;
}

std::string conformance_line(const RunReport& report) {
  return "conformance: " + std::to_string(report.count(Verdict::passed)) + " passed, " +
         std::to_string(report.failures()) + " failed, " +
         std::to_string(report.count(Verdict::unsupported)) + " unsupported";
}

void print_summary(std::ostream& out, const RunReport& report) {
  const Summary s = summarize(report);
  print_table(out, "cases by feature", s.by_feature);
  out << std::left << std::setw(kNameWidth + 2) << "cases by verdict" << std::right << std::setw(8)
      << "cases"
      << "\n";
  for (const auto& [verdict, n] : s.by_verdict) {
    out << "  " << std::left << std::setw(kNameWidth) << report_name(verdict) << std::right
        << std::setw(8) << n << (is_failure(verdict) ? kFailMark : "") << "\n";
  }
  out << "\n";
  if (!s.by_source.empty()) print_table(out, "golden cases by source", s.by_source);
  if (!s.by_layer.empty()) print_table(out, "topology cases by layer", s.by_layer);
  if (!s.by_check.empty()) print_table(out, "property cases by check", s.by_check);
  print_table(out, "all cases", {{"total", s.total}});
  if (report.failures() > 0) print_failures(out, report);
  if (report.count(Verdict::unsupported) > 0) print_unsupported(out, report);
  out << conformance_line(report) << "\n";
}

}  // namespace tconv
