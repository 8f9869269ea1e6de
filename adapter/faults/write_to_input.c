/* Writes its first input element back unchanged (x[0] += 0), then computes the output
 * correctly: the operands are the suite's, read-only. Verdict: out_of_bounds (a write
 * to the read-only input, element 0). */
#include "fault.h"

static int32_t compute(TCONV_COMPUTE_PARAMETERS) {
  TCONV_UNUSED_PARAMETERS;
  tconv_rewrite_element(p, input, 0);
  tconv_c_scatter(p, input, weights, bias, output);
  return TCONV_OK;
}

TCONV_FAULT_ADAPTER("fault-write-to-input", TCONV_ALL_DTYPES, compute)
