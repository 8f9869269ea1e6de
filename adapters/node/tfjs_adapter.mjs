// The TensorFlow.js adapters' common part (adapters/tfjs: the CPU backend;
// adapters/tfjs_wasm: the WebAssembly backend): tf.conv2dTranspose / tf.conv3dTranspose
// of @tensorflow/tfjs-core on one backend, 1-D through conv2dTranspose with a unit height
// axis. Which request computes a problem, and which none does, is
// ../tfjs/tfjs_request.mjs's; a problem no request computes gets an error reply starting
// "not expressible". The ops and their arguments are tfjs-core's, whatever the backend:
// only the kernels (Conv2DBackpropInput, Conv3DBackpropInputV2) differ.
//
// Declared: ranks 1 and 2, float32 (tfjs convolutions take float32 tensors only), nxc
// with xoi weights ([k..., Cout, Cin]: tfjs's filter), output_padding and asymmetric
// pads (outputShape and conv2dTranspose's explicit pads express every such problem).
// No groups, dilation or bias: the ops take none. With --conv3d, rank 3 too:
// conv3dTranspose takes 'valid' and 'same' only, so a 3-D problem runs only unpadded or
// with SAME's pads; any other (nearly every padded one) is "not expressible".
import { outputReply, packageVersion, parseProblem, requireNodePackage, serve, tensorValues }
  from './protocol.mjs';
import { tfjsRequest } from '../tfjs/tfjs_request.mjs';

// Serves the protocol with the tfjs backend `backend` (registered by backendPackage,
// which prepare(module) may configure before the backend initialises). program: the
// adapter's path for its usage line; its only option is --conv3d.
export async function serveTfjs({ name, program, backend, backendPackage, prepare = () => {} }) {
  const options = process.argv.slice(2);
  if (options.some((o) => o !== '--conv3d')) {
    process.stderr.write(`usage: node ${program} [--conv3d] (got ${options.join(' ')})\n`);
    process.exit(2);
  }
  const conv3d = options.includes('--conv3d');

  const tf = requireNodePackage('@tensorflow/tfjs-core');
  prepare(requireNodePackage(backendPackage));
  if (!(await tf.setBackend(backend))) {
    process.stderr.write(`tconv adapter: the tfjs backend '${backend}' did not initialise\n`);
    process.exit(1);
  }

  function handle(request) {
    if (request.dtype !== 'float32') throw new Error(`dtype ${request.dtype} is not declared`);
    const p = parseProblem(request.problem);
    const call = tfjsRequest(p);
    const spatial = (key) => call.axes.map((a) => a[key]);
    const y = tf.tidy(() => {
      const x = tf.tensor(tensorValues(request.input, Float32Array), [p.n, ...spatial('input'), p.ic]);
      const filter = tf.tensor(tensorValues(request.weights, Float32Array),
        [...spatial('kernel'), p.oc, p.ic]);
      return tf[call.op](x, filter, [p.n, ...spatial('output'), p.oc], call.strides, call.pad);
    });
    const values = y.dataSync();
    const shape = p.axes.length === 1 ? [y.shape[0], ...y.shape.slice(2)] : y.shape; // no unit axis
    y.dispose();
    return outputReply(request, p, shape, values);
  }

  return serve({
    name,
    version: `tfjs-core ${tf.version_core}, ${backendPackage.replace('@tensorflow/', '')} ` +
      `${packageVersion(backendPackage)}`,
    capabilities: {
      ranks: conv3d ? [1, 2, 3] : [1, 2],
      dtypes: ['float32'],
      layouts: ['nxc'],
      weight_layouts: ['xoi'],
      features: ['output_padding', 'asymmetric_pads'],
      max_batch: 0,
    },
  }, handle);
}
