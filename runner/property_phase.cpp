#include "property_phase.h"

#include <map>
#include <optional>
#include <sstream>

#include "capabilities.h"
#include "command_line.h"
#include "problem_search.h"
#include "problem_string.h"
#include "property_case.h"
#include "property_checks.h"
#include "reference_agreement.h"

namespace tconv {
namespace {

constexpr int kDrawsPerCase = 100;
constexpr int kMaxShrinkChecks = 300;
constexpr const char* kUnsupportedCheck = "every property check";

// The random problems left out for one missing capability: the first, and how many.
struct Unsupported {
  CaseRecord first;
  int count = 0;
};

class PropertyPhase {
 public:
  PropertyPhase(const Options& options, Adapter* adapter, RunReport& report)
      : options_(options),
        adapter_(adapter),
        report_(report),
        settings_{options.seed, options.dtype, {options.timeout, options.memory_limit_mb},
                  kMaxShrinkChecks},
        search_(options.seed, properties::problem_scale(options.size, options.max_elements)) {}

  Problem draw(int index) const { return search_.draw(index); }

  // The checks of random problem `index`, shrunk on failure.
  void check_random(int index) {
    if (adapter_) {
      for (PropertyCheck c : kPropertyChecks) {
        add(check_random_property(*adapter_, search_, index, c, settings_));
      }
    } else {
      add(record_random_case(search_, index, kReferenceAgreement, DType::int64, builtin_check(),
                             kMaxShrinkChecks));
    }
  }

  void check_given(const Problem& p) {
    if (adapter_) {
      for (PropertyCheck c : kPropertyChecks) add(check_given_property(*adapter_, p, c, settings_));
    } else {
      add(record_given_case(p, kReferenceAgreement, DType::int64, builtin_check()));
    }
  }

  // The capability random problem `index` needs that the adapter does not declare.
  std::optional<CaseRecord> unsupported(int index, const Problem& p) const {
    if (!adapter_) return std::nullopt;
    const AdapterInfo& info = adapter_->info();
    const DType dtype = property_dtype(info, settings_, index);
    const auto missing = unsupported_feature(info.capabilities, p, dtype);
    if (!missing) return std::nullopt;
    return make_record("random-" + std::to_string(index), "property", kUnsupportedCheck, "", p,
                       dtype,
                       {Verdict::unsupported,
                        to_string(p) + " in " + to_string(dtype) + ": needs " + *missing +
                            ", which " + info.name + " does not declare",
                        {}});
  }

  void tally(CaseRecord record) {
    const std::string key = record.message.substr(record.message.find(": needs "));
    auto [it, first] = unsupported_.try_emplace(key, Unsupported{record, 0});
    if (first) order_.push_back(key);
    ++it->second.count;
  }

  // One record per missing capability, its message counting the problems left out.
  void add_unsupported(int drawn) {
    for (const std::string& key : order_) {
      Unsupported& u = unsupported_.at(key);
      u.first.message += "; " + std::to_string(u.count) + " of the " + std::to_string(drawn) +
                         " random problems drawn need it (the first is shown), not counted";
      u.first.cases_represented = u.count;
      add(std::move(u.first));
    }
  }

 private:
  ProblemCheck builtin_check() const {
    return
        [seed = options_.seed](const Problem& p) { return reference_formulations_agree(p, seed); };
  }

  void add(CaseRecord r) {
    std::vector<std::string> words{"--seed", std::to_string(options_.seed)};
    if (adapter_) words.insert(words.end(), {"--dtype", r.dtype});
    words.insert(words.end(), {"--problem", to_string(r.problem)});
    r.reproduce = replay_prefix(options_) + " " + join_command(words);
    report_.cases.push_back(std::move(r));
  }

  const Options& options_;
  Adapter* adapter_;
  RunReport& report_;
  const PropertySettings settings_;
  const ProblemSearch search_;
  std::map<std::string, Unsupported> unsupported_;
  std::vector<std::string> order_;  // keys of unsupported_, first seen first
};

}  // namespace

std::vector<std::string> run_property_phase(const Options& options, Adapter* adapter,
                                            RunReport& report, Progress& progress,
                                            std::chrono::steady_clock::time_point run_start) {
  PropertyPhase phase(options, adapter, report);
  if (!options.problems.empty()) {
    for (const Problem& p : options.problems) phase.check_given(p);
    return {};
  }
  const int in_shard =
      (options.cases - options.shard.index + options.shard.count - 1) / options.shard.count;
  const std::int64_t draw_budget = static_cast<std::int64_t>(options.cases) * kDrawsPerCase;
  const auto out_of_time = [&] {
    return options.time_budget && std::chrono::steady_clock::now() - run_start >
                                      std::chrono::duration<double>(*options.time_budget);
  };
  progress.start("property", in_shard);
  int counted = 0, checked = 0, drawn = 0;
  std::vector<std::string> notes;
  int index = 0;
  for (; index < draw_budget && counted < options.cases; ++index) {
    if (out_of_time()) {
      std::ostringstream note;
      note << "time budget of " << *options.time_budget << " s spent: drawing stopped after "
           << counted << " of the " << options.cases << " random problems";
      notes.push_back(note.str());
      break;
    }
    const Problem p = phase.draw(index);
    if (!selected(options, p)) continue;
    if (auto left_out = phase.unsupported(index, p)) {
      if (options.shard.owns(index)) {
        ++drawn;
        phase.tally(std::move(*left_out));
      }
      continue;
    }
    if (!options.shard.owns(counted++)) continue;
    ++drawn;
    phase.check_random(index);
    progress.update(++checked, report.failures());
  }
  progress.finish();
  phase.add_unsupported(drawn);
  if (index == draw_budget && counted < options.cases) {
    notes.push_back("only " + std::to_string(counted) + " of the " + std::to_string(options.cases) +
                    " random problems found in " + std::to_string(draw_budget) +
                    " draws: the filters or the adapter's capabilities exclude the rest");
  }
  return notes;
}

}  // namespace tconv
