/* Direct scatter in plain C: every input element x[n, ci, i] adds x*w to the output
 * element each kernel tap k sends it to, o = i*stride + k*dilation - pad_begin,
 * skipping landings outside [0, O) (docs/CONVENTIONS.md). The output is first set to
 * the bias or zero, so elements no input reaches are written too. Rank-1 and rank-2
 * problems are right-aligned into three axes (z, y, x) of size 1, like the suite's
 * references, so the loops are written once. */
#include "c_scatter.h"

typedef struct {
  int64_t n, c, z, y, x;
} strides5;

/* The problem's per-axis values right-aligned into three axes, `fill` in front. */
static void align3(const int64_t* values, int32_t rank, int64_t fill, int64_t out[3]) {
  for (int a = 0; a < 3; ++a) out[a] = a < 3 - rank ? fill : values[a - (3 - rank)];
}

static strides5 activation_strides(int32_t layout, int64_t channels, const int64_t size[3]) {
  strides5 s;
  if (layout == TCONV_NCX) {
    s.x = 1, s.y = size[2], s.z = size[1] * s.y, s.c = size[0] * s.z, s.n = channels * s.c;
  } else {
    s.c = 1, s.x = channels, s.y = size[2] * s.x, s.z = size[1] * s.y, s.n = size[0] * s.z;
  }
  return s;
}

/* Offset of tap `tap` (flattened over the kernel, K taps) joining input channel ci
 * and output channel co (both global) in group g. */
static int64_t weight_offset(const tconv_problem* p, int64_t ci, int64_t co, int64_t tap,
                             int64_t taps) {
  const int64_t in_per_group = p->in_channels / p->groups;
  const int64_t out_per_group = p->out_channels / p->groups;
  switch (p->weight_layout) {
    case TCONV_IOX: return (ci * out_per_group + co % out_per_group) * taps + tap;
    case TCONV_OIX: return (co * in_per_group + ci % in_per_group) * taps + tap;
    default: return (tap * out_per_group + co % out_per_group) * p->in_channels + ci; /* xoi */
  }
}

static void set_bias(const tconv_problem* p, void* out, int64_t o, const void* bias, int64_t c) {
  switch (p->dtype) {
    case TCONV_FLOAT32: ((float*)out)[o] = bias ? ((const float*)bias)[c] : 0.0f; break;
    case TCONV_FLOAT64: ((double*)out)[o] = bias ? ((const double*)bias)[c] : 0.0; break;
    default: ((int64_t*)out)[o] = bias ? ((const int64_t*)bias)[c] : 0; break;
  }
}

static void add_product(const tconv_problem* p, void* out, int64_t o, const void* x, int64_t i,
                        const void* w, int64_t k) {
  switch (p->dtype) {
    case TCONV_FLOAT32: ((float*)out)[o] += ((const float*)x)[i] * ((const float*)w)[k]; break;
    case TCONV_FLOAT64: ((double*)out)[o] += ((const double*)x)[i] * ((const double*)w)[k]; break;
    default: ((int64_t*)out)[o] += ((const int64_t*)x)[i] * ((const int64_t*)w)[k]; break;
  }
}

void tconv_c_scatter(const tconv_problem* p, const void* input, const void* weights,
                     const void* bias, void* output) {
  int64_t in[3], out[3], k[3], s[3], d[3], pb[3];
  align3(p->input_size, p->rank, 1, in);
  align3(p->output_size, p->rank, 1, out);
  align3(p->kernel, p->rank, 1, k);
  align3(p->stride, p->rank, 1, s);
  align3(p->dilation, p->rank, 1, d);
  align3(p->pad_begin, p->rank, 0, pb);
  const strides5 xs = activation_strides(p->layout, p->in_channels, in);
  const strides5 ys = activation_strides(p->layout, p->out_channels, out);
  const int64_t taps = k[0] * k[1] * k[2];
  const int64_t in_per_group = p->in_channels / p->groups;
  const int64_t out_per_group = p->out_channels / p->groups;

  for (int64_t n = 0; n < p->batch; ++n)
    for (int64_t co = 0; co < p->out_channels; ++co)
      for (int64_t z = 0; z < out[0]; ++z)
        for (int64_t y = 0; y < out[1]; ++y)
          for (int64_t x = 0; x < out[2]; ++x)
            set_bias(p, output, n * ys.n + co * ys.c + z * ys.z + y * ys.y + x * ys.x,
                     p->has_bias ? bias : NULL, co);

  for (int64_t n = 0; n < p->batch; ++n)
    for (int64_t ci = 0; ci < p->in_channels; ++ci)
      for (int64_t iz = 0; iz < in[0]; ++iz)
        for (int64_t iy = 0; iy < in[1]; ++iy)
          for (int64_t ix = 0; ix < in[2]; ++ix) {
            const int64_t xo = n * xs.n + ci * xs.c + iz * xs.z + iy * xs.y + ix * xs.x;
            const int64_t group = ci / in_per_group;
            for (int64_t co = group * out_per_group; co < (group + 1) * out_per_group; ++co)
              for (int64_t kz = 0; kz < k[0]; ++kz) {
                const int64_t oz = iz * s[0] + kz * d[0] - pb[0];
                if (oz < 0 || oz >= out[0]) continue;
                for (int64_t ky = 0; ky < k[1]; ++ky) {
                  const int64_t oy = iy * s[1] + ky * d[1] - pb[1];
                  if (oy < 0 || oy >= out[1]) continue;
                  for (int64_t kx = 0; kx < k[2]; ++kx) {
                    const int64_t ox = ix * s[2] + kx * d[2] - pb[2];
                    if (ox < 0 || ox >= out[2]) continue;
                    const int64_t tap = (kz * k[1] + ky) * k[2] + kx;
                    add_product(p, output, n * ys.n + co * ys.c + oz * ys.z + oy * ys.y + ox * ys.x,
                                input, xo, weights, weight_offset(p, ci, co, tap, taps));
                  }
                }
              }
          }
}
