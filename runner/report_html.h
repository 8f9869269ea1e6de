// The RunReport as one self-contained HTML page (no network: inline CSS, JS and SVG):
// the run's header, the summary tables, the failure groups (report.h), each failure,
// smallest first, with its minimal case, the expected and actual values and the signed
// error of the plane with the largest error (blue negative, white zero, red positive: a
// one-element shift reads as a +/- pair), heat maps of |error| / allowed error over the
// failing planes, and the unsupported cases. The heat maps make the patterns of padding
// and stride bugs (edge stripes, checkerboards) visible at a glance.
#pragma once

#include <ostream>

#include "report.h"

namespace tconv {

// Throws std::invalid_argument if a case's ErrorMap does not hold one abs_error and
// one allowed value per element of its shape.
void write_html_report(std::ostream& out, const RunReport& report);

}  // namespace tconv
