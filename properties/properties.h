// The properties of the transposed convolution. Each function is the body of one
// RapidCheck case: it draws its own problem and data (generators.h), checks every
// implementation it is given on them, and fails with RC_FAIL naming the implementation,
// the problem string, the first mismatching coordinate and both values.
//
// The implementations are parameters so that the same properties run on the reference
// formulations (property_tests.cpp) and on broken ones (bite_tests.cpp).
#pragma once

#include <cstdint>
#include <functional>
#include <span>

#include "frameworks.h"
#include "implementation.h"

namespace tconv::properties {

using Implementations = std::span<const Implementation>;

// 1. All implementations give the first one's result exactly, on small integers.
void agreement(Implementations implementations);

// 2. <C y, x> = <y, Cᵀ x> with C the forward convolution (conv_forward): exactly on
// integers, and within the bound of docs/PRECISION.md in float.
void adjointness(Implementations implementations);

// 3. Shape inversion, for a forward convolution (i, k, s, pb, pe, d) giving o:
// output_padding (i + pb + pe − d(k−1) − 1) mod s takes the transposed convolution
// back to i, and the sizes it reaches with output_padding in [0, s) are exactly the
// inputs the convolution maps to o; output_padding in [s, max(s, d)) reaches none.
struct ShapeRules {
  std::function<ForwardShape(std::int64_t input, std::int64_t kernel, std::int64_t stride,
                             std::int64_t pad_begin, std::int64_t pad_end, std::int64_t dilation)>
      forward = forward_convolution_shape;
  std::function<std::int64_t(const Axis&)> transposed = [](const Axis& a) {
    return output_size(a);
  };
};
void shape_inversion(const ShapeRules& rules);

// 4. Linear in the input and in the weights; the bias adds b[c] to all of channel c.
void linearity(Implementations implementations);
void bias_per_channel(Implementations implementations);

// 5. A grouped problem is its groups run one by one, side by side.
void group_decomposition(Implementations implementations);

// 6. Shifting the input by one along an axis shifts the output by the stride (compared
// where both outputs exist and away from the first stride elements).
void translation(Implementations implementations);

// 7. Any activation and weight layout gives the same tensor, stored differently.
void layout_invariance(Implementations implementations);

// 8. Each framework's parameters resolve to the pads and sizes its documents state,
// and run like the framework's explicit-padding form of the same operation.
struct Resolvers {
  std::function<Problem(const TensorFlowConvTranspose&)> tensorflow = resolve_tensorflow;
  std::function<Problem(const KerasConvTranspose&)> keras = resolve_keras;
  std::function<Problem(const OnnxConvTranspose&)> onnx = resolve_onnx;
  std::function<Problem(const PyTorchConvTranspose&)> pytorch = resolve_pytorch;
};
void tensorflow_conventions(const Resolvers& resolvers, Implementations implementations);
void keras_conventions(const Resolvers& resolvers, Implementations implementations);
void onnx_conventions(const Resolvers& resolvers, Implementations implementations);
void pytorch_conventions(const Resolvers& resolvers, Implementations implementations);

// 9. In float, within γ_n(Σ|x·w| + |b|) of the double result (and likewise in double);
// on integer data in double, exact.
void precision(Implementations implementations);

// 10. The bilinear kernel (k = 2s, pads s/2) maps a linear ramp to a linear ramp away
// from the borders; an all-ones kernel maps a constant input to a constant interior
// if and only if k is a multiple of s.
void bilinear_ramp(Implementations implementations);
void checkerboard(Implementations implementations);

}  // namespace tconv::properties
