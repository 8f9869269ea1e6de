// tconv-conform: the conformance runner. Without an adapter it checks the built-in
// references against each other (agreement, exactness in double, adjointness) on
// random valid problems, shrinking every failure to a minimal problem.
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "feature_tags.h"
#include "problem_search.h"
#include "problem_string.h"
#include "reference_agreement.h"
#include "summary.h"

namespace {

constexpr const char* kUsage = R"(usage: tconv-conform [options]

Checks the four built-in reference formulations of the transposed convolution
against each other on random valid problems: identical results on small-integer
data in int64 and double, and each the exact adjoint of the forward convolution.
A failing problem is shrunk to a minimal one and printed as a problem string.

options:
  --cases N        number of random problems (default 1000)
  --seed S         seed of the problem sequence (default 1); printed, replayable
  --feature TAG    count only problems having this feature (see below)
  --problem STR    check this one problem string instead of random ones
  --help           this text

features: )";

struct Options {
  int cases = 1000;
  std::uint64_t seed = 1;
  std::optional<std::string> feature;
  std::optional<std::string> problem;
};

[[noreturn]] void usage_error(const std::string& message) {
  std::cerr << "tconv-conform: " << message << " (see --help)\n";
  std::exit(2);
}

Options parse_options(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage_error(arg + " needs a value");
      return argv[++i];
    };
    try {
      if (arg == "--help") {
        std::cout << kUsage;
        for (const std::string& tag : tconv::all_features()) std::cout << "'" << tag << "' ";
        std::cout << "\n";
        std::exit(0);
      } else if (arg == "--cases") {
        o.cases = std::stoi(value());
        if (o.cases < 1) usage_error("--cases must be >= 1");
      } else if (arg == "--seed") {
        o.seed = std::stoull(value());
      } else if (arg == "--feature") {
        o.feature = value();
        const auto& all = tconv::all_features();
        if (std::find(all.begin(), all.end(), *o.feature) == all.end()) {
          usage_error("unknown feature '" + *o.feature + "'");
        }
      } else if (arg == "--problem") {
        o.problem = value();
      } else {
        usage_error("unknown argument '" + arg + "'");
      }
    } catch (const std::logic_error&) {  // stoi / stoull
      usage_error("bad number for " + arg);
    }
  }
  return o;
}

// Any exception (a ProblemError for a problem the generator should never make) fails the case.
std::optional<std::string> check(const tconv::Problem& p, std::uint64_t data_seed) {
  try {
    return tconv::check_reference_agreement(p, data_seed);
  } catch (const std::exception& e) {
    return tconv::to_string(p) + ": threw: " + e.what();
  }
}

bool has_feature(const tconv::Problem& p, const std::optional<std::string>& feature) {
  if (!feature) return true;
  const auto tags = tconv::features(p);
  return std::find(tags.begin(), tags.end(), *feature) != tags.end();
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = parse_options(argc, argv);
  const auto start = std::chrono::steady_clock::now();
  tconv::FeatureSummary summary;
  std::vector<std::string> failures;

  if (options.problem) {
    tconv::Problem p;
    try {
      p = tconv::parse_problem(*options.problem);
      tconv::validate(p);
    } catch (const tconv::ProblemError& e) {
      usage_error(std::string("--problem: ") + e.what());
    }
    std::cout << "tconv-conform: built-in references, problem " << tconv::to_string(p) << "\n";
    auto failure = check(p, options.seed);
    summary.record(p, failure ? tconv::Outcome::failed : tconv::Outcome::passed);
    if (failure) failures.push_back(*failure);
  } else {
    std::cout << "tconv-conform: built-in references, " << options.cases
              << " random problems, seed " << options.seed
              << (options.feature ? ", feature '" + *options.feature + "'" : "") << "\n";
    const tconv::ProblemSearch search(options.seed);
    const auto data_check = [&](const tconv::Problem& p) { return check(p, options.seed); };
    // Problems without the requested feature are drawn but not counted; the draw
    // budget bounds the search for a rare feature.
    const int draw_budget = options.feature ? options.cases * 200 : options.cases;
    for (int i = 0, counted = 0; i < draw_budget && counted < options.cases; ++i) {
      if (!has_feature(search.draw(i), options.feature)) continue;
      ++counted;
      const tconv::Problem p = search.draw(i);
      if (auto bad = search.check(i, data_check)) {
        summary.record(p, tconv::Outcome::failed);
        failures.push_back("case " + std::to_string(i) + " " + tconv::to_string(p) + " fails; shrunk in " +
                           std::to_string(bad->shrink_steps) + " steps to " +
                           tconv::to_string(bad->problem) + "\n    " + bad->failure +
                           "\n    reproduce: tconv-conform --seed " + std::to_string(options.seed) +
                           " --problem " + tconv::to_string(bad->problem));
      } else {
        summary.record(p, tconv::Outcome::passed);
      }
    }
  }

  for (const std::string& f : failures) std::cout << "FAIL " << f << "\n";
  std::cout << "\n";
  summary.print(std::cout);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "\n" << (summary.failures() ? "NOT CONFORMING" : "CONFORMING") << " in " << seconds
            << " s\nconformance: " << summary.cases() - summary.failures() << " passed, "
            << summary.failures() << " failed\n";
  return summary.failures() ? 1 : 0;
}
