import { replacePlanes } from '@convbook/cells';
import { Tensor } from '@convbook/core';
import { describe, expect, it } from 'vitest';
import { keptPlanes } from '../paint/plane-lineage';
import { decodeTransferred, encodeForTransfer } from './transfer-codec';

describe('encodeForTransfer / decodeTransferred', () => {
  it('rebuilds tensors after a structured clone with transfer, leaving the originals intact', () => {
    const weights = new Tensor([1, 1, 2, 2], Float32Array.of(1, -1, 2, 0));
    const bias = Float32Array.of(0.5);
    const value = { type: 'kernel', weights, bias };
    const { payload, transfer } = encodeForTransfer(value);
    expect(transfer).toHaveLength(2);
    const cloned = structuredClone(payload, { transfer });
    const decoded = decodeTransferred(cloned) as { type: string; weights: Tensor; bias: Float32Array };
    expect(decoded.type).toBe('kernel');
    expect(decoded.weights).toBeInstanceOf(Tensor);
    expect(decoded.weights.shape).toEqual([1, 1, 2, 2]);
    expect([...decoded.weights.data]).toEqual([1, -1, 2, 0]);
    expect([...decoded.bias]).toEqual([0.5]);
    // The worker keeps using its own arrays: transferring the copies must not detach them.
    expect(weights.data.length).toBe(4);
    expect(bias.length).toBe(1);
  });

  it('walks nested arrays and objects and leaves plain numbers and strings alone', () => {
    const value = {
      status: 'ok',
      ms: 3,
      value: {
        type: 'grad',
        training: { lossCurve: [3, 2, 1], learnedWeights: new Tensor([1], Float32Array.of(7)) },
      },
    };
    const { payload, transfer } = encodeForTransfer(value);
    const decoded = decodeTransferred(structuredClone(payload, { transfer })) as typeof value;
    expect(decoded.ms).toBe(3);
    expect(decoded.value.training.lossCurve).toEqual([3, 2, 1]);
    expect(decoded.value.training.learnedWeights).toBeInstanceOf(Tensor);
    expect([...decoded.value.training.learnedWeights.data]).toEqual([7]);
  });

  it('sends values in shared memory as they are: no copy, nothing transferred, the same memory', () => {
    const shared = new Float32Array(new SharedArrayBuffer(16));
    shared.set([1, 2, 3, 4]);
    const value = { type: 'tensor', tensor: new Tensor([4], shared), extra: shared };
    const { payload, transfer } = encodeForTransfer(value);
    expect(transfer).toHaveLength(0);
    const decoded = decodeTransferred(structuredClone(payload)) as { tensor: Tensor; extra: Float32Array };
    expect([...decoded.tensor.data]).toEqual([1, 2, 3, 4]);
    shared[0] = 9; // only to show the memory is shared; a Tensor's values never change in the app
    expect(decoded.tensor.data[0]).toBe(9);
    expect(decoded.extra[0]).toBe(9);
  });

  it("tells the page which planes of a cell's new map it copied from the map sent before", () => {
    const first = new Tensor(
      [3, 2, 2],
      Float32Array.from({ length: 12 }, (_, i) => i),
    );
    const sentFirst = encodeForTransfer({ tensor: first });
    const pageFirst = decodeTransferred(
      structuredClone(sentFirst.payload, { transfer: sentFirst.transfer }),
    ) as {
      tensor: Tensor;
    };
    const second = replacePlanes(first, [1], new Tensor([1, 2, 2], Float32Array.of(-1, -2, -3, -4)));
    const sentSecond = encodeForTransfer({ tensor: second });
    const pageSecond = decodeTransferred(
      structuredClone(sentSecond.payload, { transfer: sentSecond.transfer }),
    ) as { tensor: Tensor };
    expect([...pageSecond.tensor.data]).toEqual([0, 1, 2, 3, -1, -2, -3, -4, 8, 9, 10, 11]);
    expect([...(keptPlanes(pageSecond.tensor.data, pageFirst.tensor.data) ?? [])]).toEqual([1, 0, 1]);
    // Against any other map the page holds, nothing is claimed.
    expect(keptPlanes(pageSecond.tensor.data, pageFirst.tensor.data.slice())).toBeUndefined();
  });

  it('claims nothing for a map built from one the page never received', () => {
    const unsent = new Tensor([2, 1, 2], Float32Array.of(1, 2, 3, 4));
    const made = replacePlanes(unsent, [0], new Tensor([1, 1, 2], Float32Array.of(5, 6)));
    const sent = encodeForTransfer({ tensor: made });
    expect(sent.payload).toEqual({ tensor: expect.not.objectContaining({ from: expect.anything() }) });
  });
});
