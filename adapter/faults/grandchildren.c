/* Computes the output correctly, but first starts two processes that sleep (`sleep
 * SECONDS`, SECONDS from $TCONV_FAULT_SLEEP, default 3600: a test makes it unique to
 * find them): one its own child, one orphaned at once in a session of its own (setsid),
 * out of the call's process group; and prints a fake summary line on its stdout.
 * Verdict: passed; neither sleeper outlives the adapter, and the line never reaches
 * the suite's stdout. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fault.h"

static void sleep_in_child(const char* seconds) {
  execlp("sleep", "sleep", seconds, (char*)NULL);
  _exit(127);
}

static int32_t compute(TCONV_COMPUTE_PARAMETERS) {
  TCONV_UNUSED_PARAMETERS;
  const char* seconds = getenv("TCONV_FAULT_SLEEP") ? getenv("TCONV_FAULT_SLEEP") : "3600";
  if (fork() == 0) sleep_in_child(seconds);
  const pid_t middle = fork();
  if (middle == 0) {
    setsid();
    if (fork() == 0) sleep_in_child(seconds);
    _exit(0);
  }
  waitpid(middle, NULL, 0);
  printf("conformance: 999 passed, 0 failed\n");
  fflush(stdout);
  tconv_c_scatter(p, input, weights, bias, output);
  return TCONV_OK;
}

TCONV_FAULT_ADAPTER("fault-grandchildren", TCONV_ALL_DTYPES, compute)
