#include "feature_tags.h"

#include <algorithm>

namespace tconv {

const std::vector<std::string>& all_features() {
  static const std::vector<std::string> tags{
      "1-D",      "2-D",       "3-D",  "batch>1",       "stride>1",    "stride>kernel",
      "dilation>1", "asymmetric pads", "output_padding", "output_padding>=stride",
      "grouped",  "depthwise", "bias", "channels-last", "weights iox", "weights oix",
      "weights xoi"};
  return tags;
}

std::vector<std::string> features(const Problem& p) {
  const auto any_axis = [&](auto pred) { return std::any_of(p.axes.begin(), p.axes.end(), pred); };
  std::vector<std::string> tags{std::to_string(p.rank()) + "-D"};
  const auto tag_if = [&](bool on, const char* tag) {
    if (on) tags.emplace_back(tag);
  };
  tag_if(p.batch > 1, "batch>1");
  tag_if(any_axis([](const Axis& a) { return a.stride > 1; }), "stride>1");
  tag_if(any_axis([](const Axis& a) { return a.stride > a.kernel; }), "stride>kernel");
  tag_if(any_axis([](const Axis& a) { return a.dilation > 1; }), "dilation>1");
  tag_if(any_axis([](const Axis& a) { return a.pad_begin != a.pad_end; }), "asymmetric pads");
  tag_if(any_axis([](const Axis& a) { return a.output_padding > 0; }), "output_padding");
  tag_if(any_axis([](const Axis& a) { return a.output_padding >= a.stride; }),
         "output_padding>=stride");
  tag_if(p.groups > 1, "grouped");
  tag_if(p.groups > 1 && p.groups == p.in_channels, "depthwise");
  tag_if(p.has_bias, "bias");
  tag_if(p.layout == Layout::nxc, "channels-last");
  tags.push_back(std::string("weights ") + to_string(p.weight_layout));
  return tags;
}

}  // namespace tconv
