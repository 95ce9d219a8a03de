// Finding ids of `mailflow logs`: each declared once, with the severities it can have, a title and a ref (the first is
// the default). Ids are never renamed: monitoring keys on them (test/core/catalogue.test.ts).
import type { Catalogue } from '../findings/catalogue.js';

export const LOGS_IDS = {
  'logs.accepted': {
    severity: ['info'],
    title: 'Accepted and still queued',
    ref: 'Book ch. 7, Message Tracking Center and SMTP protocol logging; RFC 3463 (enhanced status codes)',
  },
  'logs.bounced': {
    severity: ['fail'],
    title: 'Bounced',
    ref: 'Book ch. 7, Message Tracking Center and SMTP protocol logging; RFC 3463 (enhanced status codes)',
  },
  'logs.deferred': {
    severity: ['warn'],
    title: 'Deferred, to be retried',
    ref: 'Book ch. 7, Message Tracking Center and SMTP protocol logging; RFC 3463 (enhanced status codes)',
  },
  'logs.delivered': {
    severity: ['ok'],
    title: 'Delivered',
    ref: 'Book ch. 7, Message Tracking Center and SMTP protocol logging; RFC 3463 (enhanced status codes)',
  },
  'logs.expired': {
    severity: ['fail'],
    title: 'Expired in the queue',
    ref: 'Book ch. 7, Message Tracking Center and SMTP protocol logging; RFC 3463 (enhanced status codes)',
  },
  'logs.no-events': {
    severity: ['unknown'],
    title: 'No mail log lines recognised',
    ref: 'Book ch. 7, Message Tracking Center and SMTP protocol logging; RFC 3463 (enhanced status codes)',
  },
  'logs.not-found': {
    severity: ['unknown'],
    title: 'No message matches',
    ref: 'Book ch. 7, Message Tracking Center and SMTP protocol logging; RFC 3463 (enhanced status codes)',
  },
  'logs.rejected': {
    severity: ['fail', 'warn'],
    title: 'Rejected at SMTP time',
    ref: 'RFC 5321 §4.2 (reply codes); Postfix SMTPD_ACCESS_README (restrictions)',
  },
  'logs.summary': {
    severity: ['ok'],
    title: "The day's mail in numbers",
    ref: 'Book ch. 7, Message Tracking Center and SMTP protocol logging; RFC 3463 (enhanced status codes)',
  },
  'logs.volume-outlier': {
    severity: ['warn'],
    title: 'A sender sends far more than the others',
    ref: 'Book ch. 6, open relays and authenticated relaying',
  },
} as const satisfies Catalogue;
