/* Declares what the ABI has no value for: with TCONV_UNKNOWN_FEATURE a feature bit no
 * version defines (1 << 20), else max_batch -1. Loading it is an AdapterError naming
 * the field and its value. */
#include "fault.h"

#ifdef TCONV_UNKNOWN_FEATURE
#define FEATURES (TCONV_FEATURE_BIAS | (1u << 20))
#define MAX_BATCH 0
#define NAME "fault-unknown-capability"
#else
#define FEATURES TCONV_FEATURE_BIAS
#define MAX_BATCH (-1)
#define NAME "fault-negative-max-batch"
#endif

static int32_t compute(TCONV_COMPUTE_PARAMETERS) {
  TCONV_UNUSED_PARAMETERS;
  tconv_c_scatter(p, input, weights, bias, output);
  return TCONV_OK;
}

static const tconv_adapter declaration = {
    TCONV_ADAPTER_ABI_VERSION,
    NAME,
    "1.0",
    {TCONV_RANK_1D | TCONV_RANK_2D, TCONV_BIT(TCONV_FLOAT64), TCONV_BIT(TCONV_NCX),
     TCONV_BIT(TCONV_IOX), FEATURES, MAX_BATCH},
    NULL,
    NULL,
    compute,
    NULL,
};

const tconv_adapter* tconv_adapter_get(void) { return &declaration; }
