// Reads the golden vector files (vectors/README.md, vectors/schema.json) into plain
// structs. Everything read is checked: the schema's rules field by field, the README's
// rules, and each tensor against the case's own problem (shape, layout, dtype). The
// first broken rule throws a VectorFileError naming the file, the case and the field
// as a JSON pointer, e.g.
//   vectors/pytorch.json: case 'pt_x' at /cases/3/input/data: 5 values, shape [1, 2, 3] has 6
// Nothing is skipped or adjusted.
#pragma once

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "problem.h"
#include "scalar.h"  // DType

namespace tconv {

class VectorFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class ComparisonKind { exact, bounded };
enum class Framework { literature, pytorch, tfjs, onnxruntime };

// Physical shape (in the problem's layouts) and row-major data. A NaN is a null of the
// file, which only a finding's expected and an expect_error's observed output may hold.
struct Tensor {
  std::vector<std::int64_t> shape;
  std::vector<double> data;
};

struct FrameworkCall {
  Framework framework;
  std::optional<std::string> version;
  std::string api;
  nlohmann::json arguments;  // the framework's own argument names, as stored
};

struct Comparison {
  ComparisonKind kind;
  double unit_roundoff = 0;  // bounded only: 2^-24 for float32, 2^-53 for float64
  std::string note;          // bounded only
};

struct ExpectError {
  bool rejected;
  std::optional<std::string> message;  // present exactly when rejected
  bool model_accepts;
  std::string note;
  std::optional<Tensor> observed;  // present exactly when not rejected
};

struct Finding {
  std::string text;
  std::optional<Problem>
      observed_problem;  // differs from `problem` only in pads and output_padding
};

// The layouts of input, weights and expected are the problem's: the loader rejects any other.
struct VectorCase {
  std::string id;
  std::string pointer;  // "/cases/<index>", for messages
  std::string description;
  FrameworkCall framework;
  Problem problem;  // valid unless the case has expect_error or a finding
  DType dtype;
  Comparison comparison;
  Tensor input, weights;
  std::optional<Tensor> bias;      // present exactly when problem.has_bias
  std::optional<Tensor> expected;  // present exactly when expect_error is not
  std::optional<ExpectError> expect_error;
  std::optional<Finding> finding;  // only with expected

  bool plain() const { return expected && !finding; }
};

struct Provenance {
  std::string generator, generator_version, script, created;
  std::optional<std::int64_t> seed;
  nlohmann::json tools;  // null when absent
};

struct VectorFile {
  std::string name;
  Provenance provenance;
  std::vector<VectorCase> cases;
};

// `name` is the file name the messages give.
VectorFile parse_vector_file(std::string_view text, const std::string& name);
VectorFile load_vector_file(const std::filesystem::path& path);
// Loads every file and checks that case ids are unique across them.
std::vector<VectorFile> load_vector_files(const std::vector<std::filesystem::path>& paths);

const char* to_string(Framework f);

}  // namespace tconv
