/**
 * Public types of gradcheck, in one place for every import: what a check takes in (types/inputs.ts), its
 * options (types/options.ts), and the Report it returns (types/report.ts). Everything a check returns is a
 * plain, JSON-serialisable object, so that a Report can be snapshotted, logged or sent to a custom
 * reporter unchanged.
 */
export type * from './types/inputs.js';
export type * from './types/options.js';
export type * from './types/report.js';
