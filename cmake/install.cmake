# The suite as a CMake package (find_package(tconv_conformance)): the libraries of a
# conformance run and tconv_gtest (embed/) as targets tconv::..., their headers, the golden
# vectors and tconv-conform. Included at the end of the top-level CMakeLists.txt.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(TCONV_INSTALL_VECTORS_DIR ${CMAKE_INSTALL_DATADIR}/tconv_conformance/vectors)
set(TCONV_INSTALL_HEADERS_DIR ${CMAKE_INSTALL_INCLUDEDIR}/tconv/suite)
set(TCONV_INSTALL_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/tconv_conformance)
add_subdirectory(${PROJECT_SOURCE_DIR}/embed ${PROJECT_BINARY_DIR}/embed)

# Consumers get include/ only: the C ABI is <tconv/adapter.h>, the GoogleTest entry point
# <tconv/gtest.h>, the suite's C++ headers <tconv/suite/NAME.h>. Those include each other
# by bare name in quotes, which resolves beside the including file, so no name of theirs
# can collide with a consumer's own headers.
set(TCONV_LIBRARIES tconv_reference tconv_check tconv_vectors tconv_adapter tconv_reports
                    tconv_generators tconv_conformance tconv_gtest)
# Libraries built with the sanitizers need their runtime wherever they are linked.
if(TCONV_SANITIZE)
  target_link_options(tconv_reference INTERFACE -fsanitize=address,undefined)
endif()
install(TARGETS ${TCONV_LIBRARIES} EXPORT tconv_conformance_targets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
# The adapter host beside the runner, where an installed tconv-conform looks for it.
install(TARGETS tconv-conform tconv-adapter-host RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

file(GLOB TCONV_PUBLIC_HEADERS
  ${PROJECT_SOURCE_DIR}/reference/*.h ${PROJECT_SOURCE_DIR}/check/*.h ${PROJECT_SOURCE_DIR}/vectors/*.h
  ${PROJECT_SOURCE_DIR}/adapter/*.h ${PROJECT_SOURCE_DIR}/conformance/*.h
  ${PROJECT_SOURCE_DIR}/properties/generators.h ${PROJECT_SOURCE_DIR}/runner/report*.h
  ${PROJECT_SOURCE_DIR}/runner/summary.h)
list(FILTER TCONV_PUBLIC_HEADERS EXCLUDE REGEX "/(adapter_test_support|linked_adapter)\\.h$")
install(FILES ${TCONV_PUBLIC_HEADERS} DESTINATION ${TCONV_INSTALL_HEADERS_DIR})
install(FILES ${PROJECT_SOURCE_DIR}/adapter/include/tconv/adapter.h
              ${PROJECT_SOURCE_DIR}/embed/include/tconv/gtest.h
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/tconv)

file(GLOB TCONV_VECTOR_FILES ${PROJECT_SOURCE_DIR}/vectors/*.json)
install(FILES ${TCONV_VECTOR_FILES} DESTINATION ${TCONV_INSTALL_VECTORS_DIR})

install(EXPORT tconv_conformance_targets NAMESPACE tconv::
        FILE tconv_conformanceTargets.cmake DESTINATION ${TCONV_INSTALL_CMAKE_DIR})
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/tconv_conformanceConfig.cmake.in
  ${PROJECT_BINARY_DIR}/tconv_conformanceConfig.cmake INSTALL_DESTINATION ${TCONV_INSTALL_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/tconv_conformanceConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/tconv_conformanceConfig.cmake
              ${PROJECT_BINARY_DIR}/tconv_conformanceConfigVersion.cmake
        DESTINATION ${TCONV_INSTALL_CMAKE_DIR})

# The package installed into a temporary prefix, and examples/embedding built against it
# and run: its GoogleTest binary must run every golden and property test and pass.
add_test(NAME embedding_example_against_installed_package
         COMMAND ${CMAKE_COMMAND}
           -D BUILD_DIR=${PROJECT_BINARY_DIR}
           -D EXAMPLE_DIR=${PROJECT_SOURCE_DIR}/examples/embedding
           -D WORK_DIR=${PROJECT_BINARY_DIR}/embedding_example
           -D C_ADAPTER=$<TARGET_FILE:c_adapter>
           -D CXX_COMPILER=${CMAKE_CXX_COMPILER}
           -D C_COMPILER=${CMAKE_C_COMPILER}
           -P ${CMAKE_CURRENT_LIST_DIR}/embedding_example_test.cmake)
set_tests_properties(embedding_example_against_installed_package PROPERTIES LABELS unit TIMEOUT 900)
