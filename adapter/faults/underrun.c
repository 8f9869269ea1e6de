/* Computes the output correctly, then writes one element (zero) before its start.
 * Verdict: out_of_bounds (the canary before the output changed). */
#include <string.h>

#include "fault.h"

static int32_t compute(TCONV_COMPUTE_PARAMETERS) {
  TCONV_UNUSED_PARAMETERS;
  tconv_c_scatter(p, input, weights, bias, output);
  memset((char*)output - TCONV_ELEMENT_BYTES(p), 0, TCONV_ELEMENT_BYTES(p));
  return TCONV_OK;
}

TCONV_FAULT_ADAPTER("fault-underrun", TCONV_ALL_DTYPES, compute)
