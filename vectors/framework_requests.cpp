#include "framework_requests.h"

#include <set>
#include <stdexcept>
#include <string>
#include <utility>

#include "frameworks.h"
#include "problem_string.h"

namespace tconv {
namespace {

using nlohmann::json;
using Shape = std::vector<std::int64_t>;

// A framework's arguments object. Each member is read once, by name and type; all_read()
// then names any member nobody read, so that no stored argument is ignored.
class Arguments {
 public:
  Arguments(const json& object, std::string where) : object_(object), where_(std::move(where)) {
    if (!object_.is_object()) fail("", "expected an object, got " + object_.dump());
  }

  [[noreturn]] void fail(const std::string& key, const std::string& why) const {
    throw std::invalid_argument(where_ + (key.empty() ? "" : "." + key) + ": " + why);
  }

  template <class T>
  T need(std::optional<T> value, const std::string& key) const {
    if (!value) fail(key, "missing");
    return *std::move(value);
  }

  Arguments object(const std::string& key) {
    const json* v = find(key);
    return Arguments(v ? *v : json::object(), where_ + "." + key);
  }
  std::optional<bool> boolean(const std::string& key) {
    const json* v = find(key);
    if (v && !v->is_boolean()) fail(key, "expected a boolean, got " + v->dump());
    return v ? std::optional(v->get<bool>()) : std::nullopt;
  }
  std::optional<std::string> string(const std::string& key) {
    const json* v = find(key);
    if (v && !v->is_string()) fail(key, "expected a string, got " + v->dump());
    return v ? std::optional(v->get<std::string>()) : std::nullopt;
  }
  std::optional<std::int64_t> integer(const std::string& key) {
    const json* v = find(key);
    return v ? std::optional(integer_of(*v, key)) : std::nullopt;
  }
  // A list of integers; with `broadcast` > 0 also one integer standing for that many
  // copies, as the framework reads it.
  std::optional<Shape> integers(const std::string& key, std::size_t broadcast = 0) {
    const json* v = find(key);
    if (!v) return std::nullopt;
    if (broadcast > 0 && v->is_number()) return Shape(broadcast, integer_of(*v, key));
    if (!v->is_array()) fail(key, "expected a list of integers, got " + v->dump());
    Shape out;
    for (const json& e : *v) out.push_back(integer_of(e, key));
    return out;
  }
  const json* find(const std::string& key) {
    read_.insert(key);
    const auto it = object_.find(key);
    return it == object_.end() ? nullptr : &*it;
  }

  void all_read() const {
    for (const auto& item : object_.items()) {
      if (!read_.count(item.key())) fail(item.key(), "not an argument this mapping knows");
    }
  }

 private:
  std::int64_t integer_of(const json& v, const std::string& key) const {
    if (!v.is_number_integer() ||
        (v.is_number_unsigned() &&
         v.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX))) {
      fail(key, "expected a 64-bit integer, got " + v.dump());
    }
    return v.get<std::int64_t>();
  }

  json object_;
  std::string where_;
  std::set<std::string> read_;
};

// The spatial rank an api name states ("...conv_transpose2d", "tf.conv3dTranspose").
std::size_t api_rank(const std::string& api, const std::string& prefix, const std::string& suffix) {
  if (api.size() == prefix.size() + 1 + suffix.size() && api.rfind(prefix, 0) == 0 &&
      api.compare(prefix.size() + 1, suffix.size(), suffix) == 0) {
    const char digit = api[prefix.size()];
    if (digit >= '1' && digit <= '3') return static_cast<std::size_t>(digit - '0');
  }
  return 0;
}

// torch.nn.functional.conv_transpose{1,2,3}d(input, weight, bias, stride, padding,
// output_padding, groups, dilation): sizes and channels come from the tensors, the
// weight being [in_channels, out_channels/groups, k...].
Problem pytorch_functional(const VectorCase& c, Arguments& args) {
  const Shape& w = c.weights.shape;
  const std::size_t rank = c.input.shape.size() - 2;
  args.string("dtype");  // the tensors' data type: not part of the problem
  const std::int64_t groups = args.integer("groups").value_or(1);
  const PyTorchConvTranspose call{
      .input_shape = c.input.shape,
      .in_channels = w[0],
      .out_channels = checked_mul(w[1], groups, "out_channels"),
      .groups = groups,
      .kernel_size = Shape(w.begin() + 2, w.end()),
      .stride = args.integers("stride", rank).value_or(Shape{}),
      .padding = args.integers("padding", rank).value_or(Shape{}),
      .output_padding = args.integers("output_padding", rank).value_or(Shape{}),
      .dilation = args.integers("dilation", rank).value_or(Shape{}),
      .bias = args.boolean("bias").value_or(false),  // a bias tensor passed, or None
      .output_size = std::nullopt};
  args.all_read();
  return resolve_pytorch(call);
}

// torch.nn.ConvTranspose{1,2,3}d(**constructor)(input, **forward).
Problem pytorch_module(const VectorCase& c, Arguments& args) {
  const std::size_t rank = c.input.shape.size() - 2;
  args.string("dtype");
  Arguments ctor = args.object("constructor"), forward = args.object("forward");
  if (const auto mode = ctor.string("padding_mode"); mode && *mode != "zeros") {
    ctor.fail("padding_mode",
              "'" + *mode + "': only 'zeros' is a transposed convolution's padding");
  }
  std::optional<Shape> output_size = forward.integers("output_size");
  // forward() also takes output_size with the batch and channel sizes in front.
  if (output_size && output_size->size() == rank + 2)
    output_size->erase(output_size->begin(), output_size->begin() + 2);
  const PyTorchConvTranspose call{
      .input_shape = c.input.shape,
      .in_channels = ctor.need(ctor.integer("in_channels"), "in_channels"),
      .out_channels = ctor.need(ctor.integer("out_channels"), "out_channels"),
      .groups = ctor.integer("groups").value_or(1),
      .kernel_size = ctor.need(ctor.integers("kernel_size", rank), "kernel_size"),
      .stride = ctor.integers("stride", rank).value_or(Shape{}),
      .padding = ctor.integers("padding", rank).value_or(Shape{}),
      .output_padding = ctor.integers("output_padding", rank).value_or(Shape{}),
      .dilation = ctor.integers("dilation", rank).value_or(Shape{}),
      .bias = ctor.boolean("bias").value_or(true),
      .output_size = output_size};
  ctor.all_read();
  forward.all_read();
  args.all_read();
  return resolve_pytorch(call);
}

// tf.conv{2,3}dTranspose(x, filter, outputShape, strides, pad): channels last, the filter
// [k..., out, in], no bias, no dilation; a numeric pad is that pad on both sides of every
// axis. tfjs's documented rule is TensorFlow's.
Problem tfjs(const VectorCase& c, Arguments& args, std::size_t api_rank) {
  args.string("backend");  // where it ran: not part of the problem
  TensorFlowConvTranspose call{
      .input_shape = args.need(args.integers("x_shape"), "x_shape"),
      .filter_shape = args.need(args.integers("filter_shape"), "filter_shape"),
      .output_shape = args.need(args.integers("outputShape"), "outputShape"),
      .strides = args.integers("strides", api_rank).value_or(Shape{}),
      .dilations = {},
      .padding = TensorFlowPadding::same,
      .explicit_paddings = {},
      .data_format = Layout::nxc,
      .bias_add = false};
  const json* pad = args.find("pad");
  if (pad && pad->is_number_integer()) {
    call.padding = TensorFlowPadding::explicit_pads;
    const std::int64_t p = pad->get<std::int64_t>();
    call.explicit_paddings.assign(api_rank, {p, p});
  } else if (pad && *pad == "valid") {
    call.padding = TensorFlowPadding::valid;
  } else if (!pad || *pad != "same") {
    args.fail("pad",
              "expected 'same', 'valid' or an integer, got " + (pad ? pad->dump() : "nothing"));
  }
  args.all_read();
  Problem p = resolve_tensorflow(call);
  // A 1-D case: conv2dTranspose with a unit height axis, stored as a rank-1 problem.
  if (api_rank == 2 && c.input.shape.size() == 3) {
    if (p.axes.front() != Axis{.input = 1, .kernel = 1}) {
      args.fail("x_shape",
                "a rank-1 case needs a unit height axis; it resolves to " + to_string(p));
    }
    p.axes.erase(p.axes.begin());
  }
  return p;
}

OnnxAutoPad onnx_auto_pad(Arguments& attributes) {
  const std::string mode = attributes.string("auto_pad").value_or("NOTSET");
  for (const auto& [name, value] : {std::pair{"NOTSET", OnnxAutoPad::notset},
                                    {"SAME_UPPER", OnnxAutoPad::same_upper},
                                    {"SAME_LOWER", OnnxAutoPad::same_lower},
                                    {"VALID", OnnxAutoPad::valid}}) {
    if (mode == name) return value;
  }
  attributes.fail("auto_pad", "'" + mode + "' is not NOTSET, SAME_UPPER, SAME_LOWER or VALID");
}

// ONNX ConvTranspose: inputs X, W (shapes) and B (present or not), and the attributes.
Problem onnx(Arguments& args) {
  args.integer("opset");  // versions: not part of the problem
  args.string("onnx");
  Arguments attributes = args.object("attributes");
  const OnnxConvTranspose call{
      .x_shape = args.need(args.integers("X_shape"), "X_shape"),
      .w_shape = args.need(args.integers("W_shape"), "W_shape"),
      .has_b = args.boolean("B").value_or(false),
      .auto_pad = onnx_auto_pad(attributes),
      .group = attributes.integer("group").value_or(1),
      .kernel_shape = attributes.integers("kernel_shape").value_or(Shape{}),
      .strides = attributes.integers("strides").value_or(Shape{}),
      .dilations = attributes.integers("dilations").value_or(Shape{}),
      .pads = attributes.integers("pads").value_or(Shape{}),
      .output_padding = attributes.integers("output_padding").value_or(Shape{}),
      .output_shape = attributes.integers("output_shape").value_or(Shape{})};
  attributes.all_read();
  args.all_read();
  return resolve_onnx(call);
}

}  // namespace

bool has_resolver(const VectorCase& c) { return c.framework.framework != Framework::literature; }

Problem resolve_request(const VectorCase& c) {
  const std::string& api = c.framework.api;
  Arguments args(c.framework.arguments,
                 std::string(to_string(c.framework.framework)) + " arguments");
  if (c.input.shape.size() < 3 || c.weights.shape.size() < 3) {
    args.fail("", "the case's operands " + std::to_string(c.input.shape.size()) + "-D and " +
                      std::to_string(c.weights.shape.size()) + "-D are not a convolution's");
  }
  const std::size_t rank = c.input.shape.size() - 2;
  const auto require_rank = [&](std::size_t stated) {
    if (stated != rank)
      args.fail("", "api '" + api + "' does not take a " + std::to_string(rank) + "-D input");
  };
  switch (c.framework.framework) {
    case Framework::pytorch:
      if (const std::size_t r = api_rank(api, "torch.nn.functional.conv_transpose", "d")) {
        require_rank(r);
        return pytorch_functional(c, args);
      }
      if (const std::size_t r = api_rank(api, "torch.nn.ConvTranspose", "d")) {
        require_rank(r);
        return pytorch_module(c, args);
      }
      break;
    case Framework::tfjs:
      if (const std::size_t r = api_rank(api, "tf.conv", "dTranspose"); r == 2 || r == 3)
        return tfjs(c, args, r);
      break;
    case Framework::onnxruntime:
      if (api.rfind("ONNX ConvTranspose", 0) == 0) return onnx(args);
      break;
    case Framework::literature:
      break;
  }
  args.fail("", "no mapping for api '" + api + "'");
}

}  // namespace tconv
