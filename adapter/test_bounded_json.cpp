// bounded_json.h: a document nested deeper than the limit is refused before it is
// parsed, whatever the nesting is made of; brackets inside strings do not count; any
// other document parses exactly as nlohmann::json::parse would.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "bounded_json.h"

namespace tconv {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

std::string nested_arrays(int depth) {
  return std::string(static_cast<std::size_t>(depth), '[') +
         std::string(static_cast<std::size_t>(depth), ']');
}

std::string nested_objects(int depth) {
  std::string text;
  for (int i = 0; i < depth; ++i) text += R"({"a":)";
  return text + "1" + std::string(static_cast<std::size_t>(depth), '}');
}

// The message of the JsonTooDeep that parsing `text` throws; "" if none.
std::string too_deep(const std::string& text) {
  try {
    parse_bounded_json(text);
  } catch (const JsonTooDeep& e) {
    return e.what();
  }
  return "";
}

TEST(BoundedJson, ParsesNestingUpToTheLimit) {
  EXPECT_EQ(parse_bounded_json(nested_arrays(kMaxJsonDepth)), json::parse(nested_arrays(64)));
  EXPECT_EQ(parse_bounded_json(nested_objects(kMaxJsonDepth)), json::parse(nested_objects(64)));
}

TEST(BoundedJson, RefusesOneLevelMoreNamingTheLimitAndWhere) {
  EXPECT_EQ(too_deep(nested_arrays(kMaxJsonDepth + 1)),
            "JSON nested deeper than 64 levels (at byte 64)");
  EXPECT_EQ(too_deep(nested_objects(kMaxJsonDepth + 1)),
            "JSON nested deeper than 64 levels (at byte 320)");
  EXPECT_EQ(too_deep(R"({"a": [)" + nested_arrays(63) + "]}"),
            "JSON nested deeper than 64 levels (at byte 69)");
}

TEST(BoundedJson, RefusesNestingThatWouldOverflowTheStackWhenCopiedOrPrinted) {
  // 200,000 levels: nlohmann's copy and dump() recurse once per level and crash.
  EXPECT_THAT(too_deep(nested_arrays(200'000)), HasSubstr("nested deeper than 64 levels"));
  EXPECT_THAT(too_deep(std::string(200'000, '[')), HasSubstr("nested deeper than 64 levels"))
      << "an unterminated document is refused as early";
}

TEST(BoundedJson, RefusesEvenWhenTheCallerAsksForNoExceptions) {
  EXPECT_THROW(parse_bounded_json(nested_arrays(65), nullptr, /*allow_exceptions=*/false),
               JsonTooDeep);
}

TEST(BoundedJson, BracketsInsideStringsDoNotCount) {
  const std::string brackets(1000, '[');
  EXPECT_EQ(parse_bounded_json(R"([")" + brackets + R"("])"), json::array({brackets}));
  // An escaped quote does not end the string; an escaped backslash before a quote does.
  const std::string escaped_quote = R"(["\")" + brackets + R"("])";
  EXPECT_EQ(parse_bounded_json(escaped_quote), json::parse(escaped_quote));
  EXPECT_EQ(too_deep(R"(["\\",)" + nested_arrays(64) + "]"),
            "JSON nested deeper than 64 levels (at byte 69)");
}

TEST(BoundedJson, OtherwiseParsesAsNlohmannDoes) {
  EXPECT_TRUE(parse_bounded_json("[1,", nullptr, /*allow_exceptions=*/false).is_discarded());
  EXPECT_THROW(parse_bounded_json("[1,"), json::parse_error);
  int values = 0;
  const json parsed = parse_bounded_json(R"({"a": [1, 2]})", [&](int, json::parse_event_t event,
                                                                   json&) {
    values += event == json::parse_event_t::value;
    return true;
  });
  EXPECT_EQ(parsed, json::parse(R"({"a": [1, 2]})"));
  EXPECT_EQ(values, 2) << "the callback sees both numbers";
}

TEST(BoundedJson, TakesAnotherLimit) {
  EXPECT_NO_THROW(check_json_depth("[[]]", 2));
  EXPECT_THROW(check_json_depth("[[[]]]", 2), JsonTooDeep);
}

}  // namespace
}  // namespace tconv
