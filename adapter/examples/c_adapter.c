/* An example in-process adapter in plain C (docs/ADAPTERS.md#c): a shared library
 * exporting tconv_adapter_get. It declares every capability and computes with the
 * direct scatter of c_scatter.c. Build: cc -std=c99 -shared -fPIC -I<adapter/include>
 * c_adapter.c c_scatter.c -o libc_adapter.so */
#include <tconv/adapter.h>

#include "c_scatter.h"

static int32_t compute(void* user_data, const tconv_problem* problem, const void* input,
                       const void* weights, const void* bias, void* output, int64_t output_elements,
                       char* error, size_t error_capacity) {
  (void)user_data, (void)output_elements, (void)error, (void)error_capacity;
  tconv_c_scatter(problem, input, weights, bias, output);
  return TCONV_OK;
}

static const tconv_adapter adapter = {
    TCONV_ADAPTER_ABI_VERSION,
    "c-example",
    "1.0",
    {TCONV_RANK_1D | TCONV_RANK_2D | TCONV_RANK_3D,
     TCONV_BIT(TCONV_FLOAT32) | TCONV_BIT(TCONV_FLOAT64) | TCONV_BIT(TCONV_INT64),
     TCONV_BIT(TCONV_NCX) | TCONV_BIT(TCONV_NXC),
     TCONV_BIT(TCONV_IOX) | TCONV_BIT(TCONV_OIX) | TCONV_BIT(TCONV_XOI),
     TCONV_FEATURE_GROUPED | TCONV_FEATURE_DEPTHWISE | TCONV_FEATURE_DILATION |
         TCONV_FEATURE_OUTPUT_PADDING | TCONV_FEATURE_ASYMMETRIC_PADS | TCONV_FEATURE_BIAS,
     0},
    NULL, /* user_data */
    NULL, /* init */
    compute,
    NULL, /* finalize */
};

const tconv_adapter* tconv_adapter_get(void) { return &adapter; }
