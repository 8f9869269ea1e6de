#!/usr/bin/env node
// The onnxruntime-web adapter (out-of-process, docs/ADAPTERS.md#the-protocol): the ONNX
// Runtime adapter's models (../onnxruntime/onnx_model.mjs) and protocol
// (../node/onnxruntime_adapter.mjs), run by onnxruntime-web's wasm execution provider:
// ORT compiled to WebAssembly (MLAS's wasm SIMD kernels, not the native ones of
// onnxruntime-node), one thread, its .wasm binary read from node_modules, no network.
//
// usage: node adapters/onnxruntime_web/adapter.mjs   (packages: adapters/install.sh)
import { OPSET } from '../onnxruntime/onnx_model.mjs';
import { serveOnnxRuntime } from '../node/onnxruntime_adapter.mjs';
import { packagePath, packageVersion, requireNodePackage } from '../node/protocol.mjs';

const ort = requireNodePackage('onnxruntime-web');
ort.env.wasm.numThreads = 1; // no worker threads: a failure reproduces exactly
// A folder path: the wasm loader reads the binary from the file system.
ort.env.wasm.wasmPaths = packagePath('onnxruntime-web', 'dist/');

serveOnnxRuntime({
  name: 'onnxruntime-web',
  version: `onnxruntime-web ${packageVersion('onnxruntime-web')} (wasm), opset ${OPSET}`,
  ort,
  sessionOptions: { executionProviders: ['wasm'], intraOpNumThreads: 1, interOpNumThreads: 1,
    executionMode: 'sequential', logSeverityLevel: 4 },
});
