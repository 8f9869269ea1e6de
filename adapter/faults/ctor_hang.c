/* Never returns from a constructor: it hangs while it is being loaded. Loading it is
 * an AdapterError ("did not load within ..."); the suite does not hang. */
#include "fault.h"

__attribute__((constructor)) static void hang_on_load(void) {
  for (volatile int spin = 1; spin;) {
  }
}

static int32_t compute(TCONV_COMPUTE_PARAMETERS) {
  TCONV_UNUSED_PARAMETERS;
  tconv_c_scatter(p, input, weights, bias, output);
  return TCONV_OK;
}

TCONV_FAULT_ADAPTER("fault-ctor-hang", TCONV_ALL_DTYPES, compute)
