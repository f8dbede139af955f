/**
 * The softmax temperature in [min, max] that minimises `loss` (a dev-set negative log-likelihood):
 * golden-section search over log T, `steps` narrowings. Callers round the result.
 */
export function minimiseTemperature(
  loss: (t: number) => number,
  min: number,
  max: number,
  steps: number,
): number {
  let lo = Math.log(min);
  let hi = Math.log(max);
  const phi = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < steps; i++) {
    const a = hi - phi * (hi - lo);
    const b = lo + phi * (hi - lo);
    if (loss(Math.exp(a)) < loss(Math.exp(b))) hi = b;
    else lo = a;
  }
  return Math.exp((lo + hi) / 2);
}
