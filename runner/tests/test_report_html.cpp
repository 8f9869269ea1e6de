// The HTML report: its header, tables and failures, escaping, no network, and the heat
// map data the page's script draws (the drawing itself: html_report_draws_heat_maps_in_chromium).
#include <gtest/gtest.h>

#include <algorithm>

#include <nlohmann/json.hpp>
#include <sstream>

#include "problem_string.h"
#include "report_html.h"
#include "sample_report.h"

namespace tconv {
namespace {

using nlohmann::json;

const RunReport kSample = testing::sample_report();

std::string html_of(const RunReport& report) {
  std::ostringstream out;
  write_html_report(out, report);
  return out.str();
}

const std::string& sample_html() {
  static const std::string html = html_of(kSample);
  return html;
}

int occurrences(const std::string& text, const std::string& what) {
  int n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// The heat-map data embedded for the page's script, by failure number.
json heat_map_data(const std::string& html) {
  const std::string open = "<script type=\"application/json\" id=\"heat-map-data\">";
  const auto begin = html.find(open);
  if (begin == std::string::npos) throw std::runtime_error("no heat-map data in the page");
  const auto end = html.find("</script>", begin);
  return json::parse(html.substr(begin + open.size(), end - begin - open.size()));
}

// A report of `failures` wrong_values cases of one (n, c) plane each, all failing.
RunReport failing_cases(int failures, const char* problem = "ic1,oc1,i2x2,k1x1") {
  RunReport report = kSample;
  report.cases.assign(failures, kSample.cases[3]);
  for (int i = 0; i < failures; ++i) {
    CaseRecord& c = report.cases[i];
    c.id = "case-" + std::to_string(i + 1);
    c.problem = parse_problem(problem);
    const auto elements = static_cast<std::size_t>(output_elements(c.problem));
    c.error_map = ErrorMap{output_shape(c.problem), std::vector<double>(elements, 5.0),
                           std::vector<double>(elements, 1.0)};
  }
  return report;
}

TEST(HtmlReport, HeaderShowsImplementationVersionSeedShardTimeAndCommandLine) {
  const std::string& html = sample_html();
  for (const std::string expected :
       {"<h1>tconv-conform: example &lt;adapter&gt; &amp; co</h1>",
        "<dt>version</dt><dd>1.2.3</dd>", "<dt>seed</dt><dd>7</dd>",
        "<dt>shard</dt><dd>index 1 of 4 shards</dd>",
        "<dt>started</dt><dd>2026-11-21T10:00:00Z</dd>", "<dt>duration</dt><dd>12.5 s</dd>",
        "<code>tconv-conform --adapter ./libexample.so --seed 7 --report-html &quot;out "
        "dir/r.html&quot;</code>",
        ">conformance: 2 passed, 6 failed, 1 unsupported</p>"}) {
    EXPECT_NE(html.find(expected), std::string::npos) << expected;
  }
}

TEST(HtmlReport, ShowsTheSummaryTables) {
  const std::string& html = sample_html();
  for (const std::string expected :
       {"<th>feature</th>",
        "<tr class=\"failing\"><td>stride&gt;1</td><td>1</td><td>4</td><td>0</td></tr>",
        "<th>verdict</th>", "<tr class=\"failing\"><td>not compared</td><td>1</td></tr>",
        "<th>golden source</th>", "<tr><td>tfjs</td><td>0</td><td>0</td><td>1</td></tr>",
        "<th>property check</th>", "<th>all cases</th>"}) {
    EXPECT_NE(html.find(expected), std::string::npos) << expected;
  }
}

TEST(HtmlReport, ShowsEachFailureWithProblemVerdictMessageAndReproduceCommand) {
  const std::string& html = sample_html();
  EXPECT_EQ(occurrences(html, "<details class=\"failure\""), 6);
  int number = 0;
  for (const CaseRecord* failure_record : failures_smallest_first(kSample)) {
    const CaseRecord& c = *failure_record;
    const auto at =
        html.find("<details class=\"failure\" id=\"failure-" + std::to_string(++number) + "\"");
    ASSERT_NE(at, std::string::npos) << c.id;
    const std::string failure = html.substr(at, html.find("</details>", at) - at);
    EXPECT_NE(failure.find("<dt>problem</dt><dd><code>" + to_string(c.problem) + "</code>"),
              std::string::npos)
        << c.id;
    EXPECT_NE(failure.find(std::string("<dt>verdict</dt><dd>") + report_name(c.verdict)),
              std::string::npos)
        << c.id;
    EXPECT_NE(failure.find("<dt>message</dt><dd><pre>" + to_string(c.problem)), std::string::npos)
        << c.id;
    EXPECT_NE(failure.find("<dt>reproduce</dt><dd><pre><code>tconv-conform "), std::string::npos)
        << c.id;
  }
  EXPECT_NE(html.find("<dt>shrunk</dt><dd>from "
                      "<code>n3,g2,ic4,oc6,i5x7,k3x2,s2x3,d1x1,pb0x0,pe0x0,op0x0,bias,nxc,iox"
                      "</code> in 5 steps</dd>"),
            std::string::npos);
}

TEST(HtmlReport, ListsUnsupportedCasesWithTheirReason) {
  const std::string& html = sample_html();
  const auto at = html.find("<section id=\"unsupported\">");
  ASSERT_NE(at, std::string::npos);
  EXPECT_NE(html.find("<td><code>tf_unsupported_dilation</code></td><td><code>" +
                          to_string(kSample.cases[2].problem) +
                          ": dilation&gt;1 is outside the adapter&#39;s capabilities</code>",
                      at),
            std::string::npos);
}

TEST(HtmlReport, EscapesEveryTextOfTheReport) {
  const std::string& html = sample_html();
  EXPECT_EQ(occurrences(html, "<script"), 2) << "only the page's data and script";
  EXPECT_EQ(html.find("alert(\"x\")"), std::string::npos);
  EXPECT_EQ(html.find("<!-- -->"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39; ]]&gt; "
                      "&lt;!-- --&gt;"),
            std::string::npos);
}

TEST(HtmlReport, NeedsNoNetwork) {
  const std::string& html = sample_html();
  for (const std::string fetches :
       {"src=", "<link", "url(", "@import", "<iframe", "fetch("}) {
    EXPECT_EQ(html.find(fetches), std::string::npos) << fetches;
  }
  EXPECT_EQ(occurrences(html, "href="), occurrences(html, "href=\"#failure-"))
      << "links only within the page";
}

TEST(HtmlReport, HeatMapOfACheckerboardAlternatesCellByCell) {
  const json data = heat_map_data(sample_html());
  const json& failure = data.at("5");  // the checkerboard, 5th smallest
  EXPECT_EQ(failure["scale"], (json{{"kind", "ratio"}, {"lo", 0}, {"hi", 3}}));
  ASSERT_EQ(failure["maps"].size(), 2u) << "the two failing (n, c) planes";
  EXPECT_EQ(failure["maps"][0]["title"], "n=0 c=1");
  EXPECT_EQ(failure["maps"][1]["title"], "n=1 c=2");
  for (const json& map : failure["maps"]) {
    ASSERT_EQ(map["rows"], 6);
    ASSERT_EQ(map["cols"], 6);
    EXPECT_EQ(map["row_axis"], "h");
    EXPECT_EQ(map["col_axis"], "w");
    for (int h = 0; h < 6; ++h) {
      for (int w = 0; w < 6; ++w) {
        EXPECT_EQ(map["cells"][h * 6 + w], (h + w) % 2 ? 400.0 : 0.25)
            << map["title"] << " h=" << h << " w=" << w;
      }
    }
  }
  EXPECT_NE(failure["notes"][0].get<std::string>().find("36 of 216 elements fail"),
            std::string::npos);
}

TEST(HtmlReport, OneDimensionalOutputIsAStripWithItsUnwrittenElementMarked) {
  const json failure = heat_map_data(sample_html()).at("3");
  EXPECT_EQ(failure["scale"], (json{{"kind", "absolute"}, {"lo", 0}, {"hi", 1}}))
      << "exact: |error| itself";
  ASSERT_EQ(failure["maps"].size(), 1u);
  const json& strip = failure["maps"][0];
  EXPECT_EQ(strip["rows"], 1);
  EXPECT_EQ(strip["row_axis"], "");
  EXPECT_EQ(strip["cells"], (json{2.0, 0.0, 0.0, 0.0, nullptr, 0.0, 0.0, 0.0, 2.0}));
}

TEST(HtmlReport, ThreeDimensionalOutputShowsDepthSlicesAndWhichFail) {
  const json failure = heat_map_data(sample_html()).at("4");
  ASSERT_EQ(failure["maps"].size(), 4u);
  for (int d = 0; d < 4; ++d) {
    const json& slice = failure["maps"][d];
    EXPECT_EQ(slice["title"], "n=0 c=0 d=" + std::to_string(d));
    EXPECT_EQ(slice["cells"], json(std::vector<double>(9, d % 2 ? 30.0 : 0.5))) << "d=" << d;
  }
  EXPECT_EQ(failure["notes"][1], "n=0 c=0: failures in depth slices d = 1, 3 of 0..3");
}

TEST(HtmlReport, DeepVolumesShowTheFirstThreeAndTheLastDepthSlice) {
  RunReport report = failing_cases(1, "ic1,oc1,i9x1x1,k1x1x1");
  const json failure = heat_map_data(html_of(report)).at("1");
  std::vector<std::string> titles;
  for (const json& map : failure["maps"]) titles.push_back(map["title"]);
  EXPECT_EQ(titles,
            (std::vector<std::string>{"n=0 c=0 d=0", "n=0 c=0 d=1", "n=0 c=0 d=2", "n=0 c=0 d=8"}));
}

TEST(HtmlReport, LargePlanesAreDownsampledByTheMaximumOfEachBlock) {
  const json map = heat_map_data(sample_html()).at("6")["maps"][0];
  EXPECT_EQ(map["height"], 130);
  EXPECT_EQ(map["width"], 70);
  EXPECT_EQ(map["block"], (json{3, 2}));
  ASSERT_EQ(map["rows"], 44);
  ASSERT_EQ(map["cols"], 35);
  for (int r = 0; r < 44; ++r) {
    for (int c = 0; c < 35; ++c) {
      EXPECT_EQ(map["cells"][r * 35 + c], c == 34 ? 1000.0 : 0.1) << "cell " << r << ", " << c;
    }
  }
}

TEST(HtmlReport, ShowsAtMostFourFailingPlanes) {
  RunReport report = failing_cases(1, "n2,ic1,oc5,i2x2,k1x1");
  const json failure = heat_map_data(html_of(report)).at("1");
  EXPECT_EQ(failure["maps"].size(), 4u);
  EXPECT_NE(
      failure["notes"][0].get<std::string>().find("10 of 10 (n, c) planes have failures, 4 shown"),
      std::string::npos)
      << failure["notes"][0];
}

TEST(HtmlReport, AnErrorWhereNoneIsAllowedIsInfinitelyOverTheBound) {
  RunReport report = failing_cases(1);
  report.cases[0].error_map->allowed[1] = 0;
  const json cells = heat_map_data(html_of(report)).at("1")["maps"][0]["cells"];
  EXPECT_EQ(cells, (json{5.0, "inf", 5.0, 5.0}));
}

TEST(HtmlReport, FailuresWithoutAComputedOutputHaveNoHeatMap) {
  const std::string& html = sample_html();
  const json data = heat_map_data(html);
  EXPECT_EQ(data.size(), 4u);
  EXPECT_FALSE(data.contains("1"));
  EXPECT_FALSE(data.contains("2"));
  EXPECT_EQ(occurrences(html, "No heat map: the case has no computed output."), 2);
}

TEST(HtmlReport, OpensTheFirstTenFailuresAndDrawsMapsForTheFirstHundred) {
  const std::string html = html_of(failing_cases(101));
  EXPECT_NE(html.find("id=\"failure-10\" open>"), std::string::npos);
  EXPECT_NE(html.find("id=\"failure-11\">"), std::string::npos);
  const json data = heat_map_data(html);
  EXPECT_TRUE(data.contains("100"));
  EXPECT_FALSE(data.contains("101"));
  EXPECT_EQ(occurrences(html, "No heat map: only the first 100 failures"), 1);
}

TEST(HtmlReport, NumbersTheFailuresSmallestFirst) {
  const std::string& html = sample_html();
  std::vector<std::size_t> positions;
  for (const char* id : {"random-23", "random-17 ", "lit_edge_stripe_1d", "pt_depth_stride_3d",
                         "ort_checkerboard_2d", "pt_output_padding_large"})
    positions.push_back(html.find("</span> <code>" + std::string(id)));
  EXPECT_TRUE(std::is_sorted(positions.begin(), positions.end()));
  EXPECT_NE(html.find("id=\"failure-1\" open>\n<summary><span class=\"badge\">not compared"),
            std::string::npos);
}

TEST(HtmlReport, ListsTheFailureGroupsWithCountsAndALinkToTheSmallestCase) {
  RunReport report = kSample;
  report.cases.push_back(kSample.cases[6]);  // a second 1-D edge stripe of the same features
  report.cases.back().id = "lit_edge_stripe_1d_again";
  report.cases.back().problem = parse_problem("ic1,oc1,i5,k3,s2");
  const std::string html = html_of(report);
  const auto at = html.find("<section id=\"groups\">\n<h2>Failure groups: 6</h2>");
  ASSERT_NE(at, std::string::npos);
  EXPECT_NE(html.find("<tr class=\"failing\"><td>wrong values</td><td>2</td><td><code>features: 1-D",
                      at),
            std::string::npos)
      << html.substr(at, 2000);
  EXPECT_NE(html.find("<a href=\"#failure-3\"><code>lit_edge_stripe_1d</code></a>", at),
            std::string::npos)
      << html.substr(at, 2000);
}

TEST(HtmlReport, ShowsExpectedActualAndSignedErrorOfThePlaneWithTheLargestError) {
  const json plane = heat_map_data(sample_html()).at("5")["signed"];
  EXPECT_EQ(plane["title"], "n=0 c=1");
  ASSERT_EQ(plane["panels"].size(), 3u);
  EXPECT_EQ(plane["panels"][0]["label"], "expected");
  EXPECT_EQ(plane["panels"][1]["label"], "actual");
  const json& error = plane["panels"][2];
  EXPECT_EQ(error["range"], 400e-6);
  for (int h = 0; h < 6; ++h) {
    for (int w = 0; w < 6; ++w) {
      const double want = (h + w) % 2 ? (h % 2 ? -400e-6 : 400e-6) : 0.25e-6;
      EXPECT_NEAR(error["cells"][h * 6 + w].get<double>(), want, 1e-12) << "h=" << h << " w=" << w;
      EXPECT_NEAR(plane["panels"][1]["cells"][h * 6 + w].get<double>() -
                      plane["panels"][0]["cells"][h * 6 + w].get<double>(),
                  want, 1e-3);
    }
  }
}

TEST(HtmlReport, SignedErrorKeepsTheSignOfAnEdgeStripeAndMarksTheUnwrittenElement) {
  const json error = heat_map_data(sample_html()).at("3")["signed"]["panels"][2];
  EXPECT_EQ(error["cells"], (json{2.0, 0.0, 0.0, 0.0, nullptr, 0.0, 0.0, 0.0, -2.0}));
}

TEST(HtmlReport, HasNoSignedPanelsWhenTheValuesWereNotRecorded) {
  const json failure = heat_map_data(html_of(failing_cases(1))).at("1");
  EXPECT_TRUE(failure["signed"].is_null());
  EXPECT_EQ(failure["maps"].size(), 1u);
}

TEST(HtmlReport, RejectsAnErrorMapThatDoesNotFitItsShape) {
  RunReport report = kSample;
  report.cases[3].error_map->abs_error.pop_back();
  EXPECT_THROW(html_of(report), std::invalid_argument);
  report = kSample;
  report.cases[3].error_map->shape = {36};
  EXPECT_THROW(html_of(report), std::invalid_argument);
  report = kSample;
  report.cases[3].error_map->actual.pop_back();
  EXPECT_THROW(html_of(report), std::invalid_argument);
}

TEST(HtmlReport, EmbeddedDataCannotEndItsScriptElement) {
  RunReport report = failing_cases(1);
  const std::string html = html_of(report);
  const auto begin = html.find("id=\"heat-map-data\">");
  EXPECT_EQ(html.substr(begin, html.find("</script>", begin) - begin).find('<'), std::string::npos);
}

}  // namespace
}  // namespace tconv
