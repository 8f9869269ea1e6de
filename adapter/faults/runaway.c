/* Computes the output correctly, then a loop without a bound goes on writing zeros
 * past its end until it faults. Verdict: out_of_bounds (the guard page was hit). */
#include "fault.h"

static int32_t compute(TCONV_COMPUTE_PARAMETERS) {
  TCONV_UNUSED_PARAMETERS;
  tconv_c_scatter(p, input, weights, bias, output);
  for (volatile char* b = (char*)output + output_elements * TCONV_ELEMENT_BYTES(p);; ++b) *b = 0;
  return TCONV_OK;
}

TCONV_FAULT_ADAPTER("fault-runaway", TCONV_ALL_DTYPES, compute)
