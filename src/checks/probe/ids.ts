// Finding ids of `mailflow probe` and the smtp group of `check`: each declared once, with the severities it can have (the first is the
// default). Ids are never renamed: monitoring keys on them (test/core/catalogue.test.ts).
import type { Catalogue } from '../../findings/catalogue.js';

export const PROBE_IDS = {
  'probe.bad-greeting': { severity: ['fail', 'warn', 'info', 'unknown'] },
  'probe.banner-ptr-mismatch': { severity: ['info'] },
  'probe.banner-timeout': { severity: ['fail', 'warn', 'info', 'unknown'] },
  'probe.closed': { severity: ['fail', 'warn', 'info', 'unknown'] },
  'probe.error': { severity: ['fail', 'warn', 'info', 'unknown'] },
  'probe.open': { severity: ['ok'] },
  'probe.partial': { severity: ['warn'] },
  'probe.proxy-error': { severity: ['unknown'] },
  'probe.refused': { severity: ['fail', 'warn', 'info', 'unknown'] },
  'probe.rejected': { severity: ['fail', 'warn', 'info', 'unknown'] },
  'probe.timeout': { severity: ['fail', 'warn', 'info', 'unknown'] },
  'probe.tls-error': { severity: ['fail', 'warn', 'info', 'unknown'] },
  'probe.unreachable': { severity: ['fail', 'warn', 'info', 'unknown'] },
  'probe.unresolved': { severity: ['fail'] },
} as const satisfies Catalogue;
