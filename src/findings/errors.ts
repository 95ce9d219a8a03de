// Errors that end a run with one clear line and exit code 3 instead of a stack trace.

/** Wrong arguments or unusable input: the user can fix it. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The person pressed Ctrl-C (e.g. at a prompt reading the terminal in raw mode): exit 130, not 3. */
export class Interrupted extends Error {
  override name = 'Interrupted';
  constructor(message = 'interrupted') {
    super(message);
  }
}

/** Refuse any value that would let user input inject SMTP commands or headers. */
export function assertNoControlChars(label: string, value: string): void {
  if (/[\r\n\0]/.test(value)) {
    throw new UsageError(`${label} contains CR, LF or NUL; refusing it (it could inject SMTP commands)`);
  }
}

/** File-system errors a person meets, in words; others keep their code (EIO, ELOOP…). */
const FILE_ERRORS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EISDIR: 'it is a directory, not a file',
  ENOTDIR: 'a part of the path is not a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'the file name is too long',
};

/** "no such file or directory" for an ENOENT; the code, or the message, for the rest. */
export function fileErrorText(e: unknown, words: Record<string, string> = {}): string {
  const err = e as NodeJS.ErrnoException;
  const code = err?.code ?? '';
  return words[code] ?? FILE_ERRORS[code] ?? (code || (err?.message ?? 'error'));
}
