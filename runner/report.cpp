#include "report.h"

#include <algorithm>

namespace tconv {

bool is_failure(Verdict v) { return v != Verdict::passed && v != Verdict::unsupported; }

const char* report_name(Verdict v) {
  return v == Verdict::completed ? "not compared" : to_string(v);
}

int RunReport::count(Verdict v) const {
  return static_cast<int>(std::count_if(cases.begin(), cases.end(),
                                        [&](const CaseRecord& c) { return c.verdict == v; }));
}

int RunReport::failures() const {
  return static_cast<int>(std::count_if(cases.begin(), cases.end(),
                                        [](const CaseRecord& c) { return is_failure(c.verdict); }));
}

}  // namespace tconv
