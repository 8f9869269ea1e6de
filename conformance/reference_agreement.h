// The built-in self-check: on one problem, the four reference formulations must give
// identical results on small-integer data (in int64 and in double, where such data make
// every formulation exact), and each must be the exact adjoint of conv_forward.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "outcome.h"
#include "problem.h"

namespace tconv {

// What the check is called in reports.
inline constexpr const char* kReferenceAgreement = "formulations agree, exactly and as adjoints";

// nullopt when everything agrees; otherwise the first failure, as a message starting with
// the problem string, naming the formulation, the data seed, and the coordinate with both
// values.
std::optional<std::string> check_reference_agreement(const Problem& p, std::uint64_t data_seed);

// The check as an outcome, its data drawn from data_seed(run_seed, p, int64, its name):
// wrong_values on a disagreement, error when a formulation throws.
Outcome reference_formulations_agree(const Problem& p, std::uint64_t run_seed);

}  // namespace tconv
