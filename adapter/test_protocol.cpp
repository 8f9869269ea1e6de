// The line protocol's encoding (docs/ADAPTERS.md#protocol): the handshake declares
// capabilities by name, a request carries the problem string and tensors as the golden
// vectors write them, and a reply is read into the output only when it is exactly the
// reply asked for; anything else gets its own verdict.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "memory_limit.h"
#include "problem_string.h"
#include "protocol.h"

namespace tconv {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

TEST(Handshake, DeclaresEveryCapabilityByName) {
  const AdapterInfo info = parse_handshake(
      R"({"protocol": 1, "name": "x", "version": "2.1", "capabilities": {"ranks": [1, 3],
          "dtypes": ["float64"], "layouts": ["nxc"], "weight_layouts": ["xoi", "iox"],
          "features": ["bias", "dilation"], "max_batch": 4}})");
  EXPECT_EQ(info.name, "x");
  EXPECT_EQ(info.version, "2.1");
  EXPECT_EQ(info.capabilities.ranks, TCONV_RANK_1D | TCONV_RANK_3D);
  EXPECT_EQ(info.capabilities.dtypes, TCONV_BIT(TCONV_FLOAT64));
  EXPECT_EQ(info.capabilities.layouts, TCONV_BIT(TCONV_NXC));
  EXPECT_EQ(info.capabilities.weight_layouts, TCONV_BIT(TCONV_XOI) | TCONV_BIT(TCONV_IOX));
  EXPECT_EQ(info.capabilities.features, TCONV_FEATURE_BIAS | TCONV_FEATURE_DILATION);
  EXPECT_EQ(info.capabilities.max_batch, 4);
}

TEST(Handshake, WithoutMaxBatchHasNoLimit) {
  const AdapterInfo info = parse_handshake(
      R"({"protocol": 1, "name": "x", "version": "1", "capabilities": {"ranks": [2],
          "dtypes": ["int64"], "layouts": ["ncx"], "weight_layouts": ["oix"], "features": []}})");
  EXPECT_EQ(info.capabilities.max_batch, 0);
  EXPECT_EQ(info.capabilities.features, 0u);
}

TEST(Handshake, IsRefusedSayingWhatIsWrong) {
  const std::string caps_but =
      R"("dtypes": ["float32"], "layouts": ["ncx"], "weight_layouts": ["iox"])";
  const struct {
    std::string line, fragment;
  } cases[] = {
      {"hello", "handshake is not a JSON object: 'hello'"},
      {R"({"name": "x"})", "the handshake has no \"protocol\""},
      {R"({"protocol": 0, "name": "x"})",
       "the adapter speaks protocol version 0, this suite speaks version 1"},
      {R"({"protocol": 1, "version": "1", "capabilities": {}})", "the handshake has no \"name\""},
      {R"({"protocol": 1, "name": "x", "version": "1", "capabilities": {"ranks": [4], )" +
           caps_but + R"(, "features": []}})",
       "capabilities.ranks: unknown value 4"},
      {R"({"protocol": 1, "name": "x", "version": "1", "capabilities": {"ranks": [1], )" +
           caps_but + R"(, "features": ["winograd"]}})",
       "capabilities.features: unknown value \"winograd\""},
      {R"({"protocol": 1, "name": "x", "version": "1", "capabilities": {"ranks": [1], )" +
           caps_but + "}}",
       "capabilities has no \"features\""},
      // The suite prints the name and version: they cannot forge a line of its output.
      {R"({"protocol": 1, "name": "x\nconformance: 999 passed, 0 failed", "version": "1"})",
       "handshake: name must be a string of at most 200 bytes without control characters, not "
       R"("x\nconformance: 999 passed, 0 failed")"},
      {R"({"protocol": 1, "name": "x", "version": ")" + std::string(201, '1') + R"("})",
       "handshake: version must be a string of at most 200 bytes"},
      {R"({"protocol": 1, "name": "x", "version": 1})", "handshake: version must be a string"},
      {"hello \x1b[2J", "handshake is not a JSON object: 'hello \\x1B[2J'"},
      // Above the largest int64: nlohmann compares it with 0 as a negative int64.
      {R"({"protocol": 1, "name": "x", "version": "1", "capabilities": {"ranks": [1], )" +
           caps_but + R"(, "features": [], "max_batch": 9223372036854775808}})",
       "capabilities.max_batch must be an integer >= 0"},
  };
  for (const auto& c : cases) {
    try {
      parse_handshake(c.line);
      ADD_FAILURE() << "accepted " << c.line;
    } catch (const AdapterError& e) {
      EXPECT_THAT(e.what(), HasSubstr(c.fragment)) << c.line;
    }
  }
}

// 200,000 levels: nlohmann's copy, comparison and dump() recurse once per level and
// overflow the stack. The depth is checked before the line is parsed.
const std::string kDeep = std::string(200'000, '[') + std::string(200'000, ']');

TEST(Handshake, NestedDeeperThanTheLimitIsRefusedBeforeItIsParsed) {
  try {
    parse_handshake(R"({"protocol": )" + kDeep + "}");
    ADD_FAILURE() << "accepted";
  } catch (const AdapterError& e) {
    EXPECT_STREQ(e.what(), "handshake: JSON nested deeper than 64 levels (at byte 76)");
  }
}

TEST(Request, CarriesTheProblemStringDtypeAndTensorsInTheGoldenVectorsForm) {
  const Problem p = parse_problem("n2,ic3,oc2,i2x1,k1x2,bias,nxc,xoi");
  std::vector<double> input(12), weights(12), bias{0.5, -1};
  for (std::size_t i = 0; i < input.size(); ++i) input[i] = 0.25 * static_cast<double>(i);
  for (std::size_t i = 0; i < weights.size(); ++i) weights[i] = -static_cast<double>(i);
  const json r =
      json::parse(request_line(41, p, DType::float64, {input.data(), weights.data(), bias.data()}));
  EXPECT_EQ(r["id"], 41);
  EXPECT_EQ(r["problem"], to_string(p));
  EXPECT_EQ(r["dtype"], "float64");
  EXPECT_EQ(r["input"], json({{"shape", {2, 2, 1, 3}}, {"layout", "nxc"}, {"data", input}}));
  EXPECT_EQ(r["weights"], json({{"shape", {1, 2, 2, 3}}, {"layout", "xoi"}, {"data", weights}}));
  EXPECT_EQ(r["bias"], json({{"shape", {2}}, {"data", bias}}));
}

TEST(Request, WithoutBiasHasNoBiasMember) {
  const Problem p = parse_problem("ic1,oc1,i2,k2");
  const std::int64_t values[] = {1, 2};
  const json r = json::parse(request_line(1, p, DType::int64, {values, values, nullptr}));
  EXPECT_FALSE(r.contains("bias")) << r.dump();
  EXPECT_EQ(r["input"]["data"], json({1, 2}));
}

TEST(Request, Float32ValuesReadBackExactly) {
  const Problem p = parse_problem("ic1,oc1,i2,k1");
  const float input[] = {0.1f, -3.4028235e38f}, weights[] = {1e-45f};
  const json r = json::parse(request_line(1, p, DType::float32, {input, weights, nullptr}));
  EXPECT_EQ(static_cast<float>(r["input"]["data"][0].get<double>()), input[0]);
  EXPECT_EQ(static_cast<float>(r["input"]["data"][1].get<double>()), input[1]);
  EXPECT_EQ(static_cast<float>(r["weights"]["data"][0].get<double>()), weights[0]);
}

std::string repeated(const std::string& text, int times) {
  std::string all;
  for (int i = 0; i < times; ++i) all += text;
  return all;
}

// p: a 1-D problem whose output is [N 1, C 2, W 2], i.e. 4 elements.
const Problem kTwoByTwo = parse_problem("ic1,oc2,i1,k2");

TEST(Response, FillsTheOutputWithNullAsNaN) {
  double out[4] = {};
  const CallResult r = read_response(
      R"({"id": 3, "output": {"shape": [1, 2, 2], "layout": "ncx", "data": [1.5, -2, null, 1e300]}})",
      3, kTwoByTwo, DType::float64, out);
  ASSERT_EQ(r.verdict, Verdict::completed) << r.message;
  EXPECT_EQ(out[0], 1.5);
  EXPECT_EQ(out[1], -2);
  EXPECT_TRUE(std::isnan(out[2]));
  EXPECT_EQ(out[3], 1e300);
}

TEST(Response, FillsInt64OutputExactly) {
  std::int64_t out[4] = {};
  const CallResult r = read_response(
      R"({"id": 3, "output": {"shape": [1, 2, 2], "data": [9007199254740993, -1, 0, 7]}})", 3,
      kTwoByTwo, DType::int64, out);
  ASSERT_EQ(r.verdict, Verdict::completed) << r.message;
  EXPECT_EQ(out[0], 9007199254740993);  // 2^53 + 1: not through a double
  EXPECT_EQ(out[3], 7);
}

TEST(Response, OtherThanTheReplyAskedForGetsItsVerdict) {
  const struct {
    std::string line;
    DType dtype;
    Verdict verdict;
    std::string fragment;
  } cases[] = {
      {"not json", DType::float64, Verdict::protocol_error,
       "the reply is not a JSON object: 'not json'"},
      {R"({"id": 2, "output": {"shape": [1, 2, 2], "data": [1, 2, 3, 4]}})", DType::float64,
       Verdict::protocol_error, "the reply to request 3 has id 2"},
      {R"({"id": 3, "error": "no GPU"})", DType::float64, Verdict::error, "no GPU"},
      {R"({"id": 3})", DType::float64, Verdict::protocol_error,
       "the reply has neither \"error\" nor \"output\""},
      {R"({"id": 3, "output": {"shape": [1, 2, 2, 1], "data": [1, 2, 3, 4]}})", DType::float64,
       Verdict::wrong_shape, "output shape [1,2,2,1], the problem's is [1,2,2]"},
      {R"({"id": 3, "output": {"shape": [1, 2, 2], "layout": "nxc", "data": [1, 2, 3, 4]}})",
       DType::float64, Verdict::wrong_shape, "output layout \"nxc\", the problem's is ncx"},
      {R"({"id": 3, "output": {"shape": [1, 2, 2], "data": [1, 2, 3]}})", DType::float64,
       Verdict::protocol_error, "output.data has 3 values, its shape [1,2,2] has 4"},
      {R"({"id": 3, "output": {"shape": [1, 2, 2], "data": [1, 2, "3", 4]}})", DType::float64,
       Verdict::protocol_error, "output.data[2] = \"3\" is not a valid float64 value"},
      {R"({"id": 3, "output": {"shape": [1, 2, 2], "data": [1, 2.5, 3, 4]}})", DType::int64,
       Verdict::protocol_error, "output.data[1] = 2.5 is not a valid int64 value"},
      {R"({"id": 3, "output": {"shape": [1, 2, 2], "data": [1, null, 3, 4]}})", DType::int64,
       Verdict::protocol_error, "output.data[1] = null is not a valid int64 value"},
      // Nested deeper than the limit anywhere: refused before it is parsed.
      {R"({"id": 3, "error": )" + kDeep + "}", DType::float64, Verdict::protocol_error,
       "the reply is JSON nested deeper than 64 levels (at byte 82)"},
      {R"({"id": )" + kDeep + "}", DType::float64, Verdict::protocol_error,
       "the reply is JSON nested deeper than 64 levels (at byte 70)"},
      {R"({"id": 3, "output": {"shape": )" + kDeep + R"(, "data": [1, 2, 3, 4]}})",
       DType::float64, Verdict::protocol_error, "the reply is JSON nested deeper than 64 levels"},
      {R"({"id": 3, "output": {"shape": [1, 2, 2], "layout": )" + kDeep +
           R"(, "data": [1, 2, 3, 4]}})",
       DType::float64, Verdict::protocol_error, "the reply is JSON nested deeper than 64 levels"},
      // What the adapter wrote is quoted in part, and printable.
      {"not json \x1b[2J\r", DType::float64, Verdict::protocol_error,
       "the reply is not a JSON object: 'not json \\x1B[2J\\x0D'"},
      {R"({"id": 3, "output": {"shape": [)" + repeated("1,", 500) + R"(1], "data": []}})",
       DType::float64, Verdict::wrong_shape, "output shape '[" + repeated("1,", 99) + "1...'"},
  };
  for (const auto& c : cases) {
    std::int64_t out[4] = {};  // 8 bytes per element, enough for either dtype
    const CallResult r = read_response(c.line, 3, kTwoByTwo, c.dtype, out);
    EXPECT_EQ(r.verdict, c.verdict) << c.line << ": " << to_string(r.verdict) << ": " << r.message;
    EXPECT_THAT(r.message, HasSubstr(c.fragment)) << c.line;
  }
}

TEST(Response, AnErrorMessageIsKeptUpToItsLimitCutBetweenCharacters) {
  std::string message = "a";
  for (int i = 0; i < 3000; ++i) message += "\u00e9";  // 2 bytes each in UTF-8
  double out[4];
  const CallResult r = read_response(json({{"id", 3}, {"error", message}}).dump(), 3, kTwoByTwo,
                                     DType::float64, out);
  EXPECT_EQ(r.verdict, Verdict::error);
  EXPECT_EQ(r.message, message.substr(0, 4095) + "... (6001 bytes)");
}

TEST(Response, OutOfMemoryWhileReadingOneThrowsBadAllocLeavingNothingHalfDestroyed) {
  // A parsed document allocates while it is destroyed: a bad_alloc while parsing one
  // reached a destructor and ended the process (std::terminate).
  if (testing::kAddressSanitizer) GTEST_SKIP() << "AddressSanitizer exits on a failed allocation";
  // 500,000 small arrays, which a document holds, then a string of 4 MB, which any
  // parser must hold: more than the 1 MB more it may take.
  const std::string line = R"({"id": 3, "arrays": [)" + repeated("[1, 2], ", 500'000) +
                           R"([]], "string": ")" + std::string(4 << 20, 'x') +
                           R"(", "output": {"shape": [1, 2, 2], "data": [1, 2, 3, 4]}})";
  double out[4];
  const testing::AddressSpaceLimit limit(1 << 20);
  EXPECT_THROW(read_response(line, 3, kTwoByTwo, DType::float64, out), std::bad_alloc);
}

TEST(Response, LengthLimitIsSixtyFourBytesPerOutputValueAndAMebibyte) {
  EXPECT_EQ(max_reply_bytes(kTwoByTwo), 4 * 64 + (1 << 20));
}

}  // namespace
}  // namespace tconv
