// The canonical one-line problem string, printed with every failure in the project.
//
//   n2,g2,ic4,oc8,i5x7,k3x3,s2x1,d1x1,pb1x0,pe1x1,op1x0,bias,nxc,iox
//
// Keys: n batch, g groups, ic/oc channels, then one 'x'-separated value per spatial
// axis (outermost first): i input size, k kernel, s stride, d dilation, pb/pe pads at
// the begin/end, op output_padding; then bias|nobias, the activation layout ncx|nxc and
// the weight layout iox|oix|xoi (docs/CONVENTIONS.md).
//
// to_string prints every field, always in this order. parse_problem accepts the
// fields in any order and gives the omitted ones their defaults (n1, g1, s1, d1, pb0,
// pe0, op0, nobias, ncx, iox); ic, oc, i and k are required. parse_problem checks
// syntax only: validate() is a separate step, so invalid problems can be written too.
#pragma once

#include <string>
#include <string_view>

#include "problem.h"

namespace tconv {

std::string to_string(const Problem& p);

// Throws ProblemError naming the offending key and text.
Problem parse_problem(std::string_view text);

}  // namespace tconv
