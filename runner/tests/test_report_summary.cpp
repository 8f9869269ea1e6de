// The outcome counts of a RunReport and the terminal summary printed from it.
#include <gtest/gtest.h>

#include <sstream>

#include "feature_tags.h"
#include "problem_string.h"
#include "sample_report.h"
#include "summary.h"

namespace tconv {
namespace {

const RunReport kSample = testing::sample_report();

std::string summary_text(const RunReport& report) {
  std::ostringstream out;
  print_summary(out, report);
  return out.str();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

const OutcomeCounts& counts_of(const std::vector<SummaryRow>& rows, const std::string& name) {
  for (const SummaryRow& row : rows) {
    if (row.name == name) return row.counts;
  }
  throw std::out_of_range("no row '" + name + "'");
}

void expect_counts(const OutcomeCounts& c, int passed, int failed, int unsupported,
                   const std::string& what) {
  EXPECT_EQ(c.passed, passed) << what;
  EXPECT_EQ(c.failed, failed) << what;
  EXPECT_EQ(c.unsupported, unsupported) << what;
}

TEST(ReportCounts, EveryVerdictButPassedAndUnsupportedIsAFailure) {
  for (Verdict v : {Verdict::completed, Verdict::wrong_values, Verdict::non_finite, Verdict::error,
                    Verdict::crashed, Verdict::aborted, Verdict::timed_out, Verdict::out_of_bounds,
                    Verdict::unwritten, Verdict::wrong_shape, Verdict::protocol_error}) {
    EXPECT_TRUE(is_failure(v)) << to_string(v);
  }
  EXPECT_FALSE(is_failure(Verdict::passed));
  EXPECT_FALSE(is_failure(Verdict::unsupported));
}

TEST(ReportCounts, CompletedIsNamedNotCompared) {
  EXPECT_STREQ(report_name(Verdict::completed), "not compared");
  EXPECT_STREQ(report_name(Verdict::crashed), to_string(Verdict::crashed));
}

TEST(ReportCounts, CountsEachVerdictAndEveryFailureOfTheSample) {
  EXPECT_EQ(kSample.count(Verdict::passed), 2);
  EXPECT_EQ(kSample.count(Verdict::unsupported), 1);
  EXPECT_EQ(kSample.count(Verdict::wrong_values), 4);
  EXPECT_EQ(kSample.count(Verdict::crashed), 1);
  EXPECT_EQ(kSample.count(Verdict::completed), 1);
  EXPECT_EQ(kSample.count(Verdict::timed_out), 0);
  EXPECT_EQ(kSample.failures(), 6);
}

TEST(Summary, LastLineCountsPassedFailedAndUnsupported) {
  const auto lines = lines_of(summary_text(kSample));
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines.back(), "conformance: 2 passed, 6 failed, 1 unsupported");
  EXPECT_EQ(conformance_line(kSample), lines.back());
}

TEST(Summary, NeitherUnsupportedNorCompletedCountsAsAPass) {
  RunReport report = kSample;
  std::erase_if(report.cases, [](const CaseRecord& c) {
    return c.verdict != Verdict::unsupported && c.verdict != Verdict::completed;
  });
  EXPECT_EQ(conformance_line(report), "conformance: 0 passed, 1 failed, 1 unsupported");
}

TEST(Summary, FeatureTableHasEveryTagInOrderAndCountsEachCaseUnderEachOfItsTags) {
  const Summary s = summarize(kSample);
  ASSERT_EQ(s.by_feature.size(), all_features().size());
  for (std::size_t i = 0; i < s.by_feature.size(); ++i)
    EXPECT_EQ(s.by_feature[i].name, all_features()[i]);
  expect_counts(counts_of(s.by_feature, "stride>1"), 1, 4, 0, "stride>1");
  expect_counts(counts_of(s.by_feature, "dilation>1"), 0, 0, 1, "dilation>1");
  expect_counts(counts_of(s.by_feature, "3-D"), 0, 1, 0, "3-D");
  expect_counts(counts_of(s.by_feature, "grouped"), 0, 0, 0, "grouped");
  expect_counts(s.total, 2, 6, 1, "all cases");
}

TEST(Summary, VerdictTableCountsTheVerdictsThatOccur) {
  const Summary s = summarize(kSample);
  const std::map<Verdict, int> expected{{Verdict::completed, 1},
                                        {Verdict::passed, 2},
                                        {Verdict::unsupported, 1},
                                        {Verdict::wrong_values, 4},
                                        {Verdict::crashed, 1}};
  EXPECT_EQ(s.by_verdict, expected);
}

TEST(Summary, SourceTableListsPytorchTfjsOnnxruntimeLiteratureThenOthers) {
  RunReport report = kSample;
  report.cases[0].source = "keras";
  const Summary s = summarize(report);
  std::vector<std::string> names;
  for (const SummaryRow& row : s.by_source) names.push_back(row.name);
  EXPECT_EQ(names,
            (std::vector<std::string>{"pytorch", "tfjs", "onnxruntime", "literature", "keras"}));
  expect_counts(counts_of(s.by_source, "pytorch"), 0, 2, 0, "pytorch");
  expect_counts(counts_of(s.by_source, "tfjs"), 0, 0, 1, "tfjs");
  expect_counts(counts_of(s.by_source, "keras"), 1, 0, 0, "keras");
}

TEST(Summary, PropertyCasesAreCountedPerCheckAndNotPerSource) {
  const Summary s = summarize(kSample);
  ASSERT_EQ(s.by_check.size(), 2u);
  expect_counts(counts_of(s.by_check, "adjoint of conv_forward"), 1, 0, 0, "adjoint");
  expect_counts(counts_of(s.by_check, "agrees with the references"), 0, 2, 0, "agreement");
}

TEST(Summary, HasNoSourceTableWithoutGoldenCases) {
  RunReport report = kSample;
  std::erase_if(report.cases, [](const CaseRecord& c) { return c.phase == "golden"; });
  EXPECT_TRUE(summarize(report).by_source.empty());
  EXPECT_EQ(summary_text(report).find("golden cases by source"), std::string::npos);
}

TEST(Summary, PrintsEachFailureGroupWithItsSmallestCaseInFull) {
  const std::string text = summary_text(kSample);
  EXPECT_NE(text.find("failures (6 in 6 groups of one verdict and failure class; smallest first)\n"),
            std::string::npos)
      << text;
  for (const CaseRecord& c : kSample.cases) {
    if (!is_failure(c.verdict)) continue;
    EXPECT_NE(text.find(std::string(report_name(c.verdict)) + " x 1: "), std::string::npos)
        << c.id;
    EXPECT_NE(text.find("problem    " + to_string(c.problem) + "  [" + c.dtype + "]"),
              std::string::npos)
        << c.id;
    EXPECT_NE(text.find("reproduce  " + c.reproduce.substr(0, 40)), std::string::npos) << c.id;
  }
  EXPECT_NE(text.find("smallest   property random-23"), std::string::npos) << text;
  EXPECT_NE(
      text.find("shrunk     from n3,g2,ic4,oc6,i5x7,k3x2,s2x3,d1x1,pb0x0,pe0x0,op0x0,bias,nxc,iox "
                "in 5 steps"),
      std::string::npos)
      << text;
  EXPECT_NE(text.find("message    " + kSample.cases[3].message + "\n"), std::string::npos) << text;
}

TEST(Summary, ShowsTheSmallestFailureFirst) {
  const std::string text = summary_text(kSample);
  EXPECT_NE(text.find("\n    1. not compared x 1: " + to_string(kSample.cases[5].problem)),
            std::string::npos)
      << text;
  EXPECT_LT(text.find("lit_edge_stripe_1d"), text.find("ort_checkerboard_2d"));
  EXPECT_LT(text.find("ort_checkerboard_2d"), text.find("pt_output_padding_large"));
}

// The user's run: 1706 failures of 17 classes printed 9,560 lines. Each class is one
// group, however many cases it has; at most 20 groups are printed.
RunReport many_failures(int classes, int cases_per_class) {
  RunReport report;
  for (int k = 0; k < classes; ++k) {
    for (int i = 0; i < cases_per_class; ++i) {
      CaseRecord c = kSample.cases[4];  // a shrunk property failure
      c.id = "random-" + std::to_string(k * cases_per_class + i);
      c.problem = parse_problem("ic1,oc" + std::to_string(k + 1) + ",i2,k1");
      c.message = to_string(c.problem) + ": crashed";
      report.cases.push_back(c);
    }
  }
  return report;
}

TEST(Summary, GroupsFailuresOfOneVerdictAndShrunkProblem) {
  const RunReport report = many_failures(17, 100);  // the groups point into it
  const std::vector<FailureGroup> groups = failure_groups(report);
  ASSERT_EQ(groups.size(), 17u);
  for (const FailureGroup& g : groups) {
    EXPECT_EQ(g.cases.size(), 100u) << g.failure_class;
    EXPECT_EQ(g.failure_class, to_string(g.cases.front()->problem));
  }
  EXPECT_EQ(groups.front().failure_class, to_string(parse_problem("ic1,oc1,i2,k1")))
      << "the group of the smallest case first";
}

TEST(Summary, GoldenFailuresOfOneVerdictAndFeatureSetAreOneGroup) {
  RunReport report;
  report.cases = {kSample.cases[8], kSample.cases[3], kSample.cases[8]};
  report.cases[2].id = "pt_output_padding_large_2";
  const std::vector<FailureGroup> groups = failure_groups(report);
  ASSERT_EQ(groups.size(), 2u) << "the two large cases share their features";
  EXPECT_EQ(groups[1].failure_class, failure_class(kSample.cases[8]));
  EXPECT_EQ(groups[1].cases.size(), 2u);
  EXPECT_EQ(failure_class(kSample.cases[6]).rfind("features: 1-D", 0), 0u)
      << failure_class(kSample.cases[6]);
}

TEST(Summary, PrintsAtMostTwentyGroupsAndCountsTheRest) {
  const std::string text = summary_text(many_failures(30, 60));
  EXPECT_LT(lines_of(text).size(), 250u) << "1800 failures, one entry per group";
  EXPECT_NE(text.find("\n   20. crashed x 60: "), std::string::npos) << text;
  EXPECT_EQ(text.find("\n   21. "), std::string::npos) << text;
  EXPECT_NE(text.find("  ... and 10 more groups (600 failures): every failure is in the --json, "
                      "--junit and --html reports\n"),
            std::string::npos)
      << text;
}

TEST(Summary, CountsUnsupportedCasesByReasonInsteadOfListingThem) {
  RunReport report = kSample;
  for (int i = 0; i < 880; ++i) {
    CaseRecord c = kSample.cases[2];
    c.id = "tf_unsupported_" + std::to_string(i);
    c.message = to_string(c.problem) + (i % 2 ? ": needs dilation>1, which A does not declare"
                                              : ": needs int64, which A does not declare");
    report.cases.push_back(c);
  }
  const std::string text = summary_text(report);
  const auto at = text.find("unsupported (881), not counted as passes; by reason:\n");
  ASSERT_NE(at, std::string::npos) << text;
  EXPECT_NE(text.find("     440  needs dilation>1, which A does not declare\n", at),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("     440  needs int64, which A does not declare\n", at), std::string::npos)
      << text;
  EXPECT_EQ(text.find("tf_unsupported_1"), std::string::npos) << "no case listed one by one";
  EXPECT_LT(lines_of(text.substr(at)).size(), 10u);
}

TEST(Summary, AnUnsupportedRecordCountsEveryProblemItStandsFor) {
  RunReport report;
  report.cases.push_back(kSample.cases[2]);
  report.cases.back().cases_represented = 300;
  EXPECT_EQ(conformance_line(report), "conformance: 0 passed, 0 failed, 300 unsupported");
  expect_counts(summarize(report).total, 0, 0, 300, "all cases");
}

TEST(Summary, TablesFitIn80Columns) {
  const std::string text = summary_text(kSample);
  for (const std::string& line : lines_of(text.substr(0, text.find("failures (")))) {
    EXPECT_LE(line.size(), 80u) << line;
  }
}

TEST(Summary, SendsNoControlCharactersToTheTerminal) {
  const std::string text = summary_text(kSample);
  EXPECT_EQ(text.find_first_of("\x01\x1b\r"), std::string::npos);
  EXPECT_NE(text.find("\\x01\\x1B\t tab\\x0D\n"), std::string::npos) << text;
}

}  // namespace
}  // namespace tconv
