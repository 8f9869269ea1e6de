// The loader rejects every kind of broken vector file, and its message names the file,
// the case and the field. Each test breaks one rule of a small valid file (kValid) by
// one textual edit. Hostile files too: nesting that would overflow the stack, files that
// are no regular files or too large to read, sums that overflow.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "loader.h"
#include "problem_string.h"

namespace tconv {
namespace {

// One input channel to two output channels with a bias, 1-D: out[o] = Σ x[i]·w[o − i] + b.
const std::string kValid = R"({
  "format_version": 1,
  "provenance": {"generator": "hand", "generator_version": "1", "script": "scripts/none.py",
                 "seed": null, "created": "2026-11-21"},
  "cases": [
    {
      "id": "lit_ok",
      "description": "by hand",
      "framework": {"framework": "literature", "api": "a test", "arguments": {"text": "by hand"}},
      "problem": "n1,g1,ic1,oc2,i2,k2,s1,d1,pb0,pe0,op0,bias,ncx,iox",
      "dtype": "int64",
      "comparison": {"kind": "exact"},
      "input": {"shape": [1, 1, 2], "layout": "ncx", "data": [1, 2]},
      "weights": {"shape": [1, 2, 2], "layout": "iox", "data": [1, 1, 1, -1]},
      "bias": {"shape": [2], "data": [0, 5]},
      "expected": {"shape": [1, 2, 3], "layout": "ncx", "data": [1, 3, 2, 6, 6, 3]}
    }
  ]
})";

const std::string kCase = "case 'lit_ok'";

// kValid with its only occurrence of `from` replaced by `to`.
std::string edited(const std::string& from, const std::string& to,
                   const std::string& text = kValid) {
  const std::size_t at = text.find(from);
  if (at == std::string::npos || text.find(from, at + 1) != std::string::npos) {
    ADD_FAILURE() << "'" << from << "' does not occur exactly once in the file being edited";
    return text;
  }
  return text.substr(0, at) + to + text.substr(at + from.size());
}

// The message names the file, the case (`case_label`, empty for a file-level field), the
// field as a JSON pointer, and the reason.
void expect_rejected(const std::string& text, const std::string& case_label,
                     const std::string& pointer, const std::string& reason) {
  try {
    parse_vector_file(text, "broken.json");
    ADD_FAILURE() << "the loader accepts:\n" << text;
  } catch (const VectorFileError& e) {
    const std::string message = e.what();
    EXPECT_EQ(message.rfind("broken.json: ", 0), 0u) << message;
    if (!case_label.empty()) {
      EXPECT_NE(message.find(case_label + " "), std::string::npos) << message;
    }
    EXPECT_NE(message.find("at " + pointer + ": "), std::string::npos) << message;
    EXPECT_NE(message.find(reason), std::string::npos) << message;
  }
}

TEST(VectorLoader, ReadsAValidFile) {
  const VectorFile file = parse_vector_file(kValid, "valid.json");
  ASSERT_EQ(file.cases.size(), 1u);
  const VectorCase& c = file.cases[0];
  EXPECT_EQ(c.id, "lit_ok");
  EXPECT_EQ(to_string(c.problem), "n1,g1,ic1,oc2,i2,k2,s1,d1,pb0,pe0,op0,bias,ncx,iox");
  EXPECT_EQ(c.framework.framework, Framework::literature);
  EXPECT_EQ(c.dtype, DType::int64);
  EXPECT_EQ(c.comparison.kind, ComparisonKind::exact);
  EXPECT_EQ(c.weights.data, (std::vector<double>{1, 1, 1, -1}));
  ASSERT_TRUE(c.bias && c.expected);
  EXPECT_EQ(c.bias->data, (std::vector<double>{0, 5}));
  EXPECT_EQ(c.expected->shape, (std::vector<std::int64_t>{1, 2, 3}));
  EXPECT_TRUE(c.plain());
  EXPECT_EQ(file.provenance.script, "scripts/none.py");
  EXPECT_FALSE(file.provenance.seed);
}

TEST(VectorLoader, RejectsMalformedJson) {
  expect_rejected(edited(R"("dtype": "int64")", R"("dtype": int64)"), kCase, "/cases/0/dtype",
                  "malformed JSON");
}

TEST(VectorLoader, RejectsTruncatedJson) {
  expect_rejected(kValid.substr(0, kValid.find("1, 3, 2, 6")), kCase, "/cases/0/expected/data",
                  "malformed JSON");
}

TEST(VectorLoader, RejectsARepeatedKey) {
  expect_rejected(edited(R"("dtype": "int64")", R"("dtype": "int64", "dtype": "int64")"), kCase,
                  "/cases/0/dtype", "repeated key 'dtype'");
}

TEST(VectorLoader, RejectsAMissingMember) {
  expect_rejected(edited(R"("description": "by hand",)", ""), kCase, "/cases/0",
                  "missing required member 'description'");
}

TEST(VectorLoader, RejectsAMemberOutsideTheSchema) {
  expect_rejected(
      edited(R"("description": "by hand",)", R"("description": "by hand", "comment": "x",)"), kCase,
      "/cases/0/comment", "member not in the schema");
}

TEST(VectorLoader, RejectsAWrongType) {
  expect_rejected(edited(R"("shape": [1, 1, 2])", R"("shape": [1, "1", 2])"), kCase,
                  "/cases/0/input/shape/1", "expected an integer, got string");
}

TEST(VectorLoader, RejectsAnUnknownEnumValue) {
  expect_rejected(edited(R"("dtype": "int64")", R"("dtype": "int32")"), kCase, "/cases/0/dtype",
                  R"("int32" is not one of int64, float64, float32)");
}

TEST(VectorLoader, RejectsAnIdWithOtherCharacters) {
  expect_rejected(edited(R"("id": "lit_ok")", R"("id": "lit-ok")"), "case #0 (id not read)",
                  "/cases/0/id", "characters other than a-z, 0-9 and _");
}

TEST(VectorLoader, RejectsARepeatedId) {
  const std::size_t begin = kValid.find("    {\n      \"id\""), end = kValid.find("\n  ]");
  const std::string one_case = kValid.substr(begin, end - begin);
  expect_rejected(edited(one_case, one_case + ",\n" + one_case), kCase, "/cases/1/id",
                  "repeated id, first at /cases/0");
}

TEST(VectorLoader, RejectsAnIdRepeatedInAnotherFile) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / "tconv_test_vector_loader";
  std::filesystem::create_directories(dir);
  for (const char* name : {"a.json", "b.json"}) std::ofstream(dir / name) << kValid;
  try {
    load_vector_files({dir / "a.json", dir / "b.json"});
    ADD_FAILURE() << "the loader accepts the same id in two files";
  } catch (const VectorFileError& e) {
    const std::string message = e.what();
    EXPECT_EQ(message.rfind((dir / "b.json").string() + ": " + kCase + " at /cases/0/id: ", 0), 0u)
        << message;
    EXPECT_NE(message.find("repeated id, first in " + (dir / "a.json").string() + " at /cases/0"),
              std::string::npos)
        << message;
  }
  std::filesystem::remove_all(dir);
}

TEST(VectorLoader, RejectsDataOfAnotherLengthThanItsShape) {
  expect_rejected(edited(R"("data": [1, 2])", R"("data": [1, 2, 3])"), kCase, "/cases/0/input/data",
                  "3 values, shape [1, 1, 2] has 2");
}

TEST(VectorLoader, RejectsAnInputShapeOtherThanTheProblems) {
  expect_rejected(edited(R"("shape": [1, 1, 2])", R"("shape": [1, 2, 1])"), kCase,
                  "/cases/0/input/shape", "[1, 2, 1], but problem gives [1, 1, 2]");
}

TEST(VectorLoader, RejectsAWeightsShapeOtherThanTheProblems) {
  expect_rejected(edited(R"("shape": [1, 2, 2])", R"("shape": [2, 1, 2])"), kCase,
                  "/cases/0/weights/shape", "[2, 1, 2], but problem gives [1, 2, 2]");
}

TEST(VectorLoader, RejectsABiasShapeOtherThanTheProblems) {
  expect_rejected(edited(R"("bias": {"shape": [2], "data": [0, 5]})",
                         R"("bias": {"shape": [3], "data": [0, 5, 0]})"),
                  kCase, "/cases/0/bias/shape", "[3], but problem (out_channels) gives [2]");
}

TEST(VectorLoader, RejectsAnExpectedShapeOtherThanTheProblems) {
  expect_rejected(edited(R"("shape": [1, 2, 3])", R"("shape": [1, 3, 2])"), kCase,
                  "/cases/0/expected/shape", "[1, 3, 2], but problem gives [1, 2, 3]");
}

TEST(VectorLoader, RejectsALayoutOtherThanTheProblems) {
  expect_rejected(edited(R"("layout": "iox")", R"("layout": "xoi")"), kCase,
                  "/cases/0/weights/layout", "is xoi, the problem's is iox");
}

TEST(VectorLoader, RejectsAMissingBias) {
  expect_rejected(edited(R"("bias": {"shape": [2], "data": [0, 5]},)", ""), kCase, "/cases/0",
                  "missing member 'bias': the problem has a bias");
}

TEST(VectorLoader, RejectsANonIntegerInAnInt64Case) {
  expect_rejected(edited(R"("data": [1, 1, 1, -1])", R"("data": [1, 1, 1.5, -1])"), kCase,
                  "/cases/0/weights/data/2",
                  "1.5 is not an integer of at most 2^53, as dtype int64 needs");
}

TEST(VectorLoader, RejectsAComparisonOtherThanTheDTypes) {
  expect_rejected(
      edited(R"({"kind": "exact"})",
             R"({"kind": "bounded", "unit_roundoff": 1.1102230246251565e-16, "note": "n"})"),
      kCase, "/cases/0/comparison/kind", "dtype int64 needs kind exact");
}

TEST(VectorLoader, RejectsAUnitRoundoffOtherThanTheDTypes) {
  const std::string float32 = edited(R"("dtype": "int64")", R"("dtype": "float32")");
  expect_rejected(
      edited(R"({"kind": "exact"})",
             R"({"kind": "bounded", "unit_roundoff": 1.1102230246251565e-16, "note": "n"})",
             float32),
      kCase, "/cases/0/comparison/unit_roundoff",
      "dtype float32 has unit roundoff 5.9604644775390625e-08");
}

TEST(VectorLoader, RejectsAValueThatIsNoFloat32InAFloat32Case) {
  std::string float32 = edited(R"("dtype": "int64")", R"("dtype": "float32")");
  float32 = edited(R"({"kind": "exact"})",
                   R"({"kind": "bounded", "unit_roundoff": 5.9604644775390625e-08, "note": "n"})",
                   float32);
  expect_rejected(edited(R"("data": [1, 2])", R"("data": [1, 0.1])", float32), kCase,
                  "/cases/0/input/data/1",
                  "0.10000000000000001 is not a float32 value, as dtype float32 needs");
}

TEST(VectorLoader, RejectsANullOutsideAFindingsExpected) {
  expect_rejected(edited(R"([1, 3, 2, 6, 6, 3])", R"([1, null, 2, 6, 6, 3])"), kCase,
                  "/cases/0/expected/data/1",
                  "null (a NaN) is allowed only in a finding's expected");
}

TEST(VectorLoader, RejectsAnotherFormatVersion) {
  expect_rejected(edited(R"("format_version": 1)", R"("format_version": 2)"), "", "/format_version",
                  "2 is not format_version 1");
}

TEST(VectorLoader, RejectsAScriptOutsideScripts) {
  expect_rejected(edited(R"("scripts/none.py")", R"("tools/none.py")"), "", "/provenance/script",
                  "does not start with 'scripts/'");
}

TEST(VectorLoader, RejectsAFileWithoutCases) {
  const std::size_t begin = kValid.find("[\n    {"), end = kValid.rfind("]");
  expect_rejected(kValid.substr(0, begin) + "[]" + kValid.substr(end + 1), "", "/cases",
                  "at least one case");
}

TEST(VectorLoader, RejectsAProblemThatDoesNotParse) {
  expect_rejected(edited("bias,ncx,iox", "bias,ncx,zzz"), kCase, "/cases/0/problem",
                  "not a problem string: problem string token 'zzz': unknown word");
}

TEST(VectorLoader, RejectsAProblemStringThatIsNotCanonical) {
  expect_rejected(
      edited("n1,g1,ic1,oc2,i2,k2,s1,d1,pb0,pe0,op0,bias,ncx,iox", "ic1,oc2,i2,k2,bias"), kCase,
      "/cases/0/problem",
      "is not canonical; written canonically: n1,g1,ic1,oc2,i2,k2,s1,d1,pb0,pe0,op0,bias,ncx,iox");
}

TEST(VectorLoader, RejectsAnInvalidProblemInAPlainCase) {
  expect_rejected(edited(",s1,", ",s0,"), kCase, "/cases/0/problem",
                  "invalid in a case without expect_error or finding: axes[0].stride = 0");
}

TEST(VectorLoader, RejectsBothExpectedAndExpectError) {
  const std::string error = R"("expect_error": {"rejected": false, "message": null, )"
                            R"("model_accepts": true, "note": "n", )"
                            R"("observed": {"shape": [1, 2, 3], "data": [0, 0, 0, 0, 0, 0]}}, )";
  expect_rejected(edited(R"("bias": {)", error + R"("bias": {)"), kCase, "/cases/0/expect_error",
                  "expected or expect_error, not both");
}

TEST(VectorLoader, RejectsAMessageOfARequestThatWasNotRejected) {
  const std::size_t begin = kValid.find(R"("expected")"), end = kValid.find("\n", begin);
  const std::string error = kValid.substr(0, begin) +
                            R"("expect_error": {"rejected": false, "message": "no", )"
                            R"("model_accepts": true, "note": "n"})" +
                            kValid.substr(end);
  expect_rejected(error, kCase, "/cases/0/expect_error/message",
                  "must be null: the framework did not reject the request");
}

TEST(VectorLoader, RejectsAnObservedProblemDifferingInMoreThanPads) {
  const std::string finding = R"("finding": {"text": "t", "observed_problem": )"
                              R"("n1,g1,ic1,oc2,i2,k2,s2,d1,pb0,pe0,op0,bias,ncx,iox"}, )";
  expect_rejected(edited(R"("bias": {)", finding + R"("bias": {)"), kCase,
                  "/cases/0/finding/observed_problem", "in more than pads and output_padding");
}

TEST(VectorLoader, RejectsAnUnreadableFile) {
  EXPECT_THROW(load_vector_file(std::filesystem::path(TCONV_VECTORS_DIR) / "no_such_file.json"),
               VectorFileError);
}

// `depth` arrays nested in one another, "[[...]]".
std::string nested_arrays(int depth) {
  return std::string(static_cast<std::size_t>(depth), '[') +
         std::string(static_cast<std::size_t>(depth), ']');
}

// The pointer of the array that is too deep, when nested arrays replace a field at
// `depth` (the root object is at depth 0): the one opening at depth kMaxVectorNesting.
std::string too_deep(const std::string& field, int depth) {
  std::string pointer = field;
  for (int level = depth; level < kMaxVectorNesting; ++level) pointer += "/0";
  return pointer;
}

TEST(HostileVectorFile, DeepNestingIsRejectedWhileParsingNamingTheFileAndTheLimit) {
  // 200000 levels, a 400 kB file: the stack overflowed on it (SIGSEGV) before the limit.
  const std::string deep = nested_arrays(200000);
  const std::string reason = "arrays and objects nest deeper than 64 levels, the limit";
  expect_rejected(edited(R"({"text": "by hand"})", R"({"text": )" + deep + "}"), kCase,
                  too_deep("/cases/0/framework/arguments/text", 5), reason);
  expect_rejected(
      edited(R"("created": "2026-11-21"})", R"("created": "2026-11-21", "tools": )" + deep + "}"),
      "", too_deep("/provenance/tools", 2), reason);
  expect_rejected(edited(R"("dtype": "int64")", R"("dtype": )" + deep), kCase,
                  too_deep("/cases/0/dtype", 3), reason);
  expect_rejected(edited(R"("format_version": 1)", R"("format_version": )" + deep), "",
                  too_deep("/format_version", 1), reason);
}

TEST(HostileVectorFile, NestingUpToTheLimitIsReadAsAnyOtherValue) {
  // The arguments object is at depth 4: its member opens at 5, the last allowed at 63.
  const int allowed = kMaxVectorNesting - 5;
  const VectorFile file = parse_vector_file(
      edited(R"({"text": "by hand"})", R"({"text": )" + nested_arrays(allowed) + "}"), "deep.json");
  EXPECT_EQ(file.cases.at(0).framework.arguments["text"].dump(), nested_arrays(allowed));
  expect_rejected(
      edited(R"({"text": "by hand"})", R"({"text": )" + nested_arrays(allowed + 1) + "}"), kCase,
      too_deep("/cases/0/framework/arguments/text", 5), "nest deeper than 64 levels");
}

// A directory of its own, removed after the test.
class VectorDirectory : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("tconv_hostile_vectors_" + std::to_string(getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // The loader's message for `path`, which it must refuse.
  static std::string refusal(const std::filesystem::path& path) {
    try {
      load_vector_file(path);
    } catch (const VectorFileError& e) {
      return e.what();
    }
    ADD_FAILURE() << "the loader reads " << path;
    return "";
  }

  std::filesystem::path dir_;
};

TEST_F(VectorDirectory, AFifoIsRefusedWithoutBlocking) {
  const auto fifo = dir_ / "fifo.json";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_EQ(refusal(fifo), fifo.string() + ": is a FIFO, not a regular file");
}

TEST_F(VectorDirectory, ASymlinkToADeviceIsRefusedWithoutReading) {
  const auto zero = dir_ / "zero.json";
  std::filesystem::create_symlink("/dev/zero", zero);
  EXPECT_EQ(refusal(zero), zero.string() + ": is a character device, not a regular file");
}

TEST_F(VectorDirectory, ADirectoryIsRefused) {
  const auto directory = dir_ / "directory.json";
  std::filesystem::create_directory(directory);
  EXPECT_EQ(refusal(directory), directory.string() + ": is a directory, not a regular file");
}

TEST_F(VectorDirectory, AFileOverTheSizeLimitIsRefusedBeforeItIsRead) {
  // Sparse: no disk space taken, and reading it would take longer than the test.
  const auto big = dir_ / "big.json";
  std::ofstream(big).close();
  std::filesystem::resize_file(big, 200u << 20);
  EXPECT_EQ(refusal(big),
            big.string() + ": 209715200 bytes, more than the limit of 16777216 bytes");
  std::filesystem::resize_file(big, kMaxVectorFileBytes + 1);
  EXPECT_EQ(refusal(big), big.string() + ": 16777217 bytes, more than the limit of 16777216 bytes");
}

TEST_F(VectorDirectory, AFileAtTheSizeLimitIsRead) {
  const auto at_limit = dir_ / "at_limit.json";
  std::ofstream(at_limit).close();
  std::filesystem::resize_file(at_limit, kMaxVectorFileBytes);  // zero bytes: not JSON
  EXPECT_NE(refusal(at_limit).find("malformed JSON"), std::string::npos);
}

TEST_F(VectorDirectory, FilesTogetherOverTheTotalLimitAreRefused) {
  // Five files of 14 MiB each (a valid file padded with white space): the fifth passes
  // 64 MiB.
  std::vector<std::filesystem::path> paths;
  for (const char* id : {"lit_a", "lit_b", "lit_c", "lit_d", "lit_e"}) {
    paths.push_back(dir_ / (std::string(id) + ".json"));
    std::ofstream file(paths.back());
    const std::string text = edited(R"("id": "lit_ok")", std::string(R"("id": ")") + id + "\"");
    file << text << std::string((14u << 20) - text.size(), ' ');
  }
  try {
    load_vector_files(paths);
    ADD_FAILURE() << "the loader reads 70 MiB of files";
  } catch (const VectorFileError& e) {
    EXPECT_EQ(std::string(e.what()),
              paths.back().string() +
                  ": the vector files read total 73400320 bytes with this one, more than the "
                  "limit of 67108864 bytes");
  }
  paths.pop_back();
  EXPECT_EQ(load_vector_files(paths).size(), 4u);
}

// A float case whose Σ|x·w| overflows double would have an infinite bound, which any
// output is within.
TEST(HostileVectorFile, RejectsAFloatCaseWhoseRoundingBoundIsNotFinite) {
  std::string float64 = edited(R"("dtype": "int64")", R"("dtype": "float64")");
  float64 = edited(R"({"kind": "exact"})",
                   R"({"kind": "bounded", "unit_roundoff": 1.1102230246251565e-16, "note": "n"})",
                   float64);
  const auto with_large = [&](const std::string& large) {
    return edited(R"("data": [1, 1, 1, -1])", R"("data": [)" + large + ", 1, 1, -1]",
                  edited(R"("data": [1, 2])", R"("data": [1, )" + large + "]", float64));
  };
  // out[c=0, w=1] = x[0]·w[0, 1] + x[1]·w[0, 0] = 1 + 1e200 · 1e200.
  expect_rejected(with_large("1e200"), kCase, "/cases/0",
                  "the rounding bound of output[n=0, c=0, w=1] of the problem is not finite");
  // 1e150 · 1e150 stays finite: the case is read.
  EXPECT_NO_THROW(parse_vector_file(with_large("1e150"), "large.json"));
}

// The references' int64 arithmetic must not overflow (undefined behaviour): every output
// sums at most 3 terms here (2 products and the bias).
TEST(HostileVectorFile, RejectsInt64DataWhoseSumsCanOverflow) {
  const auto with_data = [](const std::string& input, const std::string& weights) {
    return edited(R"("data": [1, 1, 1, -1])", R"("data": )" + weights,
                  edited(R"("data": [1, 2])", R"("data": )" + input));
  };
  // 3 · 2^31 · 2^31 > 2^63 − 1.
  expect_rejected(with_data("[2147483648, 2]", "[1, 1, 1, -2147483648]"), kCase, "/cases/0",
                  "int64 products and sums may overflow: 3 terms per output, max |input| "
                  "2147483648, max |weights| 2147483648, max |bias| 5");
  // 2^53 · 2^53 overflows 64 bits itself.
  expect_rejected(with_data("[9007199254740992, 2]", "[9007199254740992, 1, 1, -1]"), kCase,
                  "/cases/0", "int64 products and sums may overflow");
  // 3 · 2^30 · 2^30 < 2^63: read.
  EXPECT_NO_THROW(
      parse_vector_file(with_data("[1073741824, 2]", "[1, 1, 1, -1073741824]"), "large.json"));
}

TEST(HostileVectorFile, RejectsAProblemTooLargeToCompute) {
  // A request the framework rejected but the model accepts: adapters are given it, and
  // its reference output would have 2 · (2^25 + 2) elements.
  const std::size_t begin = kValid.find(R"("expected")"), end = kValid.find("\n", begin);
  const std::string rejected = kValid.substr(0, begin) +
                               R"("expect_error": {"rejected": true, "message": "no", )"
                               R"("model_accepts": true, "note": "n"})" +
                               kValid.substr(end);
  expect_rejected(edited(",d1,", ",d33554432,", rejected), kCase, "/cases/0",
                  "the problem is too large to compute: the output has 67108868 elements, more "
                  "than the suite computes (kMaxProblemElements = 16777216)");
}

}  // namespace
}  // namespace tconv
