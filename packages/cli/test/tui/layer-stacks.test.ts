import { describe, expect, it } from 'vitest';
import { LayerStacks } from '../../src/tui/layer-stacks.js';

describe('LayerStacks', () => {
  it('gives equal layers one id and gives the layers back', () => {
    const s = new LayerStacks();
    const tcp = s.intern(['frame', 'eth', 'ethertype', 'ip', 'tcp']);
    const http = s.intern(['frame', 'eth', 'ethertype', 'ip', 'tcp', 'http']);
    const dns = s.intern(['frame', 'eth', 'ethertype', 'ip', 'udp', 'dns']);
    expect(new Set([tcp, http, dns]).size).toBe(3);
    expect(s.intern(['frame', 'eth', 'ethertype', 'ip', 'tcp', 'http'])).toBe(http);
    expect(s.layers(http)).toEqual(['frame', 'eth', 'ethertype', 'ip', 'tcp', 'http']);
    expect(s.layers(dns)).toEqual(['frame', 'eth', 'ethertype', 'ip', 'udp', 'dns']);
    expect(s.intern([])).toBe(0);
    expect(s.layers(0)).toEqual([]);
  });

  it('stops growing at MAX_NODES: stacks after that get 0 (unknown), the earlier ones keep their ids', () => {
    const s = new LayerStacks();
    const first = s.intern(['frame', 'eth']);
    // A crafted capture's nested tunnels could make a new stack per frame.
    let zeros = 0;
    for (let i = 0; i < LayerStacks.MAX_NODES; i++) if (s.intern(['frame', 'eth', `p${i}`]) === 0) zeros++;
    // The root, "frame" and "eth" hold three of the nodes.
    expect(zeros).toBe(3);
    expect(s.intern(['frame', 'eth'])).toBe(first);
    expect(s.layers(first)).toEqual(['frame', 'eth']);
    expect(s.intern(['frame', 'eth', 'p0'])).not.toBe(0);
  });
});
