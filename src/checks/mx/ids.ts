// Finding ids of `mailflow mx` and the mx group of `check`: each declared once, with the severities it can have (the first is the
// default). Ids are never renamed: monitoring keys on them (test/core/catalogue.test.ts).
import type { Catalogue } from '../../findings/catalogue.js';

export const MX_IDS = {
  'mx.cname': { severity: ['fail'] },
  'mx.duplicate-address': { severity: ['warn'] },
  'mx.ip-literal': { severity: ['fail'] },
  'mx.no-ptr': { severity: ['warn'] },
  'mx.none': { severity: ['warn'] },
  'mx.null': { severity: ['fail'] },
  'mx.nxdomain': { severity: ['fail'] },
  'mx.ok': { severity: ['ok'] },
  'mx.private-address': { severity: ['warn'] },
  'mx.ptr-mismatch': { severity: ['warn'] },
  'mx.ptr-unchecked': { severity: ['info'] },
  'mx.single': { severity: ['info'] },
  'mx.truncated': { severity: ['warn', 'info'] },
  'mx.unresolvable': { severity: ['warn', 'fail'] },
} as const satisfies Catalogue;
