/* Computes the output correctly, then writes one element (zero) past its end.
 * Verdict: out_of_bounds (the canary after the output changed). */
#include <string.h>

#include "fault.h"

static int32_t compute(TCONV_COMPUTE_PARAMETERS) {
  TCONV_UNUSED_PARAMETERS;
  tconv_c_scatter(p, input, weights, bias, output);
  memset((char*)output + output_elements * TCONV_ELEMENT_BYTES(p), 0, TCONV_ELEMENT_BYTES(p));
  return TCONV_OK;
}

TCONV_FAULT_ADAPTER("fault-overrun", TCONV_ALL_DTYPES, compute)
