/* Declares 3-D support it lacks: correct in 1-D and 2-D, an error status in 3-D.
 * Verdict on a 3-D case: error (a failure, not unsupported). */
#include <stdio.h>

#include "fault.h"

static int32_t compute(TCONV_COMPUTE_PARAMETERS) {
  TCONV_UNUSED_PARAMETERS;
  if (p->rank == 3) {
    snprintf(error, error_capacity, "3-D is not implemented");
    return TCONV_ERROR;
  }
  tconv_c_scatter(p, input, weights, bias, output);
  return TCONV_OK;
}

TCONV_FAULT_ADAPTER("fault-false-claims", TCONV_ALL_DTYPES, compute)
