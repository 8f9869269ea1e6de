#include "protocol.h"

#include <algorithm>
#include <initializer_list>
#include <limits>
#include <nlohmann/json.hpp>

#include "bounded_json.h"
#include "capabilities.h"
#include "printable_text.h"
#include "problem_string.h"
#include "reply_reader.h"

namespace tconv {
namespace {

using nlohmann::json;

// A handshake's value as quoted in a message.
std::string shown(const json& value) {
  return protocol::shown(value.dump(-1, ' ', false, json::error_handler_t::replace));
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

// The adapter's name or version, which the suite prints: one line of at most
// kMaxLabelBytes, so that it cannot forge lines of the suite's output.
std::string label(const json& handshake, const char* key) {
  constexpr std::size_t kMaxLabelBytes = 200;
  const json& value = member(handshake, key, "the handshake");
  const auto* text = value.get_ptr<const std::string*>();
  const auto control = [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; };
  if (!text || text->size() > kMaxLabelBytes || std::any_of(text->begin(), text->end(), control)) {
    throw AdapterError(std::string("handshake: ") + key + " must be a string of at most " +
                       std::to_string(kMaxLabelBytes) +
                       " bytes without control characters, not " + shown(value));
  }
  return *text;
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
                         shown(item));
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

// --- shapes ----------------------------------------------------------------------------

// Physical shapes in the problem's layouts, as the golden vectors write them:
// [N, C, spatial...] for ncx, [N, spatial..., C] for nxc.
std::vector<std::int64_t> physical_input_shape(const Problem& p) {
  return physical(p, input_shape(p));
}
std::vector<std::int64_t> physical_output_shape(const Problem& p) {
  return physical(p, output_shape(p));
}

}  // namespace

std::size_t max_reply_bytes(const Problem& p) {
  const auto values = static_cast<std::size_t>(std::max<std::int64_t>(output_elements(p), 0));
  constexpr std::size_t kMost = std::numeric_limits<std::size_t>::max() / 2;
  return values > (kMost - kReplyEnvelopeBytes) / kReplyBytesPerValue
             ? kMost
             : values * kReplyBytesPerValue + kReplyEnvelopeBytes;
}

AdapterInfo parse_handshake(std::string_view line) {
  json h;
  try {
    h = parse_bounded_json(line, nullptr, /*allow_exceptions=*/false);
  } catch (const JsonTooDeep& e) {
    throw AdapterError(std::string("handshake: ") + e.what());
  }
  if (!h.is_object()) {
    throw AdapterError("handshake is not a JSON object: " + quoted_excerpt(line));
  }
  const json& protocol = member(h, "protocol", "the handshake");
  if (protocol != kProtocolVersion) {
    throw AdapterError("the adapter speaks protocol version " + shown(protocol) +
                       ", this suite speaks version " + std::to_string(kProtocolVersion));
  }
  return {label(h, "name"), label(h, "version"),
          parse_capabilities(member(h, "capabilities", "the handshake"))};
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
  try {
    check_json_depth(line);
  } catch (const JsonTooDeep& e) {
    return {Verdict::protocol_error, std::string("the reply is ") + e.what()};
  }
  return visit_dtype(dtype, [&](auto zero) {
    using T = decltype(zero);
    protocol::ReplyReader<T> reader(
        id, physical_output_shape(p), to_string(p.layout),
        {static_cast<T*>(output), static_cast<std::size_t>(output_elements(p))});
    json::sax_parse(line.begin(), line.end(), &reader);
    return reader.verdict(line);
  });
}

}  // namespace tconv
