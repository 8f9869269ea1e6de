// The session phase of a run (docs/ADAPTERS.md#sessions): a few sequences of calls, each
// in one process of the adapter (a session), so that state an optimised kernel keeps
// from call to call (a plan cache, a scratch buffer, an accumulator) survives as in a
// real program. Each session repeats identical calls, whose output bits must be equal
// (determinism), varies stride, dilation, pads and layouts at one channel pair and
// kernel (plan caches), grows then shrinks the sizes (scratch buffers), with fresh data
// on every other call. Each call is checked against the reference as a property case
// (check_against_reference); a session ends at its first failing call. Its history is
// then shrunk by delta debugging, each trial a fresh session, and written to a file that
// --session-replay runs again.
//
// Session k of the seed belongs to shard k % n. Calls outside the adapter's declared
// capabilities, --rank, --dtype or --feature are left out of it.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "adapter_interface.h"
#include "isolated_call.h"
#include "options.h"
#include "progress.h"
#include "report.h"
#include "session_history.h"

namespace tconv {

inline constexpr int kSessionsPerRun = 4;

// The calls of session `index` of the run's seed.
std::vector<SessionCall> plan_session(const Options& options, const AdapterInfo& info, int index);

struct SessionFailure {
  std::size_t call;  // the index of the failing call
  CallResult result;
};

// Runs the calls in one fresh session; the first failure, or nullopt when every call
// passed (and every repeated call returned the same bits).
std::optional<SessionFailure> run_session(Adapter& adapter, const std::vector<SessionCall>& calls,
                                          const IsolationOptions& isolation);

// The shortest history found (ddmin) whose session still fails in the same way: with the
// same verdict at its last call, which is the failing call of `calls` (calls[failure.call]).
std::vector<SessionCall> shrink_session(Adapter& adapter, const std::vector<SessionCall>& calls,
                                        const SessionFailure& failure,
                                        const IsolationOptions& isolation);

// Appends one record per session of this shard to report.cases.
void run_session_phase(const Options& options, Adapter& adapter, RunReport& report,
                       Progress& progress);

// --session-replay: the history of options.session_replay run as one session; one
// record. std::runtime_error for a file that is not a history.
void run_session_replay(const Options& options, Adapter& adapter, RunReport& report);

}  // namespace tconv
