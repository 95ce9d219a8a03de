// Google: X-Gm-Spam / X-Gm-Phishy (Gmail's own spam and phishing flags when it routes mail
// onwards), X-Gm-Message-State and X-Google-Smtp-Source (the message left Google's servers).
import type { Headers } from '../../ndr/mime/headers.js';
import { short, type Verdict } from './types.js';

const VENDOR = 'Google';
const SRC = 'not documented by Google; reading as commonly observed on Gmail and Workspace mail';

export function readGoogle(h: Headers): Verdict[] {
  const out: Verdict[] = [];
  const spam = h.get('x-gm-spam');
  if (spam !== undefined)
    out.push({
      vendor: VENDOR,
      header: 'X-Gm-Spam',
      field: '',
      value: spam,
      meaning:
        spam.trim() === '1'
          ? 'Gmail classified the message as spam'
          : 'Gmail did not classify the message as spam',
      spam: spam.trim() === '1',
      source: SRC,
    });
  const phishy = h.get('x-gm-phishy');
  if (phishy !== undefined)
    out.push({
      vendor: VENDOR,
      header: 'X-Gm-Phishy',
      field: '',
      value: phishy,
      meaning:
        phishy.trim() === '1'
          ? 'Gmail classified the message as suspected phishing'
          : 'Gmail did not flag phishing',
      spam: phishy.trim() === '1',
      source: SRC,
    });
  const state = h.get('x-gm-message-state');
  if (state)
    out.push({
      vendor: VENDOR,
      header: 'X-Gm-Message-State',
      field: '',
      value: short(state, 60),
      meaning:
        'The message was sent through Gmail or Google Workspace (an opaque sender-account state token)',
      spam: null,
      source: SRC,
    });
  const gfilter = h.get('x-google-smtp-source');
  if (gfilter && !state)
    out.push({
      vendor: VENDOR,
      header: 'X-Google-Smtp-Source',
      field: '',
      value: short(gfilter, 60),
      meaning: "The message left through Google's outbound servers",
      spam: null,
      source: SRC,
    });
  return out;
}
