// --ca adds a private CA to the system's roots; it must not replace them.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { rootCertificates } from 'node:tls';
import { readCaFile, trustingCa } from '../../src/smtp/ca-file.js';
import { createCa } from '../helpers/ca.js';

const dir = mkdtempSync(join(tmpdir(), 'mailflow-ca-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('trustingCa keeps every system root and adds the private CA', async () => {
  const ca = createCa();
  after(() => ca.cleanup());
  const pem = await readCaFile(ca.caFile);
  const opts = trustingCa(pem);
  const list = opts?.ca as string[];
  assert.equal(list.length, rootCertificates.length + 1);
  assert.ok(rootCertificates.every((r) => list.includes(r)));
  assert.equal(list.at(-1), pem);
  assert.equal(trustingCa(undefined), undefined);
});

test('readCaFile: a missing file, no certificate or an unreadable one is a usage error', async () => {
  await assert.rejects(readCaFile(join(dir, 'nope.pem')), /cannot read --ca/);
  const junk = join(dir, 'junk.pem');
  writeFileSync(junk, 'not a certificate');
  await assert.rejects(readCaFile(junk), /holds no PEM certificate/);
  const broken = join(dir, 'broken.pem');
  writeFileSync(broken, '-----BEGIN CERTIFICATE-----\nQUJDREVG\n-----END CERTIFICATE-----\n');
  await assert.rejects(readCaFile(broken), /certificate cannot be read/);
});
