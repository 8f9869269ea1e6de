#include "summary.h"

#include <iomanip>

#include "feature_tags.h"

namespace tconv {

void FeatureSummary::Counts::add(Outcome o) {
  switch (o) {
    case Outcome::passed: ++passed; break;
    case Outcome::failed: ++failed; break;
    case Outcome::unsupported: ++unsupported; break;
  }
}

void FeatureSummary::record(const Problem& p, Outcome outcome) {
  total_.add(outcome);
  for (const std::string& tag : features(p)) by_feature_[tag].add(outcome);
}

void FeatureSummary::print(std::ostream& out) const {
  const auto row = [&](const std::string& name, const Counts& c) {
    out << "  " << std::left << std::setw(24) << name << std::right << std::setw(8) << c.passed
        << std::setw(8) << c.failed << std::setw(13) << c.unsupported
        << (c.failed ? "   <-- FAIL" : "") << "\n";
  };
  out << "  " << std::left << std::setw(24) << "feature" << std::right << std::setw(8) << "passed"
      << std::setw(8) << "failed" << std::setw(13) << "unsupported" << "\n";
  for (const std::string& tag : all_features()) {
    auto it = by_feature_.find(tag);
    row(tag, it == by_feature_.end() ? Counts{} : it->second);
  }
  row("all cases", total_);
}

}  // namespace tconv
