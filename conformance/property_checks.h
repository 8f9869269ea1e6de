// The property checks of an adapter on one random problem (conformance/README.md):
//  - output shape: a call on random data completes with the problem's output, every
//    element written and nothing outside it (out-of-process: the reply's shape);
//  - agreement: random data, compared with the direct scatter (exact in int64, within
//    the rounding bound in float32 / float64);
//  - adjointness: <v, impl(x)> = <conv_forward(v), x> without bias (exact in int64,
//    within adjoint_tolerance otherwise);
//  - linearity: impl(αx1 + βx2, w) = α impl(x1, w) + β impl(x2, w), and likewise in the
//    weights, on small integers without bias, α + β ≠ 1 (exact in int64, within
//    combination_tolerance otherwise).
// Each check's data derive from (seed, problem string, dtype, check), so a failing
// problem replays alone, and a failure shrinks to a minimal problem (ProblemSearch).
#pragma once

#include <array>
#include <cstdint>
#include <optional>

#include "adapter_interface.h"
#include "isolated_call.h"
#include "outcome.h"
#include "problem_search.h"

namespace tconv {

enum class PropertyCheck { output_shape, agreement, adjointness, linearity };
inline constexpr std::array kPropertyChecks{PropertyCheck::output_shape, PropertyCheck::agreement,
                                            PropertyCheck::adjointness, PropertyCheck::linearity};

// The check's name in reports: "output shape", "agrees with the reference", ...
const char* to_string(PropertyCheck c);

struct PropertySettings {
  std::uint64_t seed = 1;       // of the problems (ProblemSearch) and of every check's data
  std::optional<DType> dtype;   // run every problem in this dtype; else one declared, by seed
  IsolationOptions isolation;   // the timeout of an in-process call
  int max_shrink_checks = 300;  // shrink candidates tried per failure
};

// The dtype random problem `index` runs in: settings.dtype, or one of the dtypes the
// adapter declares, chosen from the seed and the index.
DType property_dtype(const AdapterInfo& adapter, const PropertySettings& settings, int index);

// The check of one problem in dtype: unsupported when outside the adapter's declared
// capabilities; otherwise the first call failure, or the comparison's outcome; error
// when the check itself cannot be done (outcome_or_error).
Outcome check_property(Adapter& adapter, PropertyCheck check, const Problem& p, DType dtype,
                       const PropertySettings& settings);

// Random problem `index` of `search` checked (and shrunk on failure, property_case.h),
// in property_dtype; recorded as "random-<index>".
CaseRecord check_random_property(Adapter& adapter, const ProblemSearch& search, int index,
                                 PropertyCheck check, const PropertySettings& settings);

// A given problem checked without shrinking (a replay), in settings.dtype or
// property_dtype(…, 0); recorded as "problem".
CaseRecord check_given_property(Adapter& adapter, const Problem& p, PropertyCheck check,
                                const PropertySettings& settings);

}  // namespace tconv
