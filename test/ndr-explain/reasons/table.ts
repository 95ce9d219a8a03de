// Runs one category's table: each row is a reply text (with its codes, if any) and the category
// the classifier must give it; `reason` names the reason in ORDER that must decide.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { type Category, classify, reasonOf } from '../../../src/ndr/reasons/index.js';

export interface Row {
  text: string;
  status?: string;
  reply?: number;
  want: Category;
  /** The reason that decides (strong wording first, then weak). */
  reason?: string;
}

export function table(rows: readonly Row[]): void {
  for (const r of rows) {
    const codes = [r.reply, r.status].filter((x) => x !== undefined).join(' ');
    it(`${codes ? `${codes} ` : ''}"${r.text}" → ${r.want}${r.reason ? ` (${r.reason})` : ''}`, () => {
      assert.equal(classify({ diagnostic: r.text, status: r.status, replyCode: r.reply }), r.want);
      if (r.reason) assert.equal((reasonOf(r.text) ?? reasonOf(r.text, 'weak'))?.name, r.reason);
    });
  }
}
