// tconv-conform, the real binary, on hostile inputs: vector files nested deep enough to
// overflow a stack, files that are no regular files or too large to read, vectors whose
// sums overflow or that the references disagree with; runs that check nothing; memory
// running out during a case; report paths that cannot be written; control bytes from an
// adapter. The run never crashes or hangs, passes nothing it did not check, and exits
// with the status usage_text() documents: 0 conforms, 1 a failure (a refused vector
// included), 2 cannot run, 3 nothing checked.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "command_line.h"
#include "conform_process.h"
#include "golden_cases.h"

namespace tconv {
namespace {

using testing::adapter_library;
using testing::ConformRun;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::run_conform;

constexpr int kLiteratureCases = 6;  // vectors/literature.json
constexpr int kNothingChecked = 3;

// A directory of the test's own, removed after it.
class HostileInputs : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("tconv_hostile_" + std::to_string(getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // A vectors directory `name` holding `text` as v.json.
  std::string vectors(const std::string& name, const std::string& text) const {
    std::filesystem::create_directories(dir_ / name);
    std::ofstream(dir_ / name / "v.json") << text;
    return (dir_ / name).string();
  }

  // An out-of-process adapter: the example Python adapter with `body` run after it is
  // imported as `example` (its serve(handle_request, handshake) speaks the protocol).
  std::string python_adapter(const std::string& name, const std::string& body) const {
    const std::filesystem::path script = dir_ / (name + ".py");
    std::ofstream(script) << "import sys\nsys.path.insert(0, '" << TCONV_ADAPTER_SOURCE_DIR
                          << "/examples')\nimport python_adapter as example\n"
                          << body;
    return join_command({TCONV_PYTHON, script.string()});
  }

  std::filesystem::path dir_;
};

nlohmann::json literature() {
  return nlohmann::json::parse(
      std::ifstream(std::filesystem::path(TCONV_VECTORS_DIR) / "literature.json"));
}

// Exit 2 before anything ran: the message on stderr, no summary, no report.
void expect_refused_to_run(const ConformRun& r, const std::string& message) {
  EXPECT_EQ(r.exit_status, 2) << r.command << "\n" << r.out << r.err;
  EXPECT_THAT(r.err, HasSubstr(message)) << r.command;
  EXPECT_THAT(r.out, Not(HasSubstr("conformance:"))) << r.command;
  EXPECT_TRUE(r.report.is_null()) << r.command;
}

TEST_F(HostileInputs, ADeeplyNestedVectorFileExits2NamingTheFileAndTheLimitInsteadOfCrashing) {
  // 200000 levels in a 400 kB file: tconv-conform died of SIGSEGV on it.
  std::string text = literature().dump();
  const std::string arguments = "\"arguments\":{";
  text.insert(text.find(arguments) + arguments.size(),
              "\"x\":" + std::string(200000, '[') + std::string(200000, ']') + ",");
  const std::string dir = vectors("deep", text);
  const ConformRun r = run_conform({"--vectors", dir, "--phase", "golden"});
  // dump() writes "framework" before "id": the case is named by its index.
  expect_refused_to_run(r, dir +
                               "/v.json: case #0 (id not read) at "
                               "/cases/0/framework/arguments/x/0/0/0");
  expect_refused_to_run(r, "/0: arrays and objects nest deeper than 64 levels, the limit");
}

TEST_F(HostileInputs, AFifoADeviceOrAnOversizedFileInTheVectorsExits2AtOnce) {
  std::filesystem::create_directories(dir_ / "fifo");
  ASSERT_EQ(mkfifo((dir_ / "fifo" / "v.json").c_str(), 0600), 0);
  std::filesystem::create_directories(dir_ / "zero");
  std::filesystem::create_symlink("/dev/zero", dir_ / "zero" / "v.json");
  const std::string big = vectors("big", "");
  std::filesystem::resize_file(dir_ / "big" / "v.json", 200u << 20);  // sparse
  for (const auto& [name, reason] :
       {std::pair{"fifo", "is a FIFO, not a regular file"},
        std::pair{"zero", "is a character device, not a regular file"},
        std::pair{"big", "209715200 bytes, more than the limit of 16777216 bytes"}}) {
    const auto start = std::chrono::steady_clock::now();
    const std::string file = (dir_ / name / "v.json").string();
    expect_refused_to_run(run_conform({"--vectors", (dir_ / name).string(), "--phase", "golden"}),
                          file + ": " + reason);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5)) << name;
  }
}

TEST_F(HostileInputs, SumsThatOverflowExit2NamingTheCase) {
  nlohmann::json infinite = literature();
  nlohmann::json& c = infinite["cases"][0];
  c["dtype"] = "float64";
  c["comparison"] = {{"kind", "bounded"}, {"unit_roundoff", 0x1p-53}, {"note", "n"}};
  c["input"]["data"] = {1e200, 1e200, 1e200, 1e200};
  c["weights"]["data"] = {1e200, 1e200, 1e200, 1e200};
  expect_refused_to_run(
      run_conform({"--vectors", vectors("infinite", infinite.dump()), "--phase", "golden"}),
      "case 'lit_d2l_stride1_i2x2_k2x2' at /cases/0: the rounding bound of output[n=0, c=0, h=0, "
      "w=0] of the problem is not finite");

  nlohmann::json overflowing = literature();
  overflowing["cases"][0]["input"]["data"] = {1LL << 40, 0, 0, 0};
  overflowing["cases"][0]["weights"]["data"] = {1LL << 40, 0, 0, 0};
  expect_refused_to_run(
      run_conform({"--vectors", vectors("overflowing", overflowing.dump()), "--phase", "golden"}),
      "case 'lit_d2l_stride1_i2x2_k2x2' at /cases/0: int64 products and sums may overflow");
}

// An all-zeros adapter against vectors whose expected outputs were zeroed: every vector
// is refused before the adapter runs, so nothing passes.
TEST_F(HostileInputs, VectorsTheReferencesDisagreeWithAreRefusedAndFailTheRun) {
  nlohmann::json zeroed = literature();
  for (auto& c : zeroed["cases"]) {
    for (auto& v : c["expected"]["data"]) v = 0;
  }
  const std::string zeros = python_adapter("zeros", R"(
def handle(request):
    reply = example.handle(request)
    reply["output"]["data"] = [0] * len(reply["output"]["data"])
    return reply
example.serve(handle)
)");
  const ConformRun r = run_conform(
      {"--adapter-cmd", zeros, "--vectors", vectors("zeroed", zeroed.dump()), "--phase", "golden"});
  EXPECT_EQ(r.exit_status, 1) << r.command << "\n" << r.err;
  ASSERT_EQ(r.cases("golden").size(), static_cast<std::size_t>(kLiteratureCases)) << r.err;
  for (const auto& c : r.cases("golden")) {
    EXPECT_EQ(c["check"], kReferencesAgreeWithTheVector) << c["id"];
    EXPECT_EQ(c["verdict"], "wrong_values") << c["id"];
    EXPECT_THAT(c["message"].get<std::string>(), HasSubstr("vector refused, not run on"));
  }
  EXPECT_EQ(r.report["totals"]["passed"], 0);
  EXPECT_THAT(r.out, HasSubstr("note: 6 golden vectors were refused and not run: the built-in "
                               "references disagree with them"));
}

TEST_F(HostileInputs, ARunThatChecksNothingExits3UnlessAllowed) {
  std::filesystem::create_directories(dir_ / "empty");
  const std::string empty = (dir_ / "empty").string();
  const ConformRun no_vectors = run_conform({"--vectors", empty, "--phase", "golden"});
  EXPECT_EQ(no_vectors.exit_status, kNothingChecked) << no_vectors.err;
  EXPECT_THAT(no_vectors.err, HasSubstr("no case was checked (0 passed, 0 failed, 0 unsupported)"));
  EXPECT_FALSE(no_vectors.report.is_null()) << "the report still records the run";
  const ConformRun allowed =
      run_conform({"--vectors", empty, "--phase", "golden", "--allow-empty"});
  EXPECT_EQ(allowed.exit_status, 0) << allowed.err;

  // Literature cases are all 2-D.
  const ConformRun filtered =
      run_conform({"--phase", "golden", "--framework", "literature", "--rank", "1"});
  EXPECT_EQ(filtered.exit_status, kNothingChecked) << filtered.err;
  EXPECT_TRUE(filtered.cases().empty());
}

TEST_F(HostileInputs, AnAdapterDeclaringNothingExits3WithEveryCaseUnsupported) {
  const std::string nothing = python_adapter("nothing", R"(
capabilities = dict(ranks=[], dtypes=[], layouts=[], weight_layouts=[], features=[], max_batch=0)
example.serve(handshake=dict(example.HANDSHAKE, capabilities=capabilities))
)");
  for (const std::vector<std::string>& what :
       {std::vector<std::string>{"--framework", "literature", "--cases", "2"},
        std::vector<std::string>{"--problem", "ic1,oc1,i3,k2"}}) {
    std::vector<std::string> args{"--adapter-cmd", nothing};
    args.insert(args.end(), what.begin(), what.end());
    const ConformRun r = run_conform(args);
    EXPECT_EQ(r.exit_status, kNothingChecked) << r.command << "\n" << r.err;
    EXPECT_EQ(r.report["totals"]["passed"], 0) << r.command;
    EXPECT_EQ(r.report["totals"]["failed"], 0) << r.command;
    EXPECT_GT(r.report["totals"]["unsupported"], 0) << r.command;
  }
}

// 16 Mi input and output elements in float64, the most --problem allows: about 1 GB at
// the peak of a check, so at most 600 MB of address space runs out within the cases.
TEST_F(HostileInputs, MemoryRunningOutDuringACaseFailsThatCaseNotTheRun) {
#if defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "AddressSanitizer reserves more address space than the limit";
#endif
  const ConformRun r = testing::run_command_line(join_command(
      {"/bin/sh", "-c", "ulimit -v 600000 && exec \"$0\" \"$@\"", TCONV_CONFORM, "--adapter",
       adapter_library("c_adapter"), "--dtype", "float64", "--problem", "ic1,oc1,i16777216,k1"}));
  EXPECT_EQ(r.exit_status, 1) << r.command << "\n" << r.out << r.err;
  ASSERT_EQ(r.cases("property").size(), 4u) << r.command << "\n" << r.err;
  int out_of_memory = 0;
  for (const auto& c : r.cases("property")) {
    EXPECT_THAT(c["verdict"].get<std::string>(), ::testing::AnyOf("passed", "error")) << c;
    out_of_memory +=
        c["message"].get<std::string>().find("ran out of memory") != std::string::npos ? 1 : 0;
  }
  EXPECT_GT(out_of_memory, 0) << r.out;
}

TEST_F(HostileInputs, AReportPathThatCannotBeWrittenExits2BeforeTheRun) {
  expect_refused_to_run(run_conform({"--html", "/nonexistent-dir/r.html"}),
                        "--html /nonexistent-dir/r.html: cannot be written: No such file or "
                        "directory");
  expect_refused_to_run(run_conform({"--junit", dir_.string()}),
                        "--junit " + dir_.string() + ": cannot be written: Is a directory");
  // Checking a path leaves nothing behind when the run then cannot start.
  const std::string junit = (dir_ / "r.xml").string();
  expect_refused_to_run(run_conform({"--junit", junit, "--adapter", "/nonexistent/a.so"}),
                        "cannot use the adapter");
  EXPECT_FALSE(std::filesystem::exists(junit));
}

// No escape sequence, bell or carriage return reaches the terminal raw.
void expect_no_control_bytes(const ConformRun& r) {
  for (const std::string* text : {&r.out, &r.err}) {
    EXPECT_EQ(text->find_first_of("\x1b\x07\r"), std::string::npos) << r.command << "\n" << *text;
  }
}

TEST_F(HostileInputs, ControlBytesFromAnAdapterReachTheTerminalEscaped) {
  const std::string evil = python_adapter("evil", R"(
def handle(request):
    return {"id": request["id"], "error": "boom \x1b[31mred\x1b[0m\r\x07"}
example.serve(handle)
)");
  const ConformRun r =
      run_conform({"--adapter-cmd", evil, "--framework", "literature", "--cases", "1"});
  EXPECT_EQ(r.exit_status, 1) << r.command << "\n" << r.err;
  expect_no_control_bytes(r);
  EXPECT_THAT(r.out, HasSubstr("boom \\x1B[31mred\\x1B[0m\\x0D\\x07"));
  // The JSON report keeps the adapter's own text, JSON-escaped.
  ASSERT_FALSE(r.cases("golden").empty()) << r.err;
  EXPECT_THAT(r.cases("golden").at(0)["message"].get<std::string>(),
              HasSubstr("boom \x1b[31mred\x1b[0m\r\x07"));

  // A name with control bytes: the handshake is refused, the message escaped.
  const std::string named = python_adapter("named", R"(
example.serve(handshake=dict(example.HANDSHAKE, name="evil\x1b[2J\r"))
)");
  const ConformRun refused = run_conform({"--adapter-cmd", named});
  EXPECT_EQ(refused.exit_status, 2) << refused.command << "\n" << refused.err;
  expect_no_control_bytes(refused);
}

TEST_F(HostileInputs, ControlBytesFromAVectorFileReachTheTerminalEscaped) {
  nlohmann::json file = literature();
  file["cases"][0]["\x1b[2J\r"] = 1;  // a member outside the schema, named in the message
  const ConformRun r =
      run_conform({"--vectors", vectors("escape", file.dump()), "--phase", "golden"});
  expect_refused_to_run(r, "at /cases/0/\\x1B[2J\\x0D: member not in the schema");
  expect_no_control_bytes(r);
}

}  // namespace
}  // namespace tconv
