#include "session_history.h"

#include <stdexcept>

#include "adapter_interface.h"
#include "bounded_json.h"
#include "problem_limit.h"
#include "problem_string.h"
#include "regular_file.h"

namespace tconv {
namespace {

using nlohmann::json;

constexpr const char* kFormat = "tconv-session-history/1";

[[noreturn]] void refuse(const std::string& origin, const std::string& field,
                         const std::string& what) {
  throw std::runtime_error(origin + ": " + field + ": " + what);
}

const json& member(const json& object, const std::string& key, json::value_t type,
                   const std::string& origin, const std::string& field) {
  const auto it = object.find(key);
  if (it == object.end()) refuse(origin, field, "missing");
  const bool unsigned_wanted = type == json::value_t::number_unsigned;
  if (unsigned_wanted ? !it->is_number_unsigned() : it->type() != type) {
    refuse(
        origin, field,
        "must be " + std::string(unsigned_wanted ? "an unsigned integer" : json(type).type_name()));
  }
  return *it;
}

SessionCall parse_call(const json& j, const std::string& origin, const std::string& field) {
  if (!j.is_object()) refuse(origin, field, "must be an object");
  SessionCall c;
  const std::string problem =
      member(j, "problem", json::value_t::string, origin, field + ".problem").get<std::string>();
  try {
    c.problem = parse_problem(problem);
    check_problem_size(c.problem);
  } catch (const ProblemError& e) {
    refuse(origin, field + ".problem", e.what());
  }
  const std::string dtype =
      member(j, "dtype", json::value_t::string, origin, field + ".dtype").get<std::string>();
  try {
    c.dtype = parse_dtype(dtype);
  } catch (const std::invalid_argument& e) {
    refuse(origin, field + ".dtype", e.what());
  }
  c.data_seed = member(j, "data_seed", json::value_t::number_unsigned, origin, field + ".data_seed")
                    .get<std::uint64_t>();
  return c;
}

}  // namespace

std::string session_history_json(const SessionHistory& h) {
  json calls = json::array();
  for (const SessionCall& c : h.calls) {
    calls.push_back({{"problem", to_string(c.problem)},
                     {"dtype", to_string(c.dtype)},
                     {"data_seed", c.data_seed}});
  }
  const json j = {{"format", kFormat},
                  {"failure", h.failure},
                  {"original_length", h.original_length},
                  {"length", h.calls.size()},
                  {"calls", calls}};
  return j.dump(2) + "\n";
}

SessionHistory parse_session_history(const std::string& text, const std::string& origin) {
  json j;
  try {
    j = parse_bounded_json(text);
  } catch (const std::exception& e) {  // a syntax error, or nested too deep
    throw std::runtime_error(origin + ": not a session history (JSON): " + e.what());
  }
  if (!j.is_object()) refuse(origin, "the document", "must be an object");
  const std::string format =
      member(j, "format", json::value_t::string, origin, "format").get<std::string>();
  if (format != kFormat) refuse(origin, "format", "'" + format + "', expected " + kFormat);
  const json& calls = member(j, "calls", json::value_t::array, origin, "calls");
  if (calls.empty() || calls.size() > kMaxSessionCalls) {
    refuse(
        origin, "calls",
        std::to_string(calls.size()) + " calls: must be 1 to " + std::to_string(kMaxSessionCalls));
  }
  SessionHistory h;
  for (std::size_t i = 0; i < calls.size(); ++i) {
    h.calls.push_back(parse_call(calls[i], origin, "calls[" + std::to_string(i) + "]"));
  }
  h.original_length = static_cast<std::int64_t>(h.calls.size());  // what is run again
  return h;
}

SessionHistory read_session_history(const std::string& path) {
  std::string text;
  try {
    text = read_regular_file(path, kMaxSessionFileBytes);
  } catch (const FileReadError& e) {
    throw std::runtime_error(std::string("session history ") + e.what());
  }
  return parse_session_history(text, "session history " + path);
}

}  // namespace tconv
