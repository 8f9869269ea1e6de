#!/usr/bin/env node
// The TensorFlow.js adapter (out-of-process, docs/ADAPTERS.md#the-protocol):
// tf.conv2dTranspose / tf.conv3dTranspose of @tensorflow/tfjs-core on the CPU backend
// (tfjs-backend-cpu). The request mapping (tfjs_request.mjs), the declaration and the
// protocol are ../node/tfjs_adapter.mjs's, shared with the WebAssembly backend's adapter.
//
// usage: node adapters/tfjs/adapter.mjs [--conv3d]   (packages: adapters/install.sh)
import { serveTfjs } from '../node/tfjs_adapter.mjs';

await serveTfjs({ name: 'tfjs', program: 'adapters/tfjs/adapter.mjs', backend: 'cpu',
  backendPackage: '@tensorflow/tfjs-backend-cpu' });
