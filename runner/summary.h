// Pass / fail counts per feature tag (check/feature_tags.h), printed as a table.
#pragma once

#include <map>
#include <ostream>
#include <string>

#include "problem.h"

namespace tconv {

enum class Outcome { passed, failed, unsupported };

class FeatureSummary {
 public:
  // Counts the outcome once under "all cases" and once under each of p's features.
  void record(const Problem& p, Outcome outcome);
  void print(std::ostream& out) const;
  int failures() const { return total_.failed; }
  int cases() const { return total_.passed + total_.failed + total_.unsupported; }

 private:
  struct Counts {
    int passed = 0, failed = 0, unsupported = 0;
    void add(Outcome o);
  };
  Counts total_;
  std::map<std::string, Counts> by_feature_;
};

}  // namespace tconv
