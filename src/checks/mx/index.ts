// The MX check, for `mailflow mx` and `mailflow check`: gather (network) then judge (pure).

export { gatherMx, type MxReport } from './gather.js';
export { judge } from './judge.js';
export { type MxData, mxData, mxResult } from './report.js';
