#!/usr/bin/env node
// The ONNX Runtime adapter (out-of-process, docs/ADAPTERS.md#the-protocol): each problem
// becomes an ONNX model with one ConvTranspose node (onnx_model.mjs), every attribute
// explicit (pads = [begins..., ends...], output_padding, dilations, group, strides),
// run by onnxruntime-node on the CPU with one thread.
//
// Declared: what ONNX's ConvTranspose expresses and ORT's CPU kernel runs: ranks 1-3,
// float32 (ORT has no float64 CPU kernel: "Could not find an implementation for
// ConvTranspose(11)"), ncx with iox weights, groups, dilation, output_padding,
// asymmetric pads, bias. One session per problem signature (X, W and B are graph
// inputs), the CACHED_SESSIONS most recently used kept.
//
// usage: node adapters/onnxruntime/adapter.mjs   (packages: adapters/install.sh)
import { convTransposeModel, ELEM_TYPE, OPSET } from './onnx_model.mjs';
import { outputReply, packageVersion, parseProblem, requireNodePackage, serve, tensorValues }
  from '../node/protocol.mjs';

const ort = requireNodePackage('onnxruntime-node');

// ORT's defaults otherwise (graph optimizations on), as a user gets them.
const SESSION_OPTIONS = { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential',
  logSeverityLevel: 4 };
const CACHED_SESSIONS = 32;
const ARRAY_TYPE = { float32: Float32Array };

const sessions = new Map(); // `${dtype} ${problem}` -> session, least recently used first

async function session(p, dtype, key) {
  let s = sessions.get(key);
  if (s) {
    sessions.delete(key);
  } else {
    s = await ort.InferenceSession.create(convTransposeModel(p, ELEM_TYPE[dtype]), SESSION_OPTIONS);
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

serve({
  name: 'onnxruntime',
  version: `onnxruntime-node ${packageVersion('onnxruntime-node')} (CPU), opset ${OPSET}`,
  capabilities: {
    ranks: [1, 2, 3],
    dtypes: ['float32'],
    layouts: ['ncx'],
    weight_layouts: ['iox'],
    features: ['grouped', 'depthwise', 'dilation', 'output_padding', 'asymmetric_pads', 'bias'],
    max_batch: 0,
  },
}, handle);
