// The stored golden vectors (vectors/*.json, vectors/README.md) as the cases of a
// conformance run, and one golden case checked on an adapter (conformance/README.md).
#pragma once

#include <tconv/adapter.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "adapter_interface.h"
#include "isolated_call.h"
#include "loader.h"
#include "outcome.h"

namespace tconv {

// The vector files of `dir`: every *.json but schema.json, sorted by name.
std::vector<std::filesystem::path> golden_vector_paths(const std::filesystem::path& dir);

struct GoldenCase {
  int index;  // position among all stored cases (files by name, then as stored)
  const VectorCase* vector;
  std::string source;  // the framework that made it: pytorch, tfjs, onnxruntime, literature
};

// Every stored case, loaded and checked by the loader (VectorFileError on a broken file).
class GoldenVectors {
 public:
  explicit GoldenVectors(const std::filesystem::path& dir);
  GoldenVectors(const GoldenVectors&) = delete;
  GoldenVectors& operator=(const GoldenVectors&) = delete;

  const std::vector<VectorFile>& files() const { return files_; }
  const std::vector<GoldenCase>& cases() const { return cases_; }

 private:
  std::vector<VectorFile> files_;
  std::vector<GoldenCase> cases_;
};

// Whether a case can be asked of an adapter: its problem is valid in the model. True for
// every plain case, and for the findings and rejected requests whose documented problem
// the model accepts; false for those outside the model (a negative pad, an output_padding
// beyond the rule), which no adapter can be given.
bool runs_on_adapters(const VectorCase& c);

// The dtype a case runs in on an adapter: its own if declared, else a declared one that
// holds its values exactly (int64 data: float64, then float32; float32 data: float64).
std::optional<DType> golden_dtype(const VectorCase& c, const tconv_capabilities& capabilities);

// What a golden case checks on an adapter: "matches the vector" (a plain case); for a
// finding or a request the framework rejects, "matches the reference (...)".
std::string golden_check(const VectorCase& c);

// The check of a record refusing a golden vector: the vector fails a self-check
// (golden_self_checks.h), so an adapter would be judged against values the references
// do not give (a tampered or corrupted file, e.g. a zeroed expected output).
inline constexpr const char* kReferencesAgreeWithTheVector = "the references agree with the vector";

// One case (runs_on_adapters) on the adapter. First the vector's own self-checks: a
// vector failing one is refused, recorded as kReferencesAgreeWithTheVector failing (its
// verdict and message), and not run. Else unsupported outside the adapter's declared
// capabilities; else one isolated call, compared with the vector's output (a plain case:
// exactly in int64, otherwise within (γ_n(u_vector) + γ_n(u_run))·(Σ|x·w| + |b|)), or
// with the reference's (a finding: the framework's output is wrong; a rejected request:
// there is none); error when the suite cannot check it (outcome_or_error). Recorded
// under the case id, phase "golden".
CaseRecord check_golden_case(Adapter& adapter, const GoldenCase& c,
                             const IsolationOptions& isolation);

}  // namespace tconv
