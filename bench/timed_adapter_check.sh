#!/bin/sh
# ctest timed_adapter_*: the measuring shim changes no verdict and logs every call.
#   timed_adapter_check.sh CONFORM SHIM ADAPTER EXPECTED_EXIT LOG
conform=$1 shim=$2 adapter=$3 expected=$4 log=$5
rm -f "$log"
TCONV_TIMED_ADAPTER=$adapter TCONV_TIMING_LOG=$log \
  "$conform" --adapter "$shim" --phase golden,property --cases 5 --quiet
status=$?
[ "$status" -eq "$expected" ] || { echo "exit status $status, expected $expected"; exit 1; }
calls=$(grep -c '^compute [0-9][0-9]*$' "$log")
[ "$calls" -gt 0 ] && [ "$calls" -eq "$(wc -l < "$log")" ] ||
  { echo "$log: $calls compute lines of $(wc -l < "$log")"; exit 1; }
echo "$calls calls logged"
