# One mutant's kill check (cmake -P; mutants/CMakeLists.txt): runs tconv-conform on the
# adapter ADAPTER with the arguments RUN and --json REPORT, then
#   EXPECT=killed: passes only if the runner exited with 1 (something failed) and its
#                  report counts at least one failing case: a runner that crashes, exits
#                  with a usage error (2) or writes no report kills nothing;
#   EXPECT=passes: passes only if it exited with 0 and its report counts passes and no
#                  failure (the correct kernel, the control).
foreach(variable CONFORM ADAPTER EXPECT REPORT RUN)
  if(NOT DEFINED ${variable})
    message(FATAL_ERROR "kill_check.cmake: -D${variable}= is required")
  endif()
endforeach()

file(REMOVE ${REPORT})
get_filename_component(report_dir ${REPORT} DIRECTORY)
file(MAKE_DIRECTORY ${report_dir})
set(command ${CONFORM} --adapter ${ADAPTER} ${RUN} --json ${REPORT} --quiet)
list(JOIN command " " command_text)
execute_process(COMMAND ${command} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${command_text}\n${out}")

if(NOT status MATCHES "^[0-9]+$")
  message(FATAL_ERROR "the runner itself died (${status}): no verdict\n${err}")
endif()
if(NOT EXISTS ${REPORT})
  message(FATAL_ERROR "the runner exited with ${status} and wrote no report\n${err}")
endif()
file(READ ${REPORT} report)
string(JSON failed GET "${report}" totals failed)
string(JSON passed GET "${report}" totals passed)
string(JSON cases GET "${report}" totals cases)

if(EXPECT STREQUAL "killed")
  if(NOT status EQUAL 1 OR failed LESS 1)
    message(FATAL_ERROR "mutant survived: exit status ${status}, ${failed} of ${cases} cases "
                        "failed (a kill needs exit status 1 and a failing case)\n${err}")
  endif()
  message("killed: ${failed} of ${cases} cases failed (the report: ${REPORT})")
elseif(EXPECT STREQUAL "passes")
  if(NOT status EQUAL 0 OR NOT failed EQUAL 0 OR passed LESS 1)
    message(FATAL_ERROR "the correct kernel does not pass: exit status ${status}, ${failed} "
                        "of ${cases} cases failed, ${passed} passed\n${out}\n${err}")
  endif()
else()
  message(FATAL_ERROR "kill_check.cmake: EXPECT must be killed or passes, not '${EXPECT}'")
endif()
