# The report formats of tconv-conform (terminal summary, JSON, JUnit XML, HTML) and
# their tests, all labelled `unit`. Included from runner/CMakeLists.txt.
set(TCONV_RUNNER_DIR ${CMAKE_CURRENT_LIST_DIR})

add_library(tconv_reports STATIC
  ${TCONV_RUNNER_DIR}/report.cpp ${TCONV_RUNNER_DIR}/summary.cpp ${TCONV_RUNNER_DIR}/report_json.cpp
  ${TCONV_RUNNER_DIR}/report_junit.cpp ${TCONV_RUNNER_DIR}/report_html.cpp
  ${TCONV_RUNNER_DIR}/report_merge.cpp)
target_include_directories(tconv_reports PUBLIC $<BUILD_INTERFACE:${TCONV_RUNNER_DIR}>)
target_link_libraries(tconv_reports PUBLIC tconv_check tconv_adapter PRIVATE tconv_vectors nlohmann_json::nlohmann_json)

# The hand-made report every test writes.
add_library(tconv_report_sample STATIC ${TCONV_RUNNER_DIR}/tests/sample_report.cpp)
target_include_directories(tconv_report_sample PUBLIC ${TCONV_RUNNER_DIR}/tests)
target_link_libraries(tconv_report_sample PUBLIC tconv_reports)

file(GLOB TCONV_REPORT_TESTS CONFIGURE_DEPENDS ${TCONV_RUNNER_DIR}/tests/test_*.cpp)
foreach(source ${TCONV_REPORT_TESTS})
  get_filename_component(name ${source} NAME_WE)
  add_executable(${name} ${source})
  target_link_libraries(${name} PRIVATE tconv_report_sample nlohmann_json::nlohmann_json GTest::gtest_main)
  target_compile_definitions(${name} PRIVATE TCONV_REPORT_SCHEMA="${TCONV_RUNNER_DIR}/report.schema.json")
  gtest_discover_tests(${name} PROPERTIES LABELS unit DISCOVERY_TIMEOUT 60)
endforeach()

# The sample in every format, checked against report.schema.json and rendered by a real
# browser (chromium, headless), which must draw the heat maps.
set(TCONV_PYTHON /usr/bin/python3 CACHE FILEPATH "Debian's Python 3 (with jsonschema) for the tests")
set(TCONV_CHROMIUM /usr/bin/chromium CACHE FILEPATH "Chromium for the HTML report check (apt-get install -y chromium)")
set(TCONV_SAMPLE_REPORTS ${CMAKE_CURRENT_BINARY_DIR}/sample_reports)
add_executable(write_sample_reports ${TCONV_RUNNER_DIR}/tests/write_sample_reports.cpp)
target_link_libraries(write_sample_reports PRIVATE tconv_report_sample)
add_test(NAME sample_reports_written COMMAND write_sample_reports ${TCONV_SAMPLE_REPORTS})
add_test(NAME json_report_matches_schema
         COMMAND ${TCONV_PYTHON} -c
           "import json, sys; from jsonschema import Draft202012Validator as V; s = json.load(open(sys.argv[1])); V.check_schema(s); V(s).validate(json.load(open(sys.argv[2]))); print('valid')"
           ${TCONV_RUNNER_DIR}/report.schema.json ${TCONV_SAMPLE_REPORTS}/sample.json)
add_test(NAME html_report_draws_heat_maps_in_chromium
         COMMAND ${TCONV_PYTHON} ${TCONV_RUNNER_DIR}/../scripts/check_html_report.py
           --chromium ${TCONV_CHROMIUM} --checkerboard failure-5 --screenshot ${TCONV_SAMPLE_REPORTS}/sample.png
           ${TCONV_SAMPLE_REPORTS}/sample.html)
# The JUnit report against the Jenkins xunit plugin's schema (xmllint: Debian's libxml2-utils).
set(TCONV_XMLLINT /usr/bin/xmllint CACHE FILEPATH "xmllint for the JUnit schema check (apt-get install -y libxml2-utils)")
add_test(NAME junit_report_matches_jenkins_schema
         COMMAND ${TCONV_XMLLINT} --noout --schema ${TCONV_RUNNER_DIR}/tests/junit-10.xsd
           ${TCONV_SAMPLE_REPORTS}/sample.xml)
set_tests_properties(sample_reports_written PROPERTIES LABELS unit FIXTURES_SETUP tconv_sample_reports)
set_tests_properties(json_report_matches_schema html_report_draws_heat_maps_in_chromium
                     junit_report_matches_jenkins_schema
                     PROPERTIES LABELS unit FIXTURES_REQUIRED tconv_sample_reports)
set_tests_properties(html_report_draws_heat_maps_in_chromium PROPERTIES TIMEOUT 120)
