// The Arm NN adapter: a 2-D float32 tconv_problem as a one-layer armnn::INetwork (input,
// TransposeConvolution2d, output), optimized for the CpuRef backend (Arm NN's reference
// kernels, RefTransposeConvolution2dWorkload) and run by an armnn::IRuntime. Written
// against Debian's Arm NN 20.08 (libarmnn 22). adapters/README.md#arm-nn lists what is
// declared and why.
#include <armnn/ArmNN.hpp>

#include <array>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "adapter_glue.h"

namespace tconv::bundled {
namespace {

constexpr int kH = 0, kW = 1;  // the problem's spatial axes, outermost first

armnn::IRuntimePtr runtime{nullptr, &armnn::IRuntime::Destroy};

std::int32_t initialize(void*, char* error, std::size_t error_capacity) {
  return guarded(error, error_capacity, [] {
    armnn::ConfigureLogging(/*printToStandardOutput=*/false, /*printToDebugOutput=*/false,
                            armnn::LogSeverity::Fatal);
    runtime = armnn::IRuntime::Create(armnn::IRuntime::CreationOptions());
    // CpuRef is a dynamic backend, a package of its own: without it every call would fail.
    if (runtime->GetDeviceSpec().GetSupportedBackends().count(armnn::Compute::CpuRef) == 0) {
      throw std::runtime_error(
          "Arm NN's CpuRef backend did not load: install libarmnn-cpuref-backend22");
    }
  });
}

void finalize(void*) { runtime.reset(); }

// [N, C, H, W] or [N, H, W, C]: Arm NN's DataLayout::NCHW / NHWC.
armnn::TensorInfo activation(const tconv_problem& p, std::int64_t channels, const std::int64_t* hw) {
  const auto u = [](std::int64_t v) { return static_cast<unsigned int>(v); };
  const armnn::TensorShape shape =
      p.layout == TCONV_NCX ? armnn::TensorShape({u(p.batch), u(channels), u(hw[kH]), u(hw[kW])})
                            : armnn::TensorShape({u(p.batch), u(hw[kH]), u(hw[kW]), u(channels)});
  return armnn::TensorInfo(shape, armnn::DataType::Float32);
}

void deconvolve(const tconv_problem& p, const float* input, const float* weights, const float* bias,
                float* output) {
  const auto u = [](std::int64_t v) { return static_cast<unsigned int>(v); };
  armnn::TransposeConvolution2dDescriptor d;
  d.m_PadTop = u(p.pad_begin[kH]);
  d.m_PadBottom = u(p.pad_end[kH]);
  d.m_PadLeft = u(p.pad_begin[kW]);
  d.m_PadRight = u(p.pad_end[kW]);
  d.m_StrideY = u(p.stride[kH]);
  d.m_StrideX = u(p.stride[kW]);
  d.m_BiasEnabled = bias != nullptr;
  d.m_DataLayout = p.layout == TCONV_NCX ? armnn::DataLayout::NCHW : armnn::DataLayout::NHWC;

  // Arm NN's weights have the output channels first and the rest in the data layout:
  // [O, I, kh, kw] (NCHW) or [O, kh, kw, I] (NHWC); TransposeConvolution2dLayer reads
  // Cout from dimension 0 and the kernel size at the layout's H and W indices. The
  // logical axes are [g, out, in, kh, kw], g = 1.
  static constexpr std::array<int, 5> oihw = {0, 1, 2, 3, 4}, ohwi = {0, 1, 3, 4, 2};
  const std::vector<float> kernel =
      permuted_weights(p, weights, p.layout == TCONV_NCX ? std::span<const int>(oihw) : ohwi);
  const armnn::TensorShape kernel_shape =
      p.layout == TCONV_NCX
          ? armnn::TensorShape({u(p.out_channels), u(p.in_channels), u(p.kernel[kH]), u(p.kernel[kW])})
          : armnn::TensorShape({u(p.out_channels), u(p.kernel[kH]), u(p.kernel[kW]), u(p.in_channels)});
  const armnn::ConstTensor kernel_tensor(armnn::TensorInfo(kernel_shape, armnn::DataType::Float32),
                                         kernel.data());
  armnn::Optional<armnn::ConstTensor> bias_tensor;
  if (bias != nullptr) {
    bias_tensor = armnn::ConstTensor(
        armnn::TensorInfo(armnn::TensorShape({u(p.out_channels)}), armnn::DataType::Float32), bias);
  }

  armnn::INetworkPtr network = armnn::INetwork::Create();
  armnn::IConnectableLayer* in = network->AddInputLayer(0);
  armnn::IConnectableLayer* tconv =
      network->AddTransposeConvolution2dLayer(d, kernel_tensor, bias_tensor, "tconv");
  armnn::IConnectableLayer* out = network->AddOutputLayer(0);
  in->GetOutputSlot(0).Connect(tconv->GetInputSlot(0));
  tconv->GetOutputSlot(0).Connect(out->GetInputSlot(0));
  in->GetOutputSlot(0).SetTensorInfo(activation(p, p.in_channels, p.input_size));
  // The problem's output shape: Arm NN checks it against the one it infers.
  tconv->GetOutputSlot(0).SetTensorInfo(activation(p, p.out_channels, p.output_size));

  std::vector<std::string> messages;
  armnn::IOptimizedNetworkPtr optimized =
      armnn::Optimize(*network, {armnn::Compute::CpuRef}, runtime->GetDeviceSpec(),
                      armnn::OptimizerOptions(), armnn::Optional<std::vector<std::string>&>(messages));
  if (!optimized) {
    std::string why = "armnn::Optimize for CpuRef failed";
    for (const std::string& m : messages) why += ": " + m;
    throw std::runtime_error(why);
  }
  armnn::NetworkId id = 0;
  std::string message;
  if (runtime->LoadNetwork(id, std::move(optimized), message, armnn::INetworkProperties()) !=
      armnn::Status::Success) {
    throw std::runtime_error("armnn::IRuntime::LoadNetwork failed: " + message);
  }
  // Unloaded however the run ends.
  const std::unique_ptr<armnn::NetworkId, void (*)(armnn::NetworkId*)> loaded(
      &id, [](armnn::NetworkId* n) { runtime->UnloadNetwork(*n); });
  const armnn::InputTensors inputs{{0, armnn::ConstTensor(runtime->GetInputTensorInfo(id, 0), input)}};
  const armnn::OutputTensors outputs{{0, armnn::Tensor(runtime->GetOutputTensorInfo(id, 0), output)}};
  if (runtime->EnqueueWorkload(id, inputs, outputs) != armnn::Status::Success) {
    throw std::runtime_error("armnn::IRuntime::EnqueueWorkload failed");
  }
}

std::int32_t compute(void*, const tconv_problem* p, const void* input, const void* weights,
                     const void* bias, void* output, std::int64_t, char* error,
                     std::size_t error_capacity) {
  return guarded(error, error_capacity, [&] {
    deconvolve(*p, static_cast<const float*>(input), static_cast<const float*>(weights),
               static_cast<const float*>(bias), static_cast<float*>(output));
  });
}

}  // namespace
}  // namespace tconv::bundled

const tconv_adapter* tconv_adapter_get(void) {
  static const tconv_adapter adapter = {
      TCONV_ADAPTER_ABI_VERSION,
      "Arm NN",
      TCONV_ARMNN_VERSION,  // the package's, from CMake; ARMNN_VERSION is the library ABI's
      {// TransposeConvolution2dDescriptor (armnn/Descriptors.hpp): 2-D only; NCHW or NHWC;
       // pads per side; stride; bias. It has no groups and no dilation field. Float32:
       // Arm NN's DataType (armnn/Types.hpp) has no float64 or int64. The weights are
       // permuted into its layout, so all three are declared.
       TCONV_RANK_2D, TCONV_BIT(TCONV_FLOAT32), TCONV_BIT(TCONV_NCX) | TCONV_BIT(TCONV_NXC),
       TCONV_BIT(TCONV_IOX) | TCONV_BIT(TCONV_OIX) | TCONV_BIT(TCONV_XOI),
       TCONV_FEATURE_ASYMMETRIC_PADS | TCONV_FEATURE_BIAS, 0},
      nullptr,
      tconv::bundled::initialize,
      tconv::bundled::compute,
      tconv::bundled::finalize,
  };
  return &adapter;
}
