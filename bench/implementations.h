// The implementations tconv_bench times, each called directly in this process: the five
// reference formulations, and the bundled in-process adapters that are built.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "problem.h"

namespace tconv::bench {

struct Implementation {
  std::string name;     // "direct_scatter", ..., "oneDNN"
  std::string version;  // the library's version; empty for a reference
  bool is_reference;    // references allocate through operator new (peak_memory.h)
  // The layer's problem in the layouts this implementation takes: the layer's own
  // activation and weight layouts where it declares them, else ones it declares.
  std::function<Problem(const Problem&)> layouts_for;
  // Empty when it computes the problem (in those layouts), else the first thing it lacks.
  std::function<std::string(const Problem&)> unsupported;
  // One call, float32 operands in the problem's layouts; throws std::runtime_error when
  // an adapter reports an error.
  std::function<void(const Problem&, const float* input, const float* weights, const float* bias,
                     float* output)>
      run;
};

// direct_scatter, sparse_matrix, zero_insertion, autodiff (through conv_transpose), then
// gemm_col2im.
std::vector<Implementation> references();

// The bundled adapters (oneDNN first, then XNNPACK, OpenCV, libtorch) whose module is in
// `directory`, loaded with InProcessAdapter::load; each one missing or failing to load is
// described in `absent` ("<path> not found", "<path> not loaded: <why>").
std::vector<Implementation> bundled_adapters(const std::string& directory,
                                             std::vector<std::string>& absent);

}  // namespace tconv::bench
