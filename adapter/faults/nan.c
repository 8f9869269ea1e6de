/* Computes the output correctly, then replaces its last element by 0/0 (a NaN the
 * adapter computed, not the poison). Float types only. Verdict: non_finite. */
#include "fault.h"

static int32_t compute(TCONV_COMPUTE_PARAMETERS) {
  TCONV_UNUSED_PARAMETERS;
  tconv_c_scatter(p, input, weights, bias, output);
  volatile double zero = 0.0;
  if (p->dtype == TCONV_FLOAT32) ((float*)output)[output_elements - 1] = (float)(zero / zero);
  if (p->dtype == TCONV_FLOAT64) ((double*)output)[output_elements - 1] = zero / zero;
  return TCONV_OK;
}

TCONV_FAULT_ADAPTER("fault-nan", TCONV_BIT(TCONV_FLOAT32) | TCONV_BIT(TCONV_FLOAT64), compute)
