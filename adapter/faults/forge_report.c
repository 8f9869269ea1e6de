/* Forges its verdict instead of computing: writes "returned, passed" (as the suite's
 * old shared report page held it) over every shared writable page of its process
 * (/proc/self/maps), and "passed" into every pipe and socket it holds, then exits with
 * status 0. Nothing an adapter writes is read as a verdict.
 * Verdict: crashed ("exited with status 0 before compute returned"). */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fault.h"

static void forge_shared_pages(void) {
  FILE* maps = fopen("/proc/self/maps", "r");
  char line[512];
  while (maps && fgets(line, sizeof line, maps)) {
    unsigned long start = 0, end = 0;
    char permissions[5] = "";
    if (sscanf(line, "%lx-%lx %4s", &start, &end, permissions) != 3) continue;
    if (strcmp(permissions, "rw-s") != 0 || end - start > (unsigned long)sysconf(_SC_PAGESIZE)) {
      continue;
    }
    int* report = (int*)start;
    report[0] = 1; /* returned */
    report[1] = 1; /* Verdict::passed */
  }
  if (maps) fclose(maps);
}

static void forge_channels(void) {
  static const int passed[4] = {1, 1, 0, 0};
  DIR* fds = opendir("/proc/self/fd");
  struct dirent* entry;
  while (fds && (entry = readdir(fds)) != NULL) {
    char path[300], target[300];
    snprintf(path, sizeof path, "/proc/self/fd/%s", entry->d_name);
    const ssize_t n = readlink(path, target, sizeof target - 1);
    if (n <= 0) continue;
    target[n] = '\0';
    if (strncmp(target, "pipe:", 5) != 0 && strncmp(target, "socket:", 7) != 0) continue;
    const int fd = atoi(entry->d_name);
    if (write(fd, passed, sizeof passed) < 0 || write(fd, "passed\n", 7) < 0) continue;
  }
  if (fds) closedir(fds);
}

static int32_t compute(TCONV_COMPUTE_PARAMETERS) {
  TCONV_UNUSED_PARAMETERS;
  signal(SIGPIPE, SIG_IGN); /* a pipe without a reader must not end it first */
  forge_shared_pages();
  forge_channels();
  _exit(0);
}

TCONV_FAULT_ADAPTER("fault-forge-report", TCONV_ALL_DTYPES, compute)
