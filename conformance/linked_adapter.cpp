#include "linked_adapter.h"

#include <algorithm>
#include <new>
#include <span>
#include <vector>

#include "direct_scatter.h"

namespace tconv::testing {
namespace {

struct Declaration {
  Bug bug;
  tconv_adapter c;
};

template <class T>
void compute_with(Bug bug, const tconv_problem* c, const void* input, const void* weights,
                  const void* bias, void* output) {
  const auto values = [](const void* data, std::int64_t n) {
    return std::span<const T>(static_cast<const T*>(data), static_cast<std::size_t>(n));
  };
  std::vector<T> x(static_cast<const T*>(input), static_cast<const T*>(input) + c->input_elements);
  if (bug == Bug::drops_last_input) x.back() = 0;
  std::span<T> y(static_cast<T*>(output), static_cast<std::size_t>(c->output_elements));
  conv_transpose_direct_scatter<T>(from_c(*c), x, values(weights, c->weight_elements),
                                   values(bias, c->bias_elements), y);
  for (T& v : y) {
    if (bug == Bug::scaled) v = static_cast<T>(v * (1 + 1.0 / 4096));
    if (bug == Bug::plus_one) v += 1;
    if (bug == Bug::relu) v = std::max(v, T(0));
  }
  if (bug == Bug::bumps_offset_1 && y.size() > 1) y[1] += 1;
}

std::int32_t compute_with_bug(void* user_data, const tconv_problem* c, const void* input,
                              const void* weights, const void* bias, void* output, std::int64_t,
                              char*, std::size_t) {
  const Bug bug = static_cast<const Declaration*>(user_data)->bug;
  visit_dtype(dtype_from_c(*c), [&](auto zero) {
    compute_with<decltype(zero)>(bug, c, input, weights, bias, output);
  });
  return TCONV_OK;
}

// Owns the declaration the adapter points into.
class LinkedAdapter final : public Adapter {
 public:
  LinkedAdapter(Bug bug, std::uint32_t dtypes, std::uint32_t ranks)
      : declaration_(std::make_unique<Declaration>(Declaration{bug, {}})) {
    declaration_->c = {
        TCONV_ADAPTER_ABI_VERSION,
        "linked",
        "1.0",
        {ranks, dtypes, TCONV_BIT(TCONV_NCX) | TCONV_BIT(TCONV_NXC),
         TCONV_BIT(TCONV_IOX) | TCONV_BIT(TCONV_OIX) | TCONV_BIT(TCONV_XOI),
         TCONV_FEATURE_GROUPED | TCONV_FEATURE_DEPTHWISE | TCONV_FEATURE_DILATION |
             TCONV_FEATURE_OUTPUT_PADDING | TCONV_FEATURE_ASYMMETRIC_PADS | TCONV_FEATURE_BIAS,
         0},
        declaration_.get(),
        nullptr,
        compute_with_bug,
        nullptr};
    adapter_ = std::make_unique<InProcessAdapter>(declaration_->c);
  }
  const AdapterInfo& info() const override { return adapter_->info(); }
  CallResult compute(const Problem& p, DType dtype, const Operands& operands,
                     void* output) override {
    return adapter_->compute(p, dtype, operands, output);
  }

 private:
  std::unique_ptr<Declaration> declaration_;
  std::unique_ptr<InProcessAdapter> adapter_;
};

class OutOfMemoryAdapter final : public Adapter {
 public:
  OutOfMemoryAdapter() : info_(linked_adapter(Bug::none)->info()) { info_.name = "out-of-memory"; }
  const AdapterInfo& info() const override { return info_; }
  CallResult compute(const Problem&, DType, const Operands&, void*) override {
    throw std::bad_alloc();
  }
  bool runs_out_of_process() const override { return true; }

 private:
  AdapterInfo info_;
};

}  // namespace

std::unique_ptr<Adapter> out_of_memory_adapter() { return std::make_unique<OutOfMemoryAdapter>(); }

std::unique_ptr<Adapter> linked_adapter(Bug bug, std::uint32_t dtypes, std::uint32_t ranks) {
  return std::make_unique<LinkedAdapter>(bug, dtypes, ranks);
}

}  // namespace tconv::testing
