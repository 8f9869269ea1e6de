# The node adapters' tests (adapters/onnxruntime, onnxruntime_web, tfjs, tfjs_wasm),
# included by each of their directories: each runs its adapter.mjs through
# tconv::ProcessAdapter with the node found here. They are always built; without node or
# the node packages they fail, saying how to install them (adapters/install.sh).
include_guard(GLOBAL)
find_program(TCONV_NODE node)
if(TCONV_NODE)
  message(STATUS "tconv adapters onnxruntime, onnxruntime_web, tfjs, tfjs_wasm: "
                 "out-of-process, tested with ${TCONV_NODE}")
else()
  tconv_skip_adapter("onnxruntime, onnxruntime_web, tfjs, tfjs_wasm"
                     "node not found: their tests fail until adapters/install.sh installs it")
endif()

# test_<name>_adapter from test_<name>_adapter.cpp in the calling directory (label `unit`).
function(tconv_node_adapter_test name)
  set(test test_${name}_adapter)
  get_filename_component(root ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/../.. ABSOLUTE)
  add_executable(${test} ${test}.cpp)
  target_include_directories(${test} PRIVATE ${CMAKE_CURRENT_FUNCTION_LIST_DIR} ${root}/adapters/common)
  target_link_libraries(${test} PRIVATE tconv_adapter GTest::gtest_main)
  target_compile_definitions(${test} PRIVATE
    TCONV_NODE="${TCONV_NODE}" TCONV_SOURCE_ROOT="${root}"
    # adapter_test_support.h's locations (its library and Python helpers are unused here).
    TCONV_ADAPTERS_DIR="${CMAKE_BINARY_DIR}/adapters" TCONV_ADAPTER_SOURCE_DIR="${root}/adapter"
    TCONV_PYTHON="${TCONV_PYTHON}")
  gtest_discover_tests(${test} PROPERTIES LABELS unit DISCOVERY_TIMEOUT 60)
endfunction()
