// The mx group's judgement: the MX answer → findings, the exchanger table and data.mx. Pure.
import type { GroupOutput, JudgeContext, MxFacts } from '../group.js';
import { analyzeMx } from './analyze.js';
import { mxData, mxTable } from './report.js';

export function judge(f: { mx: MxFacts }, _ctx: JudgeContext): GroupOutput {
  const table = mxTable(f.mx.report);
  return {
    findings: analyzeMx(f.mx.report),
    ...(table ? { tables: [{ ...table, id: 'mx.exchangers' }] } : {}),
    data: { mx: mxData(f.mx.report) },
  };
}
