// The features a problem exercises, as short tags. The conformance summary counts
// passes and failures per tag, and the property logs show the spread of cases by them.
#pragma once

#include <string>
#include <vector>

#include "problem.h"

namespace tconv {

// Tags, in a fixed order: "1-D"/"2-D"/"3-D", "batch>1", "stride>1", "stride>kernel",
// "dilation>1", "asymmetric pads", "output_padding", "output_padding>=stride",
// "grouped", "depthwise", "bias", "channels-last", "weights iox|oix|xoi".
std::vector<std::string> features(const Problem& p);

// Every tag features() can return, in the same order.
const std::vector<std::string>& all_features();

}  // namespace tconv
