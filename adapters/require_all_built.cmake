# The test bundled_adapters_built: fails when the configure skipped a bundled adapter.
# SKIPPED: "adapter: reason" entries joined by "|" (find_adapter_package.cmake).
if(SKIPPED)
  string(REPLACE "|" ";" entries "${SKIPPED}")
  foreach(entry IN LISTS entries)
    message("skipped adapter ${entry}")
  endforeach()
  message(FATAL_ERROR "bundled adapters were skipped: install their libraries (adapters/install.sh) and configure again")
endif()
message("every bundled adapter was built")
