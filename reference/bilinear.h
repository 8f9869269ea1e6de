// The bilinear up-sampling kernel (FCN's upsample_filt, Caffe's "bilinear" filler):
// a transposed convolution with kernel 2s, stride s and padding s/2 with these weights
// interpolates linearly between input samples.
#pragma once

#include <cstdint>
#include <vector>

#include "problem.h"

namespace tconv {

// One axis: w[i] = 1 - |i - c| / f with f = ceil(size / 2), c = f - 1 (odd size) or
// f - 1/2 (even size). Size 4 gives 0.25, 0.75, 0.75, 0.25.
std::vector<double> bilinear_kernel_1d(std::int64_t size);

// Weights for a depthwise problem (groups == in_channels == out_channels) that
// up-samples every channel on its own: the outer product of the per-axis kernels,
// in the problem's weight layout. Throws ProblemError for any other problem.
std::vector<double> bilinear_weights(const Problem& p);

}  // namespace tconv
