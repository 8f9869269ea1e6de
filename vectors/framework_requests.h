// The problem a stored case's framework request resolves to by the project's own
// resolvers (reference/frameworks.h), from `framework.arguments` and the case's operand
// shapes (a functional call takes its sizes from its tensors). For a plain case it must
// be the stored problem: this ties the vectors to our own framework conventions.
//
// Mapped: PyTorch torch.nn.functional.conv_transpose{1,2,3}d and torch.nn.ConvTranspose{1,2,3}d
// (resolve_pytorch); tfjs tf.conv{2,3}dTranspose (resolve_tensorflow: tfjs follows
// TensorFlow's rule; a 1-D case is a conv2dTranspose with a unit height axis, dropped
// here); ONNX ConvTranspose (resolve_onnx). Not mapped: the literature, whose
// arguments are prose, not a call.
#pragma once

#include <optional>

#include "loader.h"
#include "problem.h"

namespace tconv {

// Whether resolve_request maps the case's framework.
bool has_resolver(const VectorCase& c);

// Throws ProblemError when the resolver rejects the request, and std::invalid_argument
// naming the argument when the arguments are not the framework's (an unknown name, a
// wrong type): every stored argument is read, none ignored.
Problem resolve_request(const VectorCase& c);

}  // namespace tconv
