// The check every bite test makes: a property, run on a deliberately broken
// implementation or rule, must find a counterexample. The (shrunk) counterexample and
// its message are printed, showing what a failure reads like.
#pragma once

#include <gtest/gtest.h>
#include <rapidcheck.h>

#include <functional>
#include <iostream>
#include <string>

namespace tconv::properties {

// Runs `property` as a RapidCheck property with the suite's configuration (seed, case
// count) and expects it to fail.
inline void expect_counterexample(const std::function<void()>& property) {
  const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
  rc::detail::TestMetadata metadata;
  metadata.id = std::string(test->test_suite_name()) + "/" + test->name();
  metadata.description = test->name();
  const rc::detail::TestResult result =
      rc::detail::checkTestable(property, metadata, rc::detail::configuration().testParams);
  rc::detail::printResultMessage(result, std::cout);
  std::cout << std::endl;
  EXPECT_TRUE(result.is<rc::detail::FailureResult>()) << "the property found no counterexample";
}

}  // namespace tconv::properties
