// Softmax and its cross-entropy loss, the last layer of most classifiers, checked in Jest.
// Run: npx jest --config examples/jest/jest.config.cjs (after npm run build).

/** softmax(z)_i = e^(z_i) / Σ_j e^(z_j), shifted by max(z) so that e^z cannot overflow. */
function softmax(z) {
  const top = Math.max(...z);
  const e = z.map((v) => Math.exp(v - top));
  const total = e.reduce((s, v) => s + v, 0);
  return e.map((v) => v / total);
}

/** The softmax Jacobian: ∂s_i/∂z_j = s_i (δ_ij − s_j). */
function softmaxJacobian(z) {
  const s = softmax(z);
  return s.map((si, i) => s.map((sj, j) => si * ((i === j ? 1 : 0) - sj)));
}

/** A classic mistake: differentiating softmax as if it acted on each entry alone (its diagonal only). */
function elementwiseSoftmaxJacobian(z) {
  const s = softmax(z);
  return s.map((si, i) => s.map((_, j) => (i === j ? si * (1 - si) : 0)));
}

const LABEL = 2;

/** Cross-entropy of the logits z against the class LABEL: −log softmax(z)[LABEL]. */
function crossEntropy(z) {
  return -Math.log(softmax(z)[LABEL]);
}

/** Its gradient: softmax(z) − onehot(LABEL). */
function crossEntropyGradient(z) {
  return softmax(z).map((s, i) => s - (i === LABEL ? 1 : 0));
}

describe('softmax', () => {
  test('the gradient of cross-entropy is softmax minus the one-hot label', () => {
    expect(crossEntropy).toHaveGradient(crossEntropyGradient, { dim: 4, domain: [-3, 3] });
  });

  test('softmaxJacobian is the Jacobian of softmax', () => {
    expect(softmax).toHaveJacobian(softmaxJacobian, { dim: 4, domain: [-3, 3] });
  });

  // This test fails on purpose: every off-diagonal entry J[i, x[j]] (i ≠ j) is missing.
  test('an elementwise softmax Jacobian (fails on purpose)', () => {
    expect(softmax).toHaveJacobian(elementwiseSoftmaxJacobian, { dim: 4, domain: [-3, 3] });
  });
});
