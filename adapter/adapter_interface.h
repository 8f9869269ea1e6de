// The suite's side of an adapter: the one interface through which a third party's
// transposed convolution is run, whether it is linked in, loaded from a shared
// library through the C ABI (include/tconv/adapter.h), or a separate process
// speaking the line protocol (process_adapter.h). docs/ADAPTERS.md describes both.
#pragma once

#include <tconv/adapter.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include "problem.h"
#include "scalar.h"
#include "verdict.h"

namespace tconv {

// The element type of every tensor of a call: DType of scalar.h, whose values are the ABI's.
static_assert(static_cast<int>(DType::float32) == TCONV_FLOAT32 &&
              static_cast<int>(DType::float64) == TCONV_FLOAT64 &&
              static_cast<int>(DType::int64) == TCONV_INT64);
DType parse_dtype(std::string_view name);  // throws std::invalid_argument
std::size_t element_size(DType d);

template <class T>
constexpr DType dtype_of();
template <>
constexpr DType dtype_of<float>() {
  return DType::float32;
}
template <>
constexpr DType dtype_of<double>() {
  return DType::float64;
}
template <>
constexpr DType dtype_of<std::int64_t>() {
  return DType::int64;
}

// Calls f(T{}) with the C++ type of d.
template <class F>
decltype(auto) visit_dtype(DType d, F&& f) {
  switch (d) {
    case DType::float32: return f(float{});
    case DType::float64: return f(double{});
    case DType::int64: break;
  }
  return f(std::int64_t{});
}

// An adapter that cannot be loaded or started (missing library or symbol, another ABI
// version, a failed handshake). A failure inside a call is a Verdict, never this.
class AdapterError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A problem in the C ABI's form; owns the problem string its `text` points to.
class CProblem {
 public:
  CProblem(const Problem& p, DType dtype);  // validates p (ProblemError)
  CProblem(const CProblem&) = delete;
  CProblem& operator=(const CProblem&) = delete;
  const tconv_problem& get() const { return c_; }

 private:
  std::string text_;
  tconv_problem c_{};
};

// The problem and dtype a C problem describes; ProblemError naming a field out of range.
Problem from_c(const tconv_problem& c);
DType dtype_from_c(const tconv_problem& c);

struct AdapterInfo {
  std::string name, version;
  tconv_capabilities capabilities;
};

// The checks of a C ABI declaration, linked in or reported by the adapter host, `origin`
// naming it in the AdapterError: the ABI version first (the rest of the struct may be
// laid out otherwise), then name, version and compute set and the capabilities valid
// (invalid_capabilities, capabilities.h).
void check_abi_version(std::uint32_t abi_version, const std::string& origin);
AdapterInfo checked_declaration(const char* name, const char* version, bool has_compute,
                                const tconv_capabilities& capabilities, const std::string& origin);

// A call's operands in the problem's layouts, all of the call's dtype; bias is null
// when the problem has none.
struct Operands {
  const void* input;
  const void* weights;
  const void* bias;
};

// A library's declaration, loaded in the calling process: dlopen, then its
// tconv_adapter_get. AdapterError naming the library. The handle stays open: the
// declaration lives in it.
struct LoadedLibrary {
  void* handle;
  const tconv_adapter* declaration;
};
LoadedLibrary load_library(const std::string& path);

class AdapterHost;  // host/adapter_host.h

class Adapter {
 public:
  virtual ~Adapter() = default;
  virtual const AdapterInfo& info() const = 0;
  // Runs the implementation once, writing output_elements(p) values of dtype into
  // `output`. A failure of the implementation is returned, never thrown.
  virtual CallResult compute(const Problem& p, DType dtype, const Operands& operands,
                             void* output) = 0;
  // True when compute already runs the implementation in a process of its own, with
  // its own timeout, so the isolated executor need not fork (isolated_call.h).
  virtual bool runs_out_of_process() const { return false; }
  // The process that runs the isolated calls of a loaded library, or null when the
  // isolated executor forks the caller to run compute (isolated_call.h).
  virtual AdapterHost* host() { return nullptr; }
};

struct LoadOptions {
  // For the host to load the library and return its declaration (its constructors run).
  std::chrono::milliseconds timeout{30'000};
};

// An adapter through the C ABI. compute calls the adapter's init first, once per
// process; the destructor calls finalize where init ran, then unloads the library.
class InProcessAdapter final : public Adapter {
 public:
  // A struct linked into the program. AdapterError if its ABI version or fields are
  // wrong. Its isolated calls run in a fork of the program, which sees the program's
  // memory (docs/ADAPTERS.md#isolation).
  explicit InProcessAdapter(const tconv_adapter& linked);
  // A shared library exporting tconv_adapter_get, loaded in an adapter host process
  // (host/adapter_host.h), never in this one: its isolated calls run there. AdapterError
  // if it cannot be loaded, crashes or hangs while loading, or declares what it must not.
  static std::unique_ptr<InProcessAdapter> load(const std::string& library_path,
                                                const LoadOptions& options = {});
  ~InProcessAdapter() override;
  InProcessAdapter(const InProcessAdapter&) = delete;
  InProcessAdapter& operator=(const InProcessAdapter&) = delete;

  const AdapterInfo& info() const override { return info_; }
  // Runs the implementation in THIS process, unisolated: for a loaded library, it is
  // loaded here on the first call. For trusted uses (a benchmark timing the library);
  // isolated_call never calls it for a loaded library.
  CallResult compute(const Problem& p, DType dtype, const Operands& operands,
                     void* output) override;
  AdapterHost* host() override { return host_.get(); }

 private:
  struct LibraryCloser {
    void operator()(void* handle) const;
  };
  InProcessAdapter(std::string library_path, std::unique_ptr<AdapterHost> host);
  // The struct to call here: the linked one, or the library's, loaded on first use.
  // Null with `error` set when it cannot be loaded.
  const tconv_adapter* callable(std::string& error);

  std::string library_path_;                      // empty when linked in
  std::unique_ptr<AdapterHost> host_;             // null when linked in
  std::unique_ptr<void, LibraryCloser> library_;  // loaded here by compute
  const tconv_adapter* c_ = nullptr;
  AdapterInfo info_;
  bool initialized_ = false;
};

}  // namespace tconv
