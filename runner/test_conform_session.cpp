// tconv-conform, the real binary, on adapters that keep state between calls
// (docs/ADAPTERS.md#sessions): the session phase catches what the fresh-process phases
// cannot; a difference between identical calls is reported naming both; a failing
// session's history is shrunk, written, and replayed by the reproduce command; a
// history file that is not one is refused naming the field, never crashing the runner.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "conform_process.h"
#include "delta_debugging.h"
#include "options.h"

namespace tconv {
namespace {

using testing::adapter_library;
using testing::ConformRun;
using ::testing::HasSubstr;
using testing::run_command_line;
using testing::run_conform;

std::string mutant(const std::string& id) {
  return std::string(TCONV_MUTANTS_DIR) + "/tconv_mutant_" + id + ".so";
}

// A short run: the literature vectors and two random problems, plus the given phases.
ConformRun run_adapter(const std::string& library, const std::string& phases) {
  return run_conform(
      {"--adapter", library, "--framework", "literature", "--cases", "2", "--phase", phases});
}

std::vector<nlohmann::json> failures(const ConformRun& r) {
  std::vector<nlohmann::json> failed;
  for (const auto& c : r.cases()) {
    if (c["failure"]) failed.push_back(c);
  }
  return failed;
}

nlohmann::json read_json(const std::string& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in);
}

// The history file a session failure names: the word after --session-replay.
std::string history_path(const nlohmann::json& c) {
  const std::string reproduce = c["reproduce"];
  const std::string flag = "--session-replay ";
  const auto at = reproduce.find(flag);
  return at == std::string::npos ? "" : reproduce.substr(at + flag.size());
}

// The topology phase, whose calls also run in fresh processes, is left out: its real
// layers would take most of this test's time (minutes under the sanitizers).
TEST(SessionPhase, CatchesAStatefulAdapterThatTheFreshProcessPhasesPass) {
  const std::string stateful = adapter_library("fault_stateful");
  const ConformRun fresh = run_adapter(stateful, "golden,property");
  EXPECT_EQ(fresh.exit_status, 0) << fresh.command << "\n" << fresh.out << fresh.err;

  const ConformRun all = run_adapter(stateful, "golden,property,session");
  EXPECT_EQ(all.exit_status, 1) << all.command << "\n" << all.err;
  const auto failed = failures(all);
  ASSERT_FALSE(failed.empty()) << all.out;
  for (const auto& c : failed) {
    EXPECT_EQ(c["phase"], "session") << c.dump();
    EXPECT_EQ(c["verdict"], "wrong_values") << c.dump();
    EXPECT_THAT(c["reproduce"].get<std::string>(), HasSubstr("--session-replay ")) << c.dump();
  }
}

TEST(SessionPhase, PassesTheCorrectKernelAndRespectsRankAndShard) {
  const ConformRun r = run_conform({"--adapter", mutant("none"), "--phase", "session"});
  EXPECT_EQ(r.exit_status, 0) << r.command << "\n" << r.out << r.err;
  EXPECT_EQ(r.cases("session").size(), 4u) << r.out;
  const ConformRun rank2 =
      run_conform({"--adapter", mutant("none"), "--phase", "session", "--rank", "2"});
  ASSERT_FALSE(rank2.cases("session").empty()) << rank2.out;
  for (const auto& c : rank2.cases("session")) {
    EXPECT_THAT(c["problem"].get<std::string>(), ::testing::MatchesRegex(".*,i[0-9]+x[0-9]+,.*"))
        << c.dump();
    EXPECT_THAT(c["problem"].get<std::string>(),
                ::testing::Not(::testing::MatchesRegex(".*,i[0-9]+x[0-9]+x[0-9]+,.*")))
        << c.dump();
  }
  const ConformRun shard =
      run_conform({"--adapter", mutant("none"), "--phase", "session", "--shard", "1/3"});
  ASSERT_EQ(shard.cases("session").size(), 1u) << shard.out;  // sessions 1 of 0..3
  EXPECT_EQ(shard.cases("session").front()["id"], "session-1");
}

TEST(SessionPhase, ReportsADifferenceBetweenIdenticalCallsNamingBothCalls) {
  const ConformRun r =
      run_conform({"--adapter", mutant("nondeterministic_sum"), "--phase", "session"});
  EXPECT_EQ(r.exit_status, 1) << r.command << "\n" << r.err;
  const auto failed = failures(r);
  ASSERT_FALSE(failed.empty()) << r.out;
  EXPECT_THAT(failed.front()["message"].get<std::string>(),
              ::testing::MatchesRegex(
                  ".*call [0-9]+ returned other bits than call [0-9]+, an identical call.*"
                  "not deterministic.*"));
  // The same mutant passes every fresh-process phase: no comparison with the reference sees it.
  const ConformRun fresh = run_adapter(mutant("nondeterministic_sum"), "golden,property");
  EXPECT_EQ(fresh.exit_status, 0) << fresh.command << "\n" << fresh.out;
}

TEST(SessionPhase, ShrinksTheHistoryAndItsReplayReproducesTheFailure) {
  // The plan cache goes stale at the third call (same channels and kernel, another
  // stride); the second call (a repeat of the first) is not needed.
  // The histories go to a directory of the run's own under $TMPDIR.
  const std::string tmp = ::testing::TempDir() + "/session_histories";
  std::filesystem::create_directories(tmp);
  const ConformRun r = run_conform({"--adapter", mutant("stale_plan_cache"), "--phase", "session"},
                                   {{"TMPDIR", tmp}});
  ASSERT_EQ(r.exit_status, 1) << r.command << "\n" << r.err;
  const auto failed = failures(r);
  ASSERT_FALSE(failed.empty());
  const nlohmann::json& c = failed.front();
  const std::string path = history_path(c);
  ASSERT_TRUE(path.starts_with(tmp + "/tconv-sessions-")) << c.dump();
  ASSERT_TRUE(std::filesystem::exists(path)) << c.dump();
  const nlohmann::json history = read_json(path);
  EXPECT_EQ(history["format"], "tconv-session-history/1");
  EXPECT_EQ(history["original_length"], 3) << history.dump();
  EXPECT_EQ(history["length"], 2) << history.dump();
  ASSERT_EQ(history["calls"].size(), 2u);
  EXPECT_EQ(history["calls"][1]["problem"], c["problem"]);
  EXPECT_THAT(c["message"].get<std::string>(), HasSubstr("shrunk from 3 calls to 2 calls"));

  const ConformRun replay = run_command_line(c["reproduce"]);
  EXPECT_EQ(replay.exit_status, 1) << replay.command << "\n" << replay.out << replay.err;
  ASSERT_EQ(replay.cases("session").size(), 1u);
  EXPECT_EQ(replay.cases("session").front()["verdict"], "wrong_values");
  EXPECT_EQ(replay.cases("session").front()["problem"], c["problem"]);
  // The correct kernel passes the same history.
  const ConformRun control = run_conform({"--adapter", mutant("none"), "--session-replay", path});
  EXPECT_EQ(control.exit_status, 0) << control.command << "\n" << control.out << control.err;
}

TEST(SessionPhase, ReplaysAnOutOfProcessFailureInAFreshProcess) {
  const std::string tmp = ::testing::TempDir() + "/session_histories_process";
  std::filesystem::create_directories(tmp);
  const ConformRun r = run_conform(
      {"--adapter-cmd", testing::python_adapter("faults/stateful.py"), "--phase", "session"},
      {{"TMPDIR", tmp}});
  ASSERT_EQ(r.exit_status, 1) << r.command << "\n" << r.err;
  const auto failed = failures(r);
  ASSERT_FALSE(failed.empty()) << r.out;
  const nlohmann::json& c = failed.front();
  // Each session (and each shrinking trial) meets a fresh process: the failing call
  // alone passes there, so the shortest history that fails has two calls.
  const nlohmann::json history = read_json(history_path(c));
  EXPECT_EQ(history["length"], 2) << history.dump();
  const ConformRun replay = run_command_line(c["reproduce"]);
  EXPECT_EQ(replay.exit_status, 1) << replay.command << "\n" << replay.out << replay.err;
  EXPECT_EQ(replay.cases("session").front()["problem"], c["problem"]);
}

TEST(SessionOptions, ThePhaseIsSwitchedLikeTheOthers) {
  const auto parse = [](std::vector<std::string> args) {
    args.insert(args.begin(), "tconv-conform");
    return parse_options(args);
  };
  EXPECT_TRUE(parse({"--adapter", "a.so"}).session) << "in the default run";
  const Options only = parse({"--adapter", "a.so", "--phase", "session"});
  EXPECT_TRUE(only.session);
  EXPECT_FALSE(only.golden || only.property || only.topology);
  EXPECT_FALSE(parse({"--adapter", "a.so", "--phase", "golden,property"}).session);
  EXPECT_FALSE(parse({"--adapter", "a.so", "--problem", "ic1,oc1,i3,k2"}).session)
      << "a given problem runs alone";
  const Options replay = parse({"--adapter", "a.so", "--session-replay", "h.json"});
  EXPECT_FALSE(replay.golden || replay.property || replay.topology || replay.session);
  EXPECT_THROW(parse({"--session-replay", "h.json"}), UsageError) << "needs an adapter";
  EXPECT_THROW(
      parse({"--adapter", "a.so", "--session-replay", "h.json", "--problem", "ic1,oc1,i3,k2"}),
      UsageError);
}

TEST(DeltaDebugging, FindsTheOneMinimalSubsequenceThatStillFails) {
  std::vector<int> items(20);
  for (int i = 0; i < 20; ++i) items[i] = i;
  int tests = 0;
  const std::function<bool(const std::vector<int>&)> needs_3_and_17 =
      [&](const std::vector<int>& s) {
        ++tests;
        return std::find(s.begin(), s.end(), 3) != s.end() &&
               std::find(s.begin(), s.end(), 17) != s.end();
      };
  EXPECT_EQ(ddmin(items, needs_3_and_17, 1000), (std::vector<int>{3, 17}));
  EXPECT_LT(tests, 100);
  const std::function<bool(const std::vector<int>&)> always = [](const std::vector<int>&) {
    return true;
  };
  EXPECT_TRUE(ddmin(items, always, 1000).empty());
  // Out of tests: what it has, which still fails.
  const auto partial = ddmin(items, needs_3_and_17, 3);
  EXPECT_TRUE(needs_3_and_17(partial));
}

struct HostileHistory {
  std::string name, text, field;  // the error must name `field`
};

void PrintTo(const HostileHistory& h, std::ostream* os) { *os << h.name; }

class HostileHistoryFile : public ::testing::TestWithParam<HostileHistory> {};

TEST_P(HostileHistoryFile, IsRefusedNamingTheFieldWithoutCrashing) {
  const HostileHistory& h = GetParam();
  const std::string path = ::testing::TempDir() + "/history_" + h.name + ".json";
  std::ofstream(path) << h.text;
  const ConformRun r = run_conform({"--adapter", mutant("none"), "--session-replay", path});
  EXPECT_EQ(r.exit_status, 2) << r.command << "\n" << r.err;
  EXPECT_THAT(r.err, HasSubstr(h.field)) << r.err;
}

std::string history_with_call(const std::string& call) {
  return R"({"format": "tconv-session-history/1", "calls": [)" + call + "]}";
}

const std::string kGoodCall =
    R"({"problem": "n1,ic2,oc2,i3,k2", "dtype": "float32", "data_seed": 1})";

INSTANTIATE_TEST_SUITE_P(
    Files, HostileHistoryFile,
    ::testing::Values(
        HostileHistory{"not_json", "{\"calls\": [", "not a session history (JSON)"},
        HostileHistory{"deep", std::string(100000, '['), "nested deeper than 64"},
        HostileHistory{"array", "[]", "the document: must be an object"},
        HostileHistory{"format", R"({"format": "x", "calls": []})", "format: 'x'"},
        HostileHistory{"no_calls", R"({"format": "tconv-session-history/1"})", "calls: missing"},
        HostileHistory{"empty", history_with_call(""), "calls: 0 calls"},
        HostileHistory{"too_many",
                       [] {
                         std::string calls = kGoodCall;
                         for (int i = 0; i < 300; ++i) calls += "," + kGoodCall;
                         return history_with_call(calls);
                       }(),
                       "calls: 301 calls"},
        HostileHistory{"call_not_object", history_with_call("7"), "calls[0]: must be an object"},
        HostileHistory{
            "bad_problem",
            history_with_call(R"({"problem": "n1,ic0", "dtype": "float32", "data_seed": 1})"),
            "calls[0].problem"},
        HostileHistory{
            "huge_problem",
            history_with_call(
                R"({"problem": "n1,ic1,oc1,i100000x100000,k1x1", "dtype": "float32", "data_seed": 1})"),
            "calls[0].problem"},
        HostileHistory{"dtype",
                       history_with_call(
                           R"({"problem": "n1,ic2,oc2,i3,k2", "dtype": "half", "data_seed": 1})"),
                       "calls[0].dtype"},
        HostileHistory{
            "negative_seed",
            history_with_call(
                R"({"problem": "n1,ic2,oc2,i3,k2", "dtype": "float32", "data_seed": -1})"),
            "calls[0].data_seed: must be an unsigned integer"},
        HostileHistory{"second_call", history_with_call(kGoodCall + R"(, {"problem": 5})"),
                       "calls[1].problem: must be string"}));

TEST(HostileHistoryFile, ThatIsNoRegularFileIsRefused) {
  const ConformRun r = run_conform({"--adapter", mutant("none"), "--session-replay", "/dev/zero"});
  EXPECT_EQ(r.exit_status, 2) << r.err;
  EXPECT_THAT(r.err, HasSubstr("not a regular file"));
}

}  // namespace
}  // namespace tconv
