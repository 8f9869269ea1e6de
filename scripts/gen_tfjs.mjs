#!/usr/bin/env node
// Golden vectors from TensorFlow.js: tf.conv2dTranspose and tf.conv3dTranspose on the
// CPU backend (1-D through conv2dTranspose with a unit height axis: tfjs has no
// conv1dTranspose).
//
// usage: node gen_tfjs.mjs OUTPUT.json
//
// The cases go to finish_vectors.py, which writes the problem string, checks every
// case against the reference and writes OUTPUT.json. Layouts are nxc / xoi; tfjs
// computes in float32 and has no dilation or bias in these ops.
//
// A request resolves by TensorFlow's rule, per axis (dilation 1):
//   SAME:  total = max((I-1)s + k - O, 0), pad_begin = floor(total/2), pad_end = total - pad_begin
//   VALID: no pads;   a number p: pad_begin = pad_end = p
//   output_padding = O - ((I-1)s + k - pad_begin - pad_end)
// The legal output sizes are those whose forward convolution gives back I:
//   SAME (I-1)s+1 .. I·s, VALID (I-1)s+k .. (I-1)s+k+s-1, number p (I-1)s+k-2p .. +s-1.
// tfjs does not check outputShape against them: what it returns outside them is recorded
// as expect_error cases.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';

const SEED = 20261121;
const CREATED = '2026-11-21'; // fixed, so regeneration is byte-identical

// mulberry32: a small seeded generator, so the data do not depend on Math.random.
function generator(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = generator(SEED);
const count = (shape) => shape.reduce((a, b) => a * b, 1);
// Small non-zero integers (a zero would hide a wrong landing): -3..-1, 1..3.
const smallInts = (shape) => Array.from({ length: count(shape) }, () => {
  const v = Math.floor(random() * 6) - 3;
  return v >= 0 ? v + 1 : v;
});
const reals = (shape) => Array.from({ length: count(shape) }, () => Math.fround(random() * 2 - 1));

function legalRange(pad, I, k, s) {
  const first = pad === 'same' ? (I - 1) * s + 1
    : pad === 'valid' ? (I - 1) * s + k : (I - 1) * s + k - 2 * pad;
  const last = pad === 'same' ? I * s : first + s - 1;
  return [first, last];
}

function resolveAxis(pad, I, k, s, O) {
  const full = (I - 1) * s + k;
  let begin = 0;
  let end = 0;
  if (pad === 'same') {
    const total = Math.max(full - O, 0);
    begin = Math.floor(total / 2);
    end = total - begin;
  } else if (typeof pad === 'number') {
    begin = end = pad;
  }
  return { input: I, kernel: k, stride: s, dilation: 1, pad_begin: begin, pad_end: end,
    output_padding: O - (full - begin - end) };
}

// Why tfjs departs from TensorFlow's rule where it does (read in tfjs-core's conv_util.js);
// finish_vectors.py attaches the text only to cases whose output shows the departure.
const HINTS = [
  { applies: (rank, pad) => rank === 3 && pad === 'same',
    text: "tfjs's get3DPadAndOutInfo does not clamp the SAME total padding at 0 as its 2-D " +
      'twin and TensorFlow do, so where (I-1)s + k < O the padding goes below zero' },
  { applies: (rank, pad) => typeof pad === 'number',
    text: "tfjs's computeOutputShape2D derives the extent of both axes from the filter height " +
      'and the stride height, so with a numeric pad and a non-square filter or stride the ' +
      'kernel walks the input with a wrong width' },
];

const padName = (pad) => (typeof pad === 'number' ? `pad${pad}` : pad);
const dims = (v) => v.join('x');

// One request: spatial sizes I, kernel k, strides s, output sizes O (one per axis),
// pad 'same' | 'valid' | a number. rank 1 runs as conv2dTranspose with height 1.
function request({ I, k, s, O, pad, n = 1, cin = 1, cout = 1, dtype = 'int64', group, description }) {
  const rank = I.length;
  const xShape = [n, ...I, cin];
  const wShape = [...k, cout, cin];
  const yShape = [n, ...O, cout];
  const make = dtype === 'int64' ? smallInts : reals;
  const x = make(xShape);
  const w = make(wShape);
  const unit = (v, one) => (rank === 1 ? [v[0], one, ...v.slice(1)] : v);
  const strides = rank === 1 ? [1, s[0]] : s;
  const call = { x_shape: unit(xShape, 1), filter_shape: rank === 1 ? [1, ...wShape] : wShape,
    outputShape: unit(yShape, 1), strides, pad };
  const api = rank === 3 ? 'tf.conv3dTranspose' : 'tf.conv2dTranspose';
  const legal = I.every((_, a) => {
    const [lo, hi] = legalRange(pad, I[a], k[a], s[a]);
    return O[a] >= lo && O[a] <= hi;
  });
  let y;
  let message = null;
  try {
    const xt = tf.tensor(x, call.x_shape, 'float32');
    const wt = tf.tensor(w, call.filter_shape, 'float32');
    const op = rank === 3 ? tf.conv3dTranspose : tf.conv2dTranspose;
    y = Array.from(op(xt, wt, call.outputShape, strides, pad).dataSync());
  } catch (e) {
    message = e.message;
  }
  const c = {
    id: `tf_${group}_${padName(pad)}_${rank}d_i${dims(I)}_k${dims(k)}_s${dims(s)}_o${dims(O)}` +
      `_n${n}_c${cin}to${cout}_${dtype === 'int64' ? 'i64' : 'f32'}`,
    description: description + (rank === 1 ? '; 1-D through conv2dTranspose with a unit height axis' : ''),
    framework: { framework: 'tfjs', version: tf.version_core, api,
      arguments: { ...call, backend: tf.getBackend() } },
    problem: { batch: n, in_channels: cin, out_channels: cout, groups: 1, has_bias: false,
      layout: 'nxc', weight_layout: 'xoi',
      axes: I.map((_, a) => resolveAxis(pad, I[a], k[a], s[a], O[a])) },
    dtype,
    input: { shape: xShape, layout: 'nxc', data: x },
    weights: { shape: wShape, layout: 'xoi', data: w },
  };
  const hint = HINTS.find((h) => h.applies(rank, pad));
  if (hint) c.finding_hint = hint.text;
  if (legal && message === null) {
    c.expected = { shape: yShape, layout: 'nxc', data: y };
    return c;
  }
  c.expect_error = {
    rejected: message !== null,
    message,
    note: legal ? 'tfjs rejects a legal request'
      : 'outputShape outside the legal range (forward convolution of it does not give back the ' +
        'input size); tfjs does not check it: its kernel takes the input extent from outputShape ' +
        '(ceil(O/s) for SAME) and ignores input rows past it, or reads past the input (NaN, written ' +
        'as null, or values of the next row)',
  };
  if (message === null) c.expect_error.observed = { shape: yShape, data: y };
  return c;
}

const range = (lo, hi) => Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
const product = (lists) => lists.reduce((acc, l) => acc.flatMap((p) => l.map((v) => [...p, v])), [[]]);

// Every legal output shape of one configuration, for SAME and VALID.
function sweep(config, description) {
  return ['same', 'valid'].flatMap((pad) => {
    const ranges = config.I.map((_, a) => range(...legalRange(pad, config.I[a], config.k[a], config.s[a])));
    return product(ranges).map((O) => request({ ...config, O, pad, group: 'sweep', description }));
  });
}

// Output sizes one below and one above the legal range on the first axis (the others legal).
function outsideRange(config) {
  return ['same', 'valid'].flatMap((pad) => {
    const ranges = config.I.map((_, a) => legalRange(pad, config.I[a], config.k[a], config.s[a]));
    return [ranges[0][0] - 1, ranges[0][1] + 1].filter((o) => o >= 1).map((o) => request({
      ...config, O: [o, ...ranges.slice(1).map((r) => r[0])], pad, group: 'illegal_output',
      description: `outputShape ${o} on the first axis, outside its legal range ${ranges[0].join('..')}`,
    }));
  });
}

function allCases() {
  const cases = [];
  // 1-D: odd and even inputs, kernel below, equal to and above the stride, strides 1-4.
  for (const I of [3, 4]) {
    for (const k of [1, 2, 3, 5]) {
      for (const s of [1, 2, 3, 4]) {
        const rel = k < s ? 'k < s' : k === s ? 'k = s' : 'k > s';
        cases.push(...sweep({ I: [I], k: [k], s: [s], cout: 2 },
          `every legal output size, 1-D, ${I % 2 ? 'odd' : 'even'} input, ${rel}`));
      }
    }
  }
  // 2-D and 3-D: height, width (and depth) differ in every parameter.
  const multi = [
    { I: [3, 4], k: [3, 2], s: [2, 3], n: 2, cin: 2, cout: 3, why: 'k > s on H, k < s on W' },
    { I: [4, 5], k: [2, 4], s: [2, 4], cin: 2, cout: 2, why: 'k = s on both axes' },
    { I: [5, 2], k: [1, 5], s: [3, 1], cout: 2, why: 'k < s on H, stride 1 on W' },
    { I: [2, 3], k: [4, 3], s: [4, 2], cin: 3, cout: 1, why: 'k = s on H, k > s on W' },
    { I: [2, 3, 2], k: [3, 2, 1], s: [2, 1, 3], cin: 2, cout: 2, why: 'k > s, k > s, k < s on D, H, W' },
  ];
  for (const { why, ...config } of multi) {
    cases.push(...sweep(config, `every legal output shape, ${config.I.length}-D, ${why}`));
  }
  for (const { why, ...config } of [multi[0], multi[4], { I: [3], k: [2], s: [3], cout: 2 }]) {
    cases.push(...outsideRange(config));
  }
  // Explicit numeric padding, every legal output size.
  const explicit = [{ I: [4, 3], k: [3, 3], s: [2, 2], cout: 2, pad: 1 },
    { I: [3, 4], k: [3, 4], s: [2, 3], cin: 2, cout: 2, pad: 1 },
    { I: [3, 4], k: [3, 4], s: [2, 3], cin: 2, cout: 2, pad: 2 }];
  for (const config of explicit) {
    const p = config.pad;
    const ranges = config.I.map((_, a) => range(...legalRange(p, config.I[a], config.k[a], config.s[a])));
    for (const O of product(ranges)) {
      cases.push(request({ ...config, O, group: 'explicit', description: `numeric pad ${p}` }));
    }
  }
  // Real data, rounding-bounded.
  const realConfigs = [
    { I: [5, 6], k: [3, 3], s: [2, 2], O: [10, 11], pad: 'same', n: 2, cin: 6, cout: 4 },
    { I: [4, 3], k: [4, 2], s: [3, 2], O: [13, 7], pad: 'valid', cin: 5, cout: 3 },
    { I: [3, 2, 3], k: [2, 3, 3], s: [2, 2, 1], O: [6, 4, 3], pad: 'same', cin: 3, cout: 2 },
    { I: [9], k: [4], s: [2], O: [18], pad: 'same', n: 2, cin: 8, cout: 4 },
  ];
  for (const config of realConfigs) {
    cases.push(request({ ...config, dtype: 'float32', group: 'random', description: 'real data' }));
  }
  cases.push(request({ I: [7, 7], k: [5, 5], s: [2, 2], O: [14, 14], pad: 'same', cin: 8, cout: 4,
    dtype: 'float32', group: 'dcgan_generator',
    description: 'DCGAN generator layer (TensorFlow tutorial): k5 s2 SAME, 7x7 -> 14x14, channels ' +
      'scaled down from 256 -> 64' }));
  return cases;
}

async function main() {
  if (process.argv.length !== 3) {
    console.error('usage: node gen_tfjs.mjs OUTPUT.json');
    process.exit(2);
  }
  tf.env().set('IS_TEST', true); // silences the "install tfjs-node" banner
  await tf.setBackend('cpu');
  console.error(`gen_tfjs: seed ${SEED}, tfjs-core ${tf.version_core}, backend ${tf.getBackend()}`);
  const doc = {
    format_version: 1,
    provenance: { generator: 'tfjs-core + tfjs-backend-cpu', generator_version: tf.version_core,
      script: 'scripts/gen_tfjs.mjs', seed: SEED, created: CREATED },
    cases: allCases(),
  };
  const here = path.dirname(fileURLToPath(import.meta.url));
  const finish = spawnSync('/usr/bin/python3', [path.join(here, 'finish_vectors.py'), process.argv[2]],
    { input: JSON.stringify(doc), stdio: ['pipe', 'inherit', 'inherit'] });
  process.exit(finish.status ?? 1);
}

await main();
