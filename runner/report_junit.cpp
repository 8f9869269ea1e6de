#include "report_junit.h"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "problem_string.h"

namespace tconv {
namespace {

// Length of the well-formed UTF-8 sequence at text[i] (no overlong form, surrogate or
// code point above U+10FFFF), with its code point; 0 if there is none.
std::size_t utf8_sequence(std::string_view text, std::size_t i, char32_t& code_point) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  const std::size_t length = lead < 0x80         ? 1
                             : (lead >> 5) == 6  ? 2
                             : (lead >> 4) == 14 ? 3
                             : (lead >> 3) == 30 ? 4
                                                 : 0;
  if (length == 0 || i + length > text.size()) return 0;
  code_point = length == 1 ? lead : lead & (0x7F >> length);
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    code_point = (code_point << 6) | (byte(i + k) & 0x3F);
  }
  constexpr char32_t kShortest[] = {0, 0, 0x80, 0x800, 0x10000};
  const bool surrogate = code_point >= 0xD800 && code_point <= 0xDFFF;
  return code_point < kShortest[length] || code_point > 0x10FFFF || surrogate ? 0 : length;
}

std::string seconds_text(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", seconds);
  return text;
}

std::string attribute(const char* name, std::string_view value) {
  return std::string(" ") + name + "=\"" + xml_escape(value) + "\"";
}

std::string attribute(const char* name, int value) {
  return attribute(name, std::to_string(value));
}

struct Suite {
  std::string phase;
  std::vector<const CaseRecord*> cases;
  int failures() const {
    return static_cast<int>(std::count_if(
        cases.begin(), cases.end(), [](const CaseRecord* c) { return is_failure(c->verdict); }));
  }
  int skipped() const {
    return static_cast<int>(std::count_if(cases.begin(), cases.end(), [](const CaseRecord* c) {
      return c->verdict == Verdict::unsupported;
    }));
  }
  double seconds() const {
    double total = 0;
    for (const CaseRecord* c : cases) total += c->seconds;
    return total;
  }
};

// golden, then property, then any other phase in the order first seen; only phases with
// cases. In each suite the failures come first, smallest first, then the other cases.
std::vector<Suite> suites_by_phase(const RunReport& report) {
  std::vector<Suite> suites{{"golden", {}}, {"property", {}}};
  std::vector<const CaseRecord*> ordered = failures_smallest_first(report);
  for (const CaseRecord& c : report.cases) {
    if (!is_failure(c.verdict)) ordered.push_back(&c);
  }
  for (const CaseRecord* record : ordered) {
    const CaseRecord& c = *record;
    auto suite = std::find_if(suites.begin(), suites.end(),
                              [&](const Suite& s) { return s.phase == c.phase; });
    if (suite == suites.end()) suite = suites.insert(suites.end(), Suite{c.phase, {}});
    suite->cases.push_back(&c);
  }
  std::erase_if(suites, [](const Suite& s) { return s.cases.empty(); });
  return suites;
}

// The run's fields, then one "failure group k" per group: "verdict x count: class;
// smallest: id".
void write_properties(std::ostream& out, const RunReport& report) {
  std::vector<std::pair<std::string, std::string>> properties = {
      {"implementation", report.implementation},
      {"implementation_version", report.implementation_version},
      {"command_line", report.command_line},
      {"seed", std::to_string(report.seed)},
      {"shard", std::to_string(report.shard_index) + "/" + std::to_string(report.shard_count)},
      {"started_at", report.started_at}};
  int number = 0;
  for (const FailureGroup& g : failure_groups(report)) {
    properties.emplace_back("failure group " + std::to_string(++number),
                            std::string(report_name(g.verdict)) + " x " +
                                std::to_string(g.cases.size()) + ": " + g.failure_class +
                                "; smallest: " + g.cases.front()->id);
  }
  out << "    <properties>\n";
  for (const auto& [name, value] : properties) {
    out << "      <property" << attribute("name", name.c_str()) << attribute("value", value)
        << "/>\n";
  }
  out << "    </properties>\n";
}

void write_testcase(std::ostream& out, const CaseRecord& c) {
  const std::string classname = c.phase + "." + (c.source.empty() ? c.check : c.source);
  out << "    <testcase" << attribute("classname", classname) << attribute("name", c.id)
      << attribute("time", seconds_text(c.seconds));
  if (c.verdict == Verdict::passed) {
    out << "/>\n";
    return;
  }
  out << ">\n";
  const std::string message = std::string(report_name(c.verdict)) + ": " + c.message;
  if (c.verdict == Verdict::unsupported) {
    out << "      <skipped" << attribute("message", message) << "/>\n";
  } else {
    std::string details = message + "\nproblem: " + to_string(c.problem) + " [" + c.dtype + "]";
    if (c.original_problem) {
      details += "\nshrunk from " + to_string(*c.original_problem) + " in " +
                 std::to_string(c.shrink_steps) + " steps";
    }
    const std::string reproduce = "\nreproduce: " + c.reproduce;
    out << "      <failure" << attribute("message", message + reproduce)
        << attribute("type", report_name(c.verdict)) << ">" << xml_escape(details + reproduce)
        << "</failure>\n";
  }
  out << "    </testcase>\n";
}

}  // namespace

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    char32_t code_point = 0;
    const std::size_t length = utf8_sequence(text, i, code_point);
    if (length == 0 || code_point == 0xFFFE || code_point == 0xFFFF) {
      out += "\xEF\xBF\xBD";  // U+FFFD
      i += std::max<std::size_t>(length, 1);
      continue;
    }
    switch (code_point) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      case '\t': out += "&#9;"; break;
      case '\n': out += "&#10;"; break;
      case '\r': out += "&#13;"; break;
      default:
        if (code_point < 0x20) {
          char hex[8];
          std::snprintf(hex, sizeof hex, "\\x%02X", static_cast<unsigned>(code_point));
          out += hex;
        } else {
          out.append(text.substr(i, length));
        }
    }
    i += length;
  }
  return out;
}

void write_junit_report(std::ostream& out, const RunReport& report) {
  const std::vector<Suite> suites = suites_by_phase(report);
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<testsuites" << attribute("name", "tconv-conform " + report.implementation)
      << attribute("tests", static_cast<int>(report.cases.size()))
      << attribute("failures", report.failures()) << attribute("errors", 0)
      << attribute("time", seconds_text(report.seconds)) << ">\n";
  for (const Suite& s : suites) {
    out << "  <testsuite" << attribute("name", s.phase)
        << attribute("tests", static_cast<int>(s.cases.size()))
        << attribute("failures", s.failures()) << attribute("errors", 0)
        << attribute("skipped", s.skipped()) << attribute("time", seconds_text(s.seconds()))
        << ">\n";
    write_properties(out, report);
    for (const CaseRecord* c : s.cases) write_testcase(out, *c);
    out << "  </testsuite>\n";
  }
  out << "</testsuites>\n";
}

}  // namespace tconv
