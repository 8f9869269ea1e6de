#include "tconv/gtest.h"

#include <gtest/gtest.h>

#include <functional>
#include <iostream>
#include <stdexcept>
#include <string>
#include <utility>

#include "golden_cases.h"
#include "problem_string.h"
#include "property_checks.h"

namespace tconv {
namespace {

// A registered test: its body checks one case and reports the record.
class ConformanceTest : public testing::Test {
 public:
  explicit ConformanceTest(std::function<void()> body) : body_(std::move(body)) {}
  void TestBody() override { body_(); }

 private:
  std::function<void()> body_;
};

void register_test(const std::string& suite, const std::string& name, std::function<void()> body) {
  testing::RegisterTest(suite.c_str(), name.c_str(), nullptr, nullptr, __FILE__, __LINE__,
                        [body = std::move(body)]() -> testing::Test* {
                          return new ConformanceTest(body);
                        });
}

// A record as the test's result: passed, skipped when unsupported, else a failure whose
// message starts with the problem string. `context` says how to replay it.
void report(const CaseRecord& r, const std::string& context) {
  testing::Test::RecordProperty("problem", to_string(r.problem));
  testing::Test::RecordProperty("dtype", r.dtype);
  if (r.verdict == Verdict::unsupported) GTEST_SKIP() << r.message;
  if (is_failure(r.verdict)) {
    ADD_FAILURE() << r.message << "\n  check: " << r.check << " (" << report_name(r.verdict)
                  << ")\n  " << context;
  }
}

std::string property_suite(PropertyCheck c) {
  switch (c) {
    case PropertyCheck::output_shape: return "TconvOutputShape";
    case PropertyCheck::agreement: return "TconvAgreement";
    case PropertyCheck::adjointness: return "TconvAdjointness";
    case PropertyCheck::linearity: break;
  }
  return "TconvLinearity";
}

// Returns how many cases were registered.
int register_golden_tests(const std::shared_ptr<Adapter>& adapter,
                          const EmbeddingOptions& options) {
  const auto vectors = std::make_shared<const GoldenVectors>(options.vectors_dir);
  if (vectors->cases().empty()) {
    throw std::runtime_error("no golden case in " + options.vectors_dir.string() +
                             " (EmbeddingOptions::vectors_dir)");
  }
  const IsolationOptions isolation{options.call_timeout};
  int registered = 0;
  for (const GoldenCase& c : vectors->cases()) {
    if (!runs_on_adapters(*c.vector)) continue;
    ++registered;
    register_test("TconvGolden", c.vector->id, [adapter, vectors, &c, isolation] {
      report(check_golden_case(*adapter, c, isolation),
             "golden case " + c.vector->id + " from " + c.source + " vectors");
    });
  }
  return registered;
}

void register_property_tests(const std::shared_ptr<Adapter>& adapter,
                             const EmbeddingOptions& options) {
  PropertySettings settings;
  settings.seed = options.seed;
  settings.isolation.timeout = options.call_timeout;
  const auto search = std::make_shared<const ProblemSearch>(options.seed);
  for (PropertyCheck check : kPropertyChecks) {
    for (int i = 0; i < options.random_problems; ++i) {
      register_test(property_suite(check), "random_" + std::to_string(i),
                    [adapter, search, i, check, settings] {
                      testing::Test::RecordProperty("seed", std::to_string(settings.seed));
                      report(check_random_property(*adapter, *search, i, check, settings),
                             "random problem " + std::to_string(i) + " of seed " +
                                 std::to_string(settings.seed) +
                                 " (EmbeddingOptions::seed, random_problems > " +
                                 std::to_string(i) + ")");
                    });
    }
  }
}

}  // namespace

void register_conformance_tests(std::shared_ptr<Adapter> adapter,
                                const EmbeddingOptions& options) {
  if (!adapter) throw std::invalid_argument("register_conformance_tests: no adapter");
  const int golden = register_golden_tests(adapter, options);
  register_property_tests(adapter, options);
  std::cout << "tconv conformance tests of " << adapter->info().name << " "
            << adapter->info().version << ": " << golden << " golden cases from "
            << options.vectors_dir.string() << ", " << options.random_problems
            << " random problems per property check, seed " << options.seed << "\n";
}

}  // namespace tconv
