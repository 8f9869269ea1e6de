// Which tfjs request tfjs_request.mjs maps a problem to (node --test; no package
// needed): the first of 'valid', 'same', a number, explicit pads that gives the
// problem's pad_begin and output size by TensorFlow's rule, and "not expressible" where
// none does. The adapter's end-to-end test (test_tfjs_adapter.cpp) checks the values.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { parseProblem } from '../node/protocol.mjs';
import { tfjsRequest } from './tfjs_request.mjs';

const request = (text) => tfjsRequest(parseProblem(text));

test("an unpadded problem is 'valid', output_padding in outputShape", () => {
  assert.deepEqual(request('ic1,oc1,i3x4,k3x2,s2x3,op1x2,nxc,xoi'),
    { op: 'conv2dTranspose', axes: parseProblem('ic1,oc1,i3x4,k3x2,s2x3,op1x2,nxc,xoi').axes,
      strides: [2, 3], pad: 'valid' });
});

test("TensorFlow's SAME split, odd element at the end, is 'same' (DCGAN k5 s2 7 -> 14)", () => {
  assert.equal(request('ic1,oc1,i7x7,k5x5,s2x2,pb1x1,pe2x2,nxc,xoi').pad, 'same');
});

test("an unpadded axis with k + output_padding <= s keeps 'same' (clamped total)", () => {
  assert.equal(request('ic1,oc1,i3x2,k3x1,s1x3,pb1x0,pe1x0,op0x2,nxc,xoi').pad, 'same');
});

test('equal pads p on every 2-D axis, outside SAME, are the number p', () => {
  assert.equal(request('ic1,oc1,i4x3,k3x3,s2x2,pb1x1,pe1x1,op1x1,nxc,xoi').pad, 1);
  assert.equal(request('ic1,oc1,i3x4,k3x4,s2x3,pb1x1,pe1x1,op0x1,nxc,xoi').pad, 1);
});

test('other 2-D pads are explicit [[0, 0], [top, bottom], [left, right], [0, 0]]', () => {
  assert.deepEqual(request('ic1,oc1,i3x4,k3x4,s2x3,pb2x0,pe0x1,op1x2,nxc,xoi').pad,
    [[0, 0], [2, 0], [0, 1], [0, 0]]);
});

test('1-D runs as conv2dTranspose with a unit height axis, a pad as explicit pads', () => {
  const r = request('ic1,oc1,i4,k3,s2,pb2,pe0,nxc,xoi');
  assert.equal(r.op, 'conv2dTranspose');
  assert.deepEqual(r.axes.map((a) => [a.input, a.kernel, a.stride, a.output]), [[1, 1, 1, 1], [4, 3, 2, 7]]);
  assert.deepEqual(r.strides, [1, 2]);
  assert.deepEqual(r.pad, [[0, 0], [0, 0], [2, 0], [0, 0]]);
});

test("3-D is conv3dTranspose with 'valid' or 'same'", () => {
  assert.deepEqual(request('ic1,oc1,i2x3x2,k2x2x3,s2x1x2,op1x0x1,nxc,xoi').op, 'conv3dTranspose');
  assert.equal(request('ic1,oc1,i2x3x2,k2x2x3,s2x1x2,op1x0x1,nxc,xoi').pad, 'valid');
  assert.equal(request('ic1,oc1,i3x2x2,k3x4x2,s1x2x2,pb1x1x0,pe1x1x0,nxc,xoi').pad, 'same');
});

test('3-D pads neither request gives are not expressible', () => {
  assert.throws(() => request('ic1,oc1,i3x3x3,k3x3x3,s2x2x2,pb1x0x0,nxc,xoi'),
    /^Error: not expressible: no conv3dTranspose padding \('valid', 'same'\) gives pad_begin \[1,0,0\]/);
  // PyTorch's port of SAME (padding 1, output_padding 1): SAME's pad_begin here is 0.
  assert.throws(() => request('ic1,oc1,i3x3x3,k3x3x3,s2x2x2,pb1x1x1,pe1x1x1,op1x1x1,nxc,xoi'),
    /not expressible/);
});

test('groups, dilation, a bias or other layouts are not expressible', () => {
  for (const text of ['g2,ic2,oc2,i4,k3,nxc,xoi', 'ic1,oc1,i4,k3,d2,nxc,xoi',
    'ic1,oc1,i4,k3,bias,nxc,xoi', 'ic1,oc1,i4,k3,ncx,xoi', 'ic1,oc1,i4,k3,nxc,iox']) {
    assert.throws(() => request(text), /^Error: not expressible: tf.conv\*dTranspose takes no /, text);
  }
});
