/* Computes the output correctly, then stores one element (zero) 32 KiB past its end,
 * beyond any canary. Verdict: out_of_bounds (the guard after the output, element
 * n + 32768 / element size). */
#include <string.h>

#include "fault.h"

static int32_t compute(TCONV_COMPUTE_PARAMETERS) {
  TCONV_UNUSED_PARAMETERS;
  tconv_c_scatter(p, input, weights, bias, output);
  memset((char*)output + output_elements * TCONV_ELEMENT_BYTES(p) + 32768, 0,
         TCONV_ELEMENT_BYTES(p));
  return TCONV_OK;
}

TCONV_FAULT_ADAPTER("fault-far-store", TCONV_ALL_DTYPES, compute)
