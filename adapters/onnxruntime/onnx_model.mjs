// The ONNX model of one transposed convolution, written as protobuf bytes here (no
// onnx package at run time): a graph with the one node ConvTranspose(X, W[, B]) -> Y,
// every attribute explicit. Only the fields of onnx.proto used here are encoded; field
// numbers are onnx.proto's (proto2, so repeated scalars are written unpacked).

export const OPSET = 17;
const IR_VERSION = 8; // the IR of opset 17
export const ELEM_TYPE = { float32: 1, float64: 11 }; // TensorProto.DataType

// Protobuf wire format: a varint, or a length-delimited field.
const utf8 = new TextEncoder();
function varint(value) {
  const bytes = [];
  let v = value; // a non-negative integer below 2^53: arithmetic, not 32-bit bitwise
  while (v >= 0x80) {
    bytes.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  bytes.push(v);
  return bytes;
}
const intField = (field, value) => [...varint(field * 8), ...varint(value)];
function bytesField(field, bytes) {
  return [...varint(field * 8 + 2), ...varint(bytes.length), ...bytes];
}
const stringField = (field, text) => bytesField(field, utf8.encode(text));

// AttributeProto: name 1, i 3, ints 8, type 20 (INT 2, INTS 7).
const intAttribute = (name, value) => [...stringField(1, name), ...intField(3, value), ...intField(20, 2)];
function intsAttribute(name, values) {
  return [...stringField(1, name), ...values.flatMap((v) => intField(8, v)), ...intField(20, 7)];
}

// ValueInfoProto {name 1, type 2: TypeProto {tensor_type 1: {elem_type 1, shape 2:
// TensorShapeProto {dim 1: {dim_value 1}}}}}.
function valueInfo(name, elemType, dims) {
  const shape = bytesField(2, dims.flatMap((d) => bytesField(1, intField(1, d))));
  return [...stringField(1, name), ...bytesField(2, bytesField(1, [...intField(1, elemType), ...shape]))];
}

// The model of problem p (protocol.mjs parseProblem; ncx, iox) in elemType: inputs X
// [N, Cin, spatial...], W [Cin, Cout/g, k...], B [Cout] with a bias; output Y
// [N, Cout, spatial...].
export function convTransposeModel(p, elemType) {
  const axes = p.axes;
  const inputs = [['X', [p.n, p.ic, ...axes.map((a) => a.input)]],
    ['W', [p.ic, p.oc / p.g, ...axes.map((a) => a.kernel)]]];
  if (p.bias) inputs.push(['B', [p.oc]]);
  const attributes = [
    intsAttribute('kernel_shape', axes.map((a) => a.kernel)),
    intsAttribute('strides', axes.map((a) => a.stride)),
    intsAttribute('dilations', axes.map((a) => a.dilation)),
    intsAttribute('pads', [...axes.map((a) => a.padBegin), ...axes.map((a) => a.padEnd)]),
    intsAttribute('output_padding', axes.map((a) => a.outputPadding)),
    intAttribute('group', p.g),
  ];
  // NodeProto: input 1, output 2, op_type 4, attribute 5.
  const node = [...inputs.flatMap(([name]) => stringField(1, name)), ...stringField(2, 'Y'),
    ...stringField(4, 'ConvTranspose'), ...attributes.flatMap((a) => bytesField(5, a))];
  // GraphProto: node 1, name 2, input 11, output 12.
  const graph = [...bytesField(1, node), ...stringField(2, 'conv_transpose'),
    ...inputs.flatMap(([name, dims]) => bytesField(11, valueInfo(name, elemType, dims))),
    ...bytesField(12, valueInfo('Y', elemType, [p.n, p.oc, ...axes.map((a) => a.output)]))];
  // ModelProto: ir_version 1, producer_name 2, graph 7, opset_import 8 {domain 1, version 2}.
  return Uint8Array.from([...intField(1, IR_VERSION), ...stringField(2, 'tconv-conformance'),
    ...bytesField(7, graph), ...bytesField(8, intField(2, OPSET))]);
}
