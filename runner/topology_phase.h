// The topology phase of a run: the real layers of published networks
// (conformance/real_layers.h: DCGAN, U-Net, FCN-32s/-8s, bilinear upsampling, FSRCNN,
// pix2pix, 3-D U-Net, HiFi-GAN) at their real sizes, which random problems do not reach.
//
// With an adapter, each layer runs in every activation layout (ncx, nxc) x weight layout
// (iox, oix, xoi), converted from its own; a layout (or anything else) the adapter does
// not declare is recorded as unsupported. By --size and the layer's multiply-adds:
// small runs the layers of at most kAllLayoutsMacs; medium (the default) also the
// larger ones, in one layout only: their own when declared, else the adapter's first
// declared one; large runs every layer in every layout. Each case is
// one call in float32 (--dtype, or the first declared dtype when float32 is not), on the
// data of the property check "agrees with the reference" for that problem (so that
// `--problem` replays the same call), compared with the fastest trusted reference,
// gemm_col2im, computed in double within the rounding bound of check/error_bound.h (exact
// in int64).
//
// Without an adapter, each layer the size selects in its own layouts: gemm_col2im against
// the direct scatter, exactly on small integers in double (the three other references
// would take up to minutes on these layers; tests/test_gemm_col2im.cpp holds gemm_col2im
// to all four on small problems).
//
// Case k of the planned (layer, layout) pairs belongs to shard k mod n; --rank, --feature,
// --max-elements (of each tensor) and --layer leave cases out. A layer --layer names runs
// whatever --size says (in the layouts --size gives it).
#pragma once

#include <cstdint>
#include "adapter_interface.h"
#include "options.h"
#include "progress.h"
#include "report.h"

namespace tconv {

// How many multiply-adds (multiply_adds: every input element x taps x Cout/g) a layer
// may have to run in every layout (--size small and medium); --size large runs every
// layer in every layout.
inline constexpr std::int64_t kAllLayoutsMacs = std::int64_t{1} << 24;

// What the phase's cases are called in reports.
inline constexpr const char* kTopologyCheck = "agrees with gemm_col2im";
inline constexpr const char* kTopologySelfCheck = "gemm_col2im agrees with the direct scatter";

// Appends the records to report.cases. Throws UsageError for a --layer that names no
// real layer.
void run_topology_phase(const Options& options, Adapter* adapter,
                                            RunReport& report, Progress& progress);

}  // namespace tconv
