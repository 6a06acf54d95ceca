// The issue-10 views, bundled on their own (they are not wired into the app yet), with the few helpers the
// browser test needs to build values in the page.
import '../../packages/ui/src/components/cb-digit-canvas/cb-digit-canvas';
import '../../packages/ui/src/components/cb-digits-grid/cb-digits-grid';
import '../../packages/ui/src/components/cb-train-view/cb-train-view';
import type { DatasetValue, TrainValue } from '@convbook/cells';
import { Tensor } from '@convbook/core';

const digit = (k: number) => Float32Array.from({ length: 784 }, (_, i) => ((i + k) % 7 === 0 ? 1 : 0));

export function sampleTrainValue(): TrainValue {
  return {
    type: 'train',
    status: 'done',
    steps: 40,
    plannedSteps: 40,
    examplesSeen: 800,
    epochs: 2,
    seconds: 1.5,
    examplesPerSecond: 533,
    lossCurve: Array.from({ length: 20 }, (_, i) => ({
      step: 2 * i + 2,
      examples: 40 * i + 40,
      loss: 2 / (i + 1),
      learningRate: 0.003 * Math.min(1, (i + 1) / 4),
    })),
    accuracyCurve: [
      { step: 20, train: 0.5, test: 0.6 },
      { step: 40, train: 0.8, test: 0.75 },
    ],
    trainAccuracy: 0.8,
    testAccuracy: 0.75,
    classNames: ['0', '1', '2'],
    confusion: [
      [5, 1, 0],
      [0, 4, 2],
      [1, 0, 7],
    ],
    wrong: [
      { index: 3, label: 1, predicted: 2, confidence: 0.9, image: digit(1) },
      { index: 9, label: 0, predicted: 1, confidence: 0.7, image: digit(2) },
    ],
    weights: [
      { cellId: 'w', shape: [3, 4], weights: new Float32Array(12).fill(0.5), bias: new Float32Array(3) },
    ],
    layers: [{ cellId: 'dense', kind: 'dense', outputShape: [3], weights: 15, connections: 12 }],
    memory: { parameters: 15, inferencePerExample: 7, trainingPerExample: 14 },
    inputShape: [1, 2, 2],
    threads: { mode: 'shared-memory', steps: 40, helpedSteps: 38 },
  };
}

export function sampleDataset(): DatasetValue {
  const split = { pixels: new Uint8Array(784 * 3), labels: Uint8Array.of(0, 1, 2), count: 3 };
  const images = new Float32Array(3 * 784);
  for (let k = 0; k < 3; k++) images.set(digit(k), k * 784);
  return {
    type: 'dataset',
    name: 'MNIST digits',
    imageShape: [1, 28, 28],
    classNames: ['0', '1', '2'],
    train: split,
    test: split,
    samples: { images: new Tensor([3, 28, 28], images), labels: [0, 1, 2] },
    credit:
      'Handwritten digits from the MNIST database by Yann LeCun, Corinna Cortes and Christopher J. C. Burges',
  };
}
