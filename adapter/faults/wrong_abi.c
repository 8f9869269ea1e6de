/* Built for a later ABI version than the suite's: loading it must fail with a clear
 * error before anything else of the struct is read. */
#include "fault.h"

static const tconv_adapter future_adapter = {TCONV_ADAPTER_ABI_VERSION + 1,
                                             "fault-wrong-abi",
                                             "1.0",
                                             {0, 0, 0, 0, 0, 0},
                                             NULL,
                                             NULL,
                                             NULL,
                                             NULL};

const tconv_adapter* tconv_adapter_get(void) { return &future_adapter; }
