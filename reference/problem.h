// The framework-neutral description of one transposed convolution.
// Every convention used here (layouts, pad order, dilation base, output size) is
// written down once in docs/CONVENTIONS.md; this header only restates the formulas.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace tconv {

// Activation layout of the input and output tensors (docs/CONVENTIONS.md#layouts).
enum class Layout {
  ncx,  // channels first: [N, C, spatial...] (NCW, NCHW, NCDHW)
  nxc,  // channels last:  [N, spatial..., C] (NWC, NHWC, NDHWC)
};

// Weight layout (docs/CONVENTIONS.md#weights). Cin / Cout are the transposed
// convolution's own input / output channels, g the group count.
enum class WeightLayout {
  iox,  // [Cin, Cout/g, k...]   PyTorch, ONNX
  oix,  // [Cout, Cin/g, k...]   oneDNN deconvolution "oihw"
  xoi,  // [k..., Cout/g, Cin]   TensorFlow, Keras (HWOI)
};

// One spatial axis. Dilation 1 is dense; pads are removed from the full output
// (begin side, end side); output_padding extends the end side. Output size:
//   O = (I - 1)·stride + dilation·(kernel - 1) + 1 - pad_begin - pad_end + output_padding
struct Axis {
  std::int64_t input = 1;
  std::int64_t kernel = 1;
  std::int64_t stride = 1;
  std::int64_t dilation = 1;
  std::int64_t pad_begin = 0;
  std::int64_t pad_end = 0;
  std::int64_t output_padding = 0;

  friend bool operator==(const Axis&, const Axis&) = default;
};

struct Problem {
  std::int64_t batch = 1;
  std::int64_t in_channels = 1;
  std::int64_t out_channels = 1;
  std::int64_t groups = 1;
  std::vector<Axis> axes;  // spatial rank = axes.size(), outermost axis first (D, H, W)
  bool has_bias = false;
  Layout layout = Layout::ncx;
  WeightLayout weight_layout = WeightLayout::iox;

  int rank() const { return static_cast<int>(axes.size()); }
  friend bool operator==(const Problem&, const Problem&) = default;
};

// Thrown for every invalid problem or operand. The message names the field and
// its value, e.g. "axes[1].stride = 0: must be >= 1".
class ProblemError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// Throws ProblemError unless the problem is valid (all rules in CONVENTIONS.md#validity).
void validate(const Problem& p);

// Shapes of a valid problem, in logical order [N, C, spatial...] regardless of layout
// (weights: in their own layout's order). Throw ProblemError if the problem is invalid.
std::int64_t output_size(const Axis& a);  // checked; throws on overflow
std::vector<std::int64_t> input_shape(const Problem& p);
std::vector<std::int64_t> output_shape(const Problem& p);
std::vector<std::int64_t> weight_shape(const Problem& p);
std::int64_t input_elements(const Problem& p);
std::int64_t output_elements(const Problem& p);
std::int64_t weight_elements(const Problem& p);
std::int64_t bias_elements(const Problem& p);  // out_channels or 0
// Multiply-adds, counted as frameworks count them: every input element times every tap
// of its group's Cout/g filters, whether or not it lands inside the output. Checked.
std::int64_t multiply_adds(const Problem& p);

// Operand lengths against the problem; throws ProblemError naming the tensor.
void check_operand_sizes(const Problem& p, std::size_t input, std::size_t weights, std::size_t bias,
                         std::size_t output);

// Checked 64-bit arithmetic: throws ProblemError(what + " overflows") instead of wrapping.
std::int64_t checked_mul(std::int64_t a, std::int64_t b, const std::string& what);
std::int64_t checked_add(std::int64_t a, std::int64_t b, const std::string& what);
std::int64_t checked_sub(std::int64_t a, std::int64_t b, const std::string& what);

const char* to_string(Layout l);
const char* to_string(WeightLayout w);

}  // namespace tconv
