// Property 9: rounding error within the bound of docs/PRECISION.md.
#include "error_bound.h"
#include "generators.h"
#include "properties.h"
#include "property_support.h"
#include "references.h"

namespace tconv::properties {
namespace {

// Products of integers up to 2^10 and their sums stay far below 2^53: exact in double.
constexpr std::int64_t kIntegerLimit = 1024;

// Real operands: each implementation in T against the direct scatter in double.
template <class T>
void require_within_bound(const Problem& p, Implementations implementations,
                          const Operands<float>& real) {
  const auto input = convert<double>(real.input), weights = convert<double>(real.weights),
             bias = convert<double>(real.bias);
  const std::vector<double> reference =
      conv_transpose<double>(Formulation::direct_scatter, p, input, weights, bias);
  const std::vector<double> tolerance = conv_transpose_tolerance<T>(p, input, weights, bias);
  const auto in_t = convert<T>(real.input), weights_t = convert<T>(real.weights),
             bias_t = convert<T>(real.bias);
  for (const Implementation& impl : implementations) {
    const std::vector<T> actual = impl.run<T>(p, in_t, weights_t, bias_t);
    if (auto m = first_out_of_bound<T>(p, reference, actual, tolerance)) {
      RC_FAIL(impl.name + (sizeof(T) == 4 ? " in float: " : " in double: ") + m->detail);
    }
  }
}

}  // namespace

void precision(Implementations implementations) {
  const Problem p = *own_stream(__func__, gen_problem());
  classify(p);
  const Operands<float> real = *gen_real_operands(p);
  require_within_bound<float>(p, implementations, real);
  require_within_bound<double>(p, implementations, real);

  const auto integers = *gen_integer_operands(p, kIntegerLimit);
  const std::vector<double> exact = convert<double>(conv_transpose<std::int64_t>(
      Formulation::direct_scatter, p, integers.input, integers.weights, integers.bias));
  const auto input = convert<double>(integers.input), weights = convert<double>(integers.weights),
             bias = convert<double>(integers.bias);
  for (const Implementation& impl : implementations) {
    require_same<double>(
        p, exact, impl.run<double>(p, input, weights, bias),
        impl.name + " in double on integers within +-" + std::to_string(kIntegerLimit));
  }
}

}  // namespace tconv::properties
