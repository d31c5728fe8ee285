import { expect } from 'vitest';

/** Catches the TypeError that `body` throws and returns its message; fails if it throws nothing or other. */
export function typeErrorOf(body: () => unknown): string {
  try {
    body();
  } catch (error) {
    expect(error).toBeInstanceOf(TypeError);
    return (error as TypeError).message;
  }
  throw new Error('expected a TypeError, but nothing was thrown');
}
