// The options of tconv-conform, parsed and checked once (usage_text() lists them).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "problem.h"
#include "scalar.h"

namespace tconv {

// A command line tconv-conform cannot run: exit status 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Shard {
  int index = 0, count = 1;  // case k belongs to shard k mod count
  bool owns(std::int64_t k) const { return k % count == index; }
};

struct Options {
  std::string program = "tconv-conform";  // argv[0], for replay commands
  std::vector<std::string> arguments;     // the whole command line
  bool help = false;
  // The implementation: an adapter library, an adapter command, or neither (the
  // built-in references).
  std::optional<std::string> adapter_library;  // --adapter
  std::optional<std::string> adapter_command;  // --adapter-cmd
  std::chrono::milliseconds timeout{10'000};   // --timeout-ms, per call
  std::int64_t memory_limit_mb = 2048;         // --memory-limit-mb, per in-process call
  bool golden = true, property = true, topology = true;  // --phase
  bool session = true;                                   // --phase (with an adapter)
  std::optional<std::string> session_replay;  // --session-replay: only this history
  std::string vectors_dir;                     // --vectors
  // Golden cases.
  std::optional<std::string> framework;  // --framework: the vectors' source
  std::optional<std::string> case_id;    // --case
  // Random problems.
  int cases = 1000;                   // --cases
  std::optional<double> time_budget;  // --time-budget, seconds
  std::uint64_t seed = 1;             // --seed
  std::optional<DType> dtype;         // --dtype
  std::vector<Problem> problems;      // --problem, each one given
  std::string size = "medium";              // --size small|medium|large
  std::optional<std::int64_t> max_elements; // --max-elements, of each tensor
  // Real layers.
  std::optional<std::string> layer;  // --layer: only this one
  // Both.
  std::optional<int> rank;             // --rank
  std::optional<std::string> feature;  // --feature
  Shard shard;                         // --shard, or GTEST_SHARD_INDEX / GTEST_TOTAL_SHARDS
  std::optional<std::string> shard_status_file;  // GTEST_SHARD_STATUS_FILE, with the variables
  // Output.
  std::optional<std::string> json, junit, html;
  bool quiet = false;
  std::vector<std::string> merge_reports;  // --merge-reports: shard JSON reports to merge
  bool allow_empty = false;  // --allow-empty: a run that checks no case exits 0, not 3
};

// argv as given (argv[0] first); the sharding variables are read from the environment
// when --shard is absent. Throws UsageError naming the option and what is wrong.
Options parse_options(const std::vector<std::string>& argv);

std::string usage_text();

// Whether a problem passes the --rank and --feature filters.
bool selected(const Options& o, const Problem& p);

// The start of a command re-running one case: the program, the implementation, its
// timeout and the vectors directory, as given.
std::string replay_prefix(const Options& o);

}  // namespace tconv
