#include "problem_string.h"

#include <cctype>
#include <charconv>
#include <map>
#include <set>
#include <sstream>
#include <vector>

namespace tconv {
namespace {

// The per-axis keys, in canonical order, with the Axis field each one fills.
struct AxisKey {
  const char* key;
  std::int64_t Axis::*field;
};
constexpr AxisKey kAxisKeys[] = {
    {"i", &Axis::input},          {"k", &Axis::kernel},       {"s", &Axis::stride},
    {"d", &Axis::dilation},       {"pb", &Axis::pad_begin},   {"pe", &Axis::pad_end},
    {"op", &Axis::output_padding},
};

[[noreturn]] void syntax_error(std::string_view token, const std::string& why) {
  throw ProblemError("problem string token '" + std::string(token) + "': " + why);
}

std::int64_t parse_int(std::string_view token, std::string_view digits) {
  std::int64_t value = 0;
  const char* end = digits.data() + digits.size();
  auto [ptr, ec] = std::from_chars(digits.data(), end, value);
  if (digits.empty() || ec != std::errc() || ptr != end) {
    syntax_error(token, "'" + std::string(digits) + "' is not a 64-bit integer");
  }
  return value;
}

std::vector<std::int64_t> parse_dims(std::string_view token, std::string_view text) {
  std::vector<std::int64_t> dims;
  std::size_t start = 0;
  while (true) {
    const std::size_t x = text.find('x', start);
    dims.push_back(parse_int(token, text.substr(start, x - start)));
    if (x == std::string_view::npos) return dims;
    start = x + 1;
  }
}


}  // namespace

std::string to_string(const Problem& p) {
  std::ostringstream s;
  s << "n" << p.batch << ",g" << p.groups << ",ic" << p.in_channels << ",oc" << p.out_channels;
  for (const AxisKey& k : kAxisKeys) {
    s << "," << k.key;
    for (std::size_t a = 0; a < p.axes.size(); ++a) s << (a ? "x" : "") << p.axes[a].*(k.field);
  }
  s << (p.has_bias ? ",bias," : ",nobias,") << to_string(p.layout) << "," << to_string(p.weight_layout);
  return s.str();
}

Problem parse_problem(std::string_view text) {
  Problem p;
  std::map<std::string, std::vector<std::int64_t>> axis_values;
  std::set<std::string> seen;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = text.find(',', start);
    const std::string_view token = text.substr(start, comma - start);
    start = comma == std::string_view::npos ? text.size() + 1 : comma + 1;

    std::size_t letters = 0;
    while (letters < token.size() && std::islower(static_cast<unsigned char>(token[letters]))) {
      ++letters;
    }
    const std::string key(token.substr(0, letters));
    const std::string_view rest = token.substr(letters);
    const bool is_word = rest.empty();
    static const std::map<std::string, std::string> kWordSlots = {
        {"bias", "bias"},  {"nobias", "bias"}, {"ncx", "layout"}, {"nxc", "layout"},
        {"iox", "weights"}, {"oix", "weights"}, {"xoi", "weights"}};
    const auto word = kWordSlots.find(key);
    if (is_word && word == kWordSlots.end()) syntax_error(token, "unknown word");
    const std::string slot = is_word ? word->second : key;
    if (!seen.insert(slot).second) syntax_error(token, "'" + slot + "' given twice");

    if (key == "bias" && is_word) p.has_bias = true;
    else if (key == "nobias" && is_word) p.has_bias = false;
    else if (key == "ncx" && is_word) p.layout = Layout::ncx;
    else if (key == "nxc" && is_word) p.layout = Layout::nxc;
    else if (key == "iox" && is_word) p.weight_layout = WeightLayout::iox;
    else if (key == "oix" && is_word) p.weight_layout = WeightLayout::oix;
    else if (key == "xoi" && is_word) p.weight_layout = WeightLayout::xoi;
    else if (key == "n" && !is_word) p.batch = parse_int(token, rest);
    else if (key == "g" && !is_word) p.groups = parse_int(token, rest);
    else if (key == "ic" && !is_word) p.in_channels = parse_int(token, rest);
    else if (key == "oc" && !is_word) p.out_channels = parse_int(token, rest);
    else {
      bool known = false;
      for (const AxisKey& k : kAxisKeys) known = known || (key == k.key && !is_word);
      if (!known) syntax_error(token, "unknown key");
      axis_values[key] = parse_dims(token, rest);
    }
  }
  for (const char* required : {"ic", "oc", "i", "k"}) {
    if (!seen.count(required)) {
      throw ProblemError("problem string '" + std::string(text) + "': missing key '" +
                         required + "'");
    }
  }
  const std::size_t rank = axis_values["i"].size();
  p.axes.assign(rank, Axis{});
  for (const AxisKey& k : kAxisKeys) {
    auto it = axis_values.find(k.key);
    if (it == axis_values.end()) continue;
    if (it->second.size() != rank) {
      throw ProblemError("problem string key '" + std::string(k.key) + "' has " +
                         std::to_string(it->second.size()) + " values, but 'i' gives rank " +
                         std::to_string(rank));
    }
    for (std::size_t a = 0; a < rank; ++a) p.axes[a].*(k.field) = it->second[a];
  }
  return p;
}

}  // namespace tconv
