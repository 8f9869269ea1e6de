/* Dereferences a null pointer: SIGSEGV outside the output. Verdict: crashed. */
#include "fault.h"

static int32_t compute(TCONV_COMPUTE_PARAMETERS) {
  TCONV_UNUSED_PARAMETERS;
  volatile int* null_pointer = NULL;
  *null_pointer = 1;
  return TCONV_OK;
}

TCONV_FAULT_ADAPTER("fault-crash", TCONV_ALL_DTYPES, compute)
