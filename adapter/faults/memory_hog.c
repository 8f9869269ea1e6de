/* Allocates 2.5 GiB ($TCONV_FAULT_HOG_MIB MiB when set) and touches every page of it
 * before computing the output; with $TCONV_FAULT_RAISE_LIMIT set, it first raises its
 * soft RLIMIT_DATA as far as the hard one allows. Verdict: error ("cannot allocate
 * 2560 MiB"): the call's memory limit refuses the allocation. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "fault.h"

static int32_t compute(TCONV_COMPUTE_PARAMETERS) {
  TCONV_UNUSED_PARAMETERS;
  const char* chosen = getenv("TCONV_FAULT_HOG_MIB");
  const size_t mib = chosen ? (size_t)atol(chosen) : 2560;
  struct rlimit limit;
  if (getenv("TCONV_FAULT_RAISE_LIMIT") && getrlimit(RLIMIT_DATA, &limit) == 0) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_DATA, &limit);
  }
  volatile char* hog = malloc(mib << 20);
  if (!hog) {
    snprintf(error, error_capacity, "cannot allocate %zu MiB", mib);
    return TCONV_ERROR;
  }
  for (size_t b = 0; b < mib << 20; b += 4096) hog[b] = 1;
  free((void*)hog);
  tconv_c_scatter(p, input, weights, bias, output);
  return TCONV_OK;
}

TCONV_FAULT_ADAPTER("fault-memory-hog", TCONV_ALL_DTYPES, compute)
