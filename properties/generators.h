// RapidCheck generators shared by the properties: valid problems, forward-convolution
// axes, each framework's parameters, and operand data.
//
// Every generator is valid by construction (each value is drawn from the range the
// earlier ones leave legal; nothing is discarded), grows with RapidCheck's size
// parameter, and shrinks toward the smallest case.
#pragma once

#include <rapidcheck.h>

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <ostream>
#include <string_view>
#include <vector>

#include "problem.h"

namespace tconv::properties {

// Integers uniformly from [lo, hi] whatever the size parameter (sizes are scaled
// explicitly where wanted), shrinking toward lo.
inline rc::Gen<std::int64_t> uniform(std::int64_t lo, std::int64_t hi) {
  return rc::gen::resize(rc::kNominalSize, rc::gen::inRange<std::int64_t>(lo, hi + 1));
}

// Inside a RapidCheck case: one integer from uniform(lo, hi).
inline std::int64_t draw(std::int64_t lo, std::int64_t hi) { return *uniform(lo, hi); }

// Inside a RapidCheck case: one of the choices, uniformly, shrinking toward the first.
template <class T>
T pick(std::initializer_list<T> choices) {
  return choices.begin()[draw(0, static_cast<std::int64_t>(choices.size()) - 1)];
}

// `gen` drawing from a random stream of its own, derived from the case's and from
// `name`: properties that draw the same generator first (with the same seed) still
// see different values. Deterministic, so seeds and shrinking work as usual.
template <class T>
rc::Gen<T> own_stream(std::string_view name, rc::Gen<T> gen) {
  const std::uint64_t salt = std::hash<std::string_view>{}(name);
  return rc::Gen<T>([salt, gen](const rc::Random& random, int size) {
    return gen(rc::Random(rc::Random(random).next() ^ salt), size);
  });
}

// The problems gen_problem draws from: every valid one, or those with at least
// `min_groups` groups and `min_input` input elements on every axis.
struct ProblemSpace {
  std::int64_t min_groups = 1;
  std::int64_t min_input = 1;
};

// Any valid problem: rank 1-3, batch 1-3, groups 1-4 (depthwise and channel
// multipliers included), kernel 1-7, stride 1-5, dilation 1-4, asymmetric pads over
// their whole legal range, output_padding over [0, max(stride, dilation)), bias or
// not, both activation layouts and all three weight layouts; axes drawn independently.
// The work, batch·Cin·Cout/g·Π(full output + output_padding)·kernel, stays below a
// budget that grows with the size parameter.
rc::Gen<Problem> gen_problem(ProblemSpace space = {});

// How large a conformance run's random problems get (tconv-conform --size, --max-elements).
struct ProblemScale {
  std::int64_t max_elements = std::int64_t{1} << 18;  // of each tensor: input, weights, output
  std::int64_t max_channels = 257;                    // per group, and depthwise groups
  std::int64_t max_batch = 8;
  // The work, batch·Cin·(Cout/g)·Π(full output + output_padding)·Πk, is at most
  // 16·max_elements: the references' time per case stays in milliseconds.
  std::int64_t max_work() const { return 16 * max_elements; }
};

// "small" (4096 elements, 17 channels, batch 5), "medium" (the default: 2^18 elements,
// 257 channels, batch 8) or "large" (2^22, 513, 16); max_elements, when given, replaces
// the size's. Throws std::invalid_argument naming a wrong size.
ProblemScale problem_scale(std::string_view size, std::optional<std::int64_t> max_elements);

// The classes of problems that reach the code paths optimised kernels take, each varying
// one thing with the rest small: channels per group on both sides of the blocking
// boundaries (1-17, 31-33, 63-65, 127-129, 255-257, ...), depthwise with a channel
// multiplier, batch, output width, output plane (1 element to over 65,536), FCN-style
// large kernels and strides (k16-64, s8-32), and the fast paths stride == kernel with
// pads and 1×1 kernels with pads.
enum class ReachClass {
  out_channels, in_channels, depthwise, batch, width, plane, large_kernel, fast_path
};
inline constexpr int kReachClasses = 8;
inline constexpr int kReachEvery = 3;  // one case in kReachEvery is a reach case
const char* to_string(ReachClass c);

// The class of conformance case `case_index`: every kReachEvery-th case, cycling through
// the classes (each is reached in every kReachEvery·kReachClasses cases), else none.
std::optional<ReachClass> reach_class(int case_index);

// A problem of class c within `scale`.
rc::Gen<Problem> gen_reach_problem(ReachClass c, ProblemScale scale);

// Problem `case_index` of a conformance run: gen_reach_problem for a reach case, else
// gen_problem; every tensor within scale.max_elements and the work within its budget.
rc::Gen<Problem> gen_conformance_problem(int case_index, ProblemScale scale);

// The work of p: batch·Cin·(Cout/g)·Π(full output + output_padding)·Πk.
std::int64_t problem_work(const Problem& p);

// One axis of a forward convolution (input i, kernel k, stride s, pads pb/pe,
// dilation d) whose window fits: d(k-1) + 1 <= i + pb + pe.
struct ForwardAxis {
  std::int64_t input, kernel, stride, pad_begin, pad_end, dilation;
};
rc::Gen<ForwardAxis> gen_forward_axis();

// `count` integers in [-limit, limit], shrinking toward 0.
rc::Gen<std::vector<std::int64_t>> gen_integers(std::size_t count, std::int64_t limit);

// `count` floats of mixed magnitudes, significand·2^(e−24) with a full 24-bit
// significand and e in [-12, 12] (2^-36 to 2^12), about one in six exactly zero,
// shrinking toward 0. Every value is exact in float (docs/PRECISION.md).
rc::Gen<std::vector<float>> gen_reals(std::size_t count);

template <class T>
struct Operands {
  std::vector<T> input, weights, bias;  // bias empty when the problem has none
};

template <class T>
void showValue(const Operands<T>& o, std::ostream& os) {
  os << "input ";
  rc::show(o.input, os);
  os << ", weights ";
  rc::show(o.weights, os);
  os << ", bias ";
  rc::show(o.bias, os);
}

// Operands for problem p: integers in [-limit, limit] (3 keeps every formulation exact
// in every scalar type), or gen_reals.
rc::Gen<Operands<std::int64_t>> gen_integer_operands(const Problem& p, std::int64_t limit = 3);
rc::Gen<Operands<float>> gen_real_operands(const Problem& p);

// Tags a property case with the problem's rank and its rarest features, so the log
// shows the spread of the cases (a handful of tags: every combination is one line).
void classify(const Problem& p);

void showValue(const ForwardAxis& a, std::ostream& os);

}  // namespace tconv::properties

namespace tconv {
// RapidCheck prints a generated problem as its canonical problem string.
void showValue(const Problem& p, std::ostream& os);
}  // namespace tconv

namespace rc {
template <>
struct Arbitrary<tconv::Problem> {
  static Gen<tconv::Problem> arbitrary() { return tconv::properties::gen_problem(); }
};
}  // namespace rc
