/* Computes the output correctly, then reads the element before its start and writes it
 * back unchanged (y[-1] += 0): no canary can see that, only a guard flush against the
 * output's start. Verdict: out_of_bounds (the guard before the output, element -1, in
 * the second placement). */
#include "fault.h"

static int32_t compute(TCONV_COMPUTE_PARAMETERS) {
  TCONV_UNUSED_PARAMETERS;
  tconv_c_scatter(p, input, weights, bias, output);
  tconv_rewrite_element(p, output, -1);
  return TCONV_OK;
}

TCONV_FAULT_ADAPTER("fault-underrun-by-one", TCONV_ALL_DTYPES, compute)
