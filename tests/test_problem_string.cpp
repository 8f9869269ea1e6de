// The canonical problem string (reference/problem_string.h): printing and parsing are
// inverse, omitted keys take their defaults, keys come in any order, and every syntax
// error names the offending token.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "problem.h"
#include "problem_string.h"

namespace tconv {
namespace {

using testing::HasSubstr;

std::vector<std::string> tokens_of(const std::string& text) {
  std::vector<std::string> tokens;
  std::size_t start = 0;
  for (std::size_t comma; (comma = text.find(',', start)) != std::string::npos; start = comma + 1) {
    tokens.push_back(text.substr(start, comma - start));
  }
  tokens.push_back(text.substr(start));
  return tokens;
}

std::string joined(const std::vector<std::string>& tokens) {
  std::string text;
  for (const std::string& t : tokens) text += (text.empty() ? "" : ",") + t;
  return text;
}

// The ProblemError message parse_problem gives for `text`, or a failure if it parses.
std::string parse_error(const std::string& text) {
  try {
    const Problem p = parse_problem(text);
    ADD_FAILURE() << "'" << text << "' parsed as " << to_string(p) << ", expected a syntax error";
  } catch (const ProblemError& e) {
    return e.what();
  }
  return "";
}

// ---- Round trips -------------------------------------------------------------------

TEST(ProblemString, CanonicalStringsPrintBackUnchanged) {
  for (const std::string text : {
           "n2,g2,ic4,oc8,i5x7,k3x3,s2x1,d1x1,pb1x0,pe1x1,op1x0,bias,nxc,iox",
           "n1,g1,ic1,oc1,i1,k1,s1,d1,pb0,pe0,op0,nobias,ncx,iox",
           "n3,g4,ic8,oc12,i2x3x4,k1x2x3,s3x2x1,d2x1x3,pb0x1x2,pe2x1x0,op1x0x2,nobias,nxc,oix",
           "n1,g1,ic3,oc3,i512x512,k3x3,s2x2,d1x1,pb0x0,pe0x0,op0x0,bias,ncx,xoi",
           // parse_problem checks syntax only: an invalid problem is written the same way.
           "n0,g-1,ic0,oc-5,i0x-3,k0x0,s0x-1,d0x0,pb-1x-2,pe-3x-4,op-5x9,bias,ncx,iox",
           "n9223372036854775807,g1,ic1,oc1,i-9223372036854775808,k1,s1,d1,pb0,pe0,op0,nobias,nxc,xoi",
       }) {
    EXPECT_EQ(to_string(parse_problem(text)), text);
  }
}

// Problems of rank 1 to 3 in every layout and weight layout, with and without bias,
// every field distinct so that a field printed in the wrong place is caught.
std::vector<Problem> sample_problems() {
  std::vector<Problem> problems;
  std::int64_t v = 1;
  for (int rank = 1; rank <= 3; ++rank)
    for (Layout layout : {Layout::ncx, Layout::nxc})
      for (WeightLayout weights : {WeightLayout::iox, WeightLayout::oix, WeightLayout::xoi})
        for (bool bias : {false, true}) {
          Problem p{.batch = v++, .in_channels = v++, .out_channels = v++, .groups = v++, .axes = {},
                    .has_bias = bias, .layout = layout, .weight_layout = weights};
          for (int a = 0; a < rank; ++a) {
            p.axes.push_back({.input = v++, .kernel = v++, .stride = v++, .dilation = v++,
                              .pad_begin = v++, .pad_end = v++, .output_padding = v++});
          }
          problems.push_back(p);
        }
  return problems;
}

TEST(ProblemString, ParsingThePrintedStringGivesTheProblemBack) {
  for (const Problem& p : sample_problems()) EXPECT_EQ(parse_problem(to_string(p)), p) << to_string(p);
}

TEST(ProblemString, ExtremeValuesSurviveTheRoundTrip) {
  Problem p = parse_problem("ic1,oc1,i1,k1");
  p.batch = std::numeric_limits<std::int64_t>::max();
  p.axes[0].pad_begin = std::numeric_limits<std::int64_t>::min();
  EXPECT_EQ(parse_problem(to_string(p)), p) << to_string(p);
}

// ---- Defaults and key order --------------------------------------------------------

TEST(ProblemString, OmittedKeysTakeTheirDefaults) {
  const Problem p = parse_problem("ic3,oc5,i7x6,k3x2");
  const Problem expected{.batch = 1, .in_channels = 3, .out_channels = 5, .groups = 1,
                         .axes = {{.input = 7, .kernel = 3, .stride = 1, .dilation = 1, .pad_begin = 0,
                                   .pad_end = 0, .output_padding = 0},
                                  {.input = 6, .kernel = 2, .stride = 1, .dilation = 1, .pad_begin = 0,
                                   .pad_end = 0, .output_padding = 0}},
                         .has_bias = false, .layout = Layout::ncx, .weight_layout = WeightLayout::iox};
  EXPECT_EQ(p, expected) << to_string(p);
  EXPECT_EQ(to_string(p), "n1,g1,ic3,oc5,i7x6,k3x2,s1x1,d1x1,pb0x0,pe0x0,op0x0,nobias,ncx,iox");
}

TEST(ProblemString, KeysMayComeInAnyOrder) {
  const std::string canonical = "n2,g2,ic4,oc8,i5x7,k3x3,s2x1,d1x1,pb1x0,pe1x1,op1x0,bias,nxc,iox";
  const Problem expected = parse_problem(canonical);
  std::vector<std::string> tokens = tokens_of(canonical);
  std::reverse(tokens.begin(), tokens.end());
  EXPECT_EQ(parse_problem(joined(tokens)), expected) << joined(tokens);
  for (std::size_t r = 1; r < tokens.size(); ++r) {
    std::rotate(tokens.begin(), tokens.begin() + 1, tokens.end());
    EXPECT_EQ(parse_problem(joined(tokens)), expected) << joined(tokens);
  }
}

// ---- Syntax errors -----------------------------------------------------------------

TEST(ProblemStringErrors, UnknownKeyIsNamed) {
  EXPECT_THAT(parse_error("ic1,oc1,i1,k1,q3"), HasSubstr("token 'q3': unknown key"));
  EXPECT_THAT(parse_error("ic1,oc1,i1,k1,N2"), HasSubstr("token 'N2': unknown key"));
}

TEST(ProblemStringErrors, UnknownWordIsNamed) {
  EXPECT_THAT(parse_error("ic1,oc1,i1,k1,nhwc"), HasSubstr("token 'nhwc': unknown word"));
  EXPECT_THAT(parse_error("ic1,oc1,i1,k1,"), HasSubstr("token '': unknown word"));
  EXPECT_THAT(parse_error(""), HasSubstr("token '': unknown word"));
}

TEST(ProblemStringErrors, DuplicateKeyIsNamed) {
  EXPECT_THAT(parse_error("ic1,oc1,i1,k1,n2,n3"), HasSubstr("token 'n3': 'n' given twice"));
  EXPECT_THAT(parse_error("ic1,oc1,i1,k1,s1,s2"), HasSubstr("token 's2': 's' given twice"));
  // Words filling the same slot are duplicates too.
  EXPECT_THAT(parse_error("ic1,oc1,i1,k1,bias,nobias"), HasSubstr("token 'nobias': 'bias' given twice"));
  EXPECT_THAT(parse_error("ic1,oc1,i1,k1,ncx,nxc"), HasSubstr("token 'nxc': 'layout' given twice"));
  EXPECT_THAT(parse_error("ic1,oc1,i1,k1,iox,xoi"), HasSubstr("token 'xoi': 'weights' given twice"));
}

TEST(ProblemStringErrors, BadNumberIsNamed) {
  EXPECT_THAT(parse_error("ic1,oc1,i1,k1,n2a"), HasSubstr("token 'n2a': '2a' is not a 64-bit integer"));
  EXPECT_THAT(parse_error("ic1,oc1,i5x,k1x1"), HasSubstr("token 'i5x': '' is not a 64-bit integer"));
  EXPECT_THAT(parse_error("ic1,oc1,i5,k3xx3"), HasSubstr("token 'k3xx3': '' is not a 64-bit integer"));
  EXPECT_THAT(parse_error("ic1,oc1,i5,k+3"), HasSubstr("token 'k+3': '+3' is not a 64-bit integer"));
  EXPECT_THAT(parse_error("ic1,oc1,i1,k1,n9223372036854775808"),
              HasSubstr("token 'n9223372036854775808': '9223372036854775808' is not a 64-bit integer"));
}

TEST(ProblemStringErrors, RankMismatchBetweenKeysIsNamed) {
  EXPECT_THAT(parse_error("ic1,oc1,i5x7,k3"), HasSubstr("key 'k' has 1 values, but 'i' gives rank 2"));
  EXPECT_THAT(parse_error("ic1,oc1,i5x7,k3x3,op0x0x0"), HasSubstr("key 'op' has 3 values, but 'i' gives rank 2"));
}

TEST(ProblemStringErrors, EachMissingRequiredKeyIsNamed) {
  const std::vector<std::string> complete = tokens_of("ic1,oc1,i1,k1");
  for (std::size_t missing = 0; missing < complete.size(); ++missing) {
    std::vector<std::string> tokens = complete;
    tokens.erase(tokens.begin() + static_cast<std::ptrdiff_t>(missing));
    const std::string key = complete[missing].substr(0, complete[missing].size() - 1);
    EXPECT_THAT(parse_error(joined(tokens)), HasSubstr("missing key '" + key + "'"));
  }
  EXPECT_NO_THROW(parse_problem(joined(complete)));
}

}  // namespace
}  // namespace tconv
