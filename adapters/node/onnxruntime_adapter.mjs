// The ONNX Runtime adapters' common part (adapters/onnxruntime: onnxruntime-node on its
// CPU execution provider; adapters/onnxruntime_web: onnxruntime-web on its wasm one):
// each problem becomes an ONNX model with one ConvTranspose node (onnx_model.mjs), every
// attribute explicit, and X, W and B are graph inputs, so one session serves every call
// of a problem: the CACHED_SESSIONS most recently used are kept.
//
// Declared: what ONNX's ConvTranspose expresses and ORT's ConvTranspose kernel (the same
// source in both packages) runs: ranks 1-3, float32 (no float64 kernel: "Could not find
// an implementation for ConvTranspose(11)"), ncx with iox weights, groups, dilation,
// output_padding, asymmetric pads, bias.
import { convTransposeModel, ELEM_TYPE } from '../onnxruntime/onnx_model.mjs';
import { outputReply, parseProblem, serve, tensorValues } from './protocol.mjs';

const CACHED_SESSIONS = 32;
const ARRAY_TYPE = { float32: Float32Array };

// Serves the protocol with ort (an onnxruntime-node or onnxruntime-web module) creating
// every session with sessionOptions.
export function serveOnnxRuntime({ name, version, ort, sessionOptions }) {
  const sessions = new Map(); // `${dtype} ${problem}` -> session, least recently used first

  async function session(p, dtype, key) {
    let s = sessions.get(key);
    if (s) {
      sessions.delete(key);
    } else {
      s = await ort.InferenceSession.create(convTransposeModel(p, ELEM_TYPE[dtype]), sessionOptions);
      if (sessions.size >= CACHED_SESSIONS) {
        const [oldestKey, oldest] = sessions.entries().next().value;
        sessions.delete(oldestKey);
        await oldest.release();
      }
    }
    sessions.set(key, s);
    return s;
  }

  async function handle(request) {
    const { dtype } = request;
    const ArrayType = ARRAY_TYPE[dtype];
    if (!ArrayType) throw new Error(`dtype ${dtype} is not declared`);
    const p = parseProblem(request.problem);
    if (p.layout !== 'ncx' || p.weightLayout !== 'iox') {
      throw new Error(`layouts ${p.layout}/${p.weightLayout} are not declared: ONNX is ncx/iox`);
    }
    const tensor = (t) => new ort.Tensor(dtype, tensorValues(t, ArrayType), t.shape);
    const feeds = { X: tensor(request.input), W: tensor(request.weights) };
    if (p.bias) feeds.B = tensor(request.bias);
    const { Y } = await (await session(p, dtype, `${dtype} ${request.problem}`)).run(feeds);
    return outputReply(request, p, Array.from(Y.dims, Number), Y.data);
  }

  return serve({
    name,
    version,
    capabilities: {
      ranks: [1, 2, 3],
      dtypes: ['float32'],
      layouts: ['ncx'],
      weight_layouts: ['iox'],
      features: ['grouped', 'depthwise', 'dilation', 'output_padding', 'asymmetric_pads', 'bias'],
      max_batch: 0,
    },
  }, handle);
}
