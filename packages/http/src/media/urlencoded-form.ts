import { defineFields, defineProtocol, FT, makeDissector, mediaDataName, rawByteString, registerMediaType, type MediaInfo, type Tvb } from '@netdissect/core';

export const hfUrlencoded = defineProtocol('urlencoded-form', 'HTML Form URL Encoded');
export const urlencodedFields = defineFields('urlencoded-form', {
  key: { abbrev: 'urlencoded-form.key', name: 'Key', type: FT.STRINGZ },
  value: { abbrev: 'urlencoded-form.value', name: 'Value', type: FT.STRINGZ },
});

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

/**
 * get_form_key_value: the %-decoded text up to `stop`, and where it
 * ended; null on a NUL or a bad %-escape (which ends the form). The
 * decoded bytes are kept as they are where they are not UTF-8 (a form
 * sent in Latin-1): tshark's values and labels hold those bytes.
 */
function formToken(tvb: Tvb, offset: number, stop: number): { text: string; end: number } | null {
  const out: number[] = [];
  while (tvb.reportedRemaining(offset) > 0) {
    let ch = tvb.u8(offset);
    if (ch === 0) return null;
    if (ch === stop) break;
    if (ch === 0x25) {
      const hi = hexValue(tvb.u8(offset + 1));
      if (hi < 0) return null;
      const lo = hexValue(tvb.u8(offset + 2));
      if (lo < 0) return null;
      ch = (hi << 4) | lo;
      offset += 2;
    } else if (ch === 0x2b) {
      ch = 0x20;
    }
    out.push(ch);
    offset++;
  }
  // The decoded bytes are a C string: a %00 ends it.
  const nul = out.indexOf(0);
  return { text: rawByteString(Uint8Array.from(nul < 0 ? out : out.slice(0, nul))), end: offset };
}

/** HTML form data (packet-http-urlencoded.c): key=value pairs joined by '&', %-decoded. */
export const urlencodedDissector = makeDissector('urlencoded-form', 'URL Encoded Form Data', (tvb, pinfo, tree, data) => {
  const name = mediaDataName(data as MediaInfo | undefined);
  if (name) pinfo.cols.appendSepInfo(' ', `(${name})`);
  const t = tree ? tree.addProtocol(hfUrlencoded, tvb, 0, tvb.length) : null;
  if (t && name && tree!.ctx.full) t.appendText(`: ${name}`);
  let offset = 0;
  while (tvb.reportedRemaining(offset) > 0) {
    const start = offset;
    const item = t?.ctx.full ? t.addText(tvb, offset, 0, 'Form item').setRawLabel() : t;
    const key = formToken(tvb, offset, 0x3d);
    if (key === null) break;
    item?.add(urlencodedFields.key, tvb, offset, key.end - offset, key.text);
    if (item !== t) item?.appendText(`: "${key.text}"`);
    offset = key.end + 1;
    const value = formToken(tvb, offset, 0x26);
    if (value === null) break;
    item?.add(urlencodedFields.value, tvb, offset, value.end - offset, value.text);
    if (item !== t) item?.appendText(` = "${value.text}"`);
    offset = value.end + 1;
    if (item !== t) item?.setLength(offset - start);
  }
  return tvb.length;
}, []);

registerMediaType('application/x-www-form-urlencoded', urlencodedDissector);
