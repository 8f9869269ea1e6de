// The named problems every formulation is checked against the direct scatter on
// (test_formulations_agree.cpp) and conv_forward is checked to be the adjoint on
// (test_forward_convolution.cpp), and the seeded random operands they run with.
//
// Together they cover ranks 1-3, batch, groups (depthwise, channel multipliers),
// stride > kernel, dilation, asymmetric pads, pads as wide as the kernel or wider,
// output_padding (also >= stride where dilation > stride), bias, both activation
// layouts and every weight layout; test_formulations_agree.cpp checks that every
// tag of check/feature_tags.h is among them.
#pragma once

#include <cstdint>
#include <ostream>
#include <random>
#include <type_traits>
#include <vector>

#include "problem.h"

namespace tconv::testing {

struct NamedProblem {
  const char* name;  // a GoogleTest name: letters, digits, no '_' (the test adds its own)
  const char* text;  // reference/problem_string.h
};
inline void PrintTo(const NamedProblem& p, std::ostream* os) { *os << p.name << " " << p.text; }

inline constexpr NamedProblem kNamedProblems[] = {
    // Rank 1
    {"Dense1D", "ic2,oc3,i5,k3"},
    {"DenseSevenInputs1D", "ic2,oc3,i7,k3"},
    {"BatchStridePads1D", "n3,ic2,oc2,i5,k3,s2,pb1,pe2"},
    {"BatchStridePadsFourInputs1D", "n3,ic2,oc2,i4,k3,s2,pb1,pe2"},
    {"StrideAboveKernelBias1D", "ic2,oc2,i4,k2,s3,bias"},
    {"StrideAboveKernelOutputPadding1D", "ic1,oc1,i3,k1,s4,op3,bias"},
    {"DilationAboveStrideOutputPadding1D", "ic1,oc2,i4,k3,d3,op2"},
    {"DilationAboveStrideOutputPaddingBias1D", "ic1,oc2,i4,k3,s1,d3,op2,bias"},
    {"DilationAboveStrideStridedOutputPadding1D", "ic2,oc2,i3,k2,s2,d5,pb1,op4"},
    {"PadsWiderThanKernel1D", "ic2,oc1,i6,k2,s2,pb3,pe4"},
    {"PadsRemoveMostOutput1D", "ic2,oc2,i3,k3,s2,pb3,pe2"},
    {"BatchGroupsNxcXoi1D", "n3,g2,ic2,oc4,i5,k3,s2,d2,pb1,pe3,op1,bias,nxc,xoi"},
    // Rank 2
    {"BatchBias2D", "n2,ic3,oc2,i4x5,k3x2,s2x1,bias"},
    {"AsymmetricPads2D", "ic1,oc2,i5x5,k4x3,s2x2,pb2x0,pe0x1"},
    {"BatchAsymmetricPads2D", "n2,ic3,oc2,i4x5,k3x2,s2x1,pb2x0,pe0x1"},
    {"Groups2D", "n2,g2,ic4,oc6,i4x3,k2x3,s2x2,bias"},
    {"GroupsOutputPaddingBias2D", "g2,ic4,oc6,i3x3,k2x3,s2x2,pb1x0,pe0x1,op1x0,bias"},
    {"Depthwise2D", "g3,ic3,oc3,i5x4,k3x3,s2x2,pb1x1,pe1x1"},
    {"DepthwiseOutputPadding2D", "g3,ic3,oc3,i4x4,k3x3,s2x2,pb1x1,pe1x1,op1x1"},
    {"DepthwiseMultiplier2D", "g3,ic3,oc6,i4x4,k3x3,s1x2,op0x1"},
    {"DepthwiseMultiplierNxcBias2D", "g3,ic3,oc6,i3x4,k2x2,s1x2,bias,nxc"},
    {"StrideAboveKernelOutputPadding2D", "ic2,oc2,i3x4,k2x1,s3x4,op2x3,bias"},
    {"Dilation2D", "ic2,oc2,i4x4,k3x2,d2x3"},
    {"DilationAboveStrideOutputPadding2D", "ic2,oc2,i4x3,k2x2,s1x2,d3x3,op2x2"},
    {"Pointwise2D", "n3,ic5,oc4,i2x3,k1x1"},
    {"PointwiseStrided2D", "n2,ic3,oc2,i3x3,k1x1,s2x2"},
    {"NxcIox2D", "n2,ic3,oc2,i3x3,k3x2,s2x2,pb1x0,pe1x1,op1x0,bias,nxc,iox"},
    {"GroupsNxcIox2D", "n2,g2,ic4,oc2,i3x4,k2x2,s2x1,pb1x0,bias,nxc,iox"},
    {"GroupsNcxOix2D", "n2,g2,ic4,oc6,i3x3,k2x3,s2x1,pe0x1,bias,oix"},
    {"DepthwiseMultiplierOixStrideAboveKernel2D", "g2,ic2,oc4,i4x3,k2x3,s3x1,pb0x2,op2x0,oix"},
    {"NxcOixDilated2D", "g2,ic2,oc4,i3x4,k2x2,s2x3,d2x1,pb0x1,pe1x0,nxc,oix"},
    {"BatchGroupsNxcOixDilatedBias2D",
     "n2,g2,ic4,oc2,i3x4,k2x2,s2x3,d2x1,pb0x1,pe1x0,bias,nxc,oix"},
    {"GroupsNcxXoi2D", "n2,g2,ic4,oc6,i3x3,k2x3,s2x1,pb0x1,op1x0,bias,xoi"},
    {"NcxXoiDilated2D", "ic3,oc2,i3x3,k2x2,s2x2,d1x2,op1x1,bias,xoi"},
    {"NxcXoiDilatedOutputPadding2D", "g2,ic2,oc4,i3x3,k3x3,s1x2,d2x2,op1x1,nxc,xoi"},
    // Rank 3
    {"NcxIox3D", "n2,ic2,oc3,i3x4x2,k2x3x2,s2x1x2,pb1x0x0,pe0x1x1,op1x0x1,bias"},
    {"NcxIoxDilated3D", "n2,ic2,oc3,i2x3x2,k2x2x3,s2x1x2,d1x2x1,pb1x0x1,pe0x1x1,op1x0x0,bias"},
    {"NcxIoxDilatedDepth3D", "n2,ic2,oc3,i3x2x2,k2x2x1,s1x2x1,d3x1x2,pb1x0x0,pe2x0x1,op2x1x0,bias"},
    {"GroupsNxcXoi3D", "g2,ic4,oc2,i3x2x2,k1x2x2,s1x3x2,pb0x1x0,pe0x0x1,op0x2x1,bias,nxc,xoi"},
    {"GroupsNxcXoiDilated3D",
     "g2,ic4,oc2,i3x2x2,k1x2x2,s1x3x2,d1x1x2,pb0x1x0,op0x2x1,bias,nxc,xoi"},
    {"DepthwiseNxcOix3D", "g2,ic2,oc2,i2x2x3,k2x1x2,s2x2x1,d1x1x2,pb0x0x1,op1x1x1,nxc,oix"},
    {"BatchDepthwiseNxcOix3D",
     "n2,g2,ic2,oc2,i2x2x3,k2x1x2,s2x2x1,d1x1x2,pe0x0x1,op1x1x1,nxc,oix"},
};

// The seed every test on the table draws its data with; the tests print it on failure.
inline constexpr std::uint64_t kDataSeed = 20240611;

// Small integers in [-3, 3] (every formulation is exact on them), reals in [-1, 1].
template <class T>
std::vector<T> random_data(std::int64_t count, std::mt19937_64& rng) {
  std::vector<T> data(static_cast<std::size_t>(count));
  if constexpr (std::is_integral_v<T>) {
    std::uniform_int_distribution<T> dist(-3, 3);
    for (T& d : data) d = dist(rng);
  } else {
    std::uniform_real_distribution<T> dist(-1, 1);
    for (T& d : data) d = dist(rng);
  }
  return data;
}

template <class T>
struct Operands {
  std::vector<T> input, weights, bias;
};

template <class T>
Operands<T> random_operands(const Problem& p, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  Operands<T> o;
  o.input = random_data<T>(input_elements(p), rng);
  o.weights = random_data<T>(weight_elements(p), rng);
  o.bias = random_data<T>(bias_elements(p), rng);
  return o;
}

}  // namespace tconv::testing
