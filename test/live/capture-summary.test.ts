import { describe, expect, it } from 'vitest';
import { captureSummary } from '../../packages/cli/src/live/capture-summary.js';

const stats = { captured: 0, delivered: 0, queued: 0, droppedByNetdissect: 0, droppedByKernel: null, ifDropped: null };

describe('the summary printed when a live capture ends', () => {
  it('counts as tshark does, singular and plural', () => {
    expect(captureSummary({ ...stats, captured: 1, delivered: 1 }, 'eth0')).toBe('1 packet captured\n');
    expect(captureSummary({ ...stats, captured: 3, delivered: 3, ifDropped: 0 }, 'eth0')).toBe('3 packets captured\n');
  });

  it('adds a line for each kind of drop that happened', () => {
    expect(captureSummary({ ...stats, captured: 120, delivered: 100, droppedByNetdissect: 20, ifDropped: 1 }, 'eth0')).toBe(
      '100 packets captured\n' +
        '20 packets dropped from eth0 by netdissect (dissection fell behind and its queue was full)\n' +
        '1 packet dropped by the interface eth0\n',
    );
  });
});
