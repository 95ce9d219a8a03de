// --attach files: read before anything connects (an unreadable file, or more than 50M in all,
// is a usage error), and the one finding they can bring: a file of 0 bytes is still attached,
// but it is more often a wrong path or a file still being written than a test of empty parts.
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { fileErrorText, UsageError } from '../findings/errors.js';
import { type Finding, finding } from '../findings/model.js';
import type { Attachment } from './mime.js';
import { formatBytes, MAX_MESSAGE_BYTES } from './size.js';

export function readAttachments(files: string[]): { attachments: Attachment[]; findings: Finding[] } {
  let total = 0;
  for (const f of files) {
    try {
      total += statSync(f).size;
    } catch (e) {
      throw new UsageError(`cannot read --attach ${f}: ${fileErrorText(e)}`);
    }
    if (total > MAX_MESSAGE_BYTES)
      throw new UsageError(
        `--attach files come to more than ${formatBytes(MAX_MESSAGE_BYTES)}; mailflow sends at most that`,
      );
  }
  const attachments = files.map((f) => {
    try {
      return { name: basename(f), content: readFileSync(f) };
    } catch (e) {
      throw new UsageError(`cannot read --attach ${f}: ${fileErrorText(e)}`);
    }
  });
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
