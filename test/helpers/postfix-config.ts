// Config text for the private test Postfix and Dovecot (templates only; postfix.ts runs them).
import type { ServerCert } from './ca.js';

export const DAEMON_DIR = '/usr/lib/postfix/sbin';
export const DOVECOT_BIN = '/usr/sbin/dovecot';

/** Queue subdirectories Postfix expects: name, mode, group (owner is postfix except pid → root). */
export const QUEUE_DIRS: [string, number, 'root' | 'postdrop'][] = [
  ['active', 0o700, 'root'],
  ['bounce', 0o700, 'root'],
  ['corrupt', 0o700, 'root'],
  ['defer', 0o700, 'root'],
  ['deferred', 0o700, 'root'],
  ['flush', 0o700, 'root'],
  ['hold', 0o700, 'root'],
  ['incoming', 0o700, 'root'],
  ['private', 0o700, 'root'],
  ['saved', 0o700, 'root'],
  ['trace', 0o700, 'root'],
  ['maildrop', 0o730, 'postdrop'],
  ['public', 0o710, 'postdrop'],
  ['pid', 0o755, 'root'],
];

export function mainCf(o: {
  dir: string;
  queue: string;
  data: string;
  cert: ServerCert;
  myhostname: string;
  localDomain: string;
  messageSizeLimit: number;
  /** Listen on [::1] too (port-25 smtpd only). */
  ipv6?: boolean;
  extra: string[];
}): string {
  return [
    'compatibility_level = 3.6',
    `queue_directory = ${o.queue}`,
    `data_directory = ${o.data}`,
    `daemon_directory = ${DAEMON_DIR}`,
    'mail_owner = postfix',
    'setgid_group = postdrop',
    `myhostname = ${o.myhostname}`,
    `mydomain = ${o.localDomain}`,
    `myorigin = ${o.localDomain}`,
    `mydestination = ${o.localDomain}, ${o.myhostname}`,
    o.ipv6 ? 'inet_interfaces = 127.0.0.1, [::1]' : 'inet_interfaces = 127.0.0.1',
    o.ipv6 ? 'inet_protocols = all' : 'inet_protocols = ipv4',
    // Loopback must NOT be a trusted network, or every relay test would pass trivially.
    'mynetworks = 192.0.2.1/32',
    `local_recipient_maps = texthash:${o.dir}/recipients`,
    'alias_maps =',
    'alias_database =',
    // Nothing ever leaves the machine: every transport discards.
    'local_transport = discard:local',
    'default_transport = discard:remote',
    'relay_transport = discard:relay',
    'virtual_transport = discard:virtual',
    'smtpd_peername_lookup = no',
    'smtp_dns_support_level = disabled',
    'biff = no',
    'append_dot_mydomain = no',
    'smtpd_banner = $myhostname ESMTP mailflow test Postfix',
    'smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination',
    `message_size_limit = ${o.messageSizeLimit}`,
    `smtpd_tls_cert_file = ${o.cert.certFile}`,
    `smtpd_tls_key_file = ${o.cert.keyFile}`,
    'smtpd_tls_security_level = may',
    'smtpd_tls_auth_only = yes',
    'smtpd_sasl_auth_enable = yes',
    'smtpd_sasl_type = dovecot',
    'smtpd_sasl_path = private/auth',
    'smtpd_tls_loglevel = 1',
    // Tests provoke errors on purpose; don't let Postfix slow or cut off the next connection.
    'smtpd_error_sleep_time = 0',
    'smtpd_soft_error_limit = 100',
    'smtpd_hard_error_limit = 100',
    'smtpd_client_connection_rate_limit = 0',
    `maillog_file = ${o.dir}/maillog`,
    `maillog_file_prefixes = ${o.dir}`,
    ...o.extra,
    '',
  ].join('\n');
}

export function masterCf(o: {
  host: string;
  port: number;
  submissionPort: number;
  smtpsPort: number;
  ipv6?: boolean;
}): string {
  const line = (
    name: string,
    type: string,
    priv: string,
    unpriv: string,
    wake: string,
    max: string,
    cmd: string,
  ) => [name, type, priv, unpriv, 'n', wake, max, cmd].join(' ');
  return [
    line(`${o.host}:${o.port}`, 'inet', 'n', '-', '-', '-', 'smtpd'),
    ...(o.ipv6 ? [line(`[::1]:${o.port}`, 'inet', 'n', '-', '-', '-', 'smtpd')] : []),
    line(`${o.host}:${o.submissionPort}`, 'inet', 'n', '-', '-', '-', 'smtpd'),
    '  -o syslog_name=postfix/submission',
    '  -o smtpd_tls_security_level=encrypt',
    '  -o smtpd_sasl_auth_enable=yes',
    '  -o smtpd_tls_auth_only=yes',
    '  -o smtpd_relay_restrictions=permit_sasl_authenticated,reject',
    line(`${o.host}:${o.smtpsPort}`, 'inet', 'n', '-', '-', '-', 'smtpd'),
    '  -o syslog_name=postfix/smtps',
    '  -o smtpd_tls_wrappermode=yes',
    '  -o smtpd_sasl_auth_enable=yes',
    '  -o smtpd_relay_restrictions=permit_sasl_authenticated,reject',
    line('pickup', 'unix', 'n', '-', '60', '1', 'pickup'),
    line('cleanup', 'unix', 'n', '-', '-', '0', 'cleanup'),
    line('qmgr', 'unix', 'n', '-', '300', '1', 'qmgr'),
    line('tlsmgr', 'unix', '-', '-', '1000?', '1', 'tlsmgr'),
    line('rewrite', 'unix', '-', '-', '-', '-', 'trivial-rewrite'),
    line('bounce', 'unix', '-', '-', '-', '0', 'bounce'),
    line('defer', 'unix', '-', '-', '-', '0', 'bounce'),
    line('trace', 'unix', '-', '-', '-', '0', 'bounce'),
    line('verify', 'unix', '-', '-', '-', '1', 'verify'),
    line('flush', 'unix', 'n', '-', '1000?', '0', 'flush'),
    line('proxymap', 'unix', '-', '-', '-', '-', 'proxymap'),
    line('proxywrite', 'unix', '-', '-', '-', '1', 'proxymap'),
    line('smtp', 'unix', '-', '-', '-', '-', 'smtp'),
    line('relay', 'unix', '-', '-', '-', '-', 'smtp'),
    line('showq', 'unix', 'n', '-', '-', '-', 'showq'),
    line('error', 'unix', '-', '-', '-', '-', 'error'),
    line('retry', 'unix', '-', '-', '-', '-', 'error'),
    line('discard', 'unix', '-', '-', '-', '-', 'discard'),
    line('local', 'unix', '-', 'n', '-', '-', 'local'),
    line('virtual', 'unix', '-', 'n', '-', '-', 'virtual'),
    line('anvil', 'unix', '-', '-', '-', '1', 'anvil'),
    line('scache', 'unix', '-', '-', '-', '1', 'scache'),
    line('postlog', 'unix-dgram', 'n', '-', '-', '1', 'postlogd'),
    '',
  ].join('\n');
}

/** A Dovecot that only does SASL auth for Postfix: no mail protocols, no listeners but the socket. */
export function dovecotConf(o: { dir: string; users: string; authSocket: string }): string {
  return `
base_dir = ${o.dir}/dovecot-run
state_dir = ${o.dir}/dovecot-state
instance_name = mailflow-test-${o.dir.split('/').pop()}
protocols =
listen = 127.0.0.1
ssl = no
log_path = ${o.dir}/dovecot.log
info_log_path = ${o.dir}/dovecot.log
default_internal_user = dovecot
default_login_user = dovenull
auth_mechanisms = plain login cram-md5
disable_plaintext_auth = no
auth_failure_delay = 0
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${o.users}
}
userdb {
  driver = static
  args = uid=nobody gid=nogroup home=/nonexistent
}
service auth {
  unix_listener ${o.authSocket} {
    mode = 0660
    user = postfix
    group = postfix
  }
}
service anvil {
  chroot =
}
`;
}
