// --attach files: read before anything connects (an unreadable file, or more than 50M in all,
// is a usage error), and the one finding they can bring: a file of 0 bytes is still attached,
// but it is more often a wrong path or a file still being written than a test of empty parts.
import { basename } from 'node:path';
import { fileErrorText, UsageError } from '../findings/errors.js';
import { type Finding, finding } from '../findings/model.js';
import { readCapped } from '../io/input.js';
import type { Attachment } from './mime.js';
import { formatBytes, MAX_MESSAGE_BYTES } from './size.js';

export async function readAttachments(
  files: string[],
): Promise<{ attachments: Attachment[]; findings: Finding[] }> {
  // Read in turn, each capped by what is left of the limit: a FIFO, /dev/zero or a growing file
  // stops there instead of filling memory (a size taken beforehand would not hold for them).
  let left = MAX_MESSAGE_BYTES;
  const attachments: Attachment[] = [];
  for (const f of files) {
    let got: { bytes: Buffer; more: boolean };
    try {
      got = await readCapped(f, left);
    } catch (e) {
      throw new UsageError(`cannot read --attach ${f}: ${fileErrorText(e)}`);
    }
    if (got.more)
      throw new UsageError(
        `--attach files come to more than ${formatBytes(MAX_MESSAGE_BYTES)}; mailflow sends at most that`,
      );
    left -= got.bytes.length;
    attachments.push({ name: basename(f), content: got.bytes });
  }
  return {
    attachments,
    findings: files.filter((_, i) => attachments[i]!.content.length === 0).map(emptyAttachment),
  };
}

function emptyAttachment(file: string): Finding {
  return finding('send.attachment-empty', 'info', {
    title: `The attachment ${basename(file)} is empty (0 bytes)`,
    detail: `--attach ${file} read 0 bytes. mailflow attached it anyway, as an empty part with its name and Content-Type, so the test still shows what the server does with that file name; but an empty attachment is more often a wrong path (a placeholder or an old copy), or a file still being written or downloaded, than the file meant to be tested.`,
    fix: 'Check the path and that the file is complete (ls -l shows its size), then send again; if an empty part is what you want to test, nothing to do.',
    ref: 'RFC 2046 §5.1; RFC 2183',
    data: { file, bytes: 0 },
  });
}
