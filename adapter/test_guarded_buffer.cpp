// The guarded output buffer of an isolated call: the unwritten marker is told apart
// from every NaN an adapter computes, and a write just outside the output, or far
// outside it, is located.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

#include "guarded_buffer.h"
#include "scalar.h"

namespace tconv {
namespace {

template <class T>
class UnwrittenMarker : public ::testing::Test {};
using FloatTypes = ::testing::Types<float, double>;
TYPED_TEST_SUITE(UnwrittenMarker, FloatTypes);

TYPED_TEST(UnwrittenMarker, IsANaNThatPoisonChecksRecognise) {
  const TypeParam marker = unwritten_marker<TypeParam>();
  EXPECT_TRUE(std::isnan(marker));
  EXPECT_TRUE(is_poison(marker));
  EXPECT_TRUE(is_unwritten_marker(marker));
}

TYPED_TEST(UnwrittenMarker, IsNoNaNAnAdapterComputes) {
  volatile TypeParam zero = 0, infinity = std::numeric_limits<TypeParam>::infinity();
  for (const TypeParam computed :
       {zero / zero, infinity - infinity, std::numeric_limits<TypeParam>::quiet_NaN(),
        -std::numeric_limits<TypeParam>::quiet_NaN(), TypeParam(NAN)}) {
    EXPECT_FALSE(is_unwritten_marker(computed)) << computed;
  }
}

TYPED_TEST(UnwrittenMarker, ArithmeticOnItIsStillUnwritten) {
  // Read before written: x += v on the marker gives a quiet NaN with its payload.
  volatile TypeParam marker = unwritten_marker<TypeParam>();
  EXPECT_TRUE(is_unwritten_marker(TypeParam(marker + TypeParam(1.5))));
  EXPECT_TRUE(is_unwritten_marker(TypeParam(marker * TypeParam(0))));
}

TEST(UnwrittenMarkerInt64, IsThePoison) {
  EXPECT_EQ(unwritten_marker<std::int64_t>(), poison<std::int64_t>());
  EXPECT_FALSE(is_unwritten_marker<std::int64_t>(0));
}

TEST(GuardedBuffer, StartsAllUnwrittenWithIntactCanaries) {
  const GuardedBuffer buffer(DType::float64, 10);
  EXPECT_EQ(buffer.output_bytes(), 80u);
  EXPECT_EQ(buffer.unwritten().count, 10);
  EXPECT_EQ(buffer.unwritten().first, 0);
  EXPECT_EQ(buffer.changed_canary(), std::nullopt);
}

TEST(GuardedBuffer, CountsTheElementsLeftUnwritten) {
  const GuardedBuffer buffer(DType::float32, 10);
  auto* out = static_cast<float*>(buffer.output());
  for (int i = 0; i < 10; ++i) {
    if (i != 3 && i != 8) out[i] = std::nanf("");  // a NaN written is written
  }
  EXPECT_EQ(buffer.unwritten().count, 2);
  EXPECT_EQ(buffer.unwritten().first, 3);
}

TEST(GuardedBuffer, LocatesTheChangedCanaryByteNearestTheOutput) {
  const GuardedBuffer buffer(DType::int64, 4);
  auto* out = static_cast<unsigned char*>(buffer.output());
  out[32 + 100] = 0;
  EXPECT_EQ(buffer.changed_canary(), 132);
  out[32 + 5] = 0;
  EXPECT_EQ(buffer.changed_canary(), 37);
  out[-4000] = 0;
  EXPECT_EQ(buffer.changed_canary(), -4000) << "before the output is reported first";
  out[-2] = 0;
  EXPECT_EQ(buffer.changed_canary(), -2);
}

TEST(GuardedBuffer, RecognisesAddressesInItsGuardPagesOnly) {
  const auto page = static_cast<std::int64_t>(sysconf(_SC_PAGESIZE));
  const GuardedBuffer buffer(DType::float64, 1);  // 8 bytes, then the canary to the page end
  const auto* out = static_cast<const unsigned char*>(buffer.output());
  const std::int64_t before = (4096 + page - 1) / page * page;  // the canary before the output
  const std::int64_t after = (8 + 4096 + page - 1) / page * page;
  EXPECT_EQ(buffer.in_guard_page(out - before - 1), -before - 1);
  EXPECT_EQ(buffer.in_guard_page(out - before), std::nullopt) << "the canary's first byte";
  EXPECT_EQ(buffer.in_guard_page(out + after - 1), std::nullopt) << "the canary's last byte";
  EXPECT_EQ(buffer.in_guard_page(out + after), after);
  EXPECT_EQ(buffer.in_guard_page(out + after + page), std::nullopt) << "past the guard page";
}

}  // namespace
}  // namespace tconv
