/* Calls exit(3) instead of returning. Verdict: crashed ("exited with status 3"). */
#include <stdlib.h>

#include "fault.h"

static int32_t compute(TCONV_COMPUTE_PARAMETERS) {
  TCONV_UNUSED_PARAMETERS;
  exit(3);
}

TCONV_FAULT_ADAPTER("fault-exits", TCONV_ALL_DTYPES, compute)
