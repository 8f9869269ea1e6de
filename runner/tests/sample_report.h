// A hand-made RunReport for the report writers' tests: every kind of outcome, error
// maps with the patterns the heat maps must show, and strings that need escaping.
#pragma once

#include <string>

#include "report.h"

namespace tconv::testing {

// Markup, quotes, line breaks, control characters, invalid UTF-8 and non-ASCII text.
inline const std::string kNastyText =
    "<script>alert(\"x\")</script> & 'q' ]]> <!-- --> \x01\x1b\t tab\r\nline 2 \xff\xfe bad UTF-8, "
    "\xc3\xbc \xe2\x88\x91";

// Cases, in this order (index: verdict, phase, source or check):
//   0 passed        golden pytorch     2-D
//   1 passed        property           2-D
//   2 unsupported   golden tfjs        dilation>1
//   3 wrong_values  golden onnxruntime checkerboard in planes (n0,c1) and (n1,c2) of
//                                      [2,3,6,6], float32; too high on even rows, too low on odd
//   4 crashed       property           shrunk in 5 steps, kNastyText in message and id
//   5 completed     property           never compared: a failure
//   6 wrong_values  golden literature  1-D [1,1,9], exact: edge stripe w=0 (+2) and w=8 (-2),
//                                      w=4 unwritten
//   7 wrong_values  golden pytorch     3-D [1,1,4,3,3], depth slices 1 and 3 wrong
//   8 wrong_values  golden pytorch     2-D [1,1,130,70], last column wrong (downsampled)
// Every error map records the expected and actual values. Smallest first, the failures are
// 5, 4 (4 output elements each), 6 (9), 7 (36), 3 (216), 8 (9100).
RunReport sample_report();

}  // namespace tconv::testing
