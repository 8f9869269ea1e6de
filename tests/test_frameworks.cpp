// Each framework's parameters resolved to the canonical problem string on literal
// cases (reference/frameworks.h, docs/FRAMEWORKS.md). The rejections are in
// test_validation.cpp.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "frameworks.h"
#include "problem.h"
#include "problem_string.h"

namespace tconv {
namespace {

using Shape = std::vector<std::int64_t>;

// ---- Forward convolution shape inversion -------------------------------------------

TEST(ForwardConvolutionShape, Input16Kernel5Pad2Stride3GivesSixAndNoOutputPadding) {
  const ForwardShape f = forward_convolution_shape(16, 5, 3, 2, 2, 1);
  EXPECT_EQ(f.output_size, 6);
  EXPECT_EQ(f.output_padding, 0);
}

TEST(ForwardConvolutionShape, Input512Kernel3GivesFiveHundredTen) {
  const ForwardShape f = forward_convolution_shape(512, 3, 1, 0, 0, 1);
  EXPECT_EQ(f.output_size, 510);
  EXPECT_EQ(f.output_padding, 0);
}

TEST(ForwardConvolutionShape, InputsSharingAnOutputSizeDifferInOutputPadding) {
  // Sizes 16, 17 and 18 all give 6 with k5,p2,s3; (i + 4 − 5) mod 3 tells them apart.
  for (std::int64_t i : {16, 17, 18}) {
    const ForwardShape f = forward_convolution_shape(i, 5, 3, 2, 2, 1);
    EXPECT_EQ(f.output_size, 6) << "input " << i;
    EXPECT_EQ(f.output_padding, i - 16) << "input " << i;
  }
}

TEST(ForwardConvolutionShape, DilationAndUnevenPadsEnterTheExtent) {
  // i10, k3, d2 (extent 5), pads 1 + 0, s2: floor((10 + 1 − 5)/2) + 1 = 4, remainder 0;
  // i11 leaves remainder 1.
  EXPECT_EQ(forward_convolution_shape(10, 3, 2, 1, 0, 2).output_size, 4);
  EXPECT_EQ(forward_convolution_shape(10, 3, 2, 1, 0, 2).output_padding, 0);
  EXPECT_EQ(forward_convolution_shape(11, 3, 2, 1, 0, 2).output_size, 4);
  EXPECT_EQ(forward_convolution_shape(11, 3, 2, 1, 0, 2).output_padding, 1);
}

// ---- PyTorch -----------------------------------------------------------------------

// ConvTranspose2d(4, 10, 5, stride 3, padding 2) on [1, 4, 6, 6]: the transpose of
// Conv2d(10, 4, 5, stride 3, padding 2), which maps 1x10x16x16 to 1x4x6x6.
PyTorchConvTranspose pytorch_inverse_of_16_to_6(std::int64_t output_padding) {
  return {.input_shape = {1, 4, 6, 6}, .in_channels = 4, .out_channels = 10, .groups = 1,
          .kernel_size = {5, 5}, .stride = {3, 3}, .padding = {2, 2},
          .output_padding = {output_padding, output_padding}, .dilation = {}, .bias = true,
          .output_size = std::nullopt};
}

TEST(PyTorchConversion, TransposeOfKernel5Pad2Stride3Restores16From6) {
  const std::int64_t a = forward_convolution_shape(16, 5, 3, 2, 2, 1).output_padding;
  const Problem p = resolve_pytorch(pytorch_inverse_of_16_to_6(a));
  EXPECT_EQ(to_string(p), "n1,g1,ic4,oc10,i6x6,k5x5,s3x3,d1x1,pb2x2,pe2x2,op0x0,bias,ncx,iox");
  EXPECT_EQ(output_shape(p), (Shape{1, 10, 16, 16})) << to_string(p);
}

TEST(PyTorchConversion, DerivedOutputPaddingRestoresEachInputSize) {
  for (std::int64_t size : {16, 17, 18}) {
    const ForwardShape f = forward_convolution_shape(size, 5, 3, 2, 2, 1);
    const Problem p = resolve_pytorch(pytorch_inverse_of_16_to_6(f.output_padding));
    EXPECT_EQ(output_shape(p), (Shape{1, 10, size, size})) << to_string(p);
  }
}

TEST(PyTorchConversion, OutputSizeDerivesTheSameOutputPadding) {
  PyTorchConvTranspose c = pytorch_inverse_of_16_to_6(0);
  c.output_size = {{17, 18}};
  EXPECT_EQ(to_string(resolve_pytorch(c)),
            "n1,g1,ic4,oc10,i6x6,k5x5,s3x3,d1x1,pb2x2,pe2x2,op1x2,bias,ncx,iox");
}

TEST(PyTorchConversion, OutputSizeReplacesTheModulesOutputPadding) {
  // forward(input, output_size) passes the derived output_padding, not the module's.
  PyTorchConvTranspose c = pytorch_inverse_of_16_to_6(2);
  c.output_size = {{17, 16}};
  EXPECT_EQ(to_string(resolve_pytorch(c)),
            "n1,g1,ic4,oc10,i6x6,k5x5,s3x3,d1x1,pb2x2,pe2x2,op1x0,bias,ncx,iox");
}

TEST(PyTorchConversion, Input512Kernel3Stride2Gives1025) {
  const PyTorchConvTranspose c{.input_shape = {1, 3, 512, 512}, .in_channels = 3, .out_channels = 3,
                               .groups = 1, .kernel_size = {3, 3}, .stride = {2, 2}, .padding = {},
                               .output_padding = {}, .dilation = {}, .bias = true, .output_size = std::nullopt};
  const Problem p = resolve_pytorch(c);
  EXPECT_EQ(to_string(p), "n1,g1,ic3,oc3,i512x512,k3x3,s2x2,d1x1,pb0x0,pe0x0,op0x0,bias,ncx,iox");
  EXPECT_EQ(output_shape(p), (Shape{1, 3, 1025, 1025})) << to_string(p);
}

TEST(PyTorchConversion, TransposeOfKernel3Restores512From510) {
  const PyTorchConvTranspose c{.input_shape = {1, 1, 510}, .in_channels = 1, .out_channels = 1,
                               .groups = 1, .kernel_size = {3}, .stride = {}, .padding = {},
                               .output_padding = {}, .dilation = {}, .bias = false, .output_size = std::nullopt};
  const Problem p = resolve_pytorch(c);
  EXPECT_EQ(to_string(p), "n1,g1,ic1,oc1,i510,k3,s1,d1,pb0,pe0,op0,nobias,ncx,iox");
  EXPECT_EQ(output_shape(p), (Shape{1, 1, 512})) << to_string(p);
}

TEST(PyTorchConversion, GroupsDilationAndThreeAxes) {
  // ConvTranspose3d(6, 9, (1, 2, 3), stride (1, 2, 3), padding (0, 1, 2),
  // output_padding (0, 1, 2), groups 3, dilation (1, 1, 2)) on [2, 6, 2, 3, 4].
  const PyTorchConvTranspose c{.input_shape = {2, 6, 2, 3, 4}, .in_channels = 6, .out_channels = 9,
                               .groups = 3, .kernel_size = {1, 2, 3}, .stride = {1, 2, 3},
                               .padding = {0, 1, 2}, .output_padding = {0, 1, 2}, .dilation = {1, 1, 2},
                               .bias = true, .output_size = std::nullopt};
  const Problem p = resolve_pytorch(c);
  EXPECT_EQ(to_string(p), "n2,g3,ic6,oc9,i2x3x4,k1x2x3,s1x2x3,d1x1x2,pb0x1x2,pe0x1x2,op0x1x2,bias,ncx,iox");
  // (I−1)s − 2p + d(k−1) + 1 + op: 2, 4 − 2 + 1 + 1 + 1 = 5, 9 − 4 + 4 + 1 + 2 = 12.
  EXPECT_EQ(output_shape(p), (Shape{2, 9, 2, 5, 12})) << to_string(p);
}

// ---- TensorFlow --------------------------------------------------------------------

// conv2d_transpose NHWC, k5, SAME, no bias: one layer of the DCGAN generator.
TensorFlowConvTranspose dcgan_layer(std::int64_t size, std::int64_t in, std::int64_t out, std::int64_t stride) {
  return {.input_shape = {1, size, size, in}, .filter_shape = {5, 5, out, in},
          .output_shape = {1, size * stride, size * stride, out}, .strides = {stride, stride},
          .dilations = {}, .padding = TensorFlowPadding::same, .explicit_paddings = {},
          .data_format = Layout::nxc, .bias_add = false};
}

// DCGAN generator: 7x7x256 -(k5,s1)-> 7x7x128 -(k5,s2)-> 14x14x64 -(k5,s2)-> 28x28x1. The odd
// unit of SAME padding (total 3 for the stride-2 layers) is removed at the end.
const char* const kDcganProblems[] = {
    "n1,g1,ic256,oc128,i7x7,k5x5,s1x1,d1x1,pb2x2,pe2x2,op0x0,nobias,nxc,xoi",
    "n1,g1,ic128,oc64,i7x7,k5x5,s2x2,d1x1,pb1x1,pe2x2,op0x0,nobias,nxc,xoi",
    "n1,g1,ic64,oc1,i14x14,k5x5,s2x2,d1x1,pb1x1,pe2x2,op0x0,nobias,nxc,xoi",
};
const Shape kDcganOutputs[] = {{1, 128, 7, 7}, {1, 64, 14, 14}, {1, 1, 28, 28}};

TEST(TensorFlowConversion, DcganGeneratorLayers) {
  const TensorFlowConvTranspose layers[] = {dcgan_layer(7, 256, 128, 1), dcgan_layer(7, 128, 64, 2),
                                            dcgan_layer(14, 64, 1, 2)};
  for (int l = 0; l < 3; ++l) {
    const Problem p = resolve_tensorflow(layers[l]);
    EXPECT_EQ(to_string(p), kDcganProblems[l]) << "layer " << l;
    EXPECT_EQ(output_shape(p), kDcganOutputs[l]) << to_string(p);
  }
}

// conv1d_transpose NWC on one channel, SAME, output size O.
TensorFlowConvTranspose tensorflow_same_1d(std::int64_t input, std::int64_t kernel, std::int64_t stride,
                                           std::int64_t output) {
  return {.input_shape = {1, input, 1}, .filter_shape = {kernel, 1, 1}, .output_shape = {1, output, 1},
          .strides = {stride}, .dilations = {}, .padding = TensorFlowPadding::same,
          .explicit_paddings = {}, .data_format = Layout::nxc, .bias_add = false};
}

struct SameCase {
  std::int64_t input, kernel;            // stride 2
  std::vector<std::int64_t> sizes;       // every legal output_shape
  std::vector<std::string> problems;     // the problem each resolves to
};

TEST(TensorFlowConversion, SameListsEveryLegalOutputSizeAndResolvesEach) {
  // ceil(O/2) = I: O in {2I − 1, 2I}. Pads total max((I−1)·2 + k − O, 0), the odd unit
  // at the end; a size beyond the full output becomes output_padding.
  const SameCase cases[] = {
      {3, 1, {5, 6}, {"i3,k1,s2,d1,pb0,pe0,op0", "i3,k1,s2,d1,pb0,pe0,op1"}},  // k < s, odd I
      {3, 2, {5, 6}, {"i3,k2,s2,d1,pb0,pe1,op0", "i3,k2,s2,d1,pb0,pe0,op0"}},  // k = s
      {3, 3, {5, 6}, {"i3,k3,s2,d1,pb1,pe1,op0", "i3,k3,s2,d1,pb0,pe1,op0"}},  // k > s
      {4, 1, {7, 8}, {"i4,k1,s2,d1,pb0,pe0,op0", "i4,k1,s2,d1,pb0,pe0,op1"}},  // even I
      {4, 2, {7, 8}, {"i4,k2,s2,d1,pb0,pe1,op0", "i4,k2,s2,d1,pb0,pe0,op0"}},
      {4, 5, {7, 8}, {"i4,k5,s2,d1,pb2,pe2,op0", "i4,k5,s2,d1,pb1,pe2,op0"}},
  };
  for (const SameCase& c : cases) {
    const TensorFlowWindow w{.kernel = c.kernel, .stride = 2, .dilation = 1,
                             .padding = TensorFlowPadding::same, .pad_before = 0, .pad_after = 0};
    EXPECT_EQ(tensorflow_output_sizes(w, c.input), c.sizes) << "I " << c.input << ", k " << c.kernel;
    for (std::size_t j = 0; j < c.sizes.size(); ++j) {
      const Problem p = resolve_tensorflow(tensorflow_same_1d(c.input, c.kernel, 2, c.sizes[j]));
      EXPECT_EQ(to_string(p), "n1,g1,ic1,oc1," + c.problems[j] + ",nobias,nxc,xoi");
      EXPECT_EQ(output_shape(p), (Shape{1, 1, c.sizes[j]})) << to_string(p);
    }
  }
}

TEST(TensorFlowConversion, LegalOutputSizesAreExactlyThoseTheForwardRuleAccepts) {
  // Every padding kind, stride 1..4, kernel 1..5, dilation 1..2, input 1..5, against a
  // scan of every size the forward rule could map to the input.
  for (TensorFlowPadding padding : {TensorFlowPadding::same, TensorFlowPadding::valid,
                                    TensorFlowPadding::explicit_pads})
    for (std::int64_t stride = 1; stride <= 4; ++stride)
      for (std::int64_t kernel = 1; kernel <= 5; ++kernel)
        for (std::int64_t dilation = 1; dilation <= 2; ++dilation)
          for (std::int64_t input = 1; input <= 5; ++input) {
            const bool pads = padding == TensorFlowPadding::explicit_pads;
            const TensorFlowWindow w{.kernel = kernel, .stride = stride, .dilation = dilation,
                                     .padding = padding, .pad_before = pads ? 2 : 0, .pad_after = pads ? 3 : 0};
            std::vector<std::int64_t> scanned;
            for (std::int64_t o = 1; o <= (input + 2) * stride + dilation * kernel; ++o) {
              if (tensorflow_forward_size(w, o) == input) scanned.push_back(o);
            }
            EXPECT_EQ(tensorflow_output_sizes(w, input), scanned)
                << "padding " << static_cast<int>(padding) << ", I " << input << ", k " << kernel
                << ", s " << stride << ", d " << dilation;
          }
}

TEST(TensorFlowConversion, ValidKeepsTheFullOutputAndPutsExtraSizeInOutputPadding) {
  // i5,k3,s2: (5−1)·2 + 3 = 11 and 12 are legal; 12 is output_padding 1.
  TensorFlowConvTranspose c = tensorflow_same_1d(5, 3, 2, 12);
  c.padding = TensorFlowPadding::valid;
  EXPECT_EQ(to_string(resolve_tensorflow(c)), "n1,g1,ic1,oc1,i5,k3,s2,d1,pb0,pe0,op1,nobias,nxc,xoi");
}

TEST(TensorFlowConversion, ExplicitPaddingsChannelsFirstAndDilation) {
  // conv2d_transpose NCHW, input [2, 3, 4, 5], filter [2, 3, 6, 3], strides (2, 1),
  // dilations (2, 1), paddings ((1, 2), (0, 1)), output [2, 6, 6, 6]:
  // axis 0 (I4,k2,d2): 6 + 3 − 3 = 6; axis 1 (I5,k3): 4 + 3 − 1 = 6.
  const TensorFlowConvTranspose c{.input_shape = {2, 3, 4, 5}, .filter_shape = {2, 3, 6, 3},
                                  .output_shape = {2, 6, 6, 6}, .strides = {2, 1}, .dilations = {2, 1},
                                  .padding = TensorFlowPadding::explicit_pads,
                                  .explicit_paddings = {{1, 2}, {0, 1}}, .data_format = Layout::ncx,
                                  .bias_add = true};
  const Problem p = resolve_tensorflow(c);
  EXPECT_EQ(to_string(p), "n2,g1,ic3,oc6,i4x5,k2x3,s2x1,d2x1,pb1x0,pe2x1,op0x0,bias,ncx,xoi");
  EXPECT_EQ(output_shape(p), (Shape{2, 6, 6, 6})) << to_string(p);
}

// ---- Keras -------------------------------------------------------------------------

TEST(KerasConversion, OutputLengthFollowsDeconvOutputLength) {
  // valid: I·s + max(ek − s, 0); same: I·s; with output_padding: (I−1)s + ek − 2·pad + op.
  EXPECT_EQ(keras_output_length(5, 3, KerasPadding::valid, std::nullopt, 2, 1), 11);
  EXPECT_EQ(keras_output_length(5, 1, KerasPadding::valid, std::nullopt, 2, 1), 10);
  EXPECT_EQ(keras_output_length(5, 3, KerasPadding::same, std::nullopt, 2, 1), 10);
  EXPECT_EQ(keras_output_length(5, 3, KerasPadding::valid, 1, 2, 1), 12);
  EXPECT_EQ(keras_output_length(5, 3, KerasPadding::same, 1, 2, 1), 10);
  EXPECT_EQ(keras_output_length(5, 4, KerasPadding::same, 0, 2, 1), 8);
  EXPECT_EQ(keras_output_length(5, 3, KerasPadding::same, std::nullopt, 1, 2), 5);  // ek 5
  EXPECT_EQ(keras_output_length(5, 3, KerasPadding::valid, std::nullopt, 1, 2), 9);
}

TEST(KerasConversion, DcganGeneratorLayersMatchTensorFlow) {
  struct Layer {
    std::int64_t size, in, filters, stride;
  };
  const Layer layers[] = {{7, 256, 128, 1}, {7, 128, 64, 2}, {14, 64, 1, 2}};
  for (int l = 0; l < 3; ++l) {
    const Layer& L = layers[l];
    const KerasConvTranspose c{.input_shape = {1, L.size, L.size, L.in}, .filters = L.filters,
                               .kernel_size = {5, 5}, .strides = {L.stride, L.stride}, .dilation_rate = {},
                               .padding = KerasPadding::same, .output_padding = std::nullopt,
                               .data_format = Layout::nxc, .use_bias = false};
    const Problem p = resolve_keras(c);
    EXPECT_EQ(to_string(p), kDcganProblems[l]) << "layer " << l;
    EXPECT_EQ(output_shape(p), kDcganOutputs[l]) << to_string(p);
  }
}

KerasConvTranspose keras_1d(std::int64_t kernel, KerasPadding padding, std::optional<std::int64_t> output_padding) {
  return {.input_shape = {1, 2, 5}, .filters = 3, .kernel_size = {kernel}, .strides = {2},
          .dilation_rate = {}, .padding = padding,
          .output_padding = output_padding ? std::optional<Shape>(Shape{*output_padding}) : std::nullopt,
          .data_format = Layout::ncx, .use_bias = true};
}

TEST(KerasConversion, ValidWithKernelBelowStrideEndsInOutputPadding) {
  // Conv1DTranspose(3, 1, strides 2, 'valid'), channels_first [1, 2, 5]: length 10,
  // one past the full output (5−1)·2 + 1 = 9.
  EXPECT_EQ(to_string(resolve_keras(keras_1d(1, KerasPadding::valid, std::nullopt))),
            "n1,g1,ic2,oc3,i5,k1,s2,d1,pb0,pe0,op1,bias,ncx,xoi");
  EXPECT_EQ(to_string(resolve_keras(keras_1d(3, KerasPadding::valid, std::nullopt))),
            "n1,g1,ic2,oc3,i5,k3,s2,d1,pb0,pe0,op0,bias,ncx,xoi");
}

TEST(KerasConversion, SameWithOutputPaddingLetsTensorFlowSplitThePads) {
  // k3, pad 1, output_padding 1: (5−1)·2 + 3 − 2 + 1 = 10; TensorFlow SAME pads 8 + 3 − 10 = 1
  // at the end. output_padding 0 gives 9: pads 2, split evenly.
  EXPECT_EQ(to_string(resolve_keras(keras_1d(3, KerasPadding::same, 1))),
            "n1,g1,ic2,oc3,i5,k3,s2,d1,pb0,pe1,op0,bias,ncx,xoi");
  EXPECT_EQ(to_string(resolve_keras(keras_1d(3, KerasPadding::same, 0))),
            "n1,g1,ic2,oc3,i5,k3,s2,d1,pb1,pe1,op0,bias,ncx,xoi");
}

TEST(KerasConversion, DilationWithStrideOne) {
  // Conv1DTranspose(3, 3, dilation_rate 2, 'same') on [1, 2, 5]: 5, pads 4 split 2 + 2.
  KerasConvTranspose c = keras_1d(3, KerasPadding::same, std::nullopt);
  c.strides = {1};
  c.dilation_rate = {2};
  EXPECT_EQ(to_string(resolve_keras(c)), "n1,g1,ic2,oc3,i5,k3,s1,d2,pb2,pe2,op0,bias,ncx,xoi");
}

// ---- ONNX --------------------------------------------------------------------------

// ConvTranspose on X [1, 1, 3], W [1, 1, 3], strides 2.
OnnxConvTranspose onnx_1d(OnnxAutoPad auto_pad) {
  return {.x_shape = {1, 1, 3}, .w_shape = {1, 1, 3}, .has_b = false, .auto_pad = auto_pad, .group = 1,
          .kernel_shape = {}, .strides = {2}, .dilations = {}, .pads = {}, .output_padding = {},
          .output_shape = {}};
}

TEST(OnnxConversion, SameUpperPutsTheOddPadAtTheEndSameLowerAtTheBegin) {
  // Output I·s = 6 from the full 2·2 + 3 = 7: total padding 1.
  EXPECT_EQ(to_string(resolve_onnx(onnx_1d(OnnxAutoPad::same_upper))),
            "n1,g1,ic1,oc1,i3,k3,s2,d1,pb0,pe1,op0,nobias,ncx,iox");
  EXPECT_EQ(to_string(resolve_onnx(onnx_1d(OnnxAutoPad::same_lower))),
            "n1,g1,ic1,oc1,i3,k3,s2,d1,pb1,pe0,op0,nobias,ncx,iox");
}

TEST(OnnxConversion, OutputShapeWithoutSameUpperPutsTheOddPadAtTheBegin) {
  // The spec's "Else" branch covers NOTSET (and VALID) with output_shape too.
  for (OnnxAutoPad auto_pad : {OnnxAutoPad::notset, OnnxAutoPad::same_lower, OnnxAutoPad::valid}) {
    OnnxConvTranspose c = onnx_1d(auto_pad);
    c.output_shape = {4};  // total 3
    EXPECT_EQ(to_string(resolve_onnx(c)), "n1,g1,ic1,oc1,i3,k3,s2,d1,pb2,pe1,op0,nobias,ncx,iox");
  }
  OnnxConvTranspose c = onnx_1d(OnnxAutoPad::same_upper);
  c.output_shape = {4};
  EXPECT_EQ(to_string(resolve_onnx(c)), "n1,g1,ic1,oc1,i3,k3,s2,d1,pb1,pe2,op0,nobias,ncx,iox");
}

TEST(OnnxConversion, OutputPaddingCountsTowardsTheGeneratedPadding) {
  // total = 4 + 1 + 3 − 7 = 1: one pad at the begin, and output_padding 1 stays.
  OnnxConvTranspose c = onnx_1d(OnnxAutoPad::notset);
  c.output_padding = {1};
  c.output_shape = {7};
  const Problem p = resolve_onnx(c);
  EXPECT_EQ(to_string(p), "n1,g1,ic1,oc1,i3,k3,s2,d1,pb1,pe0,op1,nobias,ncx,iox");
  EXPECT_EQ(output_shape(p), (Shape{1, 1, 7})) << to_string(p);
}

TEST(OnnxConversion, OutputShapeOneBeyondTheFullOutputIsOutputPaddingUnlessSameUpper) {
  // total = 4 + 3 − 8 = −1, floored: begin 0, end −1 (one more element of output_padding);
  // SAME_UPPER's begin −1 cannot be expressed.
  for (OnnxAutoPad auto_pad : {OnnxAutoPad::notset, OnnxAutoPad::same_lower, OnnxAutoPad::valid}) {
    OnnxConvTranspose c = onnx_1d(auto_pad);
    c.output_shape = {8};
    const Problem p = resolve_onnx(c);
    EXPECT_EQ(to_string(p), "n1,g1,ic1,oc1,i3,k3,s2,d1,pb0,pe0,op1,nobias,ncx,iox");
    EXPECT_EQ(output_shape(p), (Shape{1, 1, 8})) << to_string(p);
  }
  OnnxConvTranspose c = onnx_1d(OnnxAutoPad::same_upper);
  c.output_shape = {8};
  EXPECT_THROW(resolve_onnx(c), ProblemError);
}

TEST(OnnxConversion, SameLowerWithKernelBelowStrideEndsInOutputPadding) {
  // X [1, 1, 3], k2, s3: I·s = 9 from the full 2·3 + 2 = 8, total −1 → end pad −1.
  OnnxConvTranspose c = onnx_1d(OnnxAutoPad::same_lower);
  c.w_shape = {1, 1, 2};
  c.strides = {3};
  EXPECT_EQ(to_string(resolve_onnx(c)), "n1,g1,ic1,oc1,i3,k2,s3,d1,pb0,pe0,op1,nobias,ncx,iox");
}

TEST(OnnxConversion, OutputShapeIgnoresPads) {
  // X [1, 2, 3, 2], W [2, 2, 2, 3], strides (3, 2), pads (1, 0, 0, 1), output_shape 6x6:
  // the pads are generated as without them. Axis 0: 6 + 2 − 6 = 2, split 1 + 1; axis 1:
  // 2 + 3 − 6 = −1, output_padding 1.
  OnnxConvTranspose c{.x_shape = {1, 2, 3, 2}, .w_shape = {2, 2, 2, 3}, .has_b = false,
                      .auto_pad = OnnxAutoPad::notset, .group = 1, .kernel_shape = {},
                      .strides = {3, 2}, .dilations = {}, .pads = {1, 0, 0, 1}, .output_padding = {},
                      .output_shape = {6, 6}};
  const std::string expected = "n1,g1,ic2,oc2,i3x2,k2x3,s3x2,d1x1,pb1x0,pe1x0,op0x1,nobias,ncx,iox";
  EXPECT_EQ(to_string(resolve_onnx(c)), expected);
  c.pads = {};
  EXPECT_EQ(to_string(resolve_onnx(c)), expected);
}

TEST(OnnxConversion, ExplicitPadsListAllBeginsThenAllEnds) {
  // X [2, 4, 5, 6], W [4, 3, 3, 2], group 2, pads [x1_begin 1, x2_begin 2, x1_end 0, x2_end 1].
  const OnnxConvTranspose c{.x_shape = {2, 4, 5, 6}, .w_shape = {4, 3, 3, 2}, .has_b = true,
                            .auto_pad = OnnxAutoPad::notset, .group = 2, .kernel_shape = {3, 2},
                            .strides = {2, 1}, .dilations = {1, 3}, .pads = {1, 2, 0, 1},
                            .output_padding = {1, 0}, .output_shape = {}};
  const Problem p = resolve_onnx(c);
  EXPECT_EQ(to_string(p), "n2,g2,ic4,oc6,i5x6,k3x2,s2x1,d1x3,pb1x2,pe0x1,op1x0,bias,ncx,iox");
  // 8 + 1 + 3 − 1 = 11; 5 + 0 + 4 − 3 = 6.
  EXPECT_EQ(output_shape(p), (Shape{2, 6, 11, 6})) << to_string(p);
}

TEST(OnnxConversion, ValidUsesNoPads) {
  OnnxConvTranspose c = onnx_1d(OnnxAutoPad::valid);
  c.output_padding = {1};
  EXPECT_EQ(to_string(resolve_onnx(c)), "n1,g1,ic1,oc1,i3,k3,s2,d1,pb0,pe0,op1,nobias,ncx,iox");
}

}  // namespace
}  // namespace tconv
