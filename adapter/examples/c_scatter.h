/* The computation of the example C adapter (c_adapter.c): the direct scatter, in
 * plain C, over the ABI's tconv_problem. The fault-injection adapters (../faults)
 * reuse it, so that each of them differs from a correct adapter by one fault only. */
#ifndef TCONV_C_SCATTER_H
#define TCONV_C_SCATTER_H

#include <tconv/adapter.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Writes every output element: the bias (or zero), plus every x*w landing on it. */
void tconv_c_scatter(const tconv_problem* p, const void* input, const void* weights,
                     const void* bias, void* output);

#ifdef __cplusplus
}
#endif

#endif /* TCONV_C_SCATTER_H */
