#include "session_phase.h"

#include <stdlib.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <numeric>
#include <random>
#include <sstream>

#include "capabilities.h"
#include "case_check.h"
#include "command_line.h"
#include "compare.h"
#include "delta_debugging.h"
#include "operands.h"
#include "outcome.h"
#include "problem_string.h"

namespace tconv {
namespace {

constexpr int kMaxShrinkSessions = 64;  // fresh sessions tried while shrinking a history
constexpr const char* kPhase = "session";

std::vector<int> session_ranks(const Options& o, const tconv_capabilities& c) {
  std::vector<int> ranks;
  for (int rank = 1; rank <= 3; ++rank) {
    if ((c.ranks & (1u << (rank - 1))) && (!o.rank || *o.rank == rank)) ranks.push_back(rank);
  }
  return ranks;
}

// --dtype, else the first declared of float32, float64, int64: a changed summation order
// shows only in floating point.
DType session_dtype(const Options& o, const tconv_capabilities& c) {
  if (o.dtype) return *o.dtype;
  for (DType d : {DType::float32, DType::float64, DType::int64}) {
    if (c.dtypes & TCONV_BIT(static_cast<int>(d))) return d;
  }
  return DType::float32;
}

template <class Enum>
Enum first_declared(std::uint32_t bits, int count) {
  for (int v = 0; v < count; ++v) {
    if (bits & TCONV_BIT(v)) return static_cast<Enum>(v);
  }
  return Enum{};
}

template <class Enum>
std::optional<Enum> other_declared(std::uint32_t bits, int count, Enum than) {
  for (int v = 0; v < count; ++v) {
    if ((bits & TCONV_BIT(v)) && v != static_cast<int>(than)) return static_cast<Enum>(v);
  }
  return std::nullopt;
}

template <class Change>
Problem each_axis(Problem p, Change change) {
  for (Axis& a : p.axes) change(a);
  return p;
}

std::string call_name(std::size_t index) { return "call " + std::to_string(index + 1); }

// The bits of calls[i] and calls[j] (identical calls) differ: where first, and the values.
template <class T>
CallResult determinism_failure(const SessionCall& c, std::size_t j, std::size_t i,
                               const std::vector<unsigned char>& earlier,
                               const std::vector<unsigned char>& later) {
  std::size_t offset = 0;
  while (std::memcmp(earlier.data() + offset * sizeof(T), later.data() + offset * sizeof(T),
                     sizeof(T)) == 0) {
    ++offset;
  }
  T a, b;
  std::memcpy(&a, earlier.data() + offset * sizeof(T), sizeof a);
  std::memcpy(&b, later.data() + offset * sizeof(T), sizeof b);
  std::ostringstream s;
  s << std::setprecision(17) << to_string(c.problem) << " in " << to_string(c.dtype) << ": "
    << call_name(i) << " returned other bits than " << call_name(j)
    << ", an identical call (same problem, dtype and data) in the same session: output"
    << format_output_coordinate(c.problem, static_cast<std::int64_t>(offset)) << " (offset "
    << offset << ") is " << a << " in " << call_name(j) << ", " << b << " in " << call_name(i)
    << " (not deterministic)";
  return {Verdict::wrong_values, s.str()};
}

// One call of a session checked against the reference; its output's bits in `bits`.
CallResult check_call(Adapter& adapter, const SessionCall& c, const IsolationOptions& isolation,
                      std::vector<unsigned char>& bits) {
  return visit_dtype(c.dtype, [&](auto zero) {
    using T = decltype(zero);
    std::mt19937_64 rng(c.data_seed);
    const OperandData<T> data = random_operands<T>(c.problem, rng);
    std::vector<T> output(static_cast<std::size_t>(output_elements(c.problem)));
    const CallResult result = check_against_reference<T>(
        adapter, c.problem, std::span<const T>(data.input), std::span<const T>(data.weights),
        std::span<const T>(data.bias), std::span<T>(output), isolation);
    bits.resize(output.size() * sizeof(T));
    std::memcpy(bits.data(), output.data(), bits.size());
    return result;
  });
}

// A directory of this run's own under $TMPDIR (or /tmp), made on first use: a report's
// directory may be removed with the report, or not be writable.
std::filesystem::path sessions_directory() {
  namespace fs = std::filesystem;
  static std::string made;
  if (made.empty()) {
    std::error_code error;
    std::string pattern = (fs::temp_directory_path(error) / "tconv-sessions-XXXXXX").string();
    if (!mkdtemp(pattern.data())) {
      throw std::runtime_error("cannot make a directory for the session histories (" + pattern +
                               "): " + std::strerror(errno));
    }
    made = pattern;
  }
  return made;
}

std::string write_history(const std::string& name, const SessionHistory& h) {
  const std::string path = (sessions_directory() / name).string();
  std::ofstream out(path);
  out << session_history_json(h);
  if (!out.flush()) throw std::runtime_error("cannot write the session history " + path);
  return path;
}

CaseRecord session_record(std::string id, std::string check, const std::vector<SessionCall>& calls,
                          const std::optional<SessionFailure>& failure) {
  const SessionCall& shown = failure ? calls[failure->call] : calls.front();
  Outcome outcome;
  if (failure) outcome = {failure->result.verdict, failure->result.message, std::nullopt};
  return make_record(std::move(id), kPhase, std::move(check), "", shown.problem, shown.dtype,
                     std::move(outcome));
}

std::string calls_text(std::size_t n) { return std::to_string(n) + (n == 1 ? " call" : " calls"); }

}  // namespace

std::vector<SessionCall> plan_session(const Options& options, const AdapterInfo& info, int index) {
  const tconv_capabilities& caps = info.capabilities;
  std::mt19937_64 rng(options.seed ^
                      (0x9E3779B97F4A7C15ULL * static_cast<std::uint64_t>(index + 1)));
  const auto pick = [&](std::int64_t low, std::int64_t high) {
    return low + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(high - low + 1));
  };
  const std::vector<int> ranks = session_ranks(options, caps);
  if (ranks.empty()) return {};
  const int rank = ranks[rng() % ranks.size()];
  // One channel pair and kernel throughout: the key of a plan cache. At least 3 input
  // channels, so that a changed summation order changes the rounding.
  Problem base;
  base.in_channels = pick(3, 8);
  base.out_channels = pick(2, 6);
  base.layout = first_declared<Layout>(caps.layouts, 2);
  base.weight_layout = first_declared<WeightLayout>(caps.weight_layouts, 3);
  for (int a = 0; a < rank; ++a) base.axes.push_back({3, pick(2, 3), 1, 1, 0, 0, 0});
  const DType dtype = session_dtype(options, caps);

  std::vector<SessionCall> calls;
  const auto fresh = [&](const Problem& p) { calls.push_back({p, dtype, rng()}); };
  fresh(base);
  calls.push_back(calls.front());  // identical: the same bits
  // Plan caches: the same channels and kernel, other strides, dilation, pads, layouts.
  fresh(each_axis(base, [](Axis& a) { a.stride = 2; }));
  fresh(each_axis(base, [](Axis& a) { a.dilation = 2; }));
  fresh(each_axis(base, [](Axis& a) { a.pad_begin = 1; }));
  fresh(each_axis(base, [](Axis& a) { a.pad_begin = a.pad_end = 1; }));
  if (const auto l = other_declared<Layout>(caps.layouts, 2, base.layout)) {
    Problem p = base;
    p.layout = *l;
    fresh(p);
  }
  if (const auto w = other_declared<WeightLayout>(caps.weight_layouts, 3, base.weight_layout)) {
    Problem p = base;
    p.weight_layout = *w;
    fresh(p);
  }
  // Scratch buffers: sizes growing, then shrinking.
  for (const std::int64_t size : {6, 12, 2}) {
    fresh(each_axis(base, [size](Axis& a) { a.input = size; }));
  }
  Problem padded = each_axis(base, [](Axis& a) { a.stride = 2, a.output_padding = 1; });
  padded.has_bias = true;
  fresh(padded);
  calls.push_back(calls.front());  // identical again, after all the others

  std::erase_if(calls, [&](const SessionCall& c) {
    return unsupported_feature(caps, c.problem, c.dtype) || !selected(options, c.problem) ||
           (options.max_elements && output_elements(c.problem) > *options.max_elements);
  });
  return calls;
}

std::optional<SessionFailure> run_session(Adapter& adapter, const std::vector<SessionCall>& calls,
                                          const IsolationOptions& isolation) {
  std::vector<std::vector<unsigned char>> bits(calls.size());
  for (std::size_t i = 0; i < calls.size(); ++i) {
    IsolationOptions options = isolation;
    options.session = i == 0 ? SessionStep::begin : SessionStep::next;
    const SessionCall& c = calls[i];
    CallResult result = check_call(adapter, c, options, bits[i]);
    if (result.verdict != Verdict::passed) return SessionFailure{i, std::move(result)};
    const auto earlier =
        std::find(calls.begin(), calls.begin() + static_cast<std::ptrdiff_t>(i), c);
    const auto j = static_cast<std::size_t>(earlier - calls.begin());
    if (j < i && bits[j] != bits[i]) {
      return SessionFailure{i, visit_dtype(c.dtype, [&](auto zero) {
                              return determinism_failure<decltype(zero)>(c, j, i, bits[j], bits[i]);
                            })};
    }
  }
  return std::nullopt;
}

std::vector<SessionCall> shrink_session(Adapter& adapter, const std::vector<SessionCall>& calls,
                                        const SessionFailure& failure,
                                        const IsolationOptions& isolation) {
  const SessionCall& failing = calls[failure.call];
  std::vector<std::size_t> before(failure.call);
  std::iota(before.begin(), before.end(), std::size_t{0});
  const auto with_failing = [&](const std::vector<std::size_t>& kept) {
    std::vector<SessionCall> trial;
    for (const std::size_t k : kept) trial.push_back(calls[k]);
    trial.push_back(failing);
    return trial;
  };
  // A timeout is not shrunk: each trial would cost the whole timeout.
  if (failure.result.verdict == Verdict::timed_out) return with_failing(before);
  const std::function<bool(const std::vector<std::size_t>&)> fails_the_same =
      [&](const std::vector<std::size_t>& kept) {
        const std::vector<SessionCall> trial = with_failing(kept);
        const auto f = run_session(adapter, trial, isolation);
        return f && f->call + 1 == trial.size() && f->result.verdict == failure.result.verdict;
      };
  return with_failing(ddmin(before, fails_the_same, kMaxShrinkSessions));
}

void run_session_phase(const Options& options, Adapter& adapter, RunReport& report,
                       Progress& progress) {
  int in_shard = 0;
  for (int k = 0; k < kSessionsPerRun; ++k) in_shard += options.shard.owns(k) ? 1 : 0;
  progress.start(kPhase, in_shard);
  const IsolationOptions isolation{options.timeout, options.memory_limit_mb};
  int done = 0;
  for (int k = 0; k < kSessionsPerRun; ++k) {
    if (!options.shard.owns(k)) continue;
    const auto started = std::chrono::steady_clock::now();
    const std::vector<SessionCall> calls = plan_session(options, adapter.info(), k);
    if (calls.size() < 2) continue;  // the filters left no sequence
    const std::string id = "session-" + std::to_string(k);
    std::optional<SessionFailure> failure = run_session(adapter, calls, isolation);
    std::vector<SessionCall> history = calls;
    std::string replay;
    if (failure) {
      const std::size_t run = failure->call + 1;
      history = shrink_session(adapter, calls, *failure, isolation);
      // The shrunk history's own failure, which its replay shows; the whole one's when
      // it does not fail again (a failure that comes and goes).
      if (auto again = run_session(adapter, history, isolation)) {
        failure = std::move(again);
      } else {
        history.assign(calls.begin(), calls.begin() + static_cast<std::ptrdiff_t>(run));
      }
      const std::string failing_call = call_name(failure->call) + " of " + calls_text(run);
      const std::string path = write_history(
          "tconv-session-seed" + std::to_string(options.seed) + "-" + std::to_string(k) + ".json",
          {history,
           std::string(to_string(failure->result.verdict)) + ": " + failure->result.message,
           static_cast<std::int64_t>(run)});
      failure->result.message += " (" + id + ": failed at call " + std::to_string(run) +
                                 "; the history shrunk from " + calls_text(run) + " to " +
                                 calls_text(history.size()) + ", written to " + path + ")";
      replay = join_command({"--session-replay", path});
    }
    CaseRecord r =
        session_record(id, "stateful session of " + calls_text(calls.size()), history, failure);
    r.reproduce = replay.empty() ? "" : replay_prefix(options) + " " + replay;
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    report.cases.push_back(std::move(r));
    progress.update(++done, report.failures());
  }
  progress.finish();
}

void run_session_replay(const Options& options, Adapter& adapter, RunReport& report) {
  const std::string& path = *options.session_replay;
  const SessionHistory h = read_session_history(path);
  const IsolationOptions isolation{options.timeout, options.memory_limit_mb};
  const auto started = std::chrono::steady_clock::now();
  const std::optional<SessionFailure> failure = run_session(adapter, h.calls, isolation);
  CaseRecord r = session_record(
      "session-replay",
      "stateful session of " + calls_text(h.calls.size()) + " replayed from " + absolute_path(path),
      h.calls, failure);
  if (failure && failure->result.verdict != Verdict::unsupported) {
    r.message += " (" + call_name(failure->call) + " of " + calls_text(h.calls.size()) + ")";
  }
  r.reproduce =
      replay_prefix(options) + " " + join_command({"--session-replay", absolute_path(path)});
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  report.cases.push_back(std::move(r));
}

}  // namespace tconv
