// The real layers of published networks, batch 1, each in the layouts of the framework it
// comes from (reference/problem_string.h): measured by tconv_bench (bench/) and checked
// by the topology phase of tconv-conform (runner/topology_phase.h) in every layout an
// adapter declares. Each says where it comes from: the model, and the layer's
// hyperparameters as its public source gives them.
#pragma once

namespace tconv {

struct RealLayer {
  const char* name;     // the first part of each benchmark's name; topology case ids
  const char* origin;   // where the layer comes from
  const char* problem;  // its problem string
  // Measured by tconv_bench: the eight layers of docs/PERFORMANCE.md. The others are
  // checked only; the benchmark's references written for clarity would take minutes on
  // them (zero insertion multiplies stride^rank times the work).
  bool benchmarked;
};

inline constexpr RealLayer kRealLayers[] = {
    // DCGAN's generator (PyTorch's dcgan example, ngf = 64): kernel 4, stride 2, pad 1, no bias.
    {"dcgan_4x4_to_8x8", "DCGAN generator (PyTorch example), 1024 -> 512 channels",
     "ic1024,oc512,i4x4,k4x4,s2x2,pb1x1,pe1x1", true},
    {"dcgan_8x8_to_16x16", "DCGAN generator (PyTorch example), 512 -> 256 channels",
     "ic512,oc256,i8x8,k4x4,s2x2,pb1x1,pe1x1", true},
    {"dcgan_16x16_to_32x32", "DCGAN generator (PyTorch example), 256 -> 128 channels",
     "ic256,oc128,i16x16,k4x4,s2x2,pb1x1,pe1x1", true},
    {"dcgan_32x32_to_64x64", "DCGAN generator (PyTorch example), 128 -> 3 channels (RGB)",
     "ic128,oc3,i32x32,k4x4,s2x2,pb1x1,pe1x1", true},
    // TensorFlow's DCGAN tutorial: Conv2DTranspose(128, 5, strides=2, padding='same',
    // use_bias=False) on 7x7x256; SAME removes 3 of the full 17: 1 at the start, 2 at the end.
    {"dcgan_tf_7x7_to_14x14", "DCGAN generator (TensorFlow tutorial), k5 s2 SAME, NHWC",
     "ic256,oc128,i7x7,k5x5,s2x2,pb1x1,pe2x2,nxc,xoi", true},
    // Bilinear 2x upsampling as a fixed depthwise kernel (k = 2s, pad s/2).
    {"bilinear_2x_3x512x512", "2x bilinear upsampling of a 3x512x512 image, depthwise k4 s2 p1",
     "g3,ic3,oc3,i512x512,k4x4,s2x2,pb1x1,pe1x1", true},
    {"unet_up_256x64x64", "U-Net up-convolution, 1x256x64x64 -> 1x128x128x128, k2 s2, bias",
     "ic256,oc128,i64x64,k2x2,s2x2,bias", true},
    // FCN-32s: the 21 class scores of a 16x16 map upsampled 32x by a depthwise bilinear kernel.
    {"fcn32s_21x16x16", "FCN-32s upsampling, 21 classes depthwise, 16x16 -> 512x512, k64 s32 p16",
     "g21,ic21,oc21,i16x16,k64x64,s32x32,pb16x16,pe16x16", true},
    // Super-resolution: FSRCNN (Dong, Loy, Tang, "Accelerating the Super-Resolution
    // Convolutional Neural Network", ECCV 2016), its last layer a 9x9 deconvolution from
    // d = 56 feature maps to the Y channel with stride = the upscaling factor; as PyTorch
    // ports write it: ConvTranspose2d(56, 1, 9, stride=3, padding=4, output_padding=2),
    // so 128x128 -> 384x384 at x3.
    {"fsrcnn_x3_56x128x128", "FSRCNN x3 upsampler, 56 -> 1 channel, 128x128 -> 384x384, k9 s3 p4 op2",
     "ic56,oc1,i128x128,k9x9,s3x3,pb4x4,pe4x4,op2x2,bias", false},
    // pix2pix (Isola et al., "Image-to-Image Translation with Conditional Adversarial
    // Networks", CVPR 2017), U-Net 256 generator of the authors' PyTorch code
    // (UnetSkipConnectionBlock, ngf = 64): ConvTranspose2d(inner_nc * 2, outer_nc, 4,
    // stride=2, padding=1), no bias under batch norm; the outermost one 128 -> 3 with bias.
    {"pix2pix_up_1024x2x2_to_512x4x4", "pix2pix U-Net decoder, 1024 -> 512 channels, k4 s2 p1",
     "ic1024,oc512,i2x2,k4x4,s2x2,pb1x1,pe1x1", false},
    {"pix2pix_out_128x128_to_3x256x256",
     "pix2pix U-Net decoder, outermost, 128 -> 3 channels, 128x128 -> 256x256, k4 s2 p1, bias",
     "ic128,oc3,i128x128,k4x4,s2x2,pb1x1,pe1x1,bias", false},
    // 3-D U-Net (Cicek et al., "3D U-Net: Learning Dense Volumetric Segmentation from
    // Sparse Annotation", MICCAI 2016): the synthesis path's 2x2x2 up-convolutions, stride 2,
    // keeping the channels; its last one, 128 -> 128, here on an 8x8x8 patch.
    {"unet3d_up_128x8x8x8", "3-D U-Net up-convolution, 128 -> 128 channels, 8^3 -> 16^3, k2 s2, bias",
     "ic128,oc128,i8x8x8,k2x2x2,s2x2x2,bias", false},
    // HiFi-GAN (Kong, Kim, Bae, NeurIPS 2020), config V1: upsample_initial_channel 512,
    // upsample_rates [8, 8, 2, 2], kernels [16, 16, 4, 4]; the first upsampler is
    // ConvTranspose1d(512, 256, 16, stride=8, padding=(16 - 8) // 2), here on 32 mel frames.
    {"hifigan_up1_512x32", "HiFi-GAN V1 first upsampler, 512 -> 256 channels, 32 -> 256, k16 s8 p4",
     "ic512,oc256,i32,k16,s8,pb4,pe4,bias", false},
    // Segmentation: FCN-8s (Long, Shelhamer, Darrell, CVPR 2015; the authors' Caffe
    // voc-fcn8s net): upscore_pool4 Deconvolution(21, kernel 4, stride 2, no bias) on the
    // 32x32 fused pool4 scores, and upscore8 Deconvolution(21, kernel 16, stride 8, no bias)
    // on the 64x64 fused pool3 scores of a 512x512 image (the crops follow; no pads).
    {"fcn8s_upscore_pool4_21x32x32", "FCN-8s decoder, 21 classes, 32x32 -> 66x66, k4 s2",
     "ic21,oc21,i32x32,k4x4,s2x2", false},
    {"fcn8s_upscore8_21x64x64", "FCN-8s decoder, 21 classes, 64x64 -> 520x520, k16 s8",
     "ic21,oc21,i64x64,k16x16,s8x8", false},
};

}  // namespace tconv
