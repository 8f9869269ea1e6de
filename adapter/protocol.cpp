#include "protocol.h"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <type_traits>

#include "capabilities.h"
#include "problem_string.h"

namespace tconv {
namespace {

using nlohmann::json;

// A line as quoted in a message: at most 200 characters.
std::string excerpt(std::string_view line) {
  std::string quoted(1, '\'');
  quoted += line.substr(0, 200);
  quoted += line.size() > 200 ? "...'" : "'";
  return quoted;
}

std::vector<std::int64_t> physical(const Problem& p, std::vector<std::int64_t> logical) {
  if (p.layout == Layout::nxc) {  // [N, C, x...] -> [N, x..., C]
    std::rotate(logical.begin() + 1, logical.begin() + 2, logical.end());
  }
  return logical;
}

template <class T>
json values(const void* data, std::int64_t count) {
  const T* v = static_cast<const T*>(data);
  return json(std::vector<T>(v, v + count));
}

json tensor(std::vector<std::int64_t> shape, const char* layout, DType dtype, const void* data,
            std::int64_t count) {
  json t = {{"shape", shape}};
  if (layout) t["layout"] = layout;
  t["data"] = visit_dtype(dtype, [&](auto zero) { return values<decltype(zero)>(data, count); });
  return t;
}

// --- handshake ---------------------------------------------------------------------

const json& member(const json& object, const char* key, const char* where) {
  if (!object.is_object() || !object.contains(key)) {
    throw AdapterError(std::string("handshake: ") + where + " has no \"" + key + "\"");
  }
  return object[key];
}

// A mask from a list of names (or of ranks), each mapped to its bit by `bit_of`.
template <class BitOf>
std::uint32_t mask(const json& capabilities, const char* key, BitOf bit_of) {
  const json& list = member(capabilities, key, "capabilities");
  if (!list.is_array())
    throw AdapterError(std::string("handshake: capabilities.") + key + " is not a list");
  std::uint32_t m = 0;
  for (const json& item : list) {
    const std::uint32_t bit = bit_of(item);
    if (!bit)
      throw AdapterError(std::string("handshake: capabilities.") + key + ": unknown value " +
                         item.dump());
    m |= bit;
  }
  return m;
}

// The capability bit of the value among `values` whose name (to_string) is `item`;
// 0 if it names none of them.
template <class Enum>
std::uint32_t bit_of_name(const json& item, std::initializer_list<Enum> values) {
  for (Enum v : values) {
    if (item == to_string(v)) return TCONV_BIT(static_cast<int>(v));
  }
  return 0;
}

tconv_capabilities parse_capabilities(const json& c) {
  tconv_capabilities caps{};
  caps.ranks = mask(c, "ranks", [](const json& r) -> std::uint32_t {
    return r.is_number_integer() && r >= 1 && r <= 3 ? 1u << (r.get<int>() - 1) : 0;
  });
  caps.dtypes = mask(c, "dtypes", [](const json& n) {
    return bit_of_name(n, {DType::float32, DType::float64, DType::int64});
  });
  caps.layouts = mask(c, "layouts", [](const json& n) {
    return bit_of_name(n, {Layout::ncx, Layout::nxc});
  });
  caps.weight_layouts = mask(c, "weight_layouts", [](const json& n) {
    return bit_of_name(n, {WeightLayout::iox, WeightLayout::oix, WeightLayout::xoi});
  });
  caps.features = mask(c, "features", [](const json& n) -> std::uint32_t {
    for (const FeatureFlag& f : feature_flags()) {
      if (n == f.name) return f.flag;
    }
    return 0;
  });
  const json max_batch = c.value("max_batch", json(0));
  if (!max_batch.is_number_integer() || max_batch < 0) {
    throw AdapterError("handshake: capabilities.max_batch must be an integer >= 0 (0: no limit)");
  }
  caps.max_batch = max_batch.get<std::int64_t>();
  return caps;
}

// --- response ------------------------------------------------------------------------

CallResult protocol_error(std::string what) { return {Verdict::protocol_error, std::move(what)}; }

// One output value: a number, or null for NaN (floating types only).
template <class T>
bool read_value(const json& v, T& out) {
  if constexpr (std::is_integral_v<T>) {
    if (!v.is_number_integer()) return false;  // also false for 3.0: int64 outputs are integers
    if (v.is_number_unsigned() && v.get<std::uint64_t>() > std::numeric_limits<T>::max())
      return false;
    out = v.get<T>();
  } else if (v.is_null()) {
    out = std::numeric_limits<T>::quiet_NaN();
  } else if (v.is_number()) {
    out = static_cast<T>(v.get<double>());
  } else {
    return false;
  }
  return true;
}

template <class T>
std::optional<CallResult> read_values(const json& data, void* output) {
  T* out = static_cast<T*>(output);
  for (std::size_t i = 0; i < data.size(); ++i) {
    if (!read_value(data[i], out[i])) {
      return protocol_error("output.data[" + std::to_string(i) + "] = " + data[i].dump() +
                            " is not a valid " + to_string(dtype_of<T>()) + " value");
    }
  }
  return std::nullopt;
}

std::string shape_text(const std::vector<std::int64_t>& shape) { return json(shape).dump(); }

// Physical shapes in the problem's layouts, as the golden vectors write them:
// [N, C, spatial...] for ncx, [N, spatial..., C] for nxc.
std::vector<std::int64_t> physical_input_shape(const Problem& p) {
  return physical(p, input_shape(p));
}
std::vector<std::int64_t> physical_output_shape(const Problem& p) {
  return physical(p, output_shape(p));
}

}  // namespace

AdapterInfo parse_handshake(std::string_view line) {
  const json h = json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (!h.is_object()) throw AdapterError("handshake is not a JSON object: " + excerpt(line));
  const json& protocol = member(h, "protocol", "the handshake");
  if (protocol != kProtocolVersion) {
    throw AdapterError("the adapter speaks protocol version " + protocol.dump() +
                       ", this suite speaks version " + std::to_string(kProtocolVersion));
  }
  const json& name = member(h, "name", "the handshake");
  const json& version = member(h, "version", "the handshake");
  if (!name.is_string() || !version.is_string()) {
    throw AdapterError("handshake: name and version must be strings");
  }
  return {name, version, parse_capabilities(member(h, "capabilities", "the handshake"))};
}

std::string request_line(std::int64_t id, const Problem& p, DType dtype, const Operands& operands) {
  json r = {{"id", id}, {"problem", to_string(p)}, {"dtype", to_string(dtype)}};
  r["input"] = tensor(physical_input_shape(p), to_string(p.layout), dtype, operands.input,
                      input_elements(p));
  r["weights"] = tensor(weight_shape(p), to_string(p.weight_layout), dtype, operands.weights,
                        weight_elements(p));
  if (p.has_bias)
    r["bias"] = tensor({p.out_channels}, nullptr, dtype, operands.bias, p.out_channels);
  return r.dump();
}

CallResult read_response(std::string_view line, std::int64_t id, const Problem& p, DType dtype,
                         void* output) {
  const json r = json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (!r.is_object()) return protocol_error("the reply is not a JSON object: " + excerpt(line));
  if (r.value("id", json()) != id) {
    return protocol_error("the reply to request " + std::to_string(id) + " has id " +
                          r.value("id", json()).dump());
  }
  if (r.contains("error")) {
    const json& e = r["error"];
    return {Verdict::error, e.is_string() ? e.get<std::string>() : e.dump()};
  }
  static const json kNone;
  const json& o = r.contains("output") ? r["output"] : kNone;
  if (!o.is_object() || !o.contains("shape") || !o.contains("data") || !o["data"].is_array()) {
    return protocol_error("the reply has neither \"error\" nor \"output\": {shape, data}: " +
                          excerpt(line));
  }
  const std::vector<std::int64_t> want = physical_output_shape(p);
  if (o["shape"] != json(want)) {
    return {Verdict::wrong_shape,
            "output shape " + o["shape"].dump() + ", the problem's is " + shape_text(want)};
  }
  if (o.contains("layout") && o["layout"] != to_string(p.layout)) {
    return {Verdict::wrong_shape, "output layout " + o["layout"].dump() + ", the problem's is " +
                                      std::string(to_string(p.layout))};
  }
  const auto count = static_cast<std::size_t>(output_elements(p));
  if (o["data"].size() != count) {
    return protocol_error("output.data has " + std::to_string(o["data"].size()) +
                          " values, its shape " + shape_text(want) + " has " +
                          std::to_string(count));
  }
  const auto failure =
      visit_dtype(dtype, [&](auto zero) { return read_values<decltype(zero)>(o["data"], output); });
  return failure ? *failure : CallResult{Verdict::completed, ""};
}

}  // namespace tconv
