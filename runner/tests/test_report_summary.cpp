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

TEST(Summary, PrintsEachFailureWithVerdictProblemShrinkMessageAndReproduceLine) {
  const std::string text = summary_text(kSample);
  EXPECT_NE(text.find("failures (6)\n"), std::string::npos) << text;
  for (const CaseRecord& c : kSample.cases) {
    if (!is_failure(c.verdict)) continue;
    EXPECT_NE(text.find(std::string(report_name(c.verdict)) + ": " + c.phase), std::string::npos)
        << c.id;
    EXPECT_NE(text.find("problem    " + to_string(c.problem) + "  [" + c.dtype + "]"),
              std::string::npos)
        << c.id;
    EXPECT_NE(text.find("reproduce  " + c.reproduce.substr(0, 40)), std::string::npos) << c.id;
  }
  EXPECT_NE(text.find("not compared: property random-23"), std::string::npos) << text;
  EXPECT_NE(
      text.find("shrunk     from n3,g2,ic4,oc6,i5x7,k3x2,s2x3,d1x1,pb0x0,pe0x0,op0x0,bias,nxc,iox "
                "in 5 steps"),
      std::string::npos)
      << text;
  EXPECT_NE(text.find("message    " + kSample.cases[3].message + "\n"), std::string::npos) << text;
}

TEST(Summary, ListsUnsupportedCasesApartFromPassesAndFailures) {
  const std::string text = summary_text(kSample);
  const auto at =
      text.find("unsupported (1), not counted as passes\n  golden tfjs tf_unsupported_dilation");
  ASSERT_NE(at, std::string::npos) << text;
  EXPECT_NE(text.find("reason     " + kSample.cases[2].message, at), std::string::npos) << text;
  EXPECT_GT(text.find("tf_unsupported_dilation"), at) << "listed before, among the failures:\n"
                                                      << text;
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
