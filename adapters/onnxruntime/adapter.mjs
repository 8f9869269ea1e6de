#!/usr/bin/env node
// The ONNX Runtime adapter (out-of-process, docs/ADAPTERS.md#the-protocol): each problem
// becomes an ONNX model with one ConvTranspose node (onnx_model.mjs), every attribute
// explicit (pads = [begins..., ends...], output_padding, dilations, group, strides),
// run by onnxruntime-node on the CPU with one thread. The protocol, the session cache
// and the declaration are ../node/onnxruntime_adapter.mjs's, shared with onnxruntime-web.
//
// usage: node adapters/onnxruntime/adapter.mjs   (packages: adapters/install.sh)
import { OPSET } from './onnx_model.mjs';
import { serveOnnxRuntime } from '../node/onnxruntime_adapter.mjs';
import { packageVersion, requireNodePackage } from '../node/protocol.mjs';

serveOnnxRuntime({
  name: 'onnxruntime',
  version: `onnxruntime-node ${packageVersion('onnxruntime-node')} (CPU), opset ${OPSET}`,
  ort: requireNodePackage('onnxruntime-node'),
  // ORT's defaults otherwise (graph optimizations on), as a user gets them.
  sessionOptions: { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential',
    logSeverityLevel: 4 },
});
