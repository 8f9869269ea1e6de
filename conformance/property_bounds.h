// The rounding-error bounds of the adjointness and linearity checks of an adapter's
// output in float32 / float64 (docs/PRECISION.md gives the model and γ_n). In int64 the
// same checks are exact.
#pragma once

#include <span>
#include <vector>

#include "problem.h"

namespace tconv {

// Adjointness, for a problem q without bias, operands x, w and a probe v shaped like the
// output. The adapter computes ŷ = Cᵀx rounding with u = u_T; the suite computes
// a = <v, ŷ> and b = <C v, x> (conv_forward) in double (u_d). With n, n' the products
// per output / input element, M, M' the output / input element counts, S_o = Σ|x·w| at
// output o and T = Σ_o |v_o|·S_o (every (v, w, x) triple that meets):
//   |ŷ_o − y_o| ≤ γ_n(u_T)·S_o                     so |<v, ŷ> − <v, y>| ≤ γ_n(u_T)·T;
//   a in double: ≤ γ_M(u_d)·Σ|v_o||ŷ_o| ≤ γ_M(u_d)(1 + γ_n(u_T))·T ≤ 2γ_M(u_d)·T;
//   b in double: ≤ γ_{M'+n'}(u_d)·T               (PRECISION.md, "Adjointness in float");
// and <v, y> = <C v, x> exactly, so |a − b| ≤ (γ_n(u_T) + 2γ_M(u_d) + γ_{M'+n'}(u_d))·T.
// T is evaluated in double as <|v|, Cᵀ(|x|, |w|)> (at most n + M + 1 roundings per
// term, one more for the subtraction a − b) and made an upper bound by
// bound_from_double_magnitude.
template <class T>
double adjoint_tolerance(const Problem& q, std::span<const double> x, std::span<const double> w,
                         std::span<const double> v);

// Linearity, for a problem q without bias: T(x, w) against α·T(x1, w1) + β·T(x2, w2)
// where x = αx1 + βx2 (or w = αw1 + βw2), all three computed by the adapter (u_T), the
// combination in double. Each result is within γ_n(u_T)·S of its exact value, and
// S(x, w) ≤ |α|S(x1, w1) + |β|S(x2, w2) = S(|α||x1| + |β||x2|, |w|) (resp. in w); the
// combination αŷ1 + βŷ2 adds at most γ_2(u_d)(|αŷ1| + |βŷ2|) ≤ γ_4(u_d)·S. Per output
// element: (2γ_n(u_T) + γ_4(u_d))·Ŝ, Ŝ = Cᵀ applied to the magnitudes of the operands
// given (in double, n + 2 roundings), made an upper bound by bound_from_double_magnitude.
template <class T>
std::vector<double> combination_tolerance(const Problem& q, std::span<const double> input_magnitude,
                                          std::span<const double> weight_magnitude);

}  // namespace tconv
