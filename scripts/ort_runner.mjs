#!/usr/bin/env node
// Runs ONNX models with onnxruntime-node (CPU) for gen_onnxruntime.py.
//
// usage: node ort_runner.mjs MANIFEST.json RESULTS.json
// MANIFEST: {"runs": [{"model": path, "inputs": {name: {"dims": [...], "data": [...]}}}]}
// RESULTS:  {"version": onnxruntime-node version,
//            "runs": [{"dims": [...], "data": [...]} | {"error": message}]}
// Inputs and outputs are float32; one thread, so results do not depend on the core count.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import ort from 'onnxruntime-node';

const options = { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential',
  logSeverityLevel: 4 };

async function run({ model, inputs }) {
  try {
    const session = await ort.InferenceSession.create(model, options);
    const feeds = {};
    for (const [name, { dims, data }] of Object.entries(inputs)) {
      feeds[name] = new ort.Tensor('float32', Float32Array.from(data), dims);
    }
    const outputs = await session.run(feeds);
    const y = outputs[session.outputNames[0]];
    return { dims: Array.from(y.dims, Number), data: Array.from(y.data) };
  } catch (e) {
    return { error: e.message };
  }
}

if (process.argv.length !== 4) {
  console.error('usage: node ort_runner.mjs MANIFEST.json RESULTS.json');
  process.exit(2);
}
const manifest = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const { version } = createRequire(import.meta.url)('onnxruntime-node/package.json');
const runs = [];
for (const r of manifest.runs) runs.push(await run(r));
fs.writeFileSync(process.argv[3], JSON.stringify({ version, runs }));
