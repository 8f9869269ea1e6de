#include "adapter_interface.h"

#include <dlfcn.h>

#include <array>

#include "capabilities.h"
#include "host/adapter_host.h"
#include "problem_string.h"

namespace tconv {
namespace {

// The C++ enumerations list their values in the order of the ABI's TCONV_* values.
static_assert(static_cast<int>(Layout::ncx) == TCONV_NCX &&
              static_cast<int>(Layout::nxc) == TCONV_NXC);
static_assert(static_cast<int>(WeightLayout::iox) == TCONV_IOX &&
              static_cast<int>(WeightLayout::oix) == TCONV_OIX &&
              static_cast<int>(WeightLayout::xoi) == TCONV_XOI);

[[noreturn]] void field_error(const std::string& field, std::int64_t value,
                              const std::string& rule) {
  throw ProblemError("tconv_problem." + field + " = " + std::to_string(value) + ": " + rule);
}

std::int64_t checked_enum(const std::string& field, std::int32_t value, std::int32_t count) {
  if (value < 0 || value >= count)
    field_error(field, value, "must be in [0, " + std::to_string(count) + ")");
  return value;
}

// The adapter's NUL-terminated message, however it filled the buffer.
std::string message_text(std::array<char, 1024>& buffer) {
  buffer.back() = '\0';
  return buffer[0] ? std::string(buffer.data()) : "(no message)";
}

}  // namespace

DType parse_dtype(std::string_view name) {
  for (DType d : {DType::float32, DType::float64, DType::int64}) {
    if (name == to_string(d)) return d;
  }
  throw std::invalid_argument("unknown dtype '" + std::string(name) +
                              "' (float32, float64 or int64)");
}

std::size_t element_size(DType d) { return d == DType::float32 ? 4 : 8; }

CProblem::CProblem(const Problem& p, DType dtype) : text_(to_string(p)) {
  validate(p);
  c_.batch = p.batch;
  c_.in_channels = p.in_channels;
  c_.out_channels = p.out_channels;
  c_.groups = p.groups;
  for (int a = 0; a < 3; ++a) {
    const Axis axis = a < p.rank() ? p.axes[a] : Axis{};  // unused axes: size 1, no padding
    c_.input_size[a] = axis.input;
    c_.kernel[a] = axis.kernel;
    c_.stride[a] = axis.stride;
    c_.dilation[a] = axis.dilation;
    c_.pad_begin[a] = axis.pad_begin;
    c_.pad_end[a] = axis.pad_end;
    c_.output_padding[a] = axis.output_padding;
    c_.output_size[a] = output_size(axis);
  }
  c_.input_elements = input_elements(p);
  c_.weight_elements = weight_elements(p);
  c_.bias_elements = bias_elements(p);
  c_.output_elements = output_elements(p);
  c_.text = text_.c_str();
  c_.rank = p.rank();
  c_.dtype = static_cast<std::int32_t>(dtype);
  c_.layout = static_cast<std::int32_t>(p.layout);  // enumerated in the ABI's order
  c_.weight_layout = static_cast<std::int32_t>(p.weight_layout);
  c_.has_bias = p.has_bias ? 1 : 0;
}

Problem from_c(const tconv_problem& c) {
  if (c.rank < 1 || c.rank > 3) field_error("rank", c.rank, "must be 1, 2 or 3");
  if (c.has_bias != 0 && c.has_bias != 1) field_error("has_bias", c.has_bias, "must be 0 or 1");
  Problem p;
  p.batch = c.batch;
  p.in_channels = c.in_channels;
  p.out_channels = c.out_channels;
  p.groups = c.groups;
  for (int a = 0; a < c.rank; ++a) {
    p.axes.push_back({c.input_size[a], c.kernel[a], c.stride[a], c.dilation[a], c.pad_begin[a],
                      c.pad_end[a], c.output_padding[a]});
  }
  p.has_bias = c.has_bias == 1;
  p.layout = static_cast<Layout>(checked_enum("layout", c.layout, 2));
  p.weight_layout = static_cast<WeightLayout>(checked_enum("weight_layout", c.weight_layout, 3));
  validate(p);
  return p;
}

DType dtype_from_c(const tconv_problem& c) {
  return static_cast<DType>(checked_enum("dtype", c.dtype, 3));
}

void check_abi_version(std::uint32_t abi_version, const std::string& origin) {
  if (abi_version != TCONV_ADAPTER_ABI_VERSION) {
    throw AdapterError(origin + " was built for adapter ABI version " +
                       std::to_string(abi_version) + ", this suite speaks version " +
                       std::to_string(TCONV_ADAPTER_ABI_VERSION) +
                       ": rebuild it against this suite's include/tconv/adapter.h");
  }
}

AdapterInfo checked_declaration(const char* name, const char* version, bool has_compute,
                                const tconv_capabilities& capabilities, const std::string& origin) {
  if (!name || !version) throw AdapterError(origin + ": name and version must be set");
  const std::string named = origin + " (" + name + ")";
  if (!has_compute) throw AdapterError(named + ": compute is null");
  if (const auto invalid = invalid_capabilities(capabilities)) {
    throw AdapterError(named + ": " + *invalid);
  }
  return {name, version, capabilities};
}

LoadedLibrary load_library(const std::string& path) {
  const std::string origin = "adapter library " + path;
  void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) throw AdapterError("cannot load " + origin + ": " + dlerror());
  const auto get = reinterpret_cast<tconv_adapter_get_fn>(dlsym(handle, TCONV_ADAPTER_ENTRY_POINT));
  const tconv_adapter* declaration = get ? get() : nullptr;
  if (!declaration) {
    dlclose(handle);
    throw AdapterError(origin + (get ? ": " TCONV_ADAPTER_ENTRY_POINT " returned null"
                                     : " does not export " TCONV_ADAPTER_ENTRY_POINT));
  }
  return {handle, declaration};
}

void InProcessAdapter::LibraryCloser::operator()(void* handle) const { dlclose(handle); }

InProcessAdapter::InProcessAdapter(const tconv_adapter& linked) : c_(&linked) {
  const std::string origin = "linked-in adapter";
  check_abi_version(linked.abi_version, origin);
  info_ = checked_declaration(linked.name, linked.version, linked.compute != nullptr,
                              linked.capabilities, origin);
}

InProcessAdapter::InProcessAdapter(std::string library_path, std::unique_ptr<AdapterHost> host)
    : library_path_(std::move(library_path)), host_(std::move(host)), info_(host_->info()) {}

std::unique_ptr<InProcessAdapter> InProcessAdapter::load(const std::string& library_path,
                                                         const LoadOptions& options) {
  auto host = std::make_unique<AdapterHost>(library_path, options.timeout);
  return std::unique_ptr<InProcessAdapter>(new InProcessAdapter(library_path, std::move(host)));
}

InProcessAdapter::~InProcessAdapter() {
  if (initialized_ && c_->finalize) c_->finalize(c_->user_data);
}

const tconv_adapter* InProcessAdapter::callable(std::string& error) {
  if (c_) return c_;
  try {
    const std::string origin = "adapter library " + library_path_;
    const LoadedLibrary loaded = load_library(library_path_);
    library_.reset(loaded.handle);
    const tconv_adapter& c = *loaded.declaration;
    check_abi_version(c.abi_version, origin);
    checked_declaration(c.name, c.version, c.compute != nullptr, c.capabilities, origin);
    c_ = &c;
  } catch (const AdapterError& e) {
    error = e.what();
  }
  return c_;
}

CallResult InProcessAdapter::compute(const Problem& p, DType dtype, const Operands& operands,
                                     void* output) {
  std::string error;
  const tconv_adapter* c = callable(error);
  if (!c) return {Verdict::error, error};
  std::array<char, 1024> message{};
  if (!initialized_ && c->init &&
      c->init(c->user_data, message.data(), message.size()) != TCONV_OK) {
    return {Verdict::error, "init failed: " + message_text(message)};
  }
  initialized_ = true;
  const CProblem problem(p, dtype);
  const std::int32_t status =
      c->compute(c->user_data, &problem.get(), operands.input, operands.weights, operands.bias,
                 output, problem.get().output_elements, message.data(), message.size());
  if (status != TCONV_OK) {
    return {Verdict::error,
            "returned status " + std::to_string(status) + ": " + message_text(message)};
  }
  return {Verdict::completed, ""};
}

}  // namespace tconv
