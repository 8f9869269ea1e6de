/* A measuring shim for bench/time_conformance_runs.sh: an in-process adapter that loads
 * the adapter library named by $TCONV_TIMED_ADAPTER, declares what it declares, and
 * forwards every init and compute to it, appending each call's duration to the file
 * named by $TCONV_TIMING_LOG as a line "init <ns>" or "compute <ns>". The suite runs
 * it like any adapter, so the log holds exactly the time the run spent inside the
 * adapter; the rest of the run's wall time is the suite's own.
 *
 * The calls run in the suite's forked call children: each line is one write(2) to a
 * descriptor opened with O_APPEND, so lines from successive children never interleave. */
#define _GNU_SOURCE
#include <tconv/adapter.h>

#include <dlfcn.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const tconv_adapter* timed;  /* the adapter measured, or NULL */
static tconv_adapter shim;           /* its declaration, with the calls below */
static int log_fd = -1;

static long long now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void log_duration(const char* what, long long start) {
  char line[64];
  const int n = snprintf(line, sizeof line, "%s %lld\n", what, now_ns() - start);
  if (write(log_fd, line, (size_t)n) != n) abort(); /* a lost line would understate the time */
}

static int32_t timed_init(void* user_data, char* error, size_t error_capacity) {
  const long long start = now_ns();
  const int32_t status = timed->init(user_data, error, error_capacity);
  log_duration("init", start);
  return status;
}

static int32_t timed_compute(void* user_data, const tconv_problem* problem, const void* input,
                             const void* weights, const void* bias, void* output,
                             int64_t output_elements, char* error, size_t error_capacity) {
  const long long start = now_ns();
  const int32_t status = timed->compute(user_data, problem, input, weights, bias, output,
                                        output_elements, error, error_capacity);
  log_duration("compute", start);
  return status;
}

/* NULL (the suite reports that the library declares no adapter) when either variable
 * is missing or the measured library cannot be loaded; the reason goes to stderr. */
const tconv_adapter* tconv_adapter_get(void) {
  if (timed) return &shim;
  const char* library = getenv("TCONV_TIMED_ADAPTER");
  const char* log_path = getenv("TCONV_TIMING_LOG");
  if (!library || !log_path) {
    fprintf(stderr, "timed_adapter: set TCONV_TIMED_ADAPTER and TCONV_TIMING_LOG\n");
    return NULL;
  }
  void* handle = dlopen(library, RTLD_NOW | RTLD_LOCAL);
  tconv_adapter_get_fn get = handle ? (tconv_adapter_get_fn)dlsym(handle, "tconv_adapter_get") : NULL;
  const tconv_adapter* adapter = get ? get() : NULL;
  if (adapter && !adapter->compute) return adapter; /* the suite refuses it, as it is */
  if (!adapter) {
    fprintf(stderr, "timed_adapter: %s: %s\n", library, handle ? "no adapter" : dlerror());
    return NULL;
  }
  log_fd = open(log_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (log_fd < 0) {
    perror(log_path);
    return NULL;
  }
  shim = *adapter;
  shim.init = adapter->init ? timed_init : NULL;
  shim.compute = timed_compute;
  timed = adapter;
  return &shim;
}
