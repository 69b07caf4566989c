/** Heights of the screen's parts for a terminal of `rows` lines. */
export interface PaneLayout {
  /** Packet rows (the list's header line is extra). */
  listRows: number;
  /** Details lines (its title line is extra). */
  detailsRows: number;
  /** Hex lines (the data-source tab line is extra). */
  bytesRows: number;
  /** Lines the overlays (help, follow, statistics) get between the top bar and the status line. */
  overlayRows: number;
}

/**
 * Split the screen like Wireshark: list on top, details, then bytes, with
 * a one-line bar above and a status line below. One terminal line is left
 * unused: an Ink frame as tall as the terminal is redrawn from scratch on
 * every change.
 */
export function paneLayout(rows: number): PaneLayout {
  const body = Math.max(6, rows - 1 - 2);
  const panes = body - 3;
  const listRows = Math.max(1, Math.round(panes * 0.45));
  const detailsRows = Math.max(1, Math.round(panes * 0.3));
  const bytesRows = Math.max(1, panes - listRows - detailsRows);
  return { listRows, detailsRows, bytesRows, overlayRows: body };
}
