#include "property_checks.h"

#include <cmath>
#include <random>
#include <sstream>
#include <tuple>
#include <type_traits>

#include "capabilities.h"
#include "error_bound.h"
#include "operands.h"
#include "output_comparison.h"
#include "problem_string.h"
#include "property_bounds.h"
#include "property_case.h"
#include "references.h"

namespace tconv {
namespace {

Problem without_bias(Problem p) {
  p.has_bias = false;
  return p;
}

// An outcome about q = without_bias(p), its message about p: adjointness and linearity
// are properties of the linear part, checked without the bias.
Outcome about(const Problem& p, const Problem& q, Outcome o) {
  const std::string head = to_string(q);
  if (p != q && o.message.rfind(head, 0) == 0) {
    o.message = to_string(p) + " (run without bias)" + o.message.substr(head.size());
  }
  return o;
}

// α·a + β·b, element by element, in double (exact for the small integers of linearity).
template <class T>
std::vector<double> combine(T alpha, const std::vector<T>& a, T beta, const std::vector<T>& b) {
  std::vector<double> r(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    r[i] = static_cast<double>(alpha) * static_cast<double>(a[i]) +
           static_cast<double>(beta) * static_cast<double>(b[i]);
  }
  return r;
}

template <class T>
std::vector<T> as(const std::vector<double>& values) {
  return std::vector<T>(values.begin(), values.end());
}

template <class T>
std::vector<double> magnitudes(T alpha, const std::vector<T>& a, T beta, const std::vector<T>& b) {
  std::vector<double> r(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    r[i] = std::abs(static_cast<double>(alpha) * static_cast<double>(a[i])) +
           std::abs(static_cast<double>(beta) * static_cast<double>(b[i]));
  }
  return r;
}

// One property check in one dtype: the data, the adapter's calls and the comparison.
template <class T>
class Checker {
 public:
  Checker(Adapter& adapter, const Problem& p, std::uint64_t seed, const IsolationOptions& isolation)
      : adapter_(adapter), p_(p), rng_(seed), isolation_(isolation) {}

  Outcome output_shape() {
    const OperandData<T> o = random_operands<T>(p_, rng_);
    std::vector<T> y;
    const CallResult call = call_adapter<T>(adapter_, p_, o, y, isolation_);
    return call.verdict == Verdict::completed ? Outcome{} : outcome_of(call);
  }

  Outcome agreement() {
    const OperandData<T> o = random_operands<T>(p_, rng_);
    return run_and_compare<T>(adapter_, p_, o, reference_output<T>(p_, o), isolation_);
  }

  Outcome adjointness() {
    const Problem q = without_bias(p_);
    const OperandData<T> o = random_operands<T>(q, rng_);
    const std::vector<T> v = random_values<T>(output_elements(q), rng_);
    std::vector<T> y;
    if (auto failure = call(q, o, y)) return *failure;
    std::ostringstream s;
    s.precision(17);
    s << to_string(q) << ": not the adjoint of conv_forward: <C v, x> = ";
    if constexpr (std::is_integral_v<T>) {
      const T forward_side = dot(conv_forward<T>(q, v, o.weights), o.input);
      const T transpose_side = dot(v, y);
      if (forward_side == transpose_side) return {};
      s << forward_side << ", <v, C^T x> = " << transpose_side << " (exact on integers)";
    } else {
      const std::vector<double> x = as_double<T>(o.input), w = as_double<T>(o.weights),
                                vd = as_double<T>(v);
      const double forward_side = dot(conv_forward<double>(q, vd, w), x);
      const double transpose_side = dot(vd, as_double<T>(y));
      const double tolerance = adjoint_tolerance<T>(q, x, w, vd);
      const double difference = std::abs(forward_side - transpose_side);
      if (within_bound(difference, tolerance)) return {};
      s << forward_side << ", <v, C^T x> = " << transpose_side << ": difference " << difference
        << (std::isfinite(tolerance) ? " exceeds the bound " : " is not within the bound ")
        << tolerance;
    }
    return {Verdict::wrong_values, s.str(), {}};
  }

  Outcome linearity() {
    const Problem q = without_bias(p_);
    const auto x1 = small_integers<T>(input_elements(q), rng_),
               x2 = small_integers<T>(input_elements(q), rng_);
    const auto w1 = small_integers<T>(weight_elements(q), rng_),
               w2 = small_integers<T>(weight_elements(q), rng_);
    const auto coefficients = small_integers<T>(2, rng_);
    // α + β ≠ 1, so that an affine map (impl + c) is caught too.
    const T alpha = coefficients[0],
            beta = alpha + coefficients[1] == 1 ? -coefficients[1] : coefficients[1];
    std::ostringstream names;
    names << " (alpha " << alpha << ", beta " << beta << ")";

    std::vector<T> y11, y21, y12, y_input, y_weights;
    for (auto [x, w, y] :
         {std::tuple{&x1, &w1, &y11}, std::tuple{&x2, &w1, &y21}, std::tuple{&x1, &w2, &y12}}) {
      if (auto failure = call(q, {*x, *w, {}}, *y)) return *failure;
    }
    const std::vector<T> x_combined = as<T>(combine(alpha, x1, beta, x2));
    const std::vector<T> w_combined = as<T>(combine(alpha, w1, beta, w2));
    if (auto failure = call(q, {x_combined, w1, {}}, y_input)) return *failure;
    if (auto failure = call(q, {x1, w_combined, {}}, y_weights)) return *failure;

    const Outcome in_input = compare_output<T>(
        q,
        expected(q, combine(alpha, y11, beta, y21), magnitudes(alpha, x1, beta, x2),
                 as_double<T>(w1)),
        y_input,
        "impl(alpha x1 + beta x2, w1) against alpha impl(x1, w1) + beta impl(x2, w1)" +
            names.str());
    if (in_input.failed()) return in_input;
    return compare_output<T>(
        q,
        expected(q, combine(alpha, y11, beta, y12), as_double<T>(x1),
                 magnitudes(alpha, w1, beta, w2)),
        y_weights,
        "impl(x1, alpha w1 + beta w2) against alpha impl(x1, w1) + beta impl(x1, w2)" +
            names.str());
  }

 private:
  // The call's failure or a non-finite value in its output; nullopt when `y` holds a
  // complete output to check.
  std::optional<Outcome> call(const Problem& q, const OperandData<T>& o, std::vector<T>& y) {
    const CallResult result = call_adapter<T>(adapter_, q, o, y, isolation_);
    if (result.verdict != Verdict::completed) return outcome_of(result);
    return first_non_finite<T>(q, y);
  }

  // A linear combination of outputs as the expected value: exact in int64, else allowing
  // combination_tolerance for the given operand magnitudes.
  static ExpectedOutput expected(const Problem& q, std::vector<double> values,
                                 const std::vector<double>& input_magnitude,
                                 const std::vector<double>& weight_magnitude) {
    if constexpr (std::is_integral_v<T>) {
      return {std::move(values), {}};
    } else {
      return {std::move(values), combination_tolerance<T>(q, input_magnitude, weight_magnitude)};
    }
  }

  template <class U>
  static U dot(const std::vector<U>& a, const std::vector<U>& b) {
    U sum{};
    for (std::size_t i = 0; i < a.size(); ++i) sum += a[i] * b[i];
    return sum;
  }

  Adapter& adapter_;
  const Problem& p_;
  std::mt19937_64 rng_;
  const IsolationOptions& isolation_;
};

}  // namespace

const char* to_string(PropertyCheck c) {
  switch (c) {
    case PropertyCheck::output_shape: return "output shape";
    case PropertyCheck::agreement: return "agrees with the reference";
    case PropertyCheck::adjointness: return "adjoint of conv_forward";
    case PropertyCheck::linearity: break;
  }
  return "linear in input and weights";
}

DType property_dtype(const AdapterInfo& adapter, const PropertySettings& settings, int index) {
  if (settings.dtype) return *settings.dtype;
  std::vector<DType> declared;
  for (DType d : {DType::float32, DType::float64, DType::int64}) {
    if (adapter.capabilities.dtypes & TCONV_BIT(static_cast<int>(d))) declared.push_back(d);
  }
  if (declared.empty()) return DType::float32;  // unsupported, and says so
  std::mt19937_64 pick(settings.seed ^
                       (0x5851F42D4C957F2DULL * static_cast<std::uint64_t>(index + 1)));
  return declared[pick() % declared.size()];
}

Outcome check_property(Adapter& adapter, PropertyCheck check, const Problem& p, DType dtype,
                       const PropertySettings& settings) {
  const AdapterInfo& info = adapter.info();
  if (const auto feature = unsupported_feature(info.capabilities, p, dtype)) {
    return {Verdict::unsupported,
            to_string(p) + " in " + to_string(dtype) + ": needs " + *feature + ", which " +
                info.name + " does not declare",
            {}};
  }
  const std::uint64_t seed = data_seed(settings.seed, p, dtype, to_string(check));
  return outcome_or_error(p, [&] {
    return visit_dtype(dtype, [&](auto zero) {
      Checker<decltype(zero)> checker(adapter, p, seed, settings.isolation);
      switch (check) {
        case PropertyCheck::output_shape: return checker.output_shape();
        case PropertyCheck::agreement: return checker.agreement();
        case PropertyCheck::adjointness: return about(p, without_bias(p), checker.adjointness());
        case PropertyCheck::linearity: break;
      }
      return about(p, without_bias(p), checker.linearity());
    });
  });
}

CaseRecord check_random_property(Adapter& adapter, const ProblemSearch& search, int index,
                                 PropertyCheck check, const PropertySettings& settings) {
  const DType dtype = property_dtype(adapter.info(), settings, index);
  const ProblemCheck run = [&](const Problem& p) {
    return check_property(adapter, check, p, dtype, settings);
  };
  return record_random_case(search, index, to_string(check), dtype, run,
                            settings.max_shrink_checks);
}

CaseRecord check_given_property(Adapter& adapter, const Problem& p, PropertyCheck check,
                                const PropertySettings& settings) {
  const DType dtype = property_dtype(adapter.info(), settings, 0);
  return record_given_case(p, to_string(check), dtype, [&](const Problem& given) {
    return check_property(adapter, check, given, dtype, settings);
  });
}

}  // namespace tconv
