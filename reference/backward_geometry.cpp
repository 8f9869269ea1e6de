#include "backward_geometry.h"

#include <initializer_list>
#include <string>

#include "problem_string.h"

namespace tconv {
namespace {

struct Operand {
  const char* name;
  std::size_t got;
  std::int64_t want;
};

// The problem is validated by the element counts (ProblemError) before any length is compared.
void check_lengths(const Problem& p, std::initializer_list<Operand> operands) {
  for (const Operand& o : operands) {
    if (o.got != static_cast<std::size_t>(o.want)) {
      throw ProblemError(std::string(o.name) + " length = " + std::to_string(o.got) +
                         ": problem " + to_string(p) + " needs " + std::to_string(o.want));
    }
  }
}

}  // namespace

Geometry checked_data_gradient_geometry(const Problem& p, std::size_t grad_output,
                                        std::size_t weights, std::size_t grad_input) {
  check_lengths(p, {{"grad_output", grad_output, output_elements(p)},
                    {"weights", weights, weight_elements(p)},
                    {"grad_input", grad_input, input_elements(p)}});
  return make_geometry(p);
}

Geometry checked_weight_gradient_geometry(const Problem& p, std::size_t input,
                                          std::size_t grad_output, std::size_t grad_weights,
                                          std::size_t grad_bias) {
  check_lengths(p, {{"input", input, input_elements(p)},
                    {"grad_output", grad_output, output_elements(p)},
                    {"grad_weights", grad_weights, weight_elements(p)},
                    {"grad_bias", grad_bias, bias_elements(p)}});
  return make_geometry(p);
}

}  // namespace tconv
