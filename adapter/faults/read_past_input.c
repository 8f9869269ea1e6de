/* Reads the input element one past its end, then computes the output correctly.
 * Verdict: out_of_bounds (the guard right after the input, element input_elements). */
#include "fault.h"

static int32_t compute(TCONV_COMPUTE_PARAMETERS) {
  TCONV_UNUSED_PARAMETERS;
  const volatile unsigned char* x = (const volatile unsigned char*)input;
  (void)x[p->input_elements * TCONV_ELEMENT_BYTES(p)];
  tconv_c_scatter(p, input, weights, bias, output);
  return TCONV_OK;
}

TCONV_FAULT_ADAPTER("fault-read-past-input", TCONV_ALL_DTYPES, compute)
