/* Computes the output correctly, then fills the element before its start with the
 * byte 0xA5, the suite's old fixed canary: only a canary drawn anew for every call sees
 * that. Verdict: out_of_bounds (the canary before the output changed, element -1). */
#include <string.h>

#include "fault.h"

static int32_t compute(TCONV_COMPUTE_PARAMETERS) {
  TCONV_UNUSED_PARAMETERS;
  tconv_c_scatter(p, input, weights, bias, output);
  memset((char*)output - TCONV_ELEMENT_BYTES(p), 0xA5, TCONV_ELEMENT_BYTES(p));
  return TCONV_OK;
}

TCONV_FAULT_ADAPTER("fault-canary-value", TCONV_ALL_DTYPES, compute)
