/* A C++ adapter that allocates 2.5 GiB with new[] (and touches it) before computing the
 * output: the call's memory limit refuses it, and std::bad_alloc leaves compute.
 * Verdict: error ("threw an exception: std::bad_alloc"); the run goes on. */
#include <cstring>

#include "fault.h"

static int32_t compute(TCONV_COMPUTE_PARAMETERS) {
  TCONV_UNUSED_PARAMETERS;
  const std::size_t bytes = std::size_t{5} << 29;
  char* hog = new char[bytes];
  std::memset(hog, 1, bytes);
  asm volatile("" : : "r"(hog) : "memory");  // the allocation is used: not elided
  delete[] hog;
  tconv_c_scatter(p, input, weights, bias, output);
  return TCONV_OK;
}

TCONV_FAULT_ADAPTER("fault-throws-bad-alloc", TCONV_ALL_DTYPES, compute)
