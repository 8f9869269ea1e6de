// tconv_bench: the reference formulations and the bundled in-process adapters timed on
// realistic layers (layers.h), single-threaded, in float32. A benchmark, not a test;
// scripts/run_benchmarks.sh runs it and writes docs/PERFORMANCE.md from its JSON.
//
// Time is the process's CPU time per call (the machine is shared; every implementation
// runs on one thread), with the wall time beside it. Per benchmark, counters give
// GFLOP/s (2 · multiply-adds / CPU time), the ratio of its time to oneDNN's on the same
// layer in this run (oneDNN runs first on each layer), and for the references the peak
// extra heap memory of a call (peak_memory.h). Every result is checked against the exact
// one within the float32 rounding bound; a wrong result or an adapter error is reported
// as the benchmark's error, never timed.
#include <benchmark/benchmark.h>
#include <sched.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "implementations.h"
#include "layer_data.h"
#include "peak_memory.h"
#include "problem_string.h"
#include "relayout.h"
#include "scalar.h"

namespace tconv::bench {
namespace {

// The four formulations written for clarity take their one call; the fast ones are
// repeated for at least this long (seconds of CPU time).
constexpr double kFastMinTime = 0.5;

struct Clocks {
  double cpu, wall;  // seconds
};

Clocks now() {
  timespec cpu{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu);
  const auto wall = std::chrono::steady_clock::now().time_since_epoch();
  return {static_cast<double>(cpu.tv_sec) + 1e-9 * static_cast<double>(cpu.tv_nsec),
          std::chrono::duration<double>(wall).count()};
}

// Runs the call; false, with the benchmark marked failed, if it throws (an adapter's error).
template <class Call>
bool completed(benchmark::State& state, const Call& call) {
  try {
    call();
    return true;
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
    return false;
  }
}

// oneDNN's CPU time per call on each layer, for the others' ratio.
std::map<std::string, double> onednn_seconds;

void measure(benchmark::State& state, LayerData& layer, const Implementation& impl) {
  const Problem& native = layer.problem();
  const Problem p = impl.layouts_for(native);
  if (const std::string lacks = impl.unsupported(p); !lacks.empty()) {
    state.SkipWithError(("unsupported: " + lacks + " (" + to_string(p) + ")").c_str());
    return;
  }
  state.SetLabel(std::string(to_string(p.layout)) + "," + to_string(p.weight_layout));
  const std::vector<float> input = relayout(Tensor::input, native, p, layer.input());
  const std::vector<float> weights = relayout(Tensor::weights, native, p, layer.weights());
  std::vector<float> output(static_cast<std::size_t>(output_elements(p)), poison<float>());
  const float* bias = p.has_bias ? layer.bias().data() : nullptr;
  const auto call = [&] { impl.run(p, input.data(), weights.data(), bias, output.data()); };

  // A library's first call builds its kernels: one untimed call for the adapters.
  if (!impl.is_reference && !completed(state, call)) return;
  Clocks total{0, 0};
  std::int64_t peak_bytes = 0;
  for (auto _ : state) {
    const PeakMemoryScope memory;
    const Clocks start = now();
    if (!completed(state, call)) break;
    const Clocks end = now();
    state.SetIterationTime(end.cpu - start.cpu);
    total.cpu += end.cpu - start.cpu;
    total.wall += end.wall - start.wall;
    peak_bytes = std::max(peak_bytes, memory.peak_extra_bytes());
  }
  if (state.error_occurred()) return;
  if (const std::string wrong = layer.check(relayout(Tensor::output, p, native, output));
      !wrong.empty()) {
    state.SkipWithError(("wrong result: " + wrong).c_str());
    return;
  }

  const auto calls = static_cast<double>(state.iterations());
  const double seconds = total.cpu / calls;
  state.counters["GFLOP/s"] = 2.0 * static_cast<double>(layer.macs()) / seconds / 1e9;
  state.counters["wall_ms"] = 1e3 * total.wall / calls;
  if (impl.name == "oneDNN") onednn_seconds[layer.layer().name] = seconds;
  if (const auto onednn = onednn_seconds.find(layer.layer().name); onednn != onednn_seconds.end())
    state.counters["x_oneDNN"] = seconds / onednn->second;
  if (impl.is_reference) {
    state.counters["peak_MiB"] = static_cast<double>(peak_bytes) / (1 << 20);
    state.counters["peak_x_tensors"] =
        static_cast<double>(peak_bytes) / static_cast<double>(layer.tensor_bytes());
  }
}

// One thread per implementation: the process is pinned to the CPU it starts on, so no
// library can spread a call over more (OpenCV's TBB pool ignores OPENCV_FOR_THREADS_NUM),
// and the libraries' own settings are made before any is loaded: OpenMP for oneDNN and
// libtorch (whose adapter also calls at::set_num_threads(1)); XNNPACK's adapter runs
// without a thread pool.
void single_threaded() {
  cpu_set_t one;
  CPU_ZERO(&one);
  CPU_SET(sched_getcpu(), &one);
  if (sched_setaffinity(0, sizeof one, &one) != 0) std::perror("sched_setaffinity");
  setenv("OMP_NUM_THREADS", "1", 1);
  setenv("OPENCV_FOR_THREADS_NUM", "1", 1);
}

std::string join(const std::vector<std::string>& parts) {
  std::string text;
  for (const std::string& part : parts) text += (text.empty() ? "" : "; ") + part;
  return text;
}

}  // namespace
}  // namespace tconv::bench

int main(int argc, char** argv) {
  using namespace tconv::bench;
  single_threaded();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;

  std::vector<std::string> absent;
  const std::vector<Implementation> adapters = bundled_adapters(TCONV_BUNDLED_ADAPTERS_DIR, absent);
  const std::vector<Implementation> references = tconv::bench::references();
  std::vector<std::string> found;
  for (const Implementation& a : adapters) found.push_back(a.name + " " + a.version);
  for (const std::string& why : absent) std::cerr << "note: " << why << "; not measured\n";
  benchmark::AddCustomContext("adapters", join(found));
  benchmark::AddCustomContext("adapters_absent", join(absent));
  benchmark::AddCustomContext("data_seed", std::to_string(kBenchDataSeed));
  benchmark::AddCustomContext("threads",
                              "pinned to one CPU; OMP_NUM_THREADS=1, OPENCV_FOR_THREADS_NUM=1");

  // oneDNN first on each layer (the others' ratio), then the fast reference, the other
  // adapters, and the four formulations written for clarity.
  std::vector<const Implementation*> order;
  for (const Implementation& a : adapters)
    if (a.name == "oneDNN") order.push_back(&a);
  order.push_back(&references.back());  // gemm_col2im
  for (const Implementation& a : adapters)
    if (a.name != "oneDNN") order.push_back(&a);
  for (std::size_t r = 0; r + 1 < references.size(); ++r) order.push_back(&references[r]);

  std::vector<std::unique_ptr<LayerData>> layers;
  for (const Layer& layer : tconv::kRealLayers) {
    if (!layer.benchmarked) continue;
    layers.push_back(std::make_unique<LayerData>(layer));
    LayerData& data = *layers.back();
    benchmark::AddCustomContext(std::string("layer ") + layer.name,
                                std::string(layer.problem) + " | " + layer.origin + " | " +
                                    std::to_string(data.macs()) + " MACs | " +
                                    std::to_string(data.tensor_bytes()) + " tensor bytes");
    for (const Implementation* impl : order) {
      auto* b = benchmark::RegisterBenchmark(
          (std::string(layer.name) + "/" + impl->name).c_str(),
          [&data, impl](benchmark::State& state) { measure(state, data, *impl); });
      b->UseManualTime()->Unit(benchmark::kMillisecond);
      const bool written_for_clarity = impl->is_reference && impl->name != "gemm_col2im";
      if (written_for_clarity) {
        b->Iterations(1);
      } else {
        b->MinTime(kFastMinTime);
      }
    }
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
