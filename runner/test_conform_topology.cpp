// The topology phase (runner/topology_phase.h): the real layers of published networks,
// in every layout an adapter declares, each checked against gemm_col2im. An adapter
// wrong only at real-layer sizes fails there, the layer named and the replay failing
// too; layouts it does not declare are unsupported, never passes.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "conform_process.h"
#include "problem_limit.h"
#include "problem_string.h"
#include "real_layers.h"
#include "topology_phase.h"

namespace tconv {
namespace {

using testing::adapter_library;
using testing::ConformRun;
using ::testing::HasSubstr;
using testing::run_command_line;
using testing::run_conform;

const std::set<std::string> kEveryLayout = {"ncx,iox", "ncx,oix", "ncx,xoi",
                                            "nxc,iox", "nxc,oix", "nxc,xoi"};

// The layers --size small runs: at most kAllLayoutsMacs multiply-adds.
const std::set<std::string> kSmallLayers = {"dcgan_32x32_to_64x64", "bilinear_2x_3x512x512",
                                            "fcn8s_upscore_pool4_21x32x32"};

using Layouts = std::map<std::string, std::set<std::string>>;

// Per layer, the layouts its topology cases ran in ("ncx,iox"), from the case ids.
Layouts layouts_by_layer(const ConformRun& r,
                                                              const std::string& verdict) {
  Layouts layouts;
  for (const auto& c : r.cases("topology")) {
    if (c["verdict"] != verdict) continue;
    const std::string id = c["id"];
    layouts[id.substr(0, id.find(' '))].insert(id.substr(id.find(' ') + 1));
  }
  return layouts;
}

TEST(RealLayers, EachHasAUniqueNameAndAProblemAReplayMayGive) {
  std::set<std::string> names;
  for (const RealLayer& layer : kRealLayers) {
    EXPECT_TRUE(names.insert(layer.name).second) << layer.name << " twice";
    EXPECT_NO_THROW(check_problem_size(parse_problem(layer.problem))) << layer.name;
  }
}

TEST(TopologyPhase, RunsEverySmallLayerInEveryLayoutOfAnAdapterDeclaringThemAll) {
  const ConformRun r = run_conform(
      {"--adapter", adapter_library("c_adapter"), "--phase", "topology", "--size", "small"});
  EXPECT_EQ(r.exit_status, 0) << r.command << "\n" << r.out << r.err;
  Layouts expected;
  for (const std::string& layer : kSmallLayers) expected[layer] = kEveryLayout;
  EXPECT_EQ(layouts_by_layer(r, "passed"), expected) << r.command;
  for (const auto& c : r.cases("topology")) {
    EXPECT_EQ(c["check"], kTopologyCheck);
    EXPECT_EQ(c["dtype"], "float32");
  }
  EXPECT_THAT(r.out, HasSubstr("topology cases by layer"));
}

TEST(TopologyPhase, BuiltInReferencesCheckGemmCol2imOnEachLayerInItsOwnLayout) {
  const ConformRun r = run_conform({"--phase", "topology", "--size", "small"});
  EXPECT_EQ(r.exit_status, 0) << r.command << "\n" << r.out << r.err;
  std::set<std::string> ids;
  for (const auto& c : r.cases("topology")) {
    ids.insert(c["id"]);
    EXPECT_EQ(c["check"], kTopologySelfCheck);
    EXPECT_EQ(c["verdict"], "passed") << c["id"] << ": " << c["message"];
  }
  EXPECT_EQ(ids, (std::set<std::string>{"dcgan_32x32_to_64x64 ncx,iox",
                                        "bilinear_2x_3x512x512 ncx,iox",
                                        "fcn8s_upscore_pool4_21x32x32 ncx,iox"}));
}

// fault_channel_tail drops the last output channel when there are more than 256, and
// declares only ncx activations and iox weights.
TEST(TopologyPhase, FailsAnAdapterWrongOnlyAtRealLayerSizesNamingTheLayer) {
  const ConformRun r =
      run_conform({"--adapter", adapter_library("fault_channel_tail"), "--phase", "topology"});
  EXPECT_EQ(r.exit_status, 1) << r.command << "\n" << r.out << r.err;
  ASSERT_FALSE(r.report.is_null()) << r.command << "\n" << r.err;
  // The layers over 256 output channels fail, in the one layout it declares; the others
  // (every layer at the default size) pass.
  EXPECT_EQ(layouts_by_layer(r, "wrong_values"),
            (Layouts{{"dcgan_4x4_to_8x8", {"ncx,iox"}},
                     {"pix2pix_up_1024x2x2_to_512x4x4", {"ncx,iox"}}}));
  for (const RealLayer& layer : kRealLayers) {
    const Problem p = parse_problem(layer.problem);
    if (p.out_channels <= 256) {
      EXPECT_EQ(layouts_by_layer(r, "passed").count(layer.name), 1u) << layer.name;
    }
  }
  EXPECT_THAT(r.out, HasSubstr("topology dcgan_4x4_to_8x8 ncx,iox (agrees with gemm_col2im)"));
  // The smallest failure's replay fails too.
  const auto failures = r.report["failure_groups"];
  ASSERT_FALSE(failures.empty());
  const auto& smallest = r.report["cases"][failures[0]["cases"][0].get<std::size_t>()];
  EXPECT_EQ(smallest["phase"], "topology");
  EXPECT_THAT(smallest["message"].get<std::string>(), HasSubstr("c=511"));
  const ConformRun replay = run_command_line(smallest["reproduce"]);
  EXPECT_EQ(replay.exit_status, 1) << replay.command << "\n" << replay.out << replay.err;
  ASSERT_FALSE(replay.report.is_null()) << replay.command << "\n" << replay.err;
  // The same call on the same data: its agreement check finds the very same mismatch.
  bool same_mismatch = false;
  for (const auto& c : replay.report["cases"]) {
    EXPECT_EQ(c["problem"], smallest["problem"]);
    same_mismatch = same_mismatch || c["message"] == smallest["message"];
  }
  EXPECT_TRUE(same_mismatch) << smallest["message"] << "\n" << replay.out;
}

TEST(TopologyPhase, RecordsLayoutsTheAdapterDoesNotDeclareAsUnsupported) {
  const ConformRun r = run_conform({"--adapter", adapter_library("fault_channel_tail"), "--phase",
                                    "topology", "--size", "small"});
  EXPECT_EQ(r.exit_status, 0) << r.command << "\n" << r.out << r.err;
  Layouts passed, unsupported;
  for (const std::string& layer : kSmallLayers) {
    passed[layer] = {"ncx,iox"};
    unsupported[layer] = kEveryLayout;
    unsupported[layer].erase("ncx,iox");
  }
  EXPECT_EQ(layouts_by_layer(r, "passed"), passed) << r.command;
  EXPECT_EQ(layouts_by_layer(r, "unsupported"), unsupported) << r.command;
  for (const auto& c : r.cases("topology")) {
    if (c["verdict"] != "unsupported") continue;
    EXPECT_THAT(c["message"].get<std::string>(),
                ::testing::AnyOf(HasSubstr("needs layout nxc"), HasSubstr("needs weights")))
        << c["id"];
  }
}

TEST(TopologyPhase, ShardsPartitionItsCases) {
  const std::vector<std::string> run = {"--adapter", adapter_library("c_adapter"), "--phase",
                                        "topology", "--size", "small"};
  std::multiset<std::string> all, joined;
  for (const auto& c : run_conform(run).cases("topology")) all.insert(c["id"].get<std::string>());
  for (int i = 0; i < 4; ++i) {
    std::vector<std::string> shard = run;
    shard.insert(shard.end(), {"--shard", std::to_string(i) + "/4"});
    for (const auto& c : run_conform(shard).cases("topology"))
      joined.insert(c["id"].get<std::string>());
  }
  EXPECT_EQ(joined, all);
  EXPECT_EQ(all.size(), kSmallLayers.size() * kEveryLayout.size());
}

TEST(TopologyPhase, FiltersByRankMaxElementsAndLayer) {
  const std::string adapter = adapter_library("c_adapter");
  const ConformRun one_d = run_conform({"--adapter", adapter, "--phase", "topology", "--rank", "1"});
  ASSERT_FALSE(one_d.cases("topology").empty()) << one_d.command << "\n" << one_d.err;
  for (const auto& c : one_d.cases("topology"))
    EXPECT_THAT(c["id"].get<std::string>(), ::testing::StartsWith("hifigan_up1_512x32 ")) << c["id"];
  const ConformRun capped = run_conform(
      {"--adapter", adapter, "--phase", "topology", "--size", "small", "--max-elements", "100000"});
  EXPECT_EQ(layouts_by_layer(capped, "passed"),
            (Layouts{{"fcn8s_upscore_pool4_21x32x32",
                                                           kEveryLayout}}));
  const ConformRun named = run_conform({"--adapter", adapter, "--layer", "dcgan_32x32_to_64x64"});
  EXPECT_EQ(named.report["cases"].size(), kEveryLayout.size()) << named.command << "\n" << named.err;
  EXPECT_EQ(run_conform({"--layer", "resnet"}).exit_status, 2);
}

TEST(TopologyPhase, IsLeftOutByPhaseSelection) {
  const ConformRun r = run_conform({"--phase", "golden,property", "--cases", "5"});
  EXPECT_EQ(r.exit_status, 0) << r.command << "\n" << r.err;
  EXPECT_TRUE(r.cases("topology").empty());
  EXPECT_FALSE(r.cases("golden").empty());
  EXPECT_EQ(run_conform({"--phase", "golden,nothing"}).exit_status, 2);
}

}  // namespace
}  // namespace tconv
