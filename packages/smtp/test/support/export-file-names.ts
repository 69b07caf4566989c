/**
 * The file names tshark gives exported objects (eo_massage_str and
 * eo_draw): characters Windows rejects become %xx, and a name already
 * taken gets "(n)" before its extension. Used to compare our objects
 * with what tshark wrote.
 */
export function exportFileNames(names: readonly string[], maxLen = 255): string[] {
  const taken = new Set<string>();
  const massage = (name: string, dup: number): string => {
    const bytes = Buffer.from(name, 'utf8');
    let out = '';
    for (const b of bytes) out += b < 0x20 || '<>:"/\\|?*'.includes(String.fromCharCode(b)) ? `%${b.toString(16).padStart(2, '0')}` : String.fromCharCode(b);
    if (dup === 0 && out.length <= maxLen) return out;
    const suffix = dup ? `(${dup})` : '';
    const dot = out.lastIndexOf('.');
    if (dot >= 0 && out.length - dot + suffix.length < maxLen) {
      const ext = out.slice(dot);
      return out.slice(0, Math.min(dot, maxLen - suffix.length - ext.length)) + suffix + ext;
    }
    return out.slice(0, maxLen - suffix.length) + suffix;
  };
  return names.map((n) => {
    let dup = 0;
    let name = massage(n, 0);
    while (taken.has(name)) name = massage(n, ++dup);
    taken.add(name);
    return Buffer.from(name, 'latin1').toString('utf8');
  });
}
