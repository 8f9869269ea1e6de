#!/usr/bin/env node
// The TensorFlow.js WebAssembly adapter (out-of-process, docs/ADAPTERS.md#the-protocol):
// tf.conv2dTranspose / tf.conv3dTranspose of @tensorflow/tfjs-core on the wasm backend
// (tfjs-backend-wasm: its C++ kernels compiled to WebAssembly, where the CPU backend's
// are JavaScript). The request mapping (../tfjs/tfjs_request.mjs), the declaration and
// the protocol are ../node/tfjs_adapter.mjs's, shared with the CPU backend's adapter:
// both backends implement Conv2DBackpropInput and Conv3DBackpropInputV2.
//
// usage: node adapters/tfjs_wasm/adapter.mjs [--conv3d]   (packages: adapters/install.sh)
import { serveTfjs } from '../node/tfjs_adapter.mjs';
import { packagePath } from '../node/protocol.mjs';

await serveTfjs({ name: 'tfjs-wasm', program: 'adapters/tfjs_wasm/adapter.mjs', backend: 'wasm',
  backendPackage: '@tensorflow/tfjs-backend-wasm',
  // The .wasm binaries from node_modules (a folder path: read from the file system, never
  // fetched); one thread, so that a failure reproduces exactly.
  prepare: (wasm) => {
    wasm.setWasmPaths(packagePath('@tensorflow/tfjs-backend-wasm', 'dist/'));
    wasm.setThreadsCount(1);
  } });
