/* Kills its parent, the adapter host, with SIGKILL, then computes the output correctly.
 * Verdict: crashed ("the adapter host sent no reply: it was killed by SIGKILL"); the
 * next call runs in a fresh host. */
#define _POSIX_C_SOURCE 200809L
#include <signal.h>
#include <unistd.h>

#include "fault.h"

static int32_t compute(TCONV_COMPUTE_PARAMETERS) {
  TCONV_UNUSED_PARAMETERS;
  kill(getppid(), SIGKILL);
  tconv_c_scatter(p, input, weights, bias, output);
  return TCONV_OK;
}

TCONV_FAULT_ADAPTER("fault-kills-host", TCONV_ALL_DTYPES, compute)
