// libFuzzer target: any byte string read as a canonical problem string. parse_problem
// either throws ProblemError or returns a problem whose to_string parses back to the
// same problem and string; validate() then accepts it or throws ProblemError, and an
// accepted problem has tensor sizes. Anything else is a bug.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "problem.h"
#include "problem_string.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  tconv::Problem p;
  try {
    p = tconv::parse_problem(std::string_view(reinterpret_cast<const char*>(data), size));
  } catch (const tconv::ProblemError&) {
    return 0;
  }
  const std::string canonical = tconv::to_string(p);
  const tconv::Problem again = tconv::parse_problem(canonical);
  if (!(again == p) || tconv::to_string(again) != canonical) __builtin_trap();
  try {
    tconv::validate(p);
  } catch (const tconv::ProblemError&) {
    return 0;
  }
  tconv::input_elements(p);
  tconv::weight_elements(p);
  tconv::output_elements(p);
  tconv::bias_elements(p);
  return 0;
}
