import { MESSAGE_TOO_LARGE } from '../words.js';
import type { CategoryInfo, Reason } from './types.js';

export const info: CategoryInfo = {
  id: 'message-too-large',
  label: 'message too large',
  description:
    'The message exceeds a per-mailbox or per-server size limit (5.2.3, 5.3.4, "message too large").',
  status: ['2.3', '3.4', '7.16'],
};

export const sizeLimit: Reason = {
  name: 'size-limit',
  category: 'message-too-large',
  strength: 'strong',
  phrases: [
    'message too large',
    'message too big',
    'message is too large',
    'message is too big',
    'too large for',
    'too big for',
    'size limit',
    'maximum size',
    'maximum message size',
    'recipsizelimit',
    'maxsizeerror',
    'message length exceeds',
  ],
  patterns: [
    /(?:message|mail|size|email)[^.;]{0,40}(?:too (?:large|big)|exceeds?|exceeded)[^.;]{0,40}(?:size|limit|maximum)/i,
  ],
};

export const sizeWords: Reason = {
  name: 'size-words',
  category: 'message-too-large',
  strength: 'weak',
  words: [MESSAGE_TOO_LARGE],
};
