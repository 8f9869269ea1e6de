// The loader rejects every kind of broken vector file, and its message names the file,
// the case and the field. Each test breaks one rule of a small valid file (kValid) by
// one textual edit.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

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

}  // namespace
}  // namespace tconv
