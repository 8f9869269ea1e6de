#include "topology_phase.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <random>
#include <type_traits>

#include "capabilities.h"
#include "command_line.h"
#include "error_bound.h"
#include "gemm_col2im.h"
#include "operands.h"
#include "outcome.h"
#include "output_comparison.h"
#include "problem_string.h"
#include "property_checks.h"
#include "real_layers.h"
#include "references.h"

namespace tconv {
namespace {

// A failure has an error map up to this many output elements: the map holds four doubles
// per element, in memory and in the JSON report, takes seconds to build on the largest
// layers, and a broken adapter can fail every layout of every layer.
constexpr std::int64_t kMaxErrorMapElements = std::int64_t{1} << 16;

constexpr Layout kLayouts[] = {Layout::ncx, Layout::nxc};
constexpr WeightLayout kWeightLayouts[] = {WeightLayout::iox, WeightLayout::oix,
                                           WeightLayout::xoi};

bool declares_layouts(const tconv_capabilities& caps, const Problem& p) {
  return (caps.layouts & TCONV_BIT(static_cast<int>(p.layout))) &&
         (caps.weight_layouts & TCONV_BIT(static_cast<int>(p.weight_layout)));
}

// The layouts a layer runs in (topology_phase.h): every one, or for a large layer one.
std::vector<Problem> layouts_to_run(const Problem& layer, const Adapter* adapter,
                                    bool every_layout) {
  if (!adapter) return {layer};
  std::vector<Problem> all;
  for (Layout l : kLayouts) {
    for (WeightLayout w : kWeightLayouts) {
      Problem q = layer;
      q.layout = l;
      q.weight_layout = w;
      all.push_back(q);
    }
  }
  if (every_layout || multiply_adds(layer) <= kAllLayoutsMacs) return all;
  const tconv_capabilities& caps = adapter->info().capabilities;
  if (declares_layouts(caps, layer)) return {layer};
  const auto first = std::find_if(all.begin(), all.end(),
                                  [&](const Problem& q) { return declares_layouts(caps, q); });
  return {first == all.end() ? layer : *first};
}

// --dtype; else float32, the dtype real layers run in, or the first dtype the adapter
// declares when float32 is not one (float32 again when none is: unsupported, and says so).
DType topology_dtype(const Options& o, const Adapter* adapter) {
  if (!adapter) return DType::float64;  // small integers, exact
  if (o.dtype) return *o.dtype;
  for (DType d : {DType::float32, DType::float64, DType::int64}) {
    if (adapter->info().capabilities.dtypes & TCONV_BIT(static_cast<int>(d))) return d;
  }
  return DType::float32;
}

bool within_max_elements(const Options& o, const Problem& p) {
  if (!o.max_elements) return true;
  return std::max({input_elements(p), weight_elements(p), output_elements(p)}) <= *o.max_elements;
}

template <class T>
std::vector<T> gemm_col2im(const Problem& p, std::span<const T> input, std::span<const T> weights,
                           std::span<const T> bias) {
  std::vector<T> output(static_cast<std::size_t>(output_elements(p)));
  conv_transpose_gemm_col2im<T>(p, input, weights, bias, output);
  return output;
}

std::vector<double> magnitudes(std::vector<double> v) {
  for (double& x : v) x = std::abs(x);
  return v;
}

// What reference_output (output_comparison.h) gives, from gemm_col2im instead of the
// direct scatter: exact in int64; otherwise computed in double, each element allowed
// the bound of rounding_tolerance (check/error_bound.h), its magnitude sum Σ|x·w| + |b|
// also computed by gemm_col2im (any summation order keeps that bound).
template <class T>
ExpectedOutput gemm_col2im_output(const Problem& p, const OperandData<T>& o) {
  if constexpr (std::is_integral_v<T>) {
    const std::vector<T> exact = gemm_col2im<T>(p, o.input, o.weights, o.bias);
    return {std::vector<double>(exact.begin(), exact.end()), {}};
  } else {
    const std::vector<double> x = as_double<T>(o.input), w = as_double<T>(o.weights),
                              b = as_double<T>(o.bias);
    ExpectedOutput e{gemm_col2im<double>(p, x, w, b),
                     gemm_col2im<double>(p, magnitudes(x), magnitudes(w), magnitudes(b))};
    const std::int64_t n = terms_per_output(p);
    const double g = gamma(n, unit_roundoff<T>()) + gamma(n, unit_roundoff<double>());
    for (double& allowed : e.allowed) allowed = bound_from_double_magnitude(g, n, allowed);
    return e;
  }
}

// compare_output (output_comparison.h), with an error map up to kMaxErrorMapElements.
template <class T>
Outcome compare(const Problem& p, const ExpectedOutput& expected, std::span<const T> actual) {
  return compare_output<T>(p, expected, actual, {}, kMaxErrorMapElements);
}

// One call of the adapter on the agreement check's data, compared with gemm_col2im.
template <class T>
Outcome check_call(Adapter& adapter, const Problem& p, std::uint64_t data_seed,
                   const IsolationOptions& isolation) {
  std::mt19937_64 rng(data_seed);
  const OperandData<T> o = random_operands<T>(p, rng);
  std::vector<T> output;
  const CallResult call = call_adapter<T>(adapter, p, o, output, isolation);
  if (call.verdict != Verdict::completed) return outcome_of(call);
  return compare<T>(p, gemm_col2im_output<T>(p, o), output);
}

// The built-in check: gemm_col2im and the direct scatter, exactly, on small integers in
// double (every sum exact: docs/PRECISION.md), which ran faster here than int64.
Outcome check_gemm_col2im(const Problem& p, std::uint64_t data_seed) {
  std::mt19937_64 rng(data_seed);
  const std::vector<double> x = small_integers<double>(input_elements(p), rng),
                            w = small_integers<double>(weight_elements(p), rng),
                            b = small_integers<double>(bias_elements(p), rng);
  std::vector<double> direct = conv_transpose<double>(Formulation::direct_scatter, p, x, w, b);
  const std::size_t n = direct.size();
  return compare<double>(p, {std::move(direct), std::vector<double>(n, 0.0)},
                         gemm_col2im<double>(p, x, w, b));
}

struct PlannedCase {
  const RealLayer* layer;
  Problem problem;
};

class TopologyPhase {
 public:
  TopologyPhase(const Options& options, Adapter* adapter)
      : options_(options), adapter_(adapter), dtype_(topology_dtype(options, adapter)) {}

  // The cases of this shard that pass the filters, in plan order.
  std::vector<PlannedCase> plan() const {
    std::vector<PlannedCase> chosen;
    std::int64_t k = 0;
    for (const RealLayer& layer : kRealLayers) {
      const Problem own = parse_problem(layer.problem);
      const std::int64_t macs = multiply_adds(own);
      // A layer named by --layer runs whatever its size (a replay gives no --size).
      const bool too_large = !options_.layer && options_.size == "small" && macs > kAllLayoutsMacs;
      for (Problem& q : layouts_to_run(own, adapter_, options_.size == "large")) {
        const bool wanted = !too_large &&
                            (!options_.layer || *options_.layer == layer.name) &&
                            within_max_elements(options_, q) && selected(options_, q);
        if (wanted && options_.shard.owns(k)) chosen.push_back({&layer, std::move(q)});
        ++k;
      }
    }
    return chosen;
  }

  CaseRecord check(const PlannedCase& c) const {
    const auto start = std::chrono::steady_clock::now();
    const Problem& p = c.problem;
    const std::string id = std::string(c.layer->name) + " " + to_string(p.layout) + "," +
                           to_string(p.weight_layout);
    CaseRecord r = make_record(id, "topology", adapter_ ? kTopologyCheck : kTopologySelfCheck, "",
                               p, dtype_, outcome(p));
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::vector<std::string> words{"--seed", std::to_string(options_.seed)};
    if (adapter_) {
      // The same call as the agreement check of the problem alone, on the same data.
      words.insert(words.end(), {"--dtype", r.dtype, "--problem", to_string(p)});
    } else {
      words.insert(words.end(), {"--layer", c.layer->name});
    }
    r.reproduce = replay_prefix(options_) + " " + join_command(words);
    return r;
  }

 private:
  Outcome outcome(const Problem& p) const {
    if (adapter_) return adapter_outcome(p);
    return outcome_or_error(p, [&] {
      return check_gemm_col2im(p, data_seed(options_.seed, p, dtype_, kTopologySelfCheck));
    });
  }

  Outcome adapter_outcome(const Problem& p) const {
    const AdapterInfo& info = adapter_->info();
    if (const auto missing = unsupported_feature(info.capabilities, p, dtype_)) {
      return {Verdict::unsupported,
              to_string(p) + " in " + to_string(dtype_) + ": needs " + *missing + ", which " +
                  info.name + " does not declare",
              {}};
    }
    // The agreement check's data seed: `--problem` replays this very call.
    const std::uint64_t seed =
        data_seed(options_.seed, p, dtype_, to_string(PropertyCheck::agreement));
    const IsolationOptions isolation{options_.timeout, options_.memory_limit_mb};
    return outcome_or_error(p, [&] {
      return visit_dtype(dtype_, [&](auto zero) {
        return check_call<decltype(zero)>(*adapter_, p, seed, isolation);
      });
    });
  }

  const Options& options_;
  Adapter* adapter_;
  const DType dtype_;
};

}  // namespace

void run_topology_phase(const Options& options, Adapter* adapter, RunReport& report,
                        Progress& progress) {
  if (options.layer &&
      std::none_of(std::begin(kRealLayers), std::end(kRealLayers),
                   [&](const RealLayer& l) { return *options.layer == l.name; })) {
    throw UsageError("--layer " + *options.layer + ": no real layer has this name (see --help)");
  }
  const TopologyPhase phase(options, adapter);
  const std::vector<PlannedCase> cases = phase.plan();
  progress.start("topology", static_cast<int>(cases.size()));
  int done = 0;
  for (const PlannedCase& c : cases) {
    report.cases.push_back(phase.check(c));
    progress.update(++done, report.failures());
  }
  progress.finish();
}

}  // namespace tconv
