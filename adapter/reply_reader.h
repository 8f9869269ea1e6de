// A reply line of the protocol (protocol.h, read_response) read through the parser's
// events, without building a document: the output values go straight into the output,
// and every other value is kept only as far as a check or a message needs it. So a
// reply costs no more memory than its length, and running out of memory while reading
// one throws std::bad_alloc cleanly. (An nlohmann::json document allocates while it is
// destroyed: a bad_alloc while parsing one reaches a destructor and ends the process.)
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "adapter_interface.h"
#include "printable_text.h"
#include "protocol.h"

namespace tconv::protocol {

using nlohmann::json;

inline constexpr std::size_t kShownBytes = 200;  // of a value quoted in a message

// A scalar as a message quotes it, compact JSON; a long string only in part.
inline std::string scalar_text(const json& v) {
  const auto* s = v.get_ptr<const std::string*>();
  const json part = s && s->size() > kShownBytes ? json(s->substr(0, kShownBytes + 1)) : v;
  return part.dump(-1, ' ', false, json::error_handler_t::replace);
}

// A value's text as a message quotes it: whole, or its start if long.
inline std::string shown(const std::string& text) {
  return text.size() > kShownBytes ? quoted_excerpt(text, kShownBytes) : text;
}

// One output value: a number, or null for NaN (floating types only).
template <class T>
bool read_value(const json& v, T& out) {
  if constexpr (std::is_integral_v<T>) {
    if (!v.is_number_integer()) return false;  // also false for 3.0: int64 outputs are integers
    if (v.is_number_unsigned() && v.get<std::uint64_t>() > std::numeric_limits<T>::max())
      return false;
    out = v.get<T>();
  } else if (v.is_null()) {
    out = std::numeric_limits<T>::quiet_NaN();
  } else if (v.is_number()) {
    out = static_cast<T>(v.get<double>());
  } else {
    return false;
  }
  return true;
}

// The handler of nlohmann::json::sax_parse for the reply to request `id`, whose output
// must have the physical shape `shape`, the layout `layout` if it names one, and as many
// values as `output`, which it fills. Nesting must be bounded already (bounded_json.h).
template <class T>
class ReplyReader {
 public:
  ReplyReader(std::int64_t id, std::vector<std::int64_t> shape, std::string layout,
              std::span<T> output)
      : id_(id), want_shape_(std::move(shape)), want_layout_(std::move(layout)), output_(output) {}

  bool null() { return scalar(json(nullptr)); }
  bool boolean(bool b) { return scalar(json(b)); }
  bool number_integer(std::int64_t v) { return scalar(json(v)); }
  bool number_unsigned(std::uint64_t v) { return scalar(json(v)); }
  bool number_float(double v, const std::string&) { return scalar(json(v)); }
  bool string(std::string& s) {
    if (place() != Place::elsewhere || capture_) return scalar(json(s));
    separate();  // not copied where nothing reads it
    return true;
  }
  bool binary(json::binary_t&) { return false; }  // not in JSON text
  bool start_object(std::size_t) { return open(false); }
  bool start_array(std::size_t) { return open(true); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }
  bool key(std::string& k);
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) {
    malformed_ = true;
    return false;
  }

  // After the parse: completed, error, wrong_shape or protocol_error, as protocol.h says.
  CallResult verdict(std::string_view line) const;

 private:
  // Where a value is in the reply; the members the reply is read for.
  enum class Place { root, id, error, output, shape, layout, data, extent, datum, elsewhere };
  struct Level {
    bool array;
    Place place;                      // of this array or object
    std::size_t members = 0;          // its elements or members so far
    Place member = Place::elsewhere;  // an object's: that of the member being read
  };

  Place place() const;
  bool given(Place p) const { return (given_ >> static_cast<int>(p)) & 1; }
  // A value or key begins: a comma before it in a quoted text.
  void separate() {
    if (!levels_.empty() && levels_.back().array && levels_.back().members++ > 0) quote(",");
  }
  void quote(std::string_view text) {
    if (capture_ && capture_->size() <= kShownBytes) *capture_ += text;
  }
  bool scalar(const json& v);
  bool open(bool array);
  bool close();

  std::int64_t id_;
  std::vector<std::int64_t> want_shape_;
  std::string want_layout_;
  std::span<T> output_;

  std::vector<Level> levels_;
  std::string* capture_ = nullptr;  // where the text of the value being read goes, if wanted
  std::size_t capture_depth_ = 0;   // levels_.size() before it began

  bool malformed_ = false;  // not JSON, or not an object
  unsigned given_ = 0;      // members given, a bit per Place
  std::string twice_;       // a member given twice
  bool id_ok_ = false;
  std::string id_text_ = "null";
  std::optional<std::string> error_message_;  // the adapter's, when "error" is a string
  std::string error_text_;                    // else the value's text
  bool output_object_ = false;
  bool shape_ok_ = true;
  std::string shape_text_;
  bool layout_ok_ = true;
  std::string layout_text_;
  bool data_array_ = false;
  std::size_t data_count_ = 0;
  std::optional<std::size_t> bad_index_;  // of the first output value that is not one
  std::string bad_text_;
};

template <class T>
typename ReplyReader<T>::Place ReplyReader<T>::place() const {
  if (levels_.empty()) return Place::root;
  const Level& l = levels_.back();
  if (!l.array) return l.member;
  if (l.place == Place::shape) return Place::extent;
  if (l.place == Place::data) return Place::datum;
  return Place::elsewhere;
}

template <class T>
bool ReplyReader<T>::key(std::string& k) {
  Level& l = levels_.back();
  if (l.members++ > 0) quote(",");
  if (capture_) quote(scalar_text(json(k)) + ":");
  l.member = Place::elsewhere;
  if (l.place == Place::root) {
    l.member = k == "id"       ? Place::id
               : k == "error"  ? Place::error
               : k == "output" ? Place::output
                               : Place::elsewhere;
  } else if (l.place == Place::output) {
    l.member = k == "shape"    ? Place::shape
               : k == "layout" ? Place::layout
               : k == "data"   ? Place::data
                               : Place::elsewhere;
  }
  if (l.member == Place::elsewhere) return true;
  if (given(l.member)) {
    twice_ = k;  // which of the two would count is anyone's guess: stop
    return false;
  }
  given_ |= 1u << static_cast<int>(l.member);
  return true;
}

template <class T>
bool ReplyReader<T>::scalar(const json& v) {
  const Place at = place();
  const std::size_t index = levels_.empty() ? 0 : levels_.back().members;
  separate();
  switch (at) {
    case Place::root: malformed_ = true; return false;
    case Place::id:
      id_ok_ = v == json(id_);
      id_text_ = scalar_text(v);
      break;
    case Place::error:
      if (const auto* message = v.get_ptr<const std::string*>()) {
        error_message_ = *message;
      } else {
        error_text_ = scalar_text(v);
      }
      break;
    case Place::output: break;  // not an object
    case Place::shape:
      shape_ok_ = false;
      shape_text_ = scalar_text(v);
      break;
    case Place::extent:
      shape_ok_ = shape_ok_ && index < want_shape_.size() && v == json(want_shape_[index]);
      quote(scalar_text(v));
      break;
    case Place::layout:
      layout_ok_ = v == json(want_layout_);
      layout_text_ = scalar_text(v);
      break;
    case Place::data: break;  // not an array
    case Place::datum:
      if (index < output_.size() && !bad_index_ && !read_value(v, output_[index])) {
        bad_index_ = index;
        bad_text_ = scalar_text(v);
      }
      break;
    case Place::elsewhere:
      if (capture_) quote(scalar_text(v));
      break;
  }
  return true;
}

template <class T>
bool ReplyReader<T>::open(bool array) {
  const Place at = place();
  const std::size_t index = levels_.empty() ? 0 : levels_.back().members;
  separate();
  Place container = Place::elsewhere;
  std::string* text = nullptr;  // the text this array or object begins
  switch (at) {
    case Place::root:
      if (array) {
        malformed_ = true;
        return false;
      }
      container = Place::root;
      break;
    case Place::id: text = &id_text_; break;
    case Place::error: text = &error_text_; break;
    case Place::output:
      output_object_ = !array;
      if (!array) container = Place::output;
      break;
    case Place::shape:
      text = &shape_text_;
      shape_ok_ = array;
      if (array) container = Place::shape;
      break;
    case Place::extent: shape_ok_ = false; break;
    case Place::layout:
      text = &layout_text_;
      layout_ok_ = false;
      break;
    case Place::data:
      data_array_ = array;
      if (array) container = Place::data;
      break;
    case Place::datum:
      if (!bad_index_) {
        bad_index_ = index;
        text = &bad_text_;
      }
      break;
    case Place::elsewhere: break;
  }
  if (text && !capture_) {
    text->clear();
    capture_ = text;
    capture_depth_ = levels_.size();
  }
  quote(array ? "[" : "{");
  levels_.push_back({array, container});
  return true;
}

template <class T>
bool ReplyReader<T>::close() {
  const Level closed = levels_.back();
  levels_.pop_back();
  quote(closed.array ? "]" : "}");
  if (capture_ && levels_.size() == capture_depth_) capture_ = nullptr;
  if (closed.place == Place::shape) shape_ok_ = shape_ok_ && closed.members == want_shape_.size();
  if (closed.place == Place::data) data_count_ = closed.members;
  return true;
}

template <class T>
CallResult ReplyReader<T>::verdict(std::string_view line) const {
  const auto protocol_error = [](std::string what) {
    return CallResult{Verdict::protocol_error, std::move(what)};
  };
  if (!twice_.empty()) return protocol_error("the reply has \"" + twice_ + "\" twice");
  if (malformed_) {
    return protocol_error("the reply is not a JSON object: " + quoted_excerpt(line, kShownBytes));
  }
  if (!id_ok_) {
    return protocol_error("the reply to request " + std::to_string(id_) + " has id " +
                          shown(id_text_));
  }
  if (given(Place::error)) {
    if (!error_message_) return {Verdict::error, shown(error_text_)};
    const std::string& message = *error_message_;
    if (message.size() <= kMaxErrorMessageBytes) return {Verdict::error, message};
    std::size_t cut = kMaxErrorMessageBytes;  // between UTF-8 characters
    while (cut > 0 && (static_cast<unsigned char>(message[cut]) & 0xC0) == 0x80) --cut;
    return {Verdict::error,
            message.substr(0, cut) + "... (" + std::to_string(message.size()) + " bytes)"};
  }
  if (!output_object_ || !given(Place::shape) || !data_array_) {
    return protocol_error("the reply has neither \"error\" nor \"output\": {shape, data}: " +
                          quoted_excerpt(line, kShownBytes));
  }
  const std::string want = json(want_shape_).dump();
  if (!shape_ok_) {
    return {Verdict::wrong_shape,
            "output shape " + shown(shape_text_) + ", the problem's is " + want};
  }
  if (given(Place::layout) && !layout_ok_) {
    return {Verdict::wrong_shape,
            "output layout " + shown(layout_text_) + ", the problem's is " + want_layout_};
  }
  if (data_count_ != output_.size()) {
    return protocol_error("output.data has " + std::to_string(data_count_) +
                          " values, its shape " + want + " has " +
                          std::to_string(output_.size()));
  }
  if (bad_index_) {
    return protocol_error("output.data[" + std::to_string(*bad_index_) + "] = " +
                          shown(bad_text_) + " is not a valid " + to_string(dtype_of<T>()) +
                          " value");
  }
  return {Verdict::completed, ""};
}

}  // namespace tconv::protocol
