// The open-relay test (book ch. 6): variants.ts (the attempts), session.ts (I/O: the SMTP
// sessions, returning facts), judge.ts (pure: facts → findings, data, tables).
export { type AttemptVerdict, judge, type RelayJudgement, verdictOf } from './judge.js';
export type { AttemptResult, RelayFacts } from './session.js';
export type { RelayAddresses, RelayVariant } from './variants.js';
export {
  canaryVariant,
  DEFAULT_OUTSIDE_RECIPIENT,
  DEFAULT_OUTSIDE_SENDER,
  relayVariants,
} from './variants.js';
