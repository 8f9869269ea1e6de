// libFuzzer target: any byte string as a line an out-of-process adapter wrote, read as
// its handshake and as its reply to request 3 for a small problem in each dtype.
// parse_handshake returns or throws AdapterError; read_response returns a verdict and
// writes no further than the output (each dtype's output is a heap block of exactly its
// size, so AddressSanitizer sees an overrun). Any other exception, a crash (a stack
// overflow on deep nesting) or undefined behaviour is a bug. And the nesting scan agrees
// with the parser: a document it lets through nests no deeper than the limit.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string_view>
#include <utility>
#include <vector>

#include "bounded_json.h"
#include "problem.h"
#include "problem_string.h"
#include "protocol.h"

namespace {

using nlohmann::json;

// Without recursion, which is what the limit is for.
int depth(const json& document) {
  int deepest = 0;
  std::vector<std::pair<const json*, int>> pending{{&document, 0}};
  while (!pending.empty()) {
    const auto [value, level] = pending.back();
    pending.pop_back();
    if (!value->is_structured()) continue;
    deepest = std::max(deepest, level + 1);
    for (const json& child : *value) pending.push_back({&child, level + 1});
  }
  return deepest;
}

template <class T>
void read_reply(std::string_view line, const tconv::Problem& p) {
  std::vector<T> output(static_cast<std::size_t>(tconv::output_elements(p)));
  tconv::read_response(line, 3, p, tconv::dtype_of<T>(), output.data());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view line(reinterpret_cast<const char*>(data), size);
  try {
    tconv::parse_handshake(line);
  } catch (const tconv::AdapterError&) {
  }
  // Output [N 1, C 2, W 2] in ncx: the seeds' replies have shape [1, 2, 2].
  static const tconv::Problem p = tconv::parse_problem("ic1,oc2,i1,k2");
  read_reply<float>(line, p);
  read_reply<double>(line, p);
  read_reply<std::int64_t>(line, p);
  try {
    const json document = tconv::parse_bounded_json(line, nullptr, /*allow_exceptions=*/false);
    if (!document.is_discarded() && depth(document) > tconv::kMaxJsonDepth) __builtin_trap();
  } catch (const tconv::JsonTooDeep&) {
  }
  return 0;
}
