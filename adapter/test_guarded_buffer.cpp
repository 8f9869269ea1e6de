// The guarded buffer of an isolated call: the unwritten marker is told apart from every
// NaN an adapter computes; each placement puts one edge of every tensor against a guard;
// an access outside a tensor, near or far, is located; the canary is new every time.
#include <gtest/gtest.h>
#include <sys/mman.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "guarded_buffer.h"
#include "problem_string.h"
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

// A problem of `n` outputs and inputs (1-D, one channel, a 1-tap kernel), with bias.
struct Tensors {
  explicit Tensors(int n, DType dtype)
      : p(parse_problem("ic1,oc1,i" + std::to_string(n) + ",k1,bias")),
        input(static_cast<std::size_t>(n) * element_size(dtype), 0x11),
        weights(element_size(dtype), 0x22),
        bias(element_size(dtype), 0x33),
        buffer(p, dtype, {input.data(), weights.data(), bias.data()}) {}
  Problem p;
  std::vector<unsigned char> input, weights, bias;
  GuardedBuffer buffer;
};

const unsigned char* at(const GuardedBuffer& b, Operand o) {
  return b.base() + b.layout().data[static_cast<int>(o)];
}

TEST(GuardedBuffer, StartsAllUnwrittenWithIntactCanaries) {
  Tensors t(10, DType::float64);
  for (Placement placement : {Placement::flush_end, Placement::flush_start}) {
    t.buffer.place(placement);
    EXPECT_EQ(t.buffer.output_bytes(), 80u);
    EXPECT_EQ(t.buffer.unwritten().count, 10);
    EXPECT_EQ(t.buffer.unwritten().first, 0);
    EXPECT_EQ(t.buffer.changed_canary(), std::nullopt);
  }
}

TEST(GuardedBuffer, CopiesTheOperandsInBeforeEachCall) {
  Tensors t(3, DType::int64);
  for (Placement placement : {Placement::flush_end, Placement::flush_start}) {
    t.buffer.place(placement);
    EXPECT_EQ(std::memcmp(at(t.buffer, Operand::input), t.input.data(), 24), 0);
    EXPECT_EQ(std::memcmp(at(t.buffer, Operand::weights), t.weights.data(), 8), 0);
    EXPECT_EQ(std::memcmp(at(t.buffer, Operand::bias), t.bias.data(), 8), 0);
  }
}

TEST(GuardedBuffer, EachPlacementPutsOneEdgeOfEveryTensorAgainstItsGuard) {
  Tensors t(5, DType::float32);
  for (int o = 0; o < kOperands; ++o) {
    const auto operand = static_cast<Operand>(o);
    const auto bytes = static_cast<std::int64_t>(t.buffer.bytes(operand));
    t.buffer.place(Placement::flush_end);
    const auto end = t.buffer.locate(t.buffer.layout().data[o] + bytes);
    ASSERT_TRUE(end) << to_string(operand);
    EXPECT_EQ(end->operand, operand);
    EXPECT_EQ(end->offset, bytes) << "the first byte past the end: a guard";
    EXPECT_TRUE(end->in_guard);
    t.buffer.place(Placement::flush_start);
    const auto before = t.buffer.locate(t.buffer.layout().data[o] - 1);
    ASSERT_TRUE(before) << to_string(operand);
    EXPECT_EQ(before->operand, operand);
    EXPECT_EQ(before->offset, -1) << "the last byte before the start: a guard";
    EXPECT_TRUE(before->in_guard);
  }
}

TEST(GuardedBuffer, ATensorsGuardReachesAMebibyteBeyondIt) {
  Tensors t(5, DType::float64);
  t.buffer.place(Placement::flush_end);
  const std::int64_t end = t.buffer.layout().data[static_cast<int>(Operand::output)] + 40;
  for (std::int64_t beyond : {std::int64_t{0}, std::int64_t{32768}, std::int64_t{(1 << 20) - 1}}) {
    const auto hit = t.buffer.locate(end + beyond);
    ASSERT_TRUE(hit) << beyond;
    EXPECT_EQ(hit->operand, Operand::output);
    EXPECT_EQ(hit->offset, 40 + beyond);
  }
  EXPECT_EQ(t.buffer.locate(end + (1 << 20)), std::nullopt) << "past the mapping";
}

TEST(GuardedBuffer, LocatesReadOnlyOperandsButNotTheOutputsOwnPages) {
  Tensors t(5, DType::float64);
  t.buffer.place(Placement::flush_start);
  const auto weights = t.buffer.locate(t.buffer.layout().data[static_cast<int>(Operand::weights)]);
  ASSERT_TRUE(weights);
  EXPECT_EQ(weights->operand, Operand::weights);
  EXPECT_EQ(weights->offset, 0);
  EXPECT_FALSE(weights->in_guard);
  const std::int64_t output = t.buffer.layout().data[static_cast<int>(Operand::output)];
  EXPECT_EQ(t.buffer.locate(output), std::nullopt);
  EXPECT_EQ(t.buffer.locate(output + 40), std::nullopt) << "the canary after it";
  EXPECT_EQ(t.buffer.locate(-1), std::nullopt);
}

TEST(GuardedBuffer, ProtectsTheGuardsAndTheOperandsButNotTheOutput) {
  Tensors t(5, DType::float64);
  t.buffer.place(Placement::flush_end);
  const CallLayout& layout = t.buffer.layout();
  int guards = 0, read_only = 0;
  const auto output = static_cast<std::uint64_t>(layout.data[static_cast<int>(Operand::output)]);
  for (int i = 0; i < layout.range_count; ++i) {
    const CallLayout::Range& r = layout.ranges[i];
    guards += r.protection == PROT_NONE;
    read_only += r.protection == PROT_READ;
    EXPECT_FALSE(output + 40 > r.offset && output < r.offset + r.bytes) << "range " << i;
  }
  EXPECT_EQ(guards, 5) << "before each tensor and after the last";
  EXPECT_EQ(read_only, 3) << "input, weights, bias";
}

TEST(GuardedBuffer, CountsTheElementsLeftUnwritten) {
  Tensors t(10, DType::float32);
  t.buffer.place(Placement::flush_end);
  auto* out = static_cast<float*>(t.buffer.output());
  for (int i = 0; i < 10; ++i) {
    if (i != 3 && i != 8) out[i] = std::nanf("");  // a NaN written is written
  }
  EXPECT_EQ(t.buffer.unwritten().count, 2);
  EXPECT_EQ(t.buffer.unwritten().first, 3);
}

TEST(GuardedBuffer, LocatesTheChangedCanaryByteNearestTheOutput) {
  Tensors t(4, DType::int64);
  t.buffer.place(Placement::flush_start);  // the canary after the output
  auto* out = static_cast<unsigned char*>(t.buffer.output());
  out[32 + 100] ^= 1;
  EXPECT_EQ(t.buffer.changed_canary(), 132);
  out[32 + 5] ^= 1;
  EXPECT_EQ(t.buffer.changed_canary(), 37);
  t.buffer.place(Placement::flush_end);  // the canary before it
  out = static_cast<unsigned char*>(t.buffer.output());
  out[-4000] ^= 1;
  EXPECT_EQ(t.buffer.changed_canary(), -4000);
  out[-2] ^= 1;
  EXPECT_EQ(t.buffer.changed_canary(), -2);
}

TEST(GuardedBuffer, DrawsANewCanaryForEveryPlacement) {
  Tensors t(4, DType::int64);
  t.buffer.place(Placement::flush_end);
  const auto* out = static_cast<const unsigned char*>(t.buffer.output());
  const std::vector<unsigned char> first(out - 64, out);
  t.buffer.place(Placement::flush_end);
  EXPECT_NE(std::vector<unsigned char>(out - 64, out), first);
  EXPECT_EQ(t.buffer.changed_canary(), std::nullopt);
}

}  // namespace
}  // namespace tconv
