// RapidCheck generators of each framework's own parameters for a transposed
// convolution, every one of them accepted by the framework (valid by construction):
// output sizes come from the documented legal ranges (framework_documents.h).
#pragma once

#include <rapidcheck.h>

#include <ostream>
#include <string>

#include "frameworks.h"

namespace tconv::properties {

// tf.nn.conv_transpose: SAME, VALID or EXPLICIT, output_shape anywhere in its legal range.
rc::Gen<TensorFlowConvTranspose> gen_tensorflow();
// Keras ConvNDTranspose: SAME or VALID, output_padding absent or below the stride,
// strides > 1 and dilation_rate > 1 never together (Keras rejects that).
rc::Gen<KerasConvTranspose> gen_keras();
// ONNX ConvTranspose: NOTSET with pads, NOTSET with output_shape, SAME_UPPER,
// SAME_LOWER (output_padding large enough that the total padding is >= 0) or VALID.
rc::Gen<OnnxConvTranspose> gen_onnx();
// torch.nn.ConvTransposeNd: symmetric padding, output_padding or output_size.
rc::Gen<PyTorchConvTranspose> gen_pytorch();

// One line naming every parameter, for failure messages and counterexamples.
std::string describe(const TensorFlowConvTranspose& c);
std::string describe(const KerasConvTranspose& c);
std::string describe(const OnnxConvTranspose& c);
std::string describe(const PyTorchConvTranspose& c);
const char* to_string(TensorFlowPadding p);
const char* to_string(OnnxAutoPad p);

}  // namespace tconv::properties

namespace tconv {
void showValue(const TensorFlowConvTranspose& c, std::ostream& os);
void showValue(const KerasConvTranspose& c, std::ostream& os);
void showValue(const OnnxConvTranspose& c, std::ostream& os);
void showValue(const PyTorchConvTranspose& c, std::ostream& os);
}  // namespace tconv
