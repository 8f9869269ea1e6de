#include "implementations.h"

#include <filesystem>
#include <memory>
#include <span>
#include <stdexcept>

#include "adapter_interface.h"
#include "capabilities.h"
#include "gemm_col2im.h"
#include "references.h"

namespace tconv::bench {
namespace {

// The float32 operands of problem p as spans of their lengths.
struct Spans {
  std::span<const float> input, weights, bias;
  std::span<float> output;
};
Spans spans(const Problem& p, const float* input, const float* weights, const float* bias,
            float* output) {
  const auto n = [](std::int64_t count) { return static_cast<std::size_t>(count); };
  return {{input, n(input_elements(p))},
          {weights, n(weight_elements(p))},
          {bias, n(bias_elements(p))},
          {output, n(output_elements(p))}};
}

Implementation reference(std::string name,
                         std::function<void(const Problem&, const Spans&)> formulation) {
  return {.name = std::move(name),
          .version = "",
          .is_reference = true,
          .layouts_for = [](const Problem& p) { return p; },
          .unsupported = [](const Problem&) { return std::string(); },
          .run = [formulation](const Problem& p, const float* input, const float* weights,
                               const float* bias, float* output) {
            formulation(p, spans(p, input, weights, bias, output));
          }};
}

// p with its activation and weight layouts replaced, where caps lacks them, by the first
// declared of: its own, then ncx, nxc (activations) / iox, oix, xoi (weights).
Problem in_declared_layouts(const tconv_capabilities& caps, Problem p) {
  const auto declared = [](std::uint32_t mask, auto layout) {
    return (mask & TCONV_BIT(static_cast<int>(layout))) != 0;
  };
  for (Layout l : {Layout::ncx, Layout::nxc})
    if (!declared(caps.layouts, p.layout) && declared(caps.layouts, l)) p.layout = l;
  for (WeightLayout w : {WeightLayout::iox, WeightLayout::oix, WeightLayout::xoi})
    if (!declared(caps.weight_layouts, p.weight_layout) && declared(caps.weight_layouts, w))
      p.weight_layout = w;
  return p;
}

Implementation adapter(std::shared_ptr<InProcessAdapter> loaded) {
  const AdapterInfo& info = loaded->info();
  const tconv_capabilities caps = info.capabilities;
  return {.name = info.name,
          .version = info.version,
          .is_reference = false,
          .layouts_for = [caps](const Problem& p) { return in_declared_layouts(caps, p); },
          .unsupported =
              [caps](const Problem& p) {
                return unsupported_feature(caps, p, DType::float32).value_or("");
              },
          .run = [loaded](const Problem& p, const float* input, const float* weights,
                          const float* bias, float* output) {
            const CallResult r = loaded->compute(p, DType::float32, {input, weights, bias}, output);
            if (r.verdict != Verdict::completed) {
              throw std::runtime_error(std::string(to_string(r.verdict)) + ": " + r.message);
            }
          }};
}

// The layouts of the ABI (include/tconv/adapter.h) are those of problem.h, in order.
static_assert(static_cast<int>(Layout::ncx) == TCONV_NCX &&
              static_cast<int>(Layout::nxc) == TCONV_NXC);
static_assert(static_cast<int>(WeightLayout::iox) == TCONV_IOX &&
              static_cast<int>(WeightLayout::oix) == TCONV_OIX &&
              static_cast<int>(WeightLayout::xoi) == TCONV_XOI);

}  // namespace

std::vector<Implementation> references() {
  std::vector<Implementation> all;
  for (Formulation f : kFormulations) {
    all.push_back(reference(to_string(f), [f](const Problem& p, const Spans& s) {
      conv_transpose<float>(f, p, s.input, s.weights, s.bias, s.output);
    }));
  }
  all.push_back(reference("gemm_col2im", [](const Problem& p, const Spans& s) {
    conv_transpose_gemm_col2im<float>(p, s.input, s.weights, s.bias, s.output);
  }));
  return all;
}

std::vector<Implementation> bundled_adapters(const std::string& directory,
                                             std::vector<std::string>& absent) {
  std::vector<Implementation> found;
  for (const char* module : {"tconv_onednn", "tconv_xnnpack", "tconv_opencv", "tconv_libtorch"}) {
    const std::string path = directory + "/" + module + ".so";
    if (!std::filesystem::exists(path)) {
      absent.push_back(path + " not found");
      continue;
    }
    try {
      found.push_back(adapter(InProcessAdapter::load(path)));
    } catch (const AdapterError& e) {
      absent.push_back(path + " not loaded: " + e.what());
    }
  }
  return found;
}

}  // namespace tconv::bench
