/* Dereferences a null pointer in a constructor: it crashes while it is being loaded,
 * before the suite calls anything. Loading it is an AdapterError ("crashed while
 * loading ... SIGSEGV"); the suite lives on. */
#include "fault.h"

__attribute__((constructor)) static void crash_on_load(void) {
  /* The pointer volatile too: else GCC drops a constructor that is certain to fault. */
  volatile int* volatile null_pointer = NULL;
  *null_pointer = 1;
}

static int32_t compute(TCONV_COMPUTE_PARAMETERS) {
  TCONV_UNUSED_PARAMETERS;
  tconv_c_scatter(p, input, weights, bias, output);
  return TCONV_OK;
}

TCONV_FAULT_ADAPTER("fault-ctor-crash", TCONV_ALL_DTYPES, compute)
