#include "implementation.h"

#include "references.h"

namespace tconv::properties {

const std::vector<Implementation>& reference_implementations() {
  static const std::vector<Implementation> implementations = [] {
    std::vector<Implementation> all;
    for (Formulation f : kFormulations) {
      all.push_back(make_implementation(
          to_string(f), [f](const Problem& p, auto input, auto weights, auto bias, auto output) {
            conv_transpose(f, p, input, weights, bias, output);
          }));
    }
    return all;
  }();
  return implementations;
}

}  // namespace tconv::properties
