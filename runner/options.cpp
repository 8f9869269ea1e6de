#include "options.h"

#include <algorithm>
#include <cstdlib>
#include <limits>

#include "adapter_interface.h"
#include "command_line.h"
#include "default_vectors.h"
#include "feature_tags.h"
#include "loader.h"
#include "problem_limit.h"
#include "problem_string.h"
#include "real_layers.h"

namespace tconv {
namespace {

constexpr const char* kSources[] = {"pytorch", "tfjs", "onnxruntime", "literature"};

std::int64_t number(const std::string& option, const std::string& text, std::int64_t least,
                    std::int64_t most = std::numeric_limits<std::int64_t>::max()) {
  std::size_t used = 0;
  long long value = 0;
  try {
    value = std::stoll(text, &used);
  } catch (const std::logic_error&) {
    used = 0;
  }
  if (used == 0 || used != text.size() || value < least || value > most) {
    throw UsageError(option + " " + text + ": must be an integer in [" + std::to_string(least) +
                     ", " + std::to_string(most) + "]");
  }
  return value;
}

Shard parse_shard(const std::string& what, const std::string& index, const std::string& count) {
  const auto n = static_cast<int>(number(what, count, 1, 1 << 20));
  return {static_cast<int>(number(what, index, 0, n - 1)), n};
}

// GTEST_SHARD_INDEX / GTEST_TOTAL_SHARDS, the sharding protocol of GoogleTest runners.
void shard_from_environment(Options& o) {
  const char* index = std::getenv("GTEST_SHARD_INDEX");
  const char* total = std::getenv("GTEST_TOTAL_SHARDS");
  if (!index && !total) return;
  if (!index || !total) {
    throw UsageError("GTEST_SHARD_INDEX and GTEST_TOTAL_SHARDS must be set together");
  }
  o.shard = parse_shard("GTEST_SHARD_INDEX/GTEST_TOTAL_SHARDS", index, total);
  if (const char* status = std::getenv("GTEST_SHARD_STATUS_FILE")) o.shard_status_file = status;
}

// --phase: one phase, a comma-separated list of them, or all.
void set_phases(Options& o, const std::string& phases) {
  o.golden = o.property = o.topology = o.session = false;
  std::size_t begin = 0;
  while (begin <= phases.size()) {
    const std::size_t end = std::min(phases.find(',', begin), phases.size());
    const std::string phase = phases.substr(begin, end - begin);
    if (phase == "golden" || phase == "all") o.golden = true;
    if (phase == "property" || phase == "all") o.property = true;
    if (phase == "topology" || phase == "all") o.topology = true;
    if (phase == "session" || phase == "all") o.session = true;
    if (phase != "golden" && phase != "property" && phase != "topology" && phase != "session" &&
        phase != "all") {
      throw UsageError("--phase " + phases +
                       ": must be golden, property, topology, session or all, or a "
                       "comma-separated list");
    }
    begin = end + 1;
  }
}

void check_combinations(const Options& o) {
  if (o.adapter_library && o.adapter_command) {
    throw UsageError("--adapter and --adapter-cmd: give one implementation");
  }
  if (!o.problems.empty() && o.case_id) throw UsageError("--problem and --case: give one case");
  if (!o.problems.empty() && !o.property)
    throw UsageError("--problem checks the given problems: not with --phase golden");
  if (!o.merge_reports.empty() &&
      (o.adapter_library || o.adapter_command || !o.problems.empty() || o.case_id)) {
    throw UsageError("--merge-reports merges reports: it runs no adapter, problem or case");
  }
  if (o.case_id && !o.golden)
    throw UsageError("--case names a golden case: not with --phase property");
  if (o.layer && (o.case_id || !o.problems.empty() || !o.topology))
    throw UsageError("--layer names a real layer of the topology phase: not with --case, "
                     "--problem or a --phase without topology");
  if (o.session_replay && (!o.adapter_library && !o.adapter_command)) {
    throw UsageError(
        "--session-replay replays an adapter's session: give --adapter or --adapter-cmd");
  }
  if (o.session_replay && (o.case_id || !o.problems.empty() || o.layer)) {
    throw UsageError(
        "--session-replay runs the history alone: not with --case, --problem or --layer");
  }
  if (o.dtype && !o.adapter_library && !o.adapter_command) {
    throw UsageError(
        "--dtype applies to an adapter; the built-in references run in int64 and double");
  }
}

}  // namespace

Options parse_options(const std::vector<std::string>& argv) {
  Options o;
  o.vectors_dir = default_vectors_dir();
  if (!argv.empty()) o.program = argv.front();
  o.arguments = argv;
  bool shard_given = false;
  for (std::size_t i = 1; i < argv.size(); ++i) {
    const std::string& arg = argv[i];
    const auto value = [&]() -> const std::string& {
      if (i + 1 >= argv.size()) throw UsageError(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--help" || arg == "-h") {
      o.help = true;
    } else if (arg == "--adapter") {
      o.adapter_library = value();
    } else if (arg == "--adapter-cmd") {
      o.adapter_command = value();
      try {
        if (split_command(*o.adapter_command).empty())
          throw UsageError("--adapter-cmd: empty command");
      } catch (const std::invalid_argument& e) {
        throw UsageError(std::string("--adapter-cmd: ") + e.what());
      }
    } else if (arg == "--timeout-ms") {
      // At most a day: deadlines are now + timeout on a clock of int64 nanoseconds.
      o.timeout = std::chrono::milliseconds(number(arg, value(), 1, 86'400'000));
    } else if (arg == "--memory-limit-mb") {
      o.memory_limit_mb = number(arg, value(), 0, 1 << 24);
    } else if (arg == "--phase") {
      set_phases(o, value());
    } else if (arg == "--vectors") {
      o.vectors_dir = value();
    } else if (arg == "--framework") {
      o.framework = value();
      if (std::find(std::begin(kSources), std::end(kSources), *o.framework) == std::end(kSources)) {
        throw UsageError("--framework " + *o.framework +
                         ": must be pytorch, tfjs, onnxruntime or literature");
      }
    } else if (arg == "--case") {
      o.case_id = value();
    } else if (arg == "--cases") {
      o.cases = static_cast<int>(number(arg, value(), 1, 1 << 24));
    } else if (arg == "--time-budget") {
      const std::string& text = value();
      char* end = nullptr;
      const double seconds = std::strtod(text.c_str(), &end);
      if (text.empty() || *end != '\0' || !(seconds > 0)) {
        throw UsageError("--time-budget " + text + ": must be a number of seconds > 0");
      }
      o.time_budget = seconds;
    } else if (arg == "--seed") {
      o.seed = static_cast<std::uint64_t>(number(arg, value(), 0));
    } else if (arg == "--dtype") {
      try {
        o.dtype = parse_dtype(value());
      } catch (const std::invalid_argument& e) {
        throw UsageError(std::string("--dtype: ") + e.what());
      }
    } else if (arg == "--size") {
      o.size = value();
      if (o.size != "small" && o.size != "medium" && o.size != "large") {
        throw UsageError("--size " + o.size + ": must be small, medium or large");
      }
    } else if (arg == "--max-elements") {
      o.max_elements = number(arg, value(), 16, kMaxProblemElements);
    } else if (arg == "--layer") {
      o.layer = value();
    } else if (arg == "--problem") {
      try {
        o.problems.push_back(parse_problem(value()));
        check_problem_size(o.problems.back());  // validates it too
      } catch (const ProblemError& e) {
        throw UsageError(std::string("--problem: ") + e.what());
      }
    } else if (arg == "--rank") {
      o.rank = static_cast<int>(number(arg, value(), 1, 3));
    } else if (arg == "--feature") {
      o.feature = value();
      const auto& all = all_features();
      if (std::find(all.begin(), all.end(), *o.feature) == all.end()) {
        throw UsageError("--feature '" + *o.feature + "': not a feature (see --help)");
      }
    } else if (arg == "--shard") {
      const std::string& text = value();
      const std::size_t slash = text.find('/');
      if (slash == std::string::npos) throw UsageError("--shard " + text + ": must be i/n");
      o.shard = parse_shard("--shard", text.substr(0, slash), text.substr(slash + 1));
      shard_given = true;
    } else if (arg == "--session-replay") {
      o.session_replay = value();
    } else if (arg == "--json") {
      o.json = value();
    } else if (arg == "--junit") {
      o.junit = value();
    } else if (arg == "--html") {
      o.html = value();
    } else if (arg == "--merge-reports") {
      // Every following word up to the next option is a report.
      while (i + 1 < argv.size() && !argv[i + 1].starts_with("--")) o.merge_reports.push_back(argv[++i]);
      if (o.merge_reports.empty()) throw UsageError("--merge-reports needs the shards' JSON reports");
    } else if (arg == "--quiet") {
      o.quiet = true;
    } else if (arg == "--allow-empty") {
      o.allow_empty = true;
    } else {
      throw UsageError("unknown argument '" + arg + "'");
    }
  }
  if (!shard_given) shard_from_environment(o);
  check_combinations(o);
  // One case runs alone: a golden case, a problem or a real layer, without the other phases.
  if (o.case_id) o.property = o.topology = false;
  if (!o.problems.empty()) o.golden = o.topology = false;
  if (o.layer) o.golden = o.property = false;
  if (o.case_id || !o.problems.empty() || o.layer) o.session = false;
  if (o.session_replay) o.golden = o.property = o.topology = o.session = false;
  return o;
}

bool selected(const Options& o, const Problem& p) {
  if (o.rank && p.rank() != *o.rank) return false;
  if (!o.feature) return true;
  const std::vector<std::string> tags = features(p);
  return std::find(tags.begin(), tags.end(), *o.feature) != tags.end();
}

std::string replay_prefix(const Options& o) {
  // Paths absolute, so that the command works from any directory; a program found on
  // PATH (no '/') stays as typed.
  std::vector<std::string> words{o.program.find('/') == std::string::npos ? o.program
                                                                           : absolute_path(o.program)};
  if (o.adapter_library)
    words.insert(words.end(), {"--adapter", absolute_path(*o.adapter_library)});
  if (o.adapter_command) {
    words.insert(words.end(),
                 {"--adapter-cmd", join_command(with_absolute_files(split_command(*o.adapter_command)))});
  }
  if (o.timeout != Options{}.timeout)
    words.insert(words.end(), {"--timeout-ms", std::to_string(o.timeout.count())});
  if (o.memory_limit_mb != Options{}.memory_limit_mb)
    words.insert(words.end(), {"--memory-limit-mb", std::to_string(o.memory_limit_mb)});
  if (o.vectors_dir != default_vectors_dir())
    words.insert(words.end(), {"--vectors", absolute_path(o.vectors_dir)});
  return join_command(words);
}

std::string usage_text() {
  std::string features;
  for (const std::string& tag : all_features()) features += " '" + tag + "'";
  std::string layers;
  for (const RealLayer& layer : kRealLayers) layers += std::string(" ") + layer.name;
  return R"(usage: tconv-conform [options]

Runs an implementation of the transposed convolution through the conformance suite:
first the golden vectors (outputs of PyTorch, tfjs, ONNX Runtime and the literature),
then the real layers of published networks in every declared layout (topology), then
property checks on random valid problems (output shape, agreement with the reference,
adjointness, linearity). A failing random problem is shrunk to a minimal one; every
failure prints a command that replays it.

exit status:
  0  at least one case was checked, and every case checked passed
  1  a case failed, or a golden vector was refused: with an adapter, each golden case is
     first checked against the built-in references, and one they disagree with is
     recorded as a failure ('the references agree with the vector') and not run
  2  a usage error, an adapter that cannot be used, a vector file that cannot be read
     or is broken, or a report path that cannot be written (checked before the run)
  3  no case was checked (0 passed, 0 failed): the filters, the vectors or the
     adapter's declared capabilities left nothing to check; 0 with --allow-empty

implementation (docs/ADAPTERS.md); without one, the built-in references check
themselves: every formulation against every golden vector, and the four formulations
against each other on random problems:
  --adapter PATH.so         an in-process adapter library (C ABI)
  --adapter-cmd "COMMAND"   an out-of-process adapter (line protocol), split like a shell
  --timeout-ms N            per call (default 10000), plus 100 ms per million
                            multiply-adds of its problem
  --memory-limit-mb N       what an in-process call may allocate, in MiB, plus 8 times
                            the bytes of its tensors (default 2048; 0: no limit)

what to run:
  --phase golden|topology|property|session|all   (default all); or a list, e.g.
                            golden,property. session: a few sequences of calls, each in
                            one process of the adapter (state kept between calls,
                            determinism; docs/ADAPTERS.md#sessions)
  --session-replay FILE     only the session history FILE (written by a failing session)
  --framework NAME          golden cases of one source: pytorch, tfjs, onnxruntime, literature
  --case ID                 only this golden case (no random problems)
  --cases N                 random problems to check (default 1000); with an adapter, those
                            outside its declared capabilities are reported as unsupported
                            and not counted
  --time-budget SECONDS     stop drawing random problems once the run has taken this long
  --seed S                  seed of the random problems and their data (default 1)
  --dtype float32|float64|int64  run random problems in this dtype (default: each one in
                            a dtype the adapter declares, chosen by the seed)
  --size small|medium|large how large random problems get (default medium: up to 257
                            channels, batch 8, 2^18 elements per tensor, FCN-size kernels;
                            small: 17 channels, batch 5, 4096 elements; large: 513, 16, 2^22)
  --max-elements N          at most N elements in each tensor of a random problem (and
                            real layers with a larger tensor left out)
  --problem STR             only the property checks of this problem string (repeat it
                            to check several: each one runs); each tensor
                            it needs must have at most )" +
         std::to_string(kMaxProblemElements) + R"( elements
  --layer NAME              only this real layer (topology phase; names below). Each real
                            layer runs in every layout the adapter declares, in float32
                            (else --dtype or its first declared dtype), against gemm_col2im;
                            those over 2^26 multiply-adds in one layout (--size small: not
                            at all; --size large: every layout); without an adapter,
                            gemm_col2im against the direct scatter in int64
  --rank R                  only problems of rank R (1, 2 or 3)
  --feature TAG             only problems having this feature (tags below)
  --shard i/n               only the cases k with k mod n = i (golden cases, real-layer
                            cases and counted random problems are numbered separately); default
                            GTEST_SHARD_INDEX / GTEST_TOTAL_SHARDS when set
  --vectors DIR             the golden vector files (default: the installed ones, or this build's vectors/);
                            regular files of at most )" +
         std::to_string(kMaxVectorFileBytes >> 20) + R"( MiB each
  --allow-empty             exit 0, not 3, when no case was checked

output (the terminal summary goes to stdout, a progress bar to a terminal's stderr):
  --json FILE  --junit FILE  --html FILE    reports
  --quiet                   print only the conformance line
  --merge-reports A.json B.json ...
                            run nothing: merge the JSON reports of the n shards of one
                            run (--shard i/n, each shard exactly once) into one report of
                            the whole run, printed and written with --json/--junit/--html;
                            its totals are the sums of the shards'; exit status as a run
  --help

features:)" +
         features + "\n\nreal layers:" + layers + "\n";
}

}  // namespace tconv
