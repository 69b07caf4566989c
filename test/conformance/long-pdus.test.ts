import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SCENARIOS, writeLongPduCaptures } from '../../scripts/long-pdu-captures.mjs';
import { goldensDir } from '../support/paths.js';
import { runNetdissect } from '../support/run-cli.js';

// One PDU in hundreds of small segments, for each way a protocol waits for the
// rest of it (scripts/long-pdu-captures.mjs): every field, reassembled-in
// frame and segment list as tshark 4.0 gives them. The captures are made here,
// as the recording made them; how the time grows with the segments is
// measured by `npm run bench` (row 5c), not here.
const dir = join(goldensDir, 'long-pdus');
const { fields, segments } = JSON.parse(readFileSync(join(dir, 'fields.json'), 'utf8')) as { fields: string[]; segments: number };
const captures = mkdtempSync(join(tmpdir(), 'nd-long-pdus-'));
const paths = writeLongPduCaptures(captures, segments) as Record<string, string>;
afterAll(() => rmSync(captures, { recursive: true, force: true }));

describe('long PDUs agree with tshark 4.0 field for field', () => {
  it.each(Object.keys(SCENARIOS))('%s', async (name) => {
    const args = ['-r', paths[name]!, '-T', 'fields', '-E', 'header=y', '-E', 'occurrence=a', '-E', 'aggregator=,'];
    for (const f of fields) args.push('-e', f);
    const r = await runNetdissect(args);
    expect(r.stderr).toBe('');
    const want = readFileSync(join(dir, `${name}.tsv`), 'utf8');
    expect(r.stdout.split('\n').length).toBeGreaterThan(segments);
    expect(r.stdout).toBe(want);
  });
});
