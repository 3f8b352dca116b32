// The message of the HeatglError that `run` throws; fails the test when it returns or throws anything else.
import { expect } from 'vitest';
import { HeatglError } from '../../src/core/errors';

export function heatglMessage(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(HeatglError);
    return (e as Error).message;
  }
  throw new Error('expected a HeatglError');
}
