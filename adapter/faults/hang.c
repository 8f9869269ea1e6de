/* Never returns. Verdict: timed_out. */
#include "fault.h"

static int32_t compute(TCONV_COMPUTE_PARAMETERS) {
  TCONV_UNUSED_PARAMETERS;
  for (volatile int spin = 1; spin;) {
  }
  return TCONV_OK;
}

TCONV_FAULT_ADAPTER("fault-hang", TCONV_ALL_DTYPES, compute)
