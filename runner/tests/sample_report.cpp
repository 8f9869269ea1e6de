#include "sample_report.h"

#include <cmath>
#include <functional>

#include "feature_tags.h"
#include "problem_string.h"

namespace tconv::testing {
namespace {

using ErrorAt = std::function<double(const std::vector<std::int64_t>& index)>;

CaseRecord make_case(std::string id, std::string phase, std::string check_or_source,
                     const char* problem, Verdict verdict, std::string detail) {
  CaseRecord c;
  c.id = std::move(id);
  c.phase = std::move(phase);
  (c.phase == "golden" ? c.source : c.check) = std::move(check_or_source);
  if (c.phase == "golden") c.check = "matches the vector";
  c.problem = parse_problem(problem);
  validate(c.problem);
  c.dtype = "float32";
  c.verdict = verdict;
  c.message = verdict == Verdict::passed ? "" : to_string(c.problem) + ": " + detail;
  c.features = features(c.problem);
  c.seconds = 0.25;
  c.reproduce = "tconv-conform --case " + c.id;
  return c;
}

// An error map over the case's output: the signed error error_at(index) (actual -
// expected) times the allowed error `allowed` (or itself where allowed is 0, an exact
// comparison); NaN for an unwritten element. Expected values 0, 1, ..., 6, 0, 1, ...
ErrorMap make_error_map(const Problem& p, double allowed, const ErrorAt& error_at) {
  ErrorMap m{output_shape(p), {}, {}};
  std::vector<std::int64_t> index(m.shape.size(), 0);
  for (;;) {
    const double error = error_at(index) * (allowed > 0 ? allowed : 1);
    m.expected.push_back(static_cast<double>(m.expected.size() % 7));
    m.actual.push_back(m.expected.back() + error);
    m.abs_error.push_back(std::abs(error));
    m.allowed.push_back(allowed);
    std::size_t axis = index.size();  // next index, last axis fastest
    while (axis > 0 && ++index[axis - 1] == m.shape[axis - 1]) index[--axis] = 0;
    if (axis == 0) return m;
  }
}

}  // namespace

RunReport sample_report() {
  RunReport r;
  r.implementation = "example <adapter> & co";
  r.implementation_version = "1.2.3";
  r.command_line =
      "tconv-conform --adapter ./libexample.so --seed 7 --report-html \"out dir/r.html\"";
  r.seed = 7;
  r.shard_index = 1;
  r.shard_count = 4;
  r.started_at = "2026-11-21T10:00:00Z";
  r.seconds = 12.5;

  r.cases.push_back(
      make_case("pt_pass_2d", "golden", "pytorch", "ic2,oc2,i3x3,k3x3,s2x2", Verdict::passed, ""));
  r.cases.push_back(make_case("random-1", "property", "adjoint of conv_forward",
                              "ic1,oc1,i2x2,k2x2", Verdict::passed, ""));
  r.cases.push_back(make_case("tf_unsupported_dilation", "golden", "tfjs", "ic1,oc1,i4x4,k3x3,d2x2",
                              Verdict::unsupported,
                              "dilation>1 is outside the adapter's capabilities"));

  CaseRecord checkerboard =
      make_case("ort_checkerboard_2d", "golden", "onnxruntime", "n2,ic2,oc3,i3x3,k2x2,s2x2",
                Verdict::wrong_values, "wrong values at (0, 1, 0, 1): 7.5 != 7");
  checkerboard.error_map =
      make_error_map(checkerboard.problem, 1e-6, [](const std::vector<std::int64_t>& i) {
        const bool bad_plane = (i[0] == 0 && i[1] == 1) || (i[0] == 1 && i[1] == 2);
        // Too high on even rows, too low on odd ones.
        return bad_plane && (i[2] + i[3]) % 2 == 1 ? (i[2] % 2 ? -400.0 : 400.0) : 0.25;
      });
  r.cases.push_back(checkerboard);

  CaseRecord crash =
      make_case("random-17 " + kNastyText, "property", "agrees with the references",
                "ic1,oc2,i2,k1", Verdict::crashed, "killed by SIGSEGV; said " + kNastyText);
  crash.original_problem = parse_problem("n3,g2,ic4,oc6,i5x7,k3x2,s2x3,bias,nxc");
  crash.shrink_steps = 5;
  crash.reproduce =
      "tconv-conform --seed 7 --problem " + to_string(crash.problem) + " # " + kNastyText;
  r.cases.push_back(crash);

  r.cases.push_back(make_case("random-23", "property", "agrees with the references",
                              "ic1,oc1,i3,k2", Verdict::completed,
                              "returned, but was never compared"));

  CaseRecord stripe = make_case("lit_edge_stripe_1d", "golden", "literature", "ic1,oc1,i4,k3,s2",
                                Verdict::wrong_values, "wrong values at (0, 0, 0): 3 != 1");
  stripe.dtype = "int64";
  stripe.error_map = make_error_map(stripe.problem, 0, [](const std::vector<std::int64_t>& i) {
    return i[2] == 4 ? std::nan("") : i[2] == 0 ? 2.0 : i[2] == 8 ? -2.0 : 0.0;
  });
  r.cases.push_back(stripe);

  CaseRecord depth =
      make_case("pt_depth_stride_3d", "golden", "pytorch", "ic1,oc1,i2x2x2,k2x2x2,s2x1x1",
                Verdict::wrong_values, "wrong values at (0, 0, 1, 0, 0)");
  depth.dtype = "float64";
  depth.error_map = make_error_map(depth.problem, 1e-15, [](const std::vector<std::int64_t>& i) {
    return i[2] % 2 == 1 ? 30.0 : 0.5;
  });
  r.cases.push_back(depth);

  CaseRecord large =
      make_case("pt_output_padding_large", "golden", "pytorch", "ic1,oc1,i65x35,k2x2,s2x2",
                Verdict::wrong_values, "wrong values at (0, 0, 0, 69)");
  large.error_map = make_error_map(large.problem, 1e-6, [](const std::vector<std::int64_t>& i) {
    return i[3] == 69 ? 1000.0 : 0.1;
  });
  r.cases.push_back(large);
  return r;
}

}  // namespace tconv::testing
