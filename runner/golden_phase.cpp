#include "golden_phase.h"

#include <algorithm>

#include "command_line.h"
#include "golden_cases.h"
#include "golden_self_checks.h"

namespace tconv {
namespace {

bool wanted(const Options& o, const GoldenCase& c, const Adapter* adapter) {
  if (adapter && !runs_on_adapters(*c.vector)) return false;
  if (o.framework && c.source != *o.framework) return false;
  if (o.case_id && c.vector->id != *o.case_id) return false;
  return selected(o, c.vector->problem) && o.shard.owns(c.index);
}

}  // namespace

std::vector<std::string> run_golden_phase(const Options& options, Adapter* adapter,
                                          RunReport& report, Progress& progress) {
  const GoldenVectors vectors(options.vectors_dir);
  const auto& all = vectors.cases();
  if (options.case_id) {
    const auto named = std::find_if(all.begin(), all.end(), [&](const GoldenCase& c) {
      return c.vector->id == *options.case_id;
    });
    if (named == all.end()) {
      throw UsageError("--case " + *options.case_id + ": no stored golden case has this id");
    }
    if (adapter && !runs_on_adapters(*named->vector)) {
      throw UsageError("--case " + *options.case_id +
                       ": its problem is outside the model, so no adapter can be given it");
    }
  }
  std::vector<const GoldenCase*> chosen;
  for (const GoldenCase& c : all) {
    if (wanted(options, c, adapter)) chosen.push_back(&c);
  }
  const IsolationOptions isolation{options.timeout, options.memory_limit_mb};
  const std::string replay = replay_prefix(options) + " --case ";
  progress.start("golden", static_cast<int>(chosen.size()));
  int done = 0, refused = 0;
  for (const GoldenCase* c : chosen) {
    std::vector<CaseRecord> records;
    if (adapter) {
      records.push_back(check_golden_case(*adapter, *c, isolation));
      refused += records.back().check == kReferencesAgreeWithTheVector ? 1 : 0;
    } else {
      records = self_check_golden_case(*c);
    }
    for (CaseRecord& r : records) {
      r.reproduce = replay + shell_quote(c->vector->id);
      report.cases.push_back(std::move(r));
    }
    progress.update(++done, report.failures());
  }
  progress.finish();
  if (refused == 0) return {};
  return {std::to_string(refused) + " golden vector" + (refused == 1 ? " was" : "s were") +
          " refused and not run: the built-in references disagree with " +
          (refused == 1 ? "it" : "them") + " (listed among the failures, check '" +
          kReferencesAgreeWithTheVector + "')"};
}

}  // namespace tconv
