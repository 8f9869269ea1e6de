// Reads the golden vector files (vectors/README.md, vectors/schema.json) into plain
// structs. Everything read is checked: the schema's rules field by field, the README's
// rules, and each tensor against the case's own problem (shape, layout, dtype). The
// first broken rule throws a VectorFileError naming the file, the case and the field
// as a JSON pointer, e.g.
//   vectors/pytorch.json: case 'pt_x' at /cases/3/input/data: 5 values, shape [1, 2, 3] has 6
// Nothing is skipped or adjusted.
//
// Files are untrusted: only a regular file of at most kMaxVectorFileBytes is read, its
// arrays and objects nest at most kMaxVectorNesting deep, and every problem a case makes
// the suite compute is within its size limit (check/problem_limit.h) with sums that
// stay in range: no int64 product or sum can overflow, and every float case's rounding
// bound is finite (an infinite bound would pass any output).
#pragma once

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "bounded_json.h"  // kMaxJsonDepth, JsonTooDeep (check/)
#include "problem.h"
#include "scalar.h"  // DType

namespace tconv {

class VectorFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// 16 MiB, 16 times the largest stored file: the loader's memory stays within about 20
// times a file's size, so a larger file is refused before it is read. Files loaded
// together (load_vector_files) total at most 64 MiB, 40 times the stored ones: the
// structs they become take about 4 times their text.
inline constexpr std::uintmax_t kMaxVectorFileBytes = std::uintmax_t{16} << 20;
inline constexpr std::uintmax_t kMaxVectorFilesBytes = std::uintmax_t{64} << 20;
// The stored files nest 7 deep (a framework call's arguments); deeper is refused while
// parsing, before a deep value can overflow the stack (check/bounded_json.h).
inline constexpr int kMaxVectorNesting = kMaxJsonDepth;

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
// Refuses anything but a regular file (a FIFO, a device, also through a symlink) and a
// file over kMaxVectorFileBytes, naming the file, its size and the limit.
VectorFile load_vector_file(const std::filesystem::path& path);
// Loads every file and checks that case ids are unique across them and that together
// they have at most kMaxVectorFilesBytes.
std::vector<VectorFile> load_vector_files(const std::vector<std::filesystem::path>& paths);

const char* to_string(Framework f);

}  // namespace tconv
