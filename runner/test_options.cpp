// The options of tconv-conform: defaults, every value checked with a message naming the
// option, the implied phases, and sharding from --shard or GoogleTest's variables.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "options.h"
#include "problem_string.h"

namespace tconv {
namespace {

using ::testing::HasSubstr;

Options parse(std::vector<std::string> args) {
  args.insert(args.begin(), "tconv-conform");
  return parse_options(args);
}

void expect_usage_error(const std::vector<std::string>& args, const std::string& fragment) {
  std::string joined;
  for (const std::string& a : args) joined += a + " ";
  try {
    parse(args);
    ADD_FAILURE() << joined << "was accepted";
  } catch (const UsageError& e) {
    EXPECT_THAT(e.what(), HasSubstr(fragment)) << joined;
  }
}

// Sets the GoogleTest sharding variables for one test, and removes them after it.
class ShardVariables : public ::testing::Test {
 protected:
  void TearDown() override {
    for (const char* name :
         {"GTEST_SHARD_INDEX", "GTEST_TOTAL_SHARDS", "GTEST_SHARD_STATUS_FILE"}) {
      unsetenv(name);
    }
  }
};

TEST(Options, DefaultsRunEverythingOnTheBuiltInReferences) {
  const Options o = parse({});
  EXPECT_FALSE(o.adapter_library || o.adapter_command);
  EXPECT_TRUE(o.golden && o.property);
  EXPECT_EQ(o.cases, 1000);
  EXPECT_EQ(o.seed, 1u);
  EXPECT_EQ(o.shard.index, 0);
  EXPECT_EQ(o.shard.count, 1);
  EXPECT_EQ(o.timeout.count(), 10000);
}

TEST(Options, ReadsEveryOption) {
  const Options o = parse({"--adapter-cmd", "python3 a.py", "--cases", "7",
                           "--time-budget", "2.5",          "--seed",  "42",
                           "--framework",   "tfjs",         "--rank",  "2",
                           "--feature",     "dilation>1",   "--phase", "property",
                           "--timeout-ms",  "300",          "--dtype", "float32",
                           "--shard",       "1/4",          "--json",  "r.json",
                           "--junit",       "r.xml",        "--html",  "r.html",
                           "--quiet",       "--allow-empty"});
  EXPECT_EQ(*o.adapter_command, "python3 a.py");
  EXPECT_EQ(o.cases, 7);
  EXPECT_EQ(*o.time_budget, 2.5);
  EXPECT_EQ(o.seed, 42u);
  EXPECT_EQ(*o.framework, "tfjs");
  EXPECT_EQ(*o.rank, 2);
  EXPECT_EQ(*o.feature, "dilation>1");
  EXPECT_FALSE(o.golden);
  EXPECT_TRUE(o.property);
  EXPECT_EQ(o.timeout.count(), 300);
  EXPECT_EQ(*o.dtype, DType::float32);
  EXPECT_EQ(o.shard.index, 1);
  EXPECT_EQ(o.shard.count, 4);
  EXPECT_EQ(*o.json, "r.json");
  EXPECT_EQ(*o.junit, "r.xml");
  EXPECT_EQ(*o.html, "r.html");
  EXPECT_TRUE(o.quiet);
  EXPECT_TRUE(o.allow_empty);
}

TEST(Options, OneCaseRunsAlone) {
  const Options golden = parse({"--case", "lit_d2l_stride1_i2x2_k2x2"});
  EXPECT_TRUE(golden.golden);
  EXPECT_FALSE(golden.property) << "--case runs no random problems";
  const Options problem = parse({"--problem", "ic1,oc1,i3,k2"});
  EXPECT_FALSE(problem.golden) << "--problem runs no golden cases";
  ASSERT_EQ(problem.problems.size(), 1u);
  EXPECT_EQ(to_string(problem.problems[0]), "n1,g1,ic1,oc1,i3,k2,s1,d1,pb0,pe0,op0,nobias,ncx,iox");
}

TEST(Options, EveryRepeatedProblemIsKeptInOrder) {
  const Options o = parse({"--problem", "ic1,oc1,i3,k2", "--problem", "ic2,oc1,i4,k3,s2"});
  ASSERT_EQ(o.problems.size(), 2u) << "a repeated --problem must not replace the first";
  EXPECT_EQ(to_string(o.problems[0]), "n1,g1,ic1,oc1,i3,k2,s1,d1,pb0,pe0,op0,nobias,ncx,iox");
  EXPECT_EQ(to_string(o.problems[1]), "n1,g1,ic2,oc1,i4,k3,s2,d1,pb0,pe0,op0,nobias,ncx,iox");
}

TEST(Options, MergeReportsTakesEveryReportUpToTheNextOption) {
  const Options o = parse({"--merge-reports", "a.json", "b.json", "c.json", "--json", "all.json"});
  EXPECT_EQ(o.merge_reports, (std::vector<std::string>{"a.json", "b.json", "c.json"}));
  EXPECT_EQ(*o.json, "all.json");
  expect_usage_error({"--merge-reports", "--json", "x.json"}, "--merge-reports needs");
  expect_usage_error({"--merge-reports", "a.json", "--adapter", "x.so"},
                     "--merge-reports merges reports");
}

TEST(Options, RejectsBadValuesNamingTheOption) {
  expect_usage_error({"--cases", "0"}, "--cases 0: must be an integer in [1, ");
  expect_usage_error({"--cases", "12x"}, "--cases 12x");
  expect_usage_error({"--seed", "-1"}, "--seed -1");
  expect_usage_error({"--timeout-ms", "0"}, "--timeout-ms 0");
  expect_usage_error({"--timeout-ms", "9223372036855"},  // would overflow a deadline
                     "--timeout-ms 9223372036855: must be an integer in [1, 86400000]");
  expect_usage_error({"--time-budget", "-3"}, "--time-budget -3: must be a number of seconds > 0");
  expect_usage_error({"--rank", "4"}, "--rank 4: must be an integer in [1, 3]");
  expect_usage_error({"--phase", "both"}, "--phase both: must be golden, property, topology");
  expect_usage_error({"--framework", "jax"},
                     "--framework jax: must be pytorch, tfjs, onnxruntime or literature");
  expect_usage_error({"--feature", "wide"}, "--feature 'wide': not a feature");
  expect_usage_error({"--adapter-cmd", "python3 'a.py"}, "--adapter-cmd: unterminated '");
  expect_usage_error({"--adapter-cmd", "  "}, "--adapter-cmd: empty command");
  expect_usage_error({"--dtype", "float16", "--adapter", "a.so"},
                     "--dtype: unknown dtype 'float16'");
  expect_usage_error({"--problem", "ic1,oc1,i3,k2,s0"}, "--problem: axes[0].stride = 0");
  // Valid, but 10^16 output elements: refused before anything is allocated.
  expect_usage_error({"--problem", "ic1,oc1,i100000000x100000000,k1x1"},
                     "--problem: the input has 10000000000000000 elements, more than the suite "
                     "computes (kMaxProblemElements = 16777216)");
  expect_usage_error({"--problem", "ic1,oc1,i1,k1,d100000000,op99999999"},
                     "--problem: the output has 100000000 elements");
  expect_usage_error({"--problem", "ic64,oc1,i64,k1,s8192"},
                     "--problem: the zero-inserted input has 33030208 elements");
  expect_usage_error({"--shard", "3/3"}, "--shard 3: must be an integer in [0, 2]");
  expect_usage_error({"--shard", "1"}, "--shard 1: must be i/n");
  expect_usage_error({"--json"}, "--json needs a value");
  expect_usage_error({"--verbose"}, "unknown argument '--verbose'");
}

TEST(Options, SizeAndMaxElementsBoundTheRandomProblems) {
  const Options defaults = parse({});
  EXPECT_EQ(defaults.size, "medium");
  EXPECT_FALSE(defaults.max_elements);
  const Options o = parse({"--size", "small", "--max-elements", "5000"});
  EXPECT_EQ(o.size, "small");
  EXPECT_EQ(o.max_elements, 5000);
  expect_usage_error({"--size", "huge"}, "--size huge: must be small, medium or large");
  expect_usage_error({"--max-elements", "8"}, "--max-elements 8: must be an integer in [16,");
}

TEST(Options, RejectsContradictions) {
  expect_usage_error({"--adapter", "a.so", "--adapter-cmd", "b"}, "give one implementation");
  expect_usage_error({"--problem", "ic1,oc1,i3,k2", "--phase", "golden"},
                     "not with --phase golden");
  expect_usage_error({"--case", "x", "--phase", "property"}, "not with --phase property");
  expect_usage_error({"--case", "x", "--problem", "ic1,oc1,i3,k2"}, "give one case");
  expect_usage_error({"--dtype", "int64"}, "--dtype applies to an adapter");
}

TEST_F(ShardVariables, ComeFromGoogleTestsVariablesWithoutShard) {
  setenv("GTEST_SHARD_INDEX", "2", 1);
  setenv("GTEST_TOTAL_SHARDS", "5", 1);
  setenv("GTEST_SHARD_STATUS_FILE", "/tmp/status", 1);
  const Options o = parse({});
  EXPECT_EQ(o.shard.index, 2);
  EXPECT_EQ(o.shard.count, 5);
  EXPECT_EQ(*o.shard_status_file, "/tmp/status");
  const Options given = parse({"--shard", "0/2"});
  EXPECT_EQ(given.shard.index, 0) << "--shard wins over the variables";
  EXPECT_EQ(given.shard.count, 2);
}

TEST_F(ShardVariables, MustBeSetTogetherAndInRange) {
  setenv("GTEST_TOTAL_SHARDS", "3", 1);
  expect_usage_error({}, "GTEST_SHARD_INDEX and GTEST_TOTAL_SHARDS must be set together");
  setenv("GTEST_SHARD_INDEX", "3", 1);
  expect_usage_error({}, "GTEST_SHARD_INDEX/GTEST_TOTAL_SHARDS 3: must be an integer in [0, 2]");
}

TEST(Shard, OwnsEveryNthCase) {
  const Shard shard{1, 3};
  EXPECT_FALSE(shard.owns(0));
  EXPECT_TRUE(shard.owns(1));
  EXPECT_TRUE(shard.owns(4));
  EXPECT_FALSE(shard.owns(5));
}

TEST(Options, ReplayKeepsTheImplementationAndItsTimeout) {
  EXPECT_EQ(replay_prefix(parse(
                {"--adapter-cmd", "python3 my adapter.py", "--timeout-ms", "250", "--cases", "9"})),
            "tconv-conform --adapter-cmd 'python3 my adapter.py' --timeout-ms 250");
  EXPECT_EQ(replay_prefix(parse({"--adapter", "/lib/a.so", "--seed", "3"})),
            "tconv-conform --adapter /lib/a.so");
}

TEST(Options, ReplayNamesPathsAbsolutelySoThatItWorksFromAnyDirectory) {
  const std::string here = std::filesystem::current_path().string();
  const std::filesystem::path script = std::filesystem::current_path() / "replay_adapter_test.py";
  std::ofstream(script) << "# an adapter script\n";
  EXPECT_EQ(replay_prefix(
                parse_options({"./bin/tconv-conform", "--adapter", "./a.so", "--vectors", "v"})),
            here + "/bin/tconv-conform --adapter " + here + "/a.so --vectors " + here + "/v");
  EXPECT_EQ(replay_prefix(parse({"--adapter-cmd", "python3 -u replay_adapter_test.py"})),
            "tconv-conform --adapter-cmd 'python3 -u " + script.string() + "'")
      << "an existing script argument becomes absolute; the interpreter on PATH does not";
  std::filesystem::remove(script);
}

TEST(Options, SelectsByRankAndFeature) {
  const Problem two_d_dilated = parse_problem("ic1,oc1,i3x3,k2x2,d2x1");
  EXPECT_TRUE(selected(parse({"--rank", "2", "--feature", "dilation>1"}), two_d_dilated));
  EXPECT_FALSE(selected(parse({"--rank", "1"}), two_d_dilated));
  EXPECT_FALSE(selected(parse({"--feature", "bias"}), two_d_dilated));
}

}  // namespace
}  // namespace tconv
