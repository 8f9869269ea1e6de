#include "verdict.h"

namespace tconv {

const char* to_string(Verdict v) {
  switch (v) {
    case Verdict::completed: return "completed";
    case Verdict::passed: return "passed";
    case Verdict::unsupported: return "unsupported";
    case Verdict::wrong_values: return "wrong values";
    case Verdict::non_finite: return "non-finite values";
    case Verdict::error: return "error";
    case Verdict::crashed: return "crashed";
    case Verdict::aborted: return "aborted";
    case Verdict::timed_out: return "timed out";
    case Verdict::out_of_bounds: return "wrote out of bounds";
    case Verdict::unwritten: return "left elements unwritten";
    case Verdict::wrong_shape: return "wrong output shape";
    case Verdict::protocol_error: return "protocol error";
  }
  return "?";
}

}  // namespace tconv
