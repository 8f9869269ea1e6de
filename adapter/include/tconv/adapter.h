/* tconv/adapter.h: the C ABI through which tconv-conformance runs a third party's
 * transposed convolution inside its own process (docs/ADAPTERS.md).
 *
 * An adapter is a shared library exporting one function, tconv_adapter_get, that
 * returns a tconv_adapter: its name and version, the cases it declares it supports
 * (tconv_capabilities) and a compute function. Plain C99, also valid C++, only
 * fixed-width integers and pointers, so any language with a C FFI can implement it.
 *
 * Conventions (layouts, pads, output size) are those of docs/CONVENTIONS.md.
 * Versioning: TCONV_ADAPTER_ABI_VERSION changes whenever the layout or the meaning of
 * anything below changes; the suite loads only adapters built for its own version. */
#ifndef TCONV_ADAPTER_H
#define TCONV_ADAPTER_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TCONV_ADAPTER_ABI_VERSION 1u

/* The symbol the suite looks up with dlsym. */
#define TCONV_ADAPTER_ENTRY_POINT "tconv_adapter_get"

#if defined(__GNUC__)
#define TCONV_ADAPTER_EXPORT __attribute__((visibility("default")))
#else
#define TCONV_ADAPTER_EXPORT
#endif

/* Element types (tconv_problem.dtype). Every tensor of a call has this type. */
#define TCONV_FLOAT32 0
#define TCONV_FLOAT64 1
#define TCONV_INT64 2 /* small integers, compared exactly */

/* Activation layouts of the input and the output (tconv_problem.layout). */
#define TCONV_NCX 0 /* [N, C, D, H, W] */
#define TCONV_NXC 1 /* [N, D, H, W, C] */

/* Weight layouts (tconv_problem.weight_layout); g = groups. */
#define TCONV_IOX 0 /* [Cin, Cout/g, k...]: PyTorch, ONNX */
#define TCONV_OIX 1 /* [Cout, Cin/g, k...]: oneDNN */
#define TCONV_XOI 2 /* [k..., Cout/g, Cin]: TensorFlow, Keras */

/* The bit of a value in a capability mask, e.g. TCONV_BIT(TCONV_FLOAT32). */
#define TCONV_BIT(value) (1u << (value))

/* Spatial ranks (tconv_capabilities.ranks). */
#define TCONV_RANK_1D 1u
#define TCONV_RANK_2D 2u
#define TCONV_RANK_3D 4u

/* Optional features (tconv_capabilities.features). A problem using a feature the
 * adapter does not declare is reported unsupported and never run. */
#define TCONV_FEATURE_GROUPED 1u          /* groups > 1, other than depthwise */
#define TCONV_FEATURE_DEPTHWISE 2u        /* groups == in_channels > 1 */
#define TCONV_FEATURE_DILATION 4u         /* dilation > 1 on some axis */
#define TCONV_FEATURE_OUTPUT_PADDING 8u   /* output_padding > 0 on some axis */
#define TCONV_FEATURE_ASYMMETRIC_PADS 16u /* pad_begin != pad_end on some axis */
#define TCONV_FEATURE_BIAS 32u            /* a bias operand */

typedef struct tconv_capabilities {
  uint32_t ranks;          /* TCONV_RANK_* */
  uint32_t dtypes;         /* TCONV_BIT(TCONV_FLOAT32) | ... */
  uint32_t layouts;        /* TCONV_BIT(TCONV_NCX) | ... */
  uint32_t weight_layouts; /* TCONV_BIT(TCONV_IOX) | ... */
  uint32_t features;       /* TCONV_FEATURE_* */
  int64_t max_batch;       /* the largest batch supported; 0 for no limit */
} tconv_capabilities;

/* One problem. Per-axis arrays hold the spatial axes outermost first (D, H, W) in
 * [0, rank); the unused entries are 1 (sizes, kernel, stride, dilation) or 0. */
typedef struct tconv_problem {
  int64_t batch;
  int64_t in_channels;
  int64_t out_channels;
  int64_t groups;
  int64_t input_size[3];
  int64_t kernel[3];
  int64_t stride[3];
  int64_t dilation[3]; /* 1 is dense */
  int64_t pad_begin[3];
  int64_t pad_end[3];
  int64_t output_padding[3];
  /* Derived, for convenience: output sizes and the element count of each tensor. */
  int64_t output_size[3];
  int64_t input_elements;
  int64_t weight_elements;
  int64_t bias_elements; /* out_channels, or 0 without bias */
  int64_t output_elements;
  const char* text;      /* the canonical problem string, e.g. "n1,g1,ic2,...,ncx,iox" */
  int32_t rank;          /* 1, 2 or 3 */
  int32_t dtype;         /* TCONV_FLOAT32 / TCONV_FLOAT64 / TCONV_INT64 */
  int32_t layout;        /* TCONV_NCX / TCONV_NXC */
  int32_t weight_layout; /* TCONV_IOX / TCONV_OIX / TCONV_XOI */
  int32_t has_bias;      /* 0 or 1 */
} tconv_problem;

/* Status of compute and init: TCONV_OK, or any other value for an error, with a
 * NUL-terminated message written to `error` (at most error_capacity bytes). */
#define TCONV_OK 0
#define TCONV_ERROR 1

/* Computes the transposed convolution of `problem`: reads `input`, `weights` and
 * `bias` (NULL without bias) in the problem's layouts and dtype, and writes every one
 * of the output_elements elements of `output` (caller-allocated, filled with a
 * poison value beforehand: an element left unwritten is detected). */
typedef int32_t (*tconv_compute_fn)(void* user_data, const tconv_problem* problem,
                                    const void* input, const void* weights, const void* bias,
                                    void* output, int64_t output_elements, char* error,
                                    size_t error_capacity);

typedef struct tconv_adapter {
  uint32_t abi_version; /* TCONV_ADAPTER_ABI_VERSION; first, so that any version can be read */
  const char* name;
  const char* version;
  tconv_capabilities capabilities;
  void* user_data; /* passed to init, compute and finalize */
  /* Optional (NULL): called once in each process before its first compute (under
   * isolation, in each forked child: docs/ADAPTERS.md#isolation). */
  int32_t (*init)(void* user_data, char* error, size_t error_capacity);
  tconv_compute_fn compute;
  /* Optional (NULL): called when the suite unloads the adapter in a process that ran
   * init; a forked child exits without it. */
  void (*finalize)(void* user_data);
} tconv_adapter;

typedef const tconv_adapter* (*tconv_adapter_get_fn)(void);

/* Exported by every adapter library; returns a pointer to a static tconv_adapter. */
TCONV_ADAPTER_EXPORT const tconv_adapter* tconv_adapter_get(void);

#ifdef __cplusplus
}
#endif

#endif /* TCONV_ADAPTER_H */
