/* Computes the output into a buffer of its own but copies only the first half of it
 * to the output, then returns success. Verdict: unwritten (the second half). */
#include <stdlib.h>
#include <string.h>

#include "fault.h"

static int32_t compute(TCONV_COMPUTE_PARAMETERS) {
  TCONV_UNUSED_PARAMETERS;
  const size_t element_bytes = TCONV_ELEMENT_BYTES(p);
  char* result = malloc((size_t)output_elements * element_bytes);
  if (!result) return TCONV_ERROR;
  tconv_c_scatter(p, input, weights, bias, result);
  memcpy(output, result, (size_t)(output_elements / 2) * element_bytes);
  free(result);
  return TCONV_OK;
}

TCONV_FAULT_ADAPTER("fault-unwritten", TCONV_ALL_DTYPES, compute)
