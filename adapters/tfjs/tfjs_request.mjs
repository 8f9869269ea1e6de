// Which tfjs call computes a problem exactly. tf.conv2dTranspose / tf.conv3dTranspose
// take no pads of the transposed convolution: they take the padding of the forward
// convolution whose gradient they are, and its input shape as outputShape. By
// TensorFlow's rule (dilation 1, per axis, I input, k kernel, s stride, O outputShape):
//   'valid':        pad_begin 0,                        legal when ceil((O-k+1)/s) = I
//   'same':         pad_begin floor(max((I-1)s+k-O, 0)/2), legal when ceil(O/s) = I
//   a number p:     pad_begin p,                        legal when floor((O-k+2p)/s)+1 = I
//   explicit pads [[0,0],[t,b],[l,r],[0,0]]: pad_begin t (l), legal when
//                   floor((O-k+t+b)/s)+1 = I
// where legal means the forward convolution of O gives back I (tfjs does not check it).
// The output is the full output (I-1)s+k cropped by pad_begin and cut (or extended by
// zeros) to O, so a request computes a problem exactly when, on every axis, it is legal
// and its pad_begin is the problem's. conv3dTranspose takes 'valid' and 'same' only; a
// number or explicit pads are conv2dTranspose's. 1-D runs as conv2dTranspose with a
// unit height axis (I = k = s = O = 1), which every request but a numeric pad > 0 keeps.
//
// The first request of 'valid', 'same', a number, explicit pads that computes the
// problem is used; a problem none computes is "not expressible". Groups, dilation and
// bias have no tfjs argument: a problem with one is not expressible either.

const ceilDiv = (a, b) => Math.ceil(a / b);
const floorDiv = (a, b) => Math.floor(a / b);

// The request candidates: pad_begin and legality on one axis (a: input, kernel,
// stride, padBegin, padEnd, output), and the tfjs `pad` argument.
const CANDIDATES = [
  { name: "'valid'", pad: () => 'valid', conv3d: true,
    computes: (a) => a.padBegin === 0 && ceilDiv(a.output - a.kernel + 1, a.stride) === a.input },
  { name: "'same'", pad: () => 'same', conv3d: true,
    computes: (a) => ceilDiv(a.output, a.stride) === a.input &&
      floorDiv(Math.max((a.input - 1) * a.stride + a.kernel - a.output, 0), 2) === a.padBegin },
  { name: 'a number', pad: (axes) => axes[0].padBegin, conv3d: false,
    computes: (a, axes) => a.padBegin === axes[0].padBegin &&
      floorDiv(a.output - a.kernel + 2 * a.padBegin, a.stride) + 1 === a.input },
  { name: 'explicit pads', conv3d: false,
    pad: (axes) => [[0, 0], ...axes.map((a) => [a.padBegin, a.padEnd]), [0, 0]],
    computes: (a) => floorDiv(a.output - a.kernel + a.padBegin + a.padEnd, a.stride) + 1 === a.input },
];

const UNIT_AXIS = { input: 1, kernel: 1, stride: 1, dilation: 1, padBegin: 0, padEnd: 0,
  outputPadding: 0, output: 1 };

// The tfjs call of problem p (protocol.mjs parseProblem): {op: 'conv2dTranspose' |
// 'conv3dTranspose', axes: the call's spatial axes (1-D: the unit height axis first),
// strides, pad}. Throws "not expressible: ..." when no request computes p.
export function tfjsRequest(p) {
  const unsupported = [p.g > 1 && `groups ${p.g}`, p.axes.some((a) => a.dilation > 1) && 'dilation',
    p.bias && 'a bias', p.layout !== 'nxc' && `layout ${p.layout}`,
    p.weightLayout !== 'xoi' && `weight layout ${p.weightLayout}`].filter(Boolean);
  if (unsupported.length > 0) {
    throw new Error(`not expressible: tf.conv*dTranspose takes no ${unsupported.join(', ')}`);
  }
  const conv3d = p.axes.length === 3;
  const axes = p.axes.length === 1 ? [UNIT_AXIS, ...p.axes] : p.axes;
  const candidate = CANDIDATES.find((c) => (c.conv3d || !conv3d) &&
    axes.every((a) => c.computes(a, axes)));
  if (!candidate) {
    const tried = CANDIDATES.filter((c) => c.conv3d || !conv3d).map((c) => c.name).join(', ');
    throw new Error(`not expressible: no ${conv3d ? 'conv3dTranspose' : 'conv2dTranspose'} ` +
      `padding (${tried}) gives pad_begin [${p.axes.map((a) => a.padBegin)}] with output size ` +
      `[${p.axes.map((a) => a.output)}] by TensorFlow's rule`);
  }
  return { op: conv3d ? 'conv3dTranspose' : 'conv2dTranspose', axes,
    strides: axes.map((a) => a.stride), pad: candidate.pad(axes) };
}
