// libFuzzer target: any byte string read as a vector file. The loader either returns a
// file whose tensors agree with their shapes, or throws VectorFileError; any other
// exception, a crash or undefined behaviour is a bug.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "loader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    const tconv::VectorFile file = tconv::parse_vector_file(
        std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.json");
    const auto elements = [](const tconv::Tensor& t) {
      std::size_t n = 1;
      for (std::int64_t extent : t.shape) n *= static_cast<std::size_t>(extent);
      return n;
    };
    for (const tconv::VectorCase& c : file.cases) {
      if (elements(c.input) != c.input.data.size() ||
          elements(c.weights) != c.weights.data.size() ||
          (c.expected && elements(*c.expected) != c.expected->data.size())) {
        __builtin_trap();
      }
    }
  } catch (const tconv::VectorFileError&) {
  }
  return 0;
}
