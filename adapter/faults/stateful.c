/* Keeps state between calls, as a plan cache or an accumulator does: correct for the
 * first two calls its process makes (one isolated call of the suite runs it twice, once
 * per placement), then off by one in the first output element. Only a session
 * (docs/ADAPTERS.md#sessions), whose calls share one process, can see it. Verdict:
 * wrong_values, in a session only. */
#include "fault.h"

static int32_t compute(TCONV_COMPUTE_PARAMETERS) {
  TCONV_UNUSED_PARAMETERS;
  static int calls = 0;
  tconv_c_scatter(p, input, weights, bias, output);
  if (++calls <= 2) return TCONV_OK;
  if (p->dtype == TCONV_FLOAT32) ((float*)output)[0] += 1;
  if (p->dtype == TCONV_FLOAT64) ((double*)output)[0] += 1;
  if (p->dtype == TCONV_INT64) ((int64_t*)output)[0] += 1;
  return TCONV_OK;
}

TCONV_FAULT_ADAPTER("fault-stateful", TCONV_ALL_DTYPES, compute)
