/* Calls abort(), as a failed assert does. Verdict: aborted. */
#include <stdlib.h>

#include "fault.h"

static int32_t compute(TCONV_COMPUTE_PARAMETERS) {
  TCONV_UNUSED_PARAMETERS;
  abort();
}

TCONV_FAULT_ADAPTER("fault-abort", TCONV_ALL_DTYPES, compute)
