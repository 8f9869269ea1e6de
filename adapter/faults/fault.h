/* Fault-injection adapters: each one is a correct adapter (the example's direct
 * scatter, ../examples/c_scatter.c) with a single fault, so that a test seeing the
 * right verdict knows the isolation caught that fault and nothing else.
 * TCONV_FAULT_ADAPTER(name, dtypes, compute) defines the adapter: it declares every
 * capability, in the given dtypes. */
#ifndef TCONV_FAULT_H
#define TCONV_FAULT_H

#include <tconv/adapter.h>

#include "../examples/c_scatter.h"

#define TCONV_ALL_DTYPES \
  (TCONV_BIT(TCONV_FLOAT32) | TCONV_BIT(TCONV_FLOAT64) | TCONV_BIT(TCONV_INT64))

#define TCONV_FAULT_ADAPTER(NAME, DTYPES, COMPUTE)                                            \
  static const tconv_adapter fault_adapter = {                                                \
      TCONV_ADAPTER_ABI_VERSION,                                                              \
      NAME,                                                                                   \
      "1.0",                                                                                  \
      {TCONV_RANK_1D | TCONV_RANK_2D | TCONV_RANK_3D, DTYPES,                                 \
       TCONV_BIT(TCONV_NCX) | TCONV_BIT(TCONV_NXC),                                           \
       TCONV_BIT(TCONV_IOX) | TCONV_BIT(TCONV_OIX) | TCONV_BIT(TCONV_XOI),                    \
       TCONV_FEATURE_GROUPED | TCONV_FEATURE_DEPTHWISE | TCONV_FEATURE_DILATION |             \
           TCONV_FEATURE_OUTPUT_PADDING | TCONV_FEATURE_ASYMMETRIC_PADS | TCONV_FEATURE_BIAS, \
       0},                                                                                    \
      NULL,                                                                                   \
      NULL,                                                                                   \
      COMPUTE,                                                                                \
      NULL,                                                                                   \
  };                                                                                          \
  const tconv_adapter* tconv_adapter_get(void) { return &fault_adapter; }

/* The parameter list of a compute function, for the faults' one-line definitions. */
#define TCONV_COMPUTE_PARAMETERS                                                   \
  void *user_data, const tconv_problem *p, const void *input, const void *weights, \
      const void *bias, void *output, int64_t output_elements, char *error, size_t error_capacity

/* Marks the parameters a fault does not use. */
#define TCONV_UNUSED_PARAMETERS                                                   \
  (void)user_data, (void)p, (void)input, (void)weights, (void)bias, (void)output, \
      (void)output_elements, (void)error, (void)error_capacity

/* Bytes per element of the problem's dtype. */
#define TCONV_ELEMENT_BYTES(p) ((p)->dtype == TCONV_FLOAT32 ? 4 : 8)

/* Reads element `index` of `data` (of the problem's dtype; the index may be out of
 * bounds) and writes the same bits back, as an integer of the element's size: `x += 0`,
 * a write no canary can see. */
static inline void tconv_rewrite_element(const tconv_problem* p, const void* data, int64_t index) {
  if (p->dtype == TCONV_FLOAT32) {
    volatile uint32_t* element = (volatile uint32_t*)data + index;
    *element = *element;
  } else {
    volatile uint64_t* element = (volatile uint64_t*)data + index;
    *element = *element;
  }
}

#endif /* TCONV_FAULT_H */
