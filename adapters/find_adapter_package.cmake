# tconv_find_adapter_package(<adapter> <Package> [find_package arguments...]): find_package
# for a bundled adapter's library, without letting a broken package stop the configure.
# The package is first found in a separate cmake process (package_probe/); only if that
# succeeds is it found here. Sets <Package>_FOUND, and on failure records the adapter as
# skipped with the probe's first error line (tconv_skip_adapter).
include_guard(GLOBAL)

# Records that <adapter> is not built and why: one configure line, and the list that
# the check bundled_adapters_built (TCONV_REQUIRE_ALL_ADAPTERS) reads.
function(tconv_skip_adapter adapter)
  string(JOIN "" reason ${ARGN})  # the reason may come in several pieces
  message(STATUS "tconv adapter ${adapter}: skipped, ${reason}")
  set_property(GLOBAL APPEND PROPERTY TCONV_SKIPPED_ADAPTERS "${adapter}: ${reason}")
endfunction()

function(tconv_find_adapter_package adapter package)
  set(probe_dir ${CMAKE_BINARY_DIR}/package_probes/${package})
  execute_process(
    COMMAND ${CMAKE_COMMAND} -S ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/package_probe -B ${probe_dir}
            -DTCONV_PROBE_PACKAGE=${package} "-DTCONV_PROBE_ARGUMENTS=${ARGN}"
            -DCMAKE_C_COMPILER=${CMAKE_C_COMPILER} -DCMAKE_CXX_COMPILER=${CMAKE_CXX_COMPILER}
            "-DCMAKE_PREFIX_PATH=${CMAKE_PREFIX_PATH}" "-D${package}_DIR=${${package}_DIR}"
    RESULT_VARIABLE probe_result OUTPUT_VARIABLE probe_output ERROR_VARIABLE probe_output)
  if(probe_result EQUAL 0)
    find_package(${package} ${ARGN} QUIET)
  endif()
  if(NOT ${package}_FOUND)
    # The probe's first error line: "Could NOT find OpenCL (missing: ...)" and the like.
    string(REGEX MATCH "(Could NOT find[^\n]*|CMake Error[^\n]*\n[^\n]*)" why "${probe_output}")
    string(REGEX REPLACE "[ \n;]+" " " why "${why}")
    if(why STREQUAL "")
      set(why "not found")
    endif()
    set(${package}_FOUND FALSE PARENT_SCOPE)
    set(TCONV_ADAPTER_SKIP_REASON "CMake package ${package}: ${why}" PARENT_SCOPE)
    return()
  endif()
  set(${package}_FOUND TRUE PARENT_SCOPE)
  foreach(variable ${package}_VERSION ${package}_DIR)
    set(${variable} "${${variable}}" PARENT_SCOPE)
  endforeach()
endfunction()
