// The MX check, for `mailflow mx` and `mailflow check`: gather (network) then analyze (pure).
export { analyzeMx } from './analyze.js';
export { gatherMx, type MxReport } from './gather.js';
export { type MxData, mxData, mxResult } from './report.js';
