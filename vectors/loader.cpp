// The loader's checks, in the order a case is read: id first (so that every later
// message names the case), then its members, then each tensor against the problem.
#include "loader.h"

#include <cmath>
#include <cstdio>
#include <initializer_list>
#include <limits>
#include <map>
#include <set>
#include <utility>

#include "compare.h"
#include "error_bound.h"
#include "problem_limit.h"
#include "problem_string.h"
#include "regular_file.h"
#include "within_model.h"

namespace tconv {
namespace {

using nlohmann::json;
using Shape = std::vector<std::int64_t>;

constexpr double kFloat32RoundOff = 0x1p-24, kFloat64RoundOff = 0x1p-53;
constexpr double kLargestExactInteger = 0x1p53;

std::string list(const Shape& v) {
  std::string s = "[";
  for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + std::to_string(v[i]);
  return s + "]";
}

std::string number_text(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.17g", v);
  return buffer;
}

// A JSON pointer token: '~' and '/' escaped as ~0 and ~1.
std::string pointer_token(const std::string& key) {
  std::string out;
  for (char ch : key) out += ch == '~' ? "~0" : ch == '/' ? "~1" : std::string(1, ch);
  return "/" + out;
}

// What a message names besides the field: the file and, inside a case, the case.
struct Place {
  std::string file;
  std::string case_label;  // "case 'id'", "case #3 (id not read)", or empty
};

[[noreturn]] void fail(const Place& place, const std::string& pointer, const std::string& what) {
  std::string message = place.file + ": ";
  if (!place.case_label.empty()) message += place.case_label + " ";
  throw VectorFileError(message + "at " + (pointer.empty() ? "/" : pointer) + ": " + what);
}

std::string case_label(std::size_t index, const std::string& id) {
  return id.empty() ? "case #" + std::to_string(index) + " (id not read)" : "case '" + id + "'";
}

// ---- Parsing -----------------------------------------------------------------------

// Follows the parser through the document, so that a syntax error can name the value it
// is in and its case. Also rejects a repeated key, which the parser would otherwise
// settle silently by keeping the last.
class ParsePosition {
 public:
  explicit ParsePosition(std::string file) : file_(std::move(file)) {}

  bool on_event(json::parse_event_t event, const json& parsed) {
    switch (event) {
      case json::parse_event_t::object_start:
      case json::parse_event_t::array_start:
        next_element();
        if (in_cases_array()) case_id_.clear();
        levels_.push_back({event == json::parse_event_t::array_start, -1, "", {}});
        break;
      case json::parse_event_t::key: {
        Level& level = levels_.back();
        level.key = parsed.get<std::string>();
        if (!level.keys.insert(level.key).second) {
          fail({file_, label()}, pointer(), "repeated key '" + level.key + "'");
        }
        break;
      }
      case json::parse_event_t::value:
        next_element();
        if (at_case_id() && parsed.is_string()) case_id_ = parsed.get<std::string>();
        break;
      case json::parse_event_t::object_end:
      case json::parse_event_t::array_end:
        levels_.pop_back();
        break;
    }
    return true;
  }

  std::string pointer() const {
    std::string p;
    for (const Level& l : levels_) {
      if (l.array && l.index >= 0) p.append("/").append(std::to_string(l.index));
      if (!l.array && !l.key.empty()) p += pointer_token(l.key);
    }
    return p;
  }

  // Empty outside /cases/<i>.
  std::string label() const {
    if (levels_.size() < 3 || !in_cases(2)) return "";
    return case_label(static_cast<std::size_t>(levels_[1].index), case_id_);
  }

 private:
  struct Level {
    bool array;
    std::int64_t index;  // arrays: the element being read
    std::string key;     // objects: the member being read
    std::set<std::string> keys;
  };

  void next_element() {
    if (!levels_.empty() && levels_.back().array) ++levels_.back().index;
  }
  // The first `depth` levels are the root object and its "cases" array.
  bool in_cases(std::size_t depth) const {
    return levels_.size() >= depth && !levels_[0].array && levels_[0].key == "cases" &&
           levels_[1].array;
  }
  bool in_cases_array() const { return levels_.size() == 2 && in_cases(2); }
  bool at_case_id() const {
    return levels_.size() == 3 && in_cases(3) && !levels_[2].array && levels_[2].key == "id";
  }

  std::string file_;
  std::vector<Level> levels_;
  std::string case_id_;
};

json parse_json(std::string_view text, const std::string& file) {
  ParsePosition position(file);
  try {
    // The depth is checked as each value opens, so the refusal can name where it is.
    return json::parse(text, [&](int depth, json::parse_event_t event, json& parsed) {
      const bool keep = position.on_event(event, parsed);
      if ((event == json::parse_event_t::object_start ||
           event == json::parse_event_t::array_start) &&
          depth >= kMaxVectorNesting) {
        throw JsonTooDeep("arrays and objects nest deeper than " +
                          std::to_string(kMaxVectorNesting) + " levels, the limit");
      }
      return keep;
    });
  } catch (const json::exception& e) {
    fail({file, position.label()}, position.pointer(), std::string("malformed JSON: ") + e.what());
  } catch (const JsonTooDeep& e) {
    fail({file, position.label()}, position.pointer(), e.what());
  }
}

// ---- Typed access ------------------------------------------------------------------

// A JSON value and its pointer; every accessor checks the type the schema requires.
class Node {
 public:
  Node(const json& value, std::string pointer, const Place& place)
      : value_(value), pointer_(std::move(pointer)), place_(place) {}

  [[noreturn]] void fail(const std::string& what) const { tconv::fail(place_, pointer_, what); }
  const json& value() const { return value_; }
  const std::string& pointer() const { return pointer_; }

  // An object with every required member, any of the optional ones and no other.
  void members(std::initializer_list<const char*> required,
               std::initializer_list<const char*> optional) const {
    require(value_.is_object(), "an object");
    for (const char* key : required) {
      if (!value_.contains(key)) fail(std::string("missing required member '") + key + "'");
    }
    for (const auto& item : value_.items()) {
      bool known = false;
      for (const auto* keys : {&required, &optional}) {
        for (const char* key : *keys) known = known || item.key() == key;
      }
      if (!known) child(item.key()).fail("member not in the schema");
    }
  }

  Node child(const std::string& key) const {
    return {value_.at(key), pointer_ + pointer_token(key), place_};
  }
  Node operator[](const char* key) const {
    require(value_.is_object(), "an object");
    if (!value_.contains(key)) fail(std::string("missing required member '") + key + "'");
    return child(key);
  }
  std::optional<Node> optional(const char* key) const {
    if (!value_.contains(key)) return std::nullopt;
    return child(key);
  }
  Node element(std::size_t i) const {
    return {value_.at(i), pointer_ + "/" + std::to_string(i), place_};
  }

  std::string string() const {
    require(value_.is_string(), "a string");
    return value_.get<std::string>();
  }
  std::optional<std::string> string_or_null() const {
    if (value_.is_null()) return std::nullopt;
    require(value_.is_string(), "a string or null");
    return value_.get<std::string>();
  }
  bool boolean() const {
    require(value_.is_boolean(), "a boolean");
    return value_.get<bool>();
  }
  // JSON Schema's integer: any number with an integral value; here it must fit 64 bits.
  std::int64_t integer() const {
    require(value_.is_number(), "an integer");
    if (value_.is_number_unsigned()) {
      if (value_.get<std::uint64_t>() >
          static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
        fail(value_.dump() + " does not fit a 64-bit integer");
      }
      return static_cast<std::int64_t>(value_.get<std::uint64_t>());
    }
    if (value_.is_number_integer()) return value_.get<std::int64_t>();
    const double v = value_.get<double>();
    if (v != std::floor(v)) fail("expected an integer, got " + number_text(v));
    if (!(v >= -0x1p63 && v < 0x1p63)) fail(number_text(v) + " does not fit a 64-bit integer");
    return static_cast<std::int64_t>(v);
  }
  std::size_t array_size() const {
    require(value_.is_array(), "an array");
    return value_.size();
  }
  template <class Enum>
  Enum one_of(std::initializer_list<std::pair<const char*, Enum>> names) const {
    std::string allowed;
    if (value_.is_string()) {
      for (const auto& [name, e] : names) {
        if (value_.get<std::string>() == name) return e;
      }
    }
    for (const auto& [name, e] : names) allowed += std::string(allowed.empty() ? "" : ", ") + name;
    fail(value_.dump() + " is not one of " + allowed);
  }

 private:
  void require(bool ok, const char* expected) const {
    if (!ok) fail(std::string("expected ") + expected + ", got " + value_.type_name());
  }

  const json& value_;
  std::string pointer_;
  const Place& place_;
};

// The numbers of a data array; a null is a NaN where `nulls_allowed`.
std::vector<double> numbers(const Node& node, bool nulls_allowed) {
  const std::size_t size = node.array_size();
  std::vector<double> out;
  out.reserve(size);
  for (std::size_t i = 0; i < size; ++i) {
    const json& v = node.value()[i];
    if (v.is_number()) {
      out.push_back(v.get<double>());
    } else if (v.is_null() && nulls_allowed) {
      out.push_back(std::numeric_limits<double>::quiet_NaN());
    } else if (v.is_null()) {
      node.element(i).fail(
          "null (a NaN) is allowed only in a finding's expected or an observed output");
    } else {
      node.element(i).fail(std::string("expected a number, got ") + v.type_name());
    }
  }
  return out;
}

Shape shape_of(const Node& node, std::int64_t minimum) {
  const std::size_t rank = node.array_size();
  if (rank == 0) node.fail("a shape has at least one entry");
  Shape shape;
  for (std::size_t i = 0; i < rank; ++i) {
    const std::int64_t extent = node.element(i).integer();
    if (extent < minimum)
      node.element(i).fail(std::to_string(extent) + " is below " + std::to_string(minimum));
    shape.push_back(extent);
  }
  return shape;
}

// {shape, data}, the data's length checked against the shape.
Tensor tensor_of(const Node& node, bool nulls_allowed) {
  Tensor t{shape_of(node["shape"], 0), numbers(node["data"], nulls_allowed)};
  std::int64_t elements = 1;
  for (std::int64_t extent : t.shape) {
    if (__builtin_mul_overflow(elements, extent, &elements))
      node["shape"].fail(list(t.shape) + " has more than 2^63 elements");
  }
  if (t.data.size() != static_cast<std::size_t>(elements)) {
    node["data"].fail(std::to_string(t.data.size()) + " values, shape " + list(t.shape) + " has " +
                      std::to_string(elements));
  }
  return t;
}

template <class Enum>
void check_layout(const Node& tensor, std::initializer_list<std::pair<const char*, Enum>> names,
                  Enum want) {
  const std::optional<Node> layout = tensor.optional("layout");
  if (!layout) return;  // optional in the schema: the layout is the problem's
  const Enum got = layout->one_of(names);
  if (got != want)
    layout->fail(std::string("is ") + to_string(got) + ", the problem's is " + to_string(want));
}

void check_shape(const Node& tensor, const Tensor& t, const Shape& want,
                 const std::string& source) {
  if (t.shape != want)
    tensor["shape"].fail(list(t.shape) + ", but " + source + " gives " + list(want));
}

// Every value of a dtype-int64 or -float32 tensor must be exact in that type.
void check_values(const Node& tensor, const Tensor& t, DType dtype) {
  for (std::size_t i = 0; i < t.data.size(); ++i) {
    const double v = t.data[i];
    if (std::isnan(v)) continue;  // a null, where allowed
    if (dtype == DType::int64 && (v != std::floor(v) || std::abs(v) > kLargestExactInteger)) {
      tensor["data"].element(i).fail(number_text(v) +
                                     " is not an integer of at most 2^53, as dtype int64 needs");
    }
    const bool float32 = std::abs(v) <= std::numeric_limits<float>::max() &&
                         static_cast<double>(static_cast<float>(v)) == v;
    if (dtype == DType::float32 && !float32) {
      tensor["data"].element(i).fail(number_text(v) +
                                     " is not a float32 value, as dtype float32 needs");
    }
  }
}

// ---- Problems ----------------------------------------------------------------------

Problem problem_of(const Node& node) {
  const std::string text = node.string();
  Problem p;
  try {
    p = parse_problem(text);
  } catch (const ProblemError& e) {
    node.fail(std::string("not a problem string: ") + e.what());
  }
  if (to_string(p) != text)
    node.fail("'" + text + "' is not canonical; written canonically: " + to_string(p));
  return p;
}

// The operand shapes depend only on batch, channels, groups, input sizes, kernel and
// layouts. This copy keeps only those, so that the shapes are defined for a request the
// model rejects for its stride, dilation, pads or output_padding.
Problem operands_only(const Problem& p) {
  Problem q = p;
  for (Axis& a : q.axes) a = Axis{.input = a.input, .kernel = a.kernel};
  return q;
}

Problem without_padding(const Problem& p) {
  Problem q = p;
  for (Axis& a : q.axes) a.pad_begin = a.pad_end = a.output_padding = 0;
  return q;
}

// ---- Sections ----------------------------------------------------------------------

Provenance provenance_of(const Node& node) {
  node.members({"generator", "generator_version", "script", "seed", "created"}, {"tools"});
  Provenance p{node["generator"].string(),
               node["generator_version"].string(),
               node["script"].string(),
               node["created"].string(),
               std::nullopt,
               nullptr};
  if (p.script.rfind("scripts/", 0) != 0)
    node["script"].fail("'" + p.script + "' does not start with 'scripts/'");
  if (!node["seed"].value().is_null()) p.seed = node["seed"].integer();
  const std::string& d = p.created;
  const auto digits = [&](std::size_t from, std::size_t n) {
    for (std::size_t i = from; i < from + n; ++i) {
      if (d[i] < '0' || d[i] > '9') return false;
    }
    return true;
  };
  if (d.size() != 10 || !digits(0, 4) || d[4] != '-' || !digits(5, 2) || d[7] != '-' ||
      !digits(8, 2) || d.substr(5, 2) < "01" || d.substr(5, 2) > "12" || d.substr(8, 2) < "01" ||
      d.substr(8, 2) > "31") {
    node["created"].fail("'" + d + "' is not a date YYYY-MM-DD");
  }
  if (const auto tools = node.optional("tools")) {
    if (!tools->value().is_object())
      tools->fail(std::string("expected an object, got ") + tools->value().type_name());
    p.tools = tools->value();
  }
  return p;
}

FrameworkCall framework_of(const Node& node) {
  node.members({"framework", "api", "arguments"}, {"version"});
  FrameworkCall call{node["framework"].one_of<Framework>({{"pytorch", Framework::pytorch},
                                                          {"tfjs", Framework::tfjs},
                                                          {"onnxruntime", Framework::onnxruntime},
                                                          {"literature", Framework::literature}}),
                     std::nullopt, node["api"].string(), node["arguments"].value()};
  if (const auto version = node.optional("version")) call.version = version->string();
  if (!call.arguments.is_object()) {
    node["arguments"].fail(std::string("expected an object, got ") + call.arguments.type_name());
  }
  return call;
}

// The comparison must be the one the dtype calls for (README: int64 exact, float32
// u = 2^-24, float64 u = 2^-53).
Comparison comparison_of(const Node& node, DType dtype) {
  node.members({"kind"}, {"unit_roundoff", "note"});
  Comparison c{node["kind"].one_of<ComparisonKind>(
                   {{"exact", ComparisonKind::exact}, {"bounded", ComparisonKind::bounded}}),
               0, ""};
  const ComparisonKind want =
      dtype == DType::int64 ? ComparisonKind::exact : ComparisonKind::bounded;
  if (c.kind != want)
    node["kind"].fail(std::string("dtype ") + to_string(dtype) + " needs kind " +
                      (want == ComparisonKind::exact ? "exact" : "bounded"));
  if (c.kind == ComparisonKind::exact) {
    node.members({"kind"}, {});
    return c;
  }
  node.members({"kind", "unit_roundoff", "note"}, {});
  c.note = node["note"].string();
  const Node u = node["unit_roundoff"];
  if (!u.value().is_number())
    u.fail(std::string("expected a number, got ") + u.value().type_name());
  c.unit_roundoff = u.value().get<double>();
  if (c.unit_roundoff != kFloat32RoundOff && c.unit_roundoff != kFloat64RoundOff) {
    u.fail(number_text(c.unit_roundoff) + " is not one of 2^-24, 2^-53");
  }
  const double want_u = dtype == DType::float32 ? kFloat32RoundOff : kFloat64RoundOff;
  if (c.unit_roundoff != want_u)
    u.fail(std::string("dtype ") + to_string(dtype) + " has unit roundoff " + number_text(want_u));
  return c;
}

ExpectError expect_error_of(const Node& node) {
  node.members({"rejected", "message", "model_accepts", "note"}, {"observed"});
  ExpectError e{node["rejected"].boolean(), node["message"].string_or_null(),
                node["model_accepts"].boolean(), node["note"].string(), std::nullopt};
  if (e.rejected != e.message.has_value()) {
    node["message"].fail(e.rejected ? "a rejected request has the framework's message"
                                    : "must be null: the framework did not reject the request");
  }
  const std::optional<Node> observed = node.optional("observed");
  if (e.rejected == observed.has_value()) {
    if (observed) observed->fail("a rejected request has no observed output");
    node.fail("missing member 'observed': the framework returned an output");
  }
  if (observed) {
    observed->members({"shape", "data"}, {});
    e.observed = tensor_of(*observed, true);
  }
  return e;
}

Finding finding_of(const Node& node, const Problem& problem) {
  node.members({"text", "observed_problem"}, {});
  Finding f{node["text"].string(), std::nullopt};
  const Node observed = node["observed_problem"];
  if (observed.value().is_null()) return f;
  f.observed_problem = problem_of(observed);
  if (without_padding(*f.observed_problem) != without_padding(problem)) {
    observed.fail("differs from problem " + to_string(problem) +
                  " in more than pads and output_padding");
  }
  return f;
}

// ---- A case ------------------------------------------------------------------------

class CaseReader {
 public:
  CaseReader(const json& value, std::size_t index, const std::string& file)
      : place_{file, case_label(index, "")},
        node_(value, "/cases/" + std::to_string(index), place_) {}

  VectorCase read() {
    c_.id = node_["id"].string();
    if (c_.id.empty()) node_["id"].fail("is empty");
    for (char ch : c_.id) {
      if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_')) {
        node_["id"].fail("'" + c_.id + "' has characters other than a-z, 0-9 and _");
      }
    }
    place_.case_label = "case '" + c_.id + "'";
    c_.pointer = node_.pointer();

    node_.members(
        {"id", "description", "framework", "problem", "dtype", "comparison", "input", "weights"},
        {"bias", "expected", "expect_error", "finding"});
    c_.description = node_["description"].string();
    c_.framework = framework_of(node_["framework"]);
    c_.problem = problem_of(node_["problem"]);
    c_.dtype = node_["dtype"].one_of<DType>(
        {{"int64", DType::int64}, {"float64", DType::float64}, {"float32", DType::float32}});
    c_.comparison = comparison_of(node_["comparison"], c_.dtype);
    read_outcome();
    read_operands();
    read_outputs();
    check_computed(c_.problem);
    if (c_.finding && c_.finding->observed_problem) check_computed(*c_.finding->observed_problem);
    return c_;
  }

 private:
  // Exactly one of expected and expect_error; a finding only with expected.
  void read_outcome() {
    const auto expected = node_.optional("expected"), expect_error = node_.optional("expect_error"),
               finding = node_.optional("finding");
    if (expected && expect_error)
      expect_error->fail("a case has expected or expect_error, not both");
    if (!expected && !expect_error) node_.fail("missing member 'expected' or 'expect_error'");
    if (finding && !expected) finding->fail("only a case with expected has a finding");
    if (expect_error) c_.expect_error = expect_error_of(*expect_error);
    if (finding) c_.finding = finding_of(*finding, c_.problem);
    // README: a plain case's problem is valid; only expect_error and findings may break it.
    if (!expect_error && !finding) {
      try {
        validate(c_.problem);
      } catch (const ProblemError& e) {
        node_["problem"].fail(std::string("invalid in a case without expect_error or finding: ") +
                              e.what());
      }
    }
  }

  void read_operands() {
    const Node input = node_["input"], weights = node_["weights"];
    input.members({"shape", "data"}, {"layout"});
    weights.members({"shape", "data"}, {"layout"});
    check_layout<Layout>(input, {{"ncx", Layout::ncx}, {"nxc", Layout::nxc}}, c_.problem.layout);
    check_layout<WeightLayout>(
        weights,
        {{"iox", WeightLayout::iox}, {"oix", WeightLayout::oix}, {"xoi", WeightLayout::xoi}},
        c_.problem.weight_layout);
    c_.input = tensor_of(input, false);
    c_.weights = tensor_of(weights, false);
    check_values(input, c_.input, c_.dtype);
    check_values(weights, c_.weights, c_.dtype);

    read_bias();
  }

  void read_bias() {
    const std::optional<Node> bias = node_.optional("bias");
    if (c_.problem.has_bias != bias.has_value()) {
      if (bias) bias->fail("the problem has no bias");
      node_.fail("missing member 'bias': the problem has a bias");
    }
    if (bias) {
      bias->members({"shape", "data"}, {});
      const Shape shape = shape_of((*bias)["shape"], 1);
      if (shape.size() != 1) (*bias)["shape"].fail(list(shape) + " has more than one entry");
      c_.bias = tensor_of(*bias, false);
      check_values(*bias, *c_.bias, c_.dtype);
    }
  }

  void read_outputs() {
    check_operand_shapes();
    if (const auto expected = node_.optional("expected")) {
      expected->members({"shape", "data"}, {"layout"});
      check_layout<Layout>(*expected, {{"ncx", Layout::ncx}, {"nxc", Layout::nxc}},
                           c_.problem.layout);
      c_.expected = tensor_of(*expected, c_.finding.has_value());
      check_values(*expected, *c_.expected, c_.dtype);
      check_expected_shape(*expected);
    }
    if (c_.expect_error && c_.expect_error->observed) {
      const Node observed = node_["expect_error"]["observed"];
      check_shape(observed, *c_.expect_error->observed,
                  output_shape_of(c_.problem, node_["problem"]), "problem");
    }
  }

  void check_operand_shapes() {
    const Problem operands = operands_only(c_.problem);
    try {
      validate(operands);
    } catch (const ProblemError& e) {
      // Its batch, channels, groups, sizes or kernel are invalid: the model gives no shapes.
      if (c_.expect_error && !c_.expect_error->model_accepts) return;
      node_["problem"].fail(std::string("gives no operand shapes (") + e.what() +
                            "), allowed only in an expect_error case the model rejects");
    }
    check_shape(node_["input"], c_.input,
                physical_activation_shape(operands.layout, input_shape(operands)), "problem");
    check_shape(node_["weights"], c_.weights, weight_shape(operands), "problem");
    if (c_.bias)
      check_shape(node_["bias"], *c_.bias, {c_.problem.out_channels}, "problem (out_channels)");
  }

  // A plain case: the problem's output shape. A finding: observed_problem's when it has
  // one; otherwise the framework's shape is unknown, but its batch, channels and rank are
  // the problem's.
  void check_expected_shape(const Node& expected) {
    const Shape want = output_shape_of(c_.problem, node_["problem"]);
    if (!c_.finding) return check_shape(expected, *c_.expected, want, "problem");
    if (c_.finding->observed_problem) {
      const Node observed = node_["finding"]["observed_problem"];
      return check_shape(expected, *c_.expected,
                         output_shape_of(*c_.finding->observed_problem, observed),
                         "observed_problem");
    }
    const Shape& got = c_.expected->shape;
    const std::size_t channel = c_.problem.layout == Layout::ncx ? 1 : want.size() - 1;
    if (got.size() != want.size() || got[0] != want[0] || got[channel] != want[channel]) {
      expected["shape"].fail(
          list(got) + " does not have the batch, channels and rank of problem's " + list(want));
    }
  }

  // A problem the suite computes for the case (the references, the bounds, an adapter's
  // reference output): its zero-tap rewrite (within_model.h), when it has one.
  void check_computed(const Problem& p) {
    std::optional<ZeroTapRewrite> rewrite;
    try {
      rewrite = rewrite_within_model(p);
    } catch (const ProblemError&) {
      return;  // outside the model and not rewritable: computed by no one
    }
    std::string which = &p == &c_.problem ? "the problem" : "the observed_problem";
    if (rewrite->problem != p) which += " (computed as " + to_string(rewrite->problem) + ")";
    try {
      check_problem_size(rewrite->problem);
    } catch (const ProblemError& e) {
      node_.fail(which + " is too large to compute: " + e.what());
    }
    if (c_.dtype == DType::int64) return check_int64_range(terms_per_output(rewrite->problem));
    const std::vector<double> sums = magnitude_sums(
        rewrite->problem, c_.input.data, rewritten_weights(p, *rewrite, c_.weights.data),
        c_.bias ? c_.bias->data : std::vector<double>{});
    for (std::size_t i = 0; i < sums.size(); ++i) {
      if (std::isfinite(sums[i])) continue;
      node_.fail("the rounding bound of output" +
                 format_output_coordinate(rewrite->problem, static_cast<std::int64_t>(i)) + " of " +
                 which +
                 " is not finite: its sum of |input · weight| overflows double, so any value "
                 "would be within it");
    }
  }

  // No product and no partial sum of the references' int64 arithmetic can overflow: each
  // output sums at most `terms` values (products, and the bias), none larger than
  // max |input| · max |weights| or max |bias|.
  void check_int64_range(std::int64_t terms) const {
    const auto largest = [](const std::vector<double>& values) {
      double m = 0;
      for (double v : values) m = std::max(m, std::abs(v));
      return static_cast<std::uint64_t>(m);  // an integer of at most 2^53 (check_values)
    };
    const std::uint64_t x = largest(c_.input.data), w = largest(c_.weights.data),
                        b = c_.bias ? largest(c_.bias->data) : 0;
    std::uint64_t product = 0, sum = 0;
    if (!__builtin_mul_overflow(x, w, &product) &&
        !__builtin_mul_overflow(std::max(product, b), static_cast<std::uint64_t>(terms), &sum) &&
        sum <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      return;
    }
    node_.fail("int64 products and sums may overflow: " + std::to_string(terms) +
               " terms per output, max |input| " + std::to_string(x) + ", max |weights| " +
               std::to_string(w) + (c_.bias ? ", max |bias| " + std::to_string(b) : "") +
               ": the largest sum exceeds 2^63 - 1");
  }

  Shape output_shape_of(const Problem& p, const Node& source) const {
    try {
      return physical_output_shape(p);
    } catch (const ProblemError& e) {
      source.fail(std::string("gives no output shape: ") + e.what());
    }
  }

  Place place_;
  Node node_;
  VectorCase c_;
};

}  // namespace

VectorFile parse_vector_file(std::string_view text, const std::string& name) {
  const json document = parse_json(text, name);
  const Place place{name, ""};
  const Node root(document, "", place);
  root.members({"format_version", "provenance", "cases"}, {});
  const Node version = root["format_version"];
  if (!version.value().is_number() || version.value().get<double>() != 1) {
    version.fail(version.value().dump() + " is not format_version 1");
  }
  VectorFile file{name, provenance_of(root["provenance"]), {}};
  const Node cases = root["cases"];
  if (cases.array_size() == 0) cases.fail("a file has at least one case");
  std::map<std::string, std::string> first_pointer;  // by id
  for (std::size_t i = 0; i < cases.array_size(); ++i) {
    VectorCase c = CaseReader(cases.value()[i], i, name).read();
    if (const auto [it, inserted] = first_pointer.emplace(c.id, c.pointer); !inserted) {
      fail({name, case_label(i, c.id)}, c.pointer + "/id", "repeated id, first at " + it->second);
    }
    file.cases.push_back(std::move(c));
  }
  return file;
}

namespace {

std::string vector_text(const std::filesystem::path& path) {
  try {
    return read_regular_file(path, kMaxVectorFileBytes);
  } catch (const FileReadError& e) {
    throw VectorFileError(e.what());
  }
}

}  // namespace

VectorFile load_vector_file(const std::filesystem::path& path) {
  return parse_vector_file(vector_text(path), path.string());
}

std::vector<VectorFile> load_vector_files(const std::vector<std::filesystem::path>& paths) {
  std::vector<VectorFile> files;
  std::map<std::string, std::pair<std::string, std::string>> first;  // id -> file, pointer
  std::uintmax_t total = 0;
  for (const auto& path : paths) {
    const std::string text = vector_text(path);
    total += text.size();
    if (total > kMaxVectorFilesBytes) {
      throw VectorFileError(path.string() + ": the vector files read total " +
                            std::to_string(total) + " bytes with this one, more than the limit " +
                            "of " + std::to_string(kMaxVectorFilesBytes) + " bytes");
    }
    files.push_back(parse_vector_file(text, path.string()));
    for (const VectorCase& c : files.back().cases) {
      const auto [it, inserted] = first.emplace(c.id, std::pair{files.back().name, c.pointer});
      if (!inserted) {
        fail({files.back().name, "case '" + c.id + "'"}, c.pointer + "/id",
             "repeated id, first in " + it->second.first + " at " + it->second.second);
      }
    }
  }
  return files;
}

const char* to_string(Framework f) {
  switch (f) {
    case Framework::literature:
      return "literature";
    case Framework::pytorch:
      return "pytorch";
    case Framework::tfjs:
      return "tfjs";
    case Framework::onnxruntime:
      return "onnxruntime";
  }
  return "?";
}

}  // namespace tconv
