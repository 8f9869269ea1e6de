/* One transposed convolution through the C ABI (the direct scatter of
 * adapter/examples/c_scatter.c), with a compile-time switch at every place one of the
 * bugs of catalog.json changes it. TCONV_MUTANT names the bug (mutant_ids.h, generated
 * from the catalog); tconv_mutant_none is the correct kernel, the control. Every build
 * declares every capability, so that the suite can reach its bug.
 *
 * Values are carried as double: exact for the float32 and float64 operands and for the
 * int64 cases' small integers, and every partial sum is stored back in the dtype, so
 * float32 accumulates in float32. Rank-1 and rank-2 problems are right-aligned into
 * three axes (z, y, x) of size 1, as in the suite's references. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tconv/adapter.h>

#include "mutant_ids.h"

#define MUTANT(id) (TCONV_MUTANT == tconv_mutant_##id)

typedef struct {
  int64_t n, c, z, y, x;
} strides5;

/* The per-axis values the loops use, right-aligned into (z, y, x). `out` is the extent
 * the output is addressed with, `reach` the end of the landings kept, `filled` the end
 * of the initialisation, and `shift` moves every landing: in the correct kernel `reach`
 * and `filled` are `out`, and `shift` is 0. */
typedef struct {
  int64_t in[3], k[3], s[3], d[3], pb[3], pe[3], op[3], out[3];
  int64_t reach[3], filled[3], shift[3];
} axes3;

static void align3(const int64_t* values, int32_t rank, int64_t fill, int64_t out[3]) {
  for (int a = 0; a < 3; ++a) out[a] = a < 3 - rank ? fill : values[a - (3 - rank)];
}

static void swap(int64_t* a, int64_t* b) {
  const int64_t t = *a;
  *a = *b, *b = t;
}

/* The fast paths some kernels take: stride == kernel on every axis (no overlap), and
 * 1×1 kernels. */
static int stride_equals_kernel(const tconv_problem* p) {
  int larger = 0;
  for (int a = 0; a < p->rank; ++a) {
    if (p->stride[a] != p->kernel[a] || p->dilation[a] != 1) return 0;
    larger |= p->kernel[a] > 1;
  }
  return larger;
}

static int pointwise(const tconv_problem* p) {
  for (int a = 0; a < p->rank; ++a)
    if (p->kernel[a] != 1) return 0;
  return 1;
}

/* The stateful bugs (docs/ADAPTERS.md#sessions: here and before compute): state kept
 * in statics from call to call, which only a sequence of calls in one process reveals.
 * Each is correct on the first call a process makes. */

/* A plan cache keyed on (Cin, Cout, kh, kw): a later problem with the same key gets the
 * strides of the problem the plan was made for. */
static void reuse_planned_strides(const tconv_problem* p, axes3* g) {
  static int planned = 0;
  static int64_t key[4], strides[3];
  const int64_t now[4] = {p->in_channels, p->out_channels, g->k[1], g->k[2]};
  if (planned && memcmp(key, now, sizeof key) == 0) {
    memcpy(g->s, strides, sizeof strides);
    return;
  }
  planned = 1;
  memcpy(key, now, sizeof key);
  memcpy(strides, g->s, sizeof strides);
}

static axes3 kernel_axes(const tconv_problem* p) {
  axes3 g;
  align3(p->input_size, p->rank, 1, g.in);
  align3(p->kernel, p->rank, 1, g.k);
  align3(p->stride, p->rank, 1, g.s);
  align3(p->dilation, p->rank, 1, g.d);
  align3(p->pad_begin, p->rank, 0, g.pb);
  align3(p->pad_end, p->rank, 0, g.pe);
  align3(p->output_padding, p->rank, 0, g.op);
  align3(p->output_size, p->rank, 1, g.out);
  for (int a = 0; a < 3; ++a) {
    if (MUTANT(output_size_without_dilation)) {
      const int64_t size = (g.in[a] - 1) * g.s[a] + g.k[a] - g.pb[a] - g.pe[a] + g.op[a];
      g.out[a] = size > 0 ? size : 0;
    }
    g.reach[a] = g.filled[a] = g.out[a];
    g.shift[a] = 0;
    if (MUTANT(output_padding_ignored)) g.reach[a] -= g.op[a];
    if (MUTANT(output_padding_at_begin)) g.shift[a] = g.op[a];
    if (MUTANT(output_padding_as_input_padding)) g.shift[a] = g.op[a] * g.s[a];
    if (MUTANT(same_split_swapped) && llabs(g.pb[a] - g.pe[a]) == 1) g.pb[a] = g.pe[a];
    if (MUTANT(pads_ignored)) g.pb[a] = 0;
    if (MUTANT(stride_kernel_path_ignores_pads) && stride_equals_kernel(p)) g.pb[a] = 0;
    if (MUTANT(pointwise_path_ignores_pads) && pointwise(p)) g.pb[a] = 0;
    if (MUTANT(dilation_ignored_in_taps)) g.d[a] = 1;
  }
  if (MUTANT(stale_plan_cache)) reuse_planned_strides(p, &g);
  const int outermost = 3 - p->rank;
  if (MUTANT(last_row_dropped)) g.reach[outermost] -= 1;
  if (MUTANT(unwritten_border) && g.out[2] > 1) g.reach[2] = g.filled[2] = g.out[2] - 1;
  /* An 8-wide tile loop whose remainder tile is one column short. */
  if (MUTANT(width_tile_tail_dropped) && g.out[2] > 8 && g.out[2] % 8 != 0) g.reach[2] -= 1;
  if (MUTANT(stride_hw_swapped) && p->rank >= 2) swap(&g.s[1], &g.s[2]);
  if (MUTANT(rank1_params_from_last_slot) && p->rank == 1) {
    g.s[2] = p->stride[2], g.d[2] = p->dilation[2], g.pb[2] = p->pad_begin[2];
  }
  if (MUTANT(rank3_axes_reversed) && p->rank == 3) {
    swap(&g.s[0], &g.s[2]), swap(&g.d[0], &g.d[2]), swap(&g.pb[0], &g.pb[2]);
  }
  return g;
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

/* The index at which landing o of an axis is kept, or -1 when it is dropped. */
static int64_t kept(int64_t o, int64_t reach, int64_t out) {
  if (MUTANT(negative_landing_wraps) && o < 0 && o + out >= 0) return o + out;
  return o >= 0 && o < reach ? o : -1;
}

/* The flattened tap index of (kz, ky, kx) in a kernel of k taps per axis. */
static int64_t tap_index(const tconv_problem* p, const int64_t k[3], int64_t kz, int64_t ky,
                         int64_t kx) {
  const int64_t taps = k[0] * k[1] * k[2];
  int64_t tap = (kz * k[1] + ky) * k[2] + kx;
  if (MUTANT(kernel_hw_transposed) && p->rank >= 2) tap = (kz * k[2] + kx) * k[1] + ky;
  return MUTANT(kernel_flip_missing) ? taps - 1 - tap : tap;
}

/* Offset of tap `tap` joining input channel ci and output channel co (both global; ci_g
 * and co_g their indexes within the group). */
static int64_t weight_offset(const tconv_problem* p, int64_t ci, int64_t co, int64_t ci_g,
                             int64_t co_g, int64_t tap, int64_t taps) {
  const int64_t in_per_group = p->in_channels / p->groups;
  const int64_t out_per_group = p->out_channels / p->groups;
  int32_t layout = p->weight_layout;
  if (MUTANT(group_weight_layout_mixed) && layout != TCONV_XOI) {
    layout = layout == TCONV_IOX ? TCONV_OIX : TCONV_IOX;
  }
  switch (layout) {
    case TCONV_IOX:
      return (ci * out_per_group + co_g) * taps + tap;
    case TCONV_OIX:
      return (co * in_per_group + ci_g) * taps + tap;
    default:
      if (MUTANT(xoi_in_out_swapped)) return (tap * p->in_channels + ci) * out_per_group + co_g;
      return (tap * out_per_group + co_g) * p->in_channels + ci;
  }
}

static double get(int32_t dtype, const void* t, int64_t i) {
  switch (dtype) {
    case TCONV_FLOAT32:
      return ((const float*)t)[i];
    case TCONV_FLOAT64:
      return ((const double*)t)[i];
    default:
      return (double)((const int64_t*)t)[i];
  }
}

static void put(int32_t dtype, void* t, int64_t i, double v) {
  switch (dtype) {
    case TCONV_FLOAT32:
      ((float*)t)[i] = (float)v;
      break;
    case TCONV_FLOAT64:
      ((double*)t)[i] = v;
      break;
    default:
      ((int64_t*)t)[i] = (int64_t)v;
      break;
  }
}

/* v rounded to `bits` significant bits (ties to even), with no quantum below
 * 2^min_exponent (the subnormals). */
static double round_significand(double v, int bits, int min_exponent) {
  if (v == 0 || !isfinite(v)) return v;
  int exponent;
  frexp(v, &exponent); /* |v| in [2^(exponent-1), 2^exponent) */
  const int quantum = exponent - bits > min_exponent ? exponent - bits : min_exponent;
  return ldexp(nearbyint(ldexp(v, -quantum)), quantum);
}

static double to_binary16(double v) {
  const double h = round_significand(v, 11, -24);
  return fabs(h) > 65504 ? copysign(INFINITY, v) : h;
}

/* An operand as the kernel reads it. */
static double operand(const tconv_problem* p, const void* t, int64_t i) {
  const double v = get(p->dtype, t, i);
  return MUTANT(float64_computed_in_float32) && p->dtype == TCONV_FLOAT64 ? (float)v : v;
}

/* A partial sum as the kernel keeps it. */
static double accumulated(const tconv_problem* p, double v) {
  if (p->dtype == TCONV_INT64) return v;
  if (MUTANT(half_accumulator)) return to_binary16(v);
  if (MUTANT(float64_computed_in_float32)) return (float)v;
  return v;
}

/* The bias of output channel co at the output element whose position along the
 * physical last axis is `last`. */
static double bias_value(const tconv_problem* p, const void* bias, int64_t co, int64_t last) {
  if (!p->has_bias || MUTANT(bias_dropped)) return 0;
  if (MUTANT(bias_per_group)) co %= p->out_channels / p->groups;
  if (MUTANT(bias_broadcast_trailing) && p->layout == TCONV_NCX) co = last % p->out_channels;
  const double b = operand(p, bias, co);
  return MUTANT(bias_twice) ? 2 * b : b;
}

/* The output channel that the products of input channel ci and output channel co (the
 * member co_g of its group) are written to. */
static int64_t written_channel(const tconv_problem* p, int64_t ci, int64_t co, int64_t co_g) {
  const int64_t out_per_group = p->out_channels / p->groups;
  if (MUTANT(group_offset_missing)) return co_g;
  if (MUTANT(depthwise_multiplier_order) && p->groups == p->in_channels && p->groups > 1 &&
      out_per_group > 1) {
    return co_g * p->in_channels + ci;
  }
  if (MUTANT(depthwise_multiplier_order_wide) && p->groups == p->in_channels &&
      p->in_channels > 8 && out_per_group > 1) {
    return co_g * p->in_channels + ci;
  }
  return co;
}

/* The output staged through a scratch buffer sized by the first call and never grown:
 * a larger output wraps around it, so its elements alias (read back stale). */
static void stage_through_scratch(const tconv_problem* p, void* output, int64_t elements) {
  static double* scratch = NULL;
  static int64_t capacity = 0;
  if (!scratch) {
    if (!(scratch = malloc((size_t)elements * sizeof *scratch))) return;
    capacity = elements;
  }
  for (int64_t o = 0; o < elements; ++o) scratch[o % capacity] = get(p->dtype, output, o);
  for (int64_t o = 0; o < elements; ++o) put(p->dtype, output, o, scratch[o % capacity]);
}

/* The output added into an accumulator that is grown but never cleared: every call
 * gets the sum of its output and those of the calls before it. */
static void add_into_persistent_accumulator(const tconv_problem* p, void* output,
                                            int64_t elements) {
  static double* sums = NULL;
  static int64_t held = 0;
  if (elements > held) {
    double* grown = realloc(sums, (size_t)elements * sizeof *grown);
    if (!grown) return;
    for (int64_t o = held; o < elements; ++o) grown[o] = 0;
    sums = grown, held = elements;
  }
  for (int64_t o = 0; o < elements; ++o) {
    sums[o] += get(p->dtype, output, o);
    put(p->dtype, output, o, sums[o]);
  }
}

/* The input channel the summation starts at: 0, but one that changes from call to call
 * when the order depends on the process's history (a work-stealing reduction). */
static int64_t first_summed_channel(const tconv_problem* p) {
  static uint32_t calls = 0;
  if (!MUTANT(nondeterministic_sum)) return 0;
  return (int64_t)((calls++ * 2654435761u) >> 8) % p->in_channels;
}

static int32_t compute(void* user_data, const tconv_problem* p, const void* input,
                       const void* weights, const void* bias, void* output, int64_t output_elements,
                       char* error, size_t error_capacity) {
  (void)user_data;
  const axes3 g = kernel_axes(p);
  const strides5 xs = activation_strides(MUTANT(nxc_input_read_as_ncx) ? TCONV_NCX : p->layout,
                                         p->in_channels, g.in);
  const int64_t in_per_group = p->in_channels / p->groups;
  const int64_t out_per_group = p->out_channels / p->groups;
  const int blocked = out_per_group > 16; /* the 16-channel blocked path */
  const int pixel_stride_wrong =
      (MUTANT(nxc_output_pixel_stride_uses_cin) ||
       (MUTANT(nxc_blocked_output_stride_uses_cin) && blocked)) &&
      p->layout == TCONV_NXC;
  const strides5 ys =
      activation_strides(p->layout, pixel_stride_wrong ? p->in_channels : p->out_channels, g.out);
  const int64_t taps = g.k[0] * g.k[1] * g.k[2];
  int64_t images = MUTANT(first_image_only) ? 1 : p->batch;
  /* A 4-image batch loop whose remainder loses its last image. */
  if (MUTANT(batch_tail_dropped) && p->batch > 4) images -= 1;
  /* The channels a 16-channel blocked loop leaves out of its remainder block: the last
   * output channel of the block, or every input channel of it. */
  const int64_t out_tail = out_per_group % 16, in_tail = in_per_group % 16;
  const int64_t dropped_co_g =
      MUTANT(out_channel_block_tail_dropped) && out_per_group > 16 && out_tail ? out_per_group - 1
                                                                               : -1;
  const int64_t summed_ci_g = MUTANT(in_channel_block_tail_dropped) && in_per_group > 16
                                  ? in_per_group - in_tail
                                  : in_per_group;
  /* The bias is added with the first product reaching an element, or never. */
  const int bias_on_first_touch = MUTANT(gaps_unwritten) || MUTANT(gaps_bias_missing);
  unsigned char* touched = NULL;
  if (bias_on_first_touch && !(touched = calloc((size_t)output_elements, 1))) {
    snprintf(error, error_capacity, "%s: out of memory", p->text);
    return TCONV_ERROR;
  }

  if (!MUTANT(gaps_unwritten))
    for (int64_t n = 0; n < p->batch; ++n)
      for (int64_t co = 0; co < p->out_channels; ++co)
        for (int64_t z = 0; z < g.filled[0]; ++z)
          for (int64_t y = 0; y < g.filled[1]; ++y)
            for (int64_t x = 0; x < g.filled[2]; ++x) {
              const double b = bias_on_first_touch ? 0 : bias_value(p, bias, co, x);
              put(p->dtype, output, n * ys.n + co * ys.c + z * ys.z + y * ys.y + x * ys.x,
                  accumulated(p, b));
            }

  const int64_t first_ci = first_summed_channel(p);
  for (int64_t n = 0; n < images; ++n)
    for (int64_t step = 0; step < p->in_channels; ++step)
      for (int64_t iz = 0; iz < g.in[0]; ++iz)
        for (int64_t iy = 0; iy < g.in[1]; ++iy)
          for (int64_t ix = 0; ix < g.in[2]; ++ix) {
            const int64_t ci = (step + first_ci) % p->in_channels;
            const double value =
                operand(p, input, n * xs.n + ci * xs.c + iz * xs.z + iy * xs.y + ix * xs.x);
            const int64_t group = MUTANT(groups_interleaved) ? ci % p->groups : ci / in_per_group;
            const int64_t ci_g = MUTANT(groups_interleaved) ? ci / p->groups : ci % in_per_group;
            if (ci_g >= summed_ci_g) continue;
            for (int64_t co_g = 0; co_g < out_per_group; ++co_g) {
              if (co_g == dropped_co_g) continue;
              const int64_t co = MUTANT(groups_interleaved) ? group + p->groups * co_g
                                                            : group * out_per_group + co_g;
              const int64_t written = written_channel(p, ci, co, co_g);
              for (int64_t kz = 0; kz < g.k[0]; ++kz) {
                const int64_t oz =
                    kept(iz * g.s[0] + kz * g.d[0] - g.pb[0] + g.shift[0], g.reach[0], g.out[0]);
                if (oz < 0) continue;
                for (int64_t ky = 0; ky < g.k[1]; ++ky) {
                  const int64_t oy =
                      kept(iy * g.s[1] + ky * g.d[1] - g.pb[1] + g.shift[1], g.reach[1], g.out[1]);
                  if (oy < 0) continue;
                  for (int64_t kx = 0; kx < g.k[2]; ++kx) {
                    const int64_t ox = kept(ix * g.s[2] + kx * g.d[2] - g.pb[2] + g.shift[2],
                                            g.reach[2], g.out[2]);
                    if (ox < 0) continue;
                    int64_t o = n * ys.n + written * ys.c + oz * ys.z + oy * ys.y + ox * ys.x;
                    if (MUTANT(plane_index_16bit)) {
                      /* The position within the output plane kept in 16 bits. */
                      const uint16_t pixel = (uint16_t)((oz * g.out[1] + oy) * g.out[2] + ox);
                      o = n * ys.n + written * ys.c + (int64_t)pixel * ys.x;
                    }
                    const int64_t w =
                        weight_offset(p, ci, co, ci_g, co_g, tap_index(p, g.k, kz, ky, kx), taps);
                    double sum = value * operand(p, weights, w);
                    if (touched && !touched[o]) {
                      sum += bias_value(p, bias, written, ox);
                      touched[o] = 1;
                    } else {
                      sum += get(p->dtype, output, o);
                    }
                    put(p->dtype, output, o, accumulated(p, sum));
                  }
                }
              }
            }
          }
  free(touched);
  if (MUTANT(undersized_static_scratch)) stage_through_scratch(p, output, output_elements);
  if (MUTANT(persistent_accumulator)) add_into_persistent_accumulator(p, output, output_elements);

  /* Passes over the finished output: the mutants that change it afterwards. */
  for (int64_t n = 0; n < p->batch; ++n)
    for (int64_t co = 0; co < p->out_channels; ++co)
      for (int64_t z = 0; z < g.out[0]; ++z)
        for (int64_t y = 0; y < g.out[1]; ++y) {
          const int64_t row = n * ys.n + co * ys.c + z * ys.z + y * ys.y;
          for (int64_t x = 0; x < g.out[2]; ++x) {
            const int64_t o = row + x * ys.x;
            const int in_output_padding =
                z >= g.out[0] - g.op[0] || y >= g.out[1] - g.op[1] || x >= g.out[2] - g.op[2];
            if (MUTANT(output_padding_zero_filled) && in_output_padding) {
              put(p->dtype, output, o, 0);
            }
            if (MUTANT(bfloat16_output) && p->dtype != TCONV_INT64) {
              put(p->dtype, output, o, round_significand(get(p->dtype, output, o), 8, -133));
            }
          }
          if (MUTANT(output_padding_clear_overruns) && g.op[2] > 0) {
            for (int64_t x = g.out[2] - g.op[2]; x <= g.out[2]; ++x) {
              put(p->dtype, output, row + x * ys.x, bias_value(p, bias, co, x));
            }
          }
        }
  return TCONV_OK;
}

static const tconv_adapter adapter = {
    TCONV_ADAPTER_ABI_VERSION,
    "tconv-mutant-" TCONV_MUTANT_NAME,
    "1.0",
    {TCONV_RANK_1D | TCONV_RANK_2D | TCONV_RANK_3D,
     TCONV_BIT(TCONV_FLOAT32) | TCONV_BIT(TCONV_FLOAT64) | TCONV_BIT(TCONV_INT64),
     TCONV_BIT(TCONV_NCX) | TCONV_BIT(TCONV_NXC),
     TCONV_BIT(TCONV_IOX) | TCONV_BIT(TCONV_OIX) | TCONV_BIT(TCONV_XOI),
     TCONV_FEATURE_GROUPED | TCONV_FEATURE_DEPTHWISE | TCONV_FEATURE_DILATION |
         TCONV_FEATURE_OUTPUT_PADDING | TCONV_FEATURE_ASYMMETRIC_PADS | TCONV_FEATURE_BIAS,
     0},
    NULL, /* user_data */
    NULL, /* init */
    compute,
    NULL, /* finalize */
};

const tconv_adapter* tconv_adapter_get(void) { return &adapter; }
