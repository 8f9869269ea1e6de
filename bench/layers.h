// The realistic layers tconv_bench measures, all batch 1 in float32, each in the layouts
// of the framework it comes from (reference/problem_string.h).
#pragma once

namespace tconv::bench {

struct Layer {
  const char* name;     // the first part of each benchmark's name
  const char* origin;   // where the layer comes from
  const char* problem;  // its problem string
};

inline constexpr Layer kLayers[] = {
    // DCGAN's generator (PyTorch's dcgan example, ngf = 64): kernel 4, stride 2, pad 1, no bias.
    {"dcgan_4x4_to_8x8", "DCGAN generator (PyTorch example), 1024 -> 512 channels",
     "ic1024,oc512,i4x4,k4x4,s2x2,pb1x1,pe1x1"},
    {"dcgan_8x8_to_16x16", "DCGAN generator (PyTorch example), 512 -> 256 channels",
     "ic512,oc256,i8x8,k4x4,s2x2,pb1x1,pe1x1"},
    {"dcgan_16x16_to_32x32", "DCGAN generator (PyTorch example), 256 -> 128 channels",
     "ic256,oc128,i16x16,k4x4,s2x2,pb1x1,pe1x1"},
    {"dcgan_32x32_to_64x64", "DCGAN generator (PyTorch example), 128 -> 3 channels (RGB)",
     "ic128,oc3,i32x32,k4x4,s2x2,pb1x1,pe1x1"},
    // TensorFlow's DCGAN tutorial: Conv2DTranspose(128, 5, strides=2, padding='same',
    // use_bias=False) on 7x7x256; SAME removes 3 of the full 17: 1 at the start, 2 at the end.
    {"dcgan_tf_7x7_to_14x14", "DCGAN generator (TensorFlow tutorial), k5 s2 SAME, NHWC",
     "ic256,oc128,i7x7,k5x5,s2x2,pb1x1,pe2x2,nxc,xoi"},
    // Bilinear 2x upsampling as a fixed depthwise kernel (k = 2s, pad s/2).
    {"bilinear_2x_3x512x512", "2x bilinear upsampling of a 3x512x512 image, depthwise k4 s2 p1",
     "g3,ic3,oc3,i512x512,k4x4,s2x2,pb1x1,pe1x1"},
    {"unet_up_256x64x64", "U-Net up-convolution, 1x256x64x64 -> 1x128x128x128, k2 s2, bias",
     "ic256,oc128,i64x64,k2x2,s2x2,bias"},
    // FCN-32s: the 21 class scores of a 16x16 map upsampled 32x by a depthwise bilinear kernel.
    {"fcn32s_21x16x16", "FCN-32s upsampling, 21 classes depthwise, 16x16 -> 512x512, k64 s32 p16",
     "g21,ic21,oc21,i16x16,k64x64,s32x32,pb16x16,pe16x16"},
};

}  // namespace tconv::bench
