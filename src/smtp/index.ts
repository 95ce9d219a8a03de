// The SMTP client other commands reuse (probe, ehlo, send, relay, check).

export * from './ca-file.js';
export * from './errors.js';
export * from './extensions.js';
export * from './helo-name.js';
export * from './options.js';
export * from './proxy-url.js';
export * from './reply.js';
export * from './session.js';
export * from './socks5-connect.js';
export * from './tls-info.js';
export * from './transcript.js';
