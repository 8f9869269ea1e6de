// The built-in self-check: on one problem, the four reference formulations must give
// identical results on small-integer data (in int64 and in double, where such data make
// every formulation exact), and each must be the exact adjoint of conv_forward.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "problem.h"

namespace tconv {

// nullopt when everything agrees; otherwise the first failure, as a message naming the
// problem string, the formulation, the data seed, and the coordinate with both values.
std::optional<std::string> check_reference_agreement(const Problem& p, std::uint64_t data_seed);

}  // namespace tconv
