// main() of the property test executables: every property runs 500 cases from a fixed
// seed unless RC_PARAMS says otherwise (its keys override these defaults one by one,
// e.g. RC_PARAMS="seed=42" or the reproduce=... string RapidCheck prints on a failure),
// and TCONV_SOAK=1 runs 100 times as many cases. RapidCheck prints the configuration,
// seed included, when it first reads it.
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <string_view>

namespace {
constexpr const char* kSeed = "20240917";
constexpr int kCases = 500;
constexpr int kSoakFactor = 100;
}  // namespace

int main(int argc, char** argv) {
  const char* soak = std::getenv("TCONV_SOAK");
  const bool soaking = soak != nullptr && *soak != '\0' && std::string_view(soak) != "0";
  std::string params = std::string("seed=") + kSeed +
                       " max_success=" + std::to_string(soaking ? kCases * kSoakFactor : kCases);
  if (const char* given = std::getenv("RC_PARAMS")) params += std::string(" ") + given;
  setenv("RC_PARAMS", params.c_str(), 1);
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
