/* A kernel computing output channels in blocks of 256 that drops the tail block: when
 * out_channels > 256, the last output channel is left zero. Random problems rarely have
 * that many channels; real layers (DCGAN's 1024 -> 512, pix2pix's decoder) do. It
 * declares only what PyTorch offers: ncx activations and iox weights, so the other
 * layouts are unsupported. Verdict: wrong_values on those layers, passed elsewhere. */
#include <string.h>

#include "fault.h"

enum { kBlock = 256 };

static int32_t compute(TCONV_COMPUTE_PARAMETERS) {
  TCONV_UNUSED_PARAMETERS;
  tconv_c_scatter(p, input, weights, bias, output);
  if (p->out_channels <= kBlock) return TCONV_OK;
  const int64_t element = TCONV_ELEMENT_BYTES(p);
  int64_t plane = 1; /* output elements per image and channel */
  for (int32_t a = 0; a < p->rank; ++a) plane *= p->output_size[a];
  const int64_t last = p->out_channels - 1;
  for (int64_t n = 0; n < p->batch; ++n) {
    for (int64_t i = 0; i < plane; ++i) {
      const int64_t at = p->layout == TCONV_NCX ? (n * p->out_channels + last) * plane + i
                                                : (n * plane + i) * p->out_channels + last;
      memset((char*)output + at * element, 0, (size_t)element); /* 0 in every dtype */
    }
  }
  return TCONV_OK;
}

static const tconv_adapter fault_adapter = {
    TCONV_ADAPTER_ABI_VERSION,
    "fault-channel-tail",
    "1.0",
    {TCONV_RANK_1D | TCONV_RANK_2D | TCONV_RANK_3D, TCONV_ALL_DTYPES, TCONV_BIT(TCONV_NCX),
     TCONV_BIT(TCONV_IOX),
     TCONV_FEATURE_GROUPED | TCONV_FEATURE_DEPTHWISE | TCONV_FEATURE_DILATION |
         TCONV_FEATURE_OUTPUT_PADDING | TCONV_FEATURE_ASYMMETRIC_PADS | TCONV_FEATURE_BIAS,
     0},
    NULL,
    NULL,
    compute,
    NULL,
};

const tconv_adapter* tconv_adapter_get(void) { return &fault_adapter; }
