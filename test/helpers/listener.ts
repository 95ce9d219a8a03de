// Does this process hold the listening socket on that port? Test servers get their ports from
// bind(0)-then-close; until the server binds one, any other test file's listen(0) may be handed
// the same port, and a readiness probe then talks to that stranger (seen: another file's tarpit
// taken for a Postfix whose master had died on "Address already in use"). On Linux the socket
// tables in /proc/net name each listener's inode and /proc/<pid>/fd the sockets a process holds;
// elsewhere there is no telling, and the answer is yes.
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';

type Family = 4 | 6;

/** Socket inodes listening on `port` (TCP: state LISTEN; UDP: unconnected) in these families. */
function listenerInodes(port: number, proto: 'tcp' | 'udp', families: Family[]): Set<string> | undefined {
  const tables = families.map((f) => `/proc/net/${proto}${f === 6 ? '6' : ''}`).filter((f) => existsSync(f));
  if (tables.length === 0) return undefined;
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const state = proto === 'tcp' ? '0A' : '07';
  const inodes = new Set<string>();
  for (const table of tables) {
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length > 9 && f[1]!.endsWith(`:${hexPort}`) && f[3] === state) inodes.add(f[9]!);
    }
  }
  return inodes;
}

export function holdsPort(
  pid: number | undefined,
  port: number,
  proto: 'tcp' | 'udp' = 'tcp',
  families: Family[] = [4, 6],
): boolean {
  const inodes = listenerInodes(port, proto, families);
  if (inodes === undefined) return true;
  if (pid === undefined || inodes.size === 0) return false;
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return false; // gone
  }
  for (const fd of fds) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m && inodes.has(m[1]!)) return true;
    } catch {
      // closed while we looked
    }
  }
  return false;
}
