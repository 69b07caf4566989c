/** Every key the UI understands, grouped as the help overlay lists them. */
export const KEY_BINDINGS: ReadonlyArray<{ group: string; keys: ReadonlyArray<readonly [string, string]> }> = [
  {
    group: 'Everywhere',
    keys: [
      ['Tab / Shift-Tab', 'next / previous pane (list, details, bytes)'],
      ['/', 'edit the display filter (Enter applies, Esc cancels, ↑/↓ history, empty clears)'],
      [':', 'go to packet number'],
      ['F', 'follow the TCP/UDP stream of the selected packet'],
      ['S', 'statistics (conversations, endpoints, protocols, DNS, HTTP, credentials)'],
      ['e / c', 'expand / collapse every subtree of the details'],
      ['p', 'pause / resume the list in a live capture (capturing goes on)'],
      ['?', 'this help'],
      ['q / Ctrl-C', 'quit'],
    ],
  },
  {
    group: 'Packet list',
    keys: [
      ['↑/↓  k/j', 'previous / next packet'],
      ['PgUp / PgDn', 'a page up / down'],
      ['Home / End  g/G', 'first / last packet (End follows new packets when live)'],
      ['Enter', 'go to the details'],
    ],
  },
  {
    group: 'Details',
    keys: [
      ['↑/↓  k/j', 'previous / next item (its bytes are highlighted)'],
      ['→ / ←', 'expand / collapse (← on an open item goes to its parent)'],
      ['Enter / Space', 'expand or collapse'],
      ['E', 'expand the item and everything under it'],
    ],
  },
  {
    group: 'Bytes',
    keys: [
      ['↑/↓  PgUp/PgDn', 'scroll'],
      ['← / →', 'previous / next data source (frame, reassembled, decoded)'],
    ],
  },
  {
    group: 'Follow stream',
    keys: [
      ['a / x / t', 'ASCII / hex / transcript ("C: USER alice", TCP only)'],
      ['↑/↓  PgUp/PgDn  g/G', 'scroll'],
      ['Enter', 'filter on this stream and go back'],
      ['Esc / q', 'back to the packets'],
    ],
  },
  {
    group: 'Statistics',
    keys: [
      ['←/→ or 1-6', 'choose the table'],
      ['l', 'next layer of conversations / endpoints (eth, ip, ipv6, tcp, udp)'],
      ['↑/↓  PgUp/PgDn', 'move'],
      ['s / r', 'sort by the next column / reverse the order'],
      ['Enter', 'show the packets of the row (applies its filter), or go to its packet'],
      ['Esc / q', 'back to the packets'],
    ],
  },
];
