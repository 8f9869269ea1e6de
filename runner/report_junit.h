// The RunReport as JUnit XML for CI: one <testsuite> per phase (golden, property), one
// <testcase> per case (classname "phase.source" or "phase.check", name the case id), a
// <failure> for each failure with its message and reproduce line, <skipped> for each
// unsupported case; counts and times in the attributes. Each suite lists its failures
// first, smallest first, and its properties name the failure groups (report.h). Only the
// elements and attributes the Jenkins xunit plugin's JUnit schema (junit-10.xsd) allows:
// <testsuites> has no `skipped` attribute there, so only each <testsuite> counts them.
#pragma once

#include <ostream>
#include <string>
#include <string_view>

#include "report.h"

namespace tconv {

void write_junit_report(std::ostream& out, const RunReport& report);

// Text made safe for XML 1.0 content and attribute values: markup characters and line
// breaks as references, other control characters (which XML cannot carry) as "\xNN",
// bytes that are not UTF-8 as U+FFFD.
std::string xml_escape(std::string_view text);

}  // namespace tconv
