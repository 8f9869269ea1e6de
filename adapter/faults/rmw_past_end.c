/* Computes the output correctly, then reads the element one past its end and writes it
 * back unchanged (y[n] += 0): no canary can see that. Verdict: out_of_bounds (the
 * guard right after the output, element n). */
#include "fault.h"

static int32_t compute(TCONV_COMPUTE_PARAMETERS) {
  TCONV_UNUSED_PARAMETERS;
  tconv_c_scatter(p, input, weights, bias, output);
  tconv_rewrite_element(p, output, output_elements);
  return TCONV_OK;
}

TCONV_FAULT_ADAPTER("fault-rmw-past-end", TCONV_ALL_DTYPES, compute)
