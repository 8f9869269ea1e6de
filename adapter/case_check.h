// One case of an adapter checked against the suite's reference, start to end: the
// capability check (unsupported cases are not run), one isolated call, then the
// comparison with the direct scatter: exact in int64, within the rounding bound of
// error_bound.h in float32 / float64. The runner's random cases go through here.
#pragma once

#include <span>

#include "adapter_interface.h"
#include "compare.h"
#include "isolated_call.h"
#include "problem.h"

namespace tconv {

// passed, or the one verdict that says why not. The message starts with the problem
// string; a mismatch gives the coordinate and both values.
template <class T>
CallResult check_against_reference(Adapter& adapter, const Problem& p, std::span<const T> input,
                                   std::span<const T> weights, std::span<const T> bias,
                                   const IsolationOptions& options = {});

// The same, leaving what the adapter wrote (once it was called) in `output`,
// output_elements(p) values: a session compares the bits of repeated calls.
template <class T>
CallResult check_against_reference(Adapter& adapter, const Problem& p, std::span<const T> input,
                                   std::span<const T> weights, std::span<const T> bias,
                                   std::span<T> output, const IsolationOptions& options);

// The verdict of a comparison's mismatch in p's output: non_finite where the output
// is NaN or infinite and the expected value finite, else wrong_values. (A NaN here
// was computed: the isolated call has already reported elements left unwritten.)
CallResult mismatch_result(const Problem& p, const Mismatch& m);

}  // namespace tconv
