// One call of an adapter, and its output compared with what it should be: exactly in
// int64, within a per-element bound in float32 / float64. A failure gives the first
// mismatch (coordinate, both values, the bound) and the error map of the whole output.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "adapter_interface.h"
#include "isolated_call.h"
#include "operands.h"
#include "outcome.h"
#include "problem.h"

namespace tconv {

struct ExpectedOutput {
  std::vector<double> values;   // in the output's physical order (the problem's layout)
  std::vector<double> allowed;  // per element; empty for an exact comparison (int64)
};

// The direct scatter's output for these operands: in int64 exact; in float32 / float64
// computed in double, allowing the roundings of T and of double (conv_transpose_tolerance).
template <class T>
ExpectedOutput reference_output(const Problem& p, const OperandData<T>& operands);

// passed, or wrong_values / non_finite (case_check.h's mismatch_result) with the first
// mismatch and the error map. `what`, when given, says what was compared; the message
// reads "<problem>: <what>: output[...]: expected ..., got ...". An output of more than
// max_error_map_elements elements gets no error map (the message says so): the map
// holds four doubles per element and takes seconds to build on a real layer's output.
template <class T>
Outcome compare_output(const Problem& p, const ExpectedOutput& expected, std::span<const T> actual,
                       std::string_view what = {},
                       std::int64_t max_error_map_elements = INT64_MAX);

// non_finite at the first NaN or infinity of an adapter's output (the data of every check
// keep the exact result finite), or nullopt.
template <class T>
std::optional<Outcome> first_non_finite(const Problem& p, std::span<const T> output);

// One isolated call (isolated_call.h) on the operands; `output` is resized and holds
// whatever the adapter wrote, whatever the verdict.
template <class T>
CallResult call_adapter(Adapter& adapter, const Problem& p, const OperandData<T>& operands,
                        std::vector<T>& output, const IsolationOptions& isolation);

// The call's failure, or the comparison of its output with `expected`.
template <class T>
Outcome run_and_compare(Adapter& adapter, const Problem& p, const OperandData<T>& operands,
                        const ExpectedOutput& expected, const IsolationOptions& isolation);

}  // namespace tconv
