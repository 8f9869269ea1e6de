// The out-of-process adapter protocol (docs/ADAPTERS.md#the-protocol) for the node
// adapters: the handshake, then one reply line per request line until stdin ends; the
// problem string parsed (reference/problem_string.h); the node packages loaded.
// Shared by the node adapters (adapters/onnxruntime, onnxruntime_web, tfjs, tfjs_wasm).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import readline from 'node:readline';

export const PROTOCOL_VERSION = 1;

// The node packages are those of scripts/package.json, the golden-vector generators'
// project, so the adapters run the very versions the vectors were made with.
const scriptsRequire = createRequire(new URL('../../scripts/package.json', import.meta.url));
const nodeModules = new URL('../../scripts/node_modules/', import.meta.url);

// A package of scripts/node_modules; exits with how to install it when it is missing
// (the suite then reports the failed handshake with this message on stderr).
export function requireNodePackage(name) {
  try {
    return scriptsRequire(name);
  } catch (e) {
    process.stderr.write(`tconv adapter: cannot load the node package '${name}' from ` +
      `scripts/node_modules (${e.message.split('\n')[0]}); install it with adapters/install.sh\n`);
    process.exit(1);
  }
}

// Read as a file: a package whose "exports" leave out package.json (onnxruntime-web)
// cannot be required for it.
export function packageVersion(name) {
  return JSON.parse(readFileSync(new URL(`${name}/package.json`, nodeModules), 'utf8')).version;
}

// A file or folder of an installed package, as a path (the wasm adapters load their
// .wasm binaries from there, never over the network).
export function packagePath(name, relative = '') {
  return fileURLToPath(new URL(`${name}/${relative}`, nodeModules));
}

// Problem-string keys of the per-axis values (reference/problem_string.h).
const AXIS_KEYS = { i: 'input', k: 'kernel', s: 'stride', d: 'dilation', pb: 'padBegin',
  pe: 'padEnd', op: 'outputPadding' };
const AXIS_DEFAULTS = { stride: 1, dilation: 1, padBegin: 0, padEnd: 0, outputPadding: 0 };

// 'n1,g1,ic2,oc3,i4x4,k3x3,s2x2,d1x1,pb1x1,pe1x1,op0x0,bias,ncx,iox' as
// {n, g, ic, oc, bias, layout, weightLayout, axes: [{input, kernel, stride, dilation,
// padBegin, padEnd, outputPadding, output}], outermost axis first}.
export function parseProblem(text) {
  const p = { n: 1, g: 1, bias: false, layout: 'ncx', weightLayout: 'iox' };
  const perAxis = {};
  for (const token of text.split(',')) {
    if (token === 'bias' || token === 'nobias') p.bias = token === 'bias';
    else if (token === 'ncx' || token === 'nxc') p.layout = token;
    else if (['iox', 'oix', 'xoi'].includes(token)) p.weightLayout = token;
    else {
      const m = /^([a-z]+)(\d+(?:x\d+)*)$/.exec(token);
      if (!m) throw new Error(`problem string '${text}': cannot read '${token}'`);
      const values = m[2].split('x').map(Number);
      if (m[1] in AXIS_KEYS) perAxis[AXIS_KEYS[m[1]]] = values;
      else p[m[1]] = values[0];
    }
  }
  const rank = perAxis.input.length;
  for (const [name, value] of Object.entries(AXIS_DEFAULTS)) {
    perAxis[name] ??= Array(rank).fill(value);
  }
  p.axes = perAxis.input.map((_, a) => {
    const axis = Object.fromEntries(Object.keys(perAxis).map((name) => [name, perAxis[name][a]]));
    axis.output = (axis.input - 1) * axis.stride + axis.dilation * (axis.kernel - 1) + 1 -
      axis.padBegin - axis.padEnd + axis.outputPadding;
    return axis;
  });
  return p;
}

// A request tensor's values as a typed array (JSON null is NaN).
export function tensorValues(tensor, ArrayType) {
  return ArrayType.from(tensor.data, (v) => (v === null ? NaN : v));
}

// The reply carrying an output: JSON.stringify writes a non-finite value as null, as
// the protocol wants, and a float32 value as the shortest decimal of its double.
export function outputReply(request, p, shape, values) {
  return { id: request.id, output: { shape, layout: p.layout, data: Array.from(values) } };
}

// The protocol loop. handle(request) returns the reply (or a promise of it); whatever
// it throws becomes an error reply. Requests are answered one at a time, in order.
export async function serve(handshake, handle) {
  const write = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);
  write({ protocol: PROTOCOL_VERSION, ...handshake });
  for await (const line of readline.createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    const request = JSON.parse(line);
    try {
      write(await handle(request));
    } catch (e) {
      write({ id: request.id, error: e instanceof Error ? e.message : String(e) });
    }
  }
}
