// Formulation 2 (reference/sparse_matrix.cpp): the explicit matrix C of the forward
// convolution and its products. Its agreement with the direct scatter on the named
// problems is checked in test_formulations_agree.cpp.
#include <gtest/gtest.h>

#include <cstdint>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "direct_scatter.h"
#include "expectations.h"
#include "geometry.h"
#include "problem_string.h"
#include "scalar.h"
#include "sparse_matrix.h"

namespace tconv {
namespace {

using Int = std::int64_t;

// ---- The worked example of the core issue -----------------------------------------------
//
// The forward convolution of the 3x3 image X = [[0,1,2],[3,4,5],[6,7,8]] with
// K = [[1,2],[3,4]] is [[27,37],[57,67]]: a map from a 3x3 y-space to a 2x2 x-space,
// i.e. C of the transposed convolution with input 2x2, kernel 2x2, output 3x3.

const Problem kWorked = parse_problem("ic1,oc1,i2x2,k2x2");
const std::vector<Int> kWorkedKernel{1, 2, 3, 4};

TEST(SparseMatrixWorkedExample, IsTheFourByNineMatrixOfTheForwardConvolution) {
  const ConvolutionMatrix<Int> c(kWorked, kWorkedKernel);
  EXPECT_EQ(c.rows(), 4);
  EXPECT_EQ(c.cols(), 9);
  EXPECT_EQ(c.stored_blocks(), 16) << "each of the 4 positions meets all 4 taps";
  testing::expect_grid_eq(kWorked, c.to_dense(),
                   {1, 2, 0, 3, 4, 0, 0, 0, 0,
                    0, 1, 2, 0, 3, 4, 0, 0, 0,
                    0, 0, 0, 1, 2, 0, 3, 4, 0,
                    0, 0, 0, 0, 1, 2, 0, 3, 4},
                   9, "C");
}

TEST(SparseMatrixWorkedExample, MultiplyIsTheForwardConvolution) {
  const ConvolutionMatrix<Int> c(kWorked, kWorkedKernel);
  const std::vector<Int> image{0, 1, 2, 3, 4, 5, 6, 7, 8};
  std::vector<Int> x(4, poison<Int>());
  c.multiply(image, x);
  testing::expect_grid_eq(kWorked, x, {27, 37, 57, 67}, 2, "C·X");
}

TEST(SparseMatrixWorkedExample, TransposedProductIsTheTransposedConvolution) {
  const ConvolutionMatrix<Int> c(kWorked, kWorkedKernel);
  const std::vector<Int> x{27, 37, 57, 67};
  const std::vector<Int> expected{27, 91, 74, 138, 400, 282, 171, 429, 268};
  std::vector<Int> y(9, poison<Int>());
  c.multiply_transposed(x, y);
  testing::expect_grid_eq(kWorked, y, expected, 3, "Cᵀx");

  std::vector<Int> formulation(9, poison<Int>()), scatter(9, poison<Int>());
  conv_transpose_sparse_matrix<Int>(kWorked, x, kWorkedKernel, {}, formulation);
  conv_transpose_direct_scatter<Int>(kWorked, x, kWorkedKernel, {}, scatter);
  testing::expect_grid_eq(kWorked, formulation, expected, 3, "conv_transpose_sparse_matrix");
  testing::expect_grid_eq(kWorked, scatter, expected, 3, "conv_transpose_direct_scatter");
}

// ---- The matrix on its own -----------------------------------------------------------------

// o = 2i + 3k - 1 over I = 3, O = 9: the pad drops tap 0 of row 0, and columns 0, 5, 7
// and 8 (the last two are the output padding) are reached by no tap.
TEST(ConvolutionMatrix, StrideDilationPadAndOutputPaddingPlaceTheTaps) {
  const Problem p = parse_problem("ic1,oc1,i3,k2,s2,d3,pb1,op2");
  const std::vector<Int> w{5, 7};
  const ConvolutionMatrix<Int> c(p, w);
  EXPECT_EQ(c.stored_blocks(), 5) << to_string(p);
  testing::expect_grid_eq(p, c.to_dense(),
                   {0, 0, 7, 0, 0, 0, 0, 0, 0,
                    0, 5, 0, 0, 7, 0, 0, 0, 0,
                    0, 0, 0, 5, 0, 0, 7, 0, 0},
                   9, "C");
}

// iox weights [Cin=2, Cout/g=1, k=1] = [3, 4]: channel 0 only meets channel 0.
TEST(ConvolutionMatrix, GroupsAreDiagonalChannelBlocks) {
  const Problem p = parse_problem("g2,ic2,oc2,i2,k1");
  const std::vector<Int> w{3, 4};
  const ConvolutionMatrix<Int> c(p, w);
  testing::expect_grid_eq(p, c.to_dense(),
                   {3, 0, 0, 0,
                    0, 3, 0, 0,
                    0, 0, 4, 0,
                    0, 0, 0, 4},
                   4, "C");
}

TEST(ConvolutionMatrix, DenseFormDoesNotDependOnTheLayouts) {
  const Problem ncx = parse_problem("g2,ic4,oc2,i3x2,k2x2,s2x1,pb1x0,op1x0,ncx,iox");
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<Int> dist(-3, 3);
  std::vector<Int> w(static_cast<std::size_t>(weight_elements(ncx)));
  for (Int& e : w) e = dist(rng);
  const std::vector<Int> dense = ConvolutionMatrix<Int>(ncx, w).to_dense();
  const std::int64_t columns = ConvolutionMatrix<Int>(ncx, w).cols();

  // The same weights rewritten in the other layouts.
  const Geometry g = make_geometry(ncx);
  for (const char* other : {"nxc,iox", "ncx,oix", "nxc,xoi"}) {
    const Problem p = parse_problem(std::string("g2,ic4,oc2,i3x2,k2x2,s2x1,pb1x0,op1x0,") + other);
    const Geometry h = make_geometry(p);
    std::vector<Int> relaid(w.size());
    for (Int grp = 0; grp < g.groups; ++grp)
      for (Int ci = 0; ci < g.in_per_group; ++ci)
        for (Int co = 0; co < g.out_per_group; ++co)
          for (Int ky = 0; ky < g.kernel[1]; ++ky)
            for (Int kx = 0; kx < g.kernel[2]; ++kx)
              relaid[h.weight_at(grp, ci, co, 0, ky, kx)] = w[g.weight_at(grp, ci, co, 0, ky, kx)];
    testing::expect_grid_eq(p, ConvolutionMatrix<Int>(p, relaid).to_dense(), dense, columns, "C");
  }
}

// C v and Cᵀx, computed from the dense matrix, on a problem with everything in it.
TEST(ConvolutionMatrix, ProductsAreTheDenseMatrixProducts) {
  const Problem p = parse_problem("g2,ic4,oc6,i3x4,k3x2,s2x1,d1x2,pb1x0,pe0x2,op1x1,bias");
  constexpr std::uint64_t seed = 11;
  std::cout << "seed " << seed << " for " << to_string(p) << "\n";
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<Int> dist(-3, 3);
  std::vector<Int> w(static_cast<std::size_t>(weight_elements(p)));
  for (Int& e : w) e = dist(rng);
  const ConvolutionMatrix<Int> c(p, w);
  const std::vector<Int> dense = c.to_dense();
  const auto rows = static_cast<std::size_t>(c.rows()), cols = static_cast<std::size_t>(c.cols());
  std::vector<Int> v(cols), x(rows);
  for (Int& e : v) e = dist(rng);
  for (Int& e : x) e = dist(rng);

  std::vector<Int> cv(rows, 0), ctx(cols, 0);
  for (std::size_t r = 0; r < rows; ++r)
    for (std::size_t q = 0; q < cols; ++q) {
      cv[r] += dense[r * cols + q] * v[q];
      ctx[q] += dense[r * cols + q] * x[r];
    }
  std::vector<Int> multiplied(rows, poison<Int>()), transposed(cols, poison<Int>());
  c.multiply(v, multiplied);
  c.multiply_transposed(x, transposed);
  testing::expect_grid_eq(p, multiplied, cv, 1, "C·v");
  testing::expect_grid_eq(p, transposed, ctx, 1, "Cᵀ·x");
}

// The storage is one block per (input position, tap) that lands inside the output:
// per axis 64·4 pairs o = 2i + k - 1, less the two (i=0,k=0) and (i=63,k=3) that fall
// outside [0, 128), whatever the channel counts.
TEST(ConvolutionMatrix, StoresOneBlockPerInputPositionAndTapWhateverTheChannels) {
  for (const char* text : {"ic3,oc3,i64x64,k4x4,s2x2,pb1x1,pe1x1",
                           "g2,ic30,oc64,i64x64,k4x4,s2x2,pb1x1,pe1x1"}) {
    const Problem p = parse_problem(text);
    const std::vector<float> w(static_cast<std::size_t>(weight_elements(p)));
    EXPECT_EQ(ConvolutionMatrix<float>(p, w).stored_blocks(), 254 * 254) << to_string(p);
  }
}

// ---- The boundary -----------------------------------------------------------------------

// The formulation's own boundary is tested with the others' in test_formulations_agree.cpp.
TEST(SparseMatrixBoundary, TheMatrixRejectsWrongLengthsNamingTheOperand) {
  const Problem p = parse_problem("n2,ic2,oc3,i4,k3,bias");  // weights 18; one image: x 8, y 18
  const std::vector<double> weights(18), input(16), output(36);
  const std::span<const double> w(weights);
  testing::expect_rejected(p, "weights", [&] { (void)ConvolutionMatrix<double>(p, w.first(17)); });

  const ConvolutionMatrix<double> c(p, w);
  std::vector<double> x(8), y(18), long_output(36);
  testing::expect_rejected(p, "x_image", [&] { c.multiply_transposed(input, y); });
  testing::expect_rejected(p, "y_image", [&] { c.multiply_transposed(x, long_output); });
  testing::expect_rejected(p, "y_image", [&] { c.multiply(output, x); });
  testing::expect_rejected(p, "x_image", [&] { c.multiply(y, std::span(long_output).first(16)); });
  c.multiply_transposed(x, y);  // the right lengths pass
}

TEST(SparseMatrixBoundary, TheMatrixRejectsAnInvalidProblem) {
  const Problem p = parse_problem("ic2,oc3,i4,k3,d0");
  const std::vector<double> empty;
  EXPECT_THROW(ConvolutionMatrix<double>(p, empty), ProblemError) << to_string(p);
}

}  // namespace
}  // namespace tconv
