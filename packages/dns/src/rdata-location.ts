import { formatDouble, addItem, appendLabel } from '@netdissect/core';
import { f } from './fields.js';
import { rawRData, type RdataDecoder } from './rdata-context.js';
import { RRType } from './value-strings.js';

/** RFC 1876 size/precision byte: mantissa and power of ten, in centimetres; returned in metres. */
function locSizeMetres(v: number): number {
  return ((v >> 4) * 10 ** (v & 0x0f)) / 100;
}

/** RFC 1876 latitude/longitude: thousandths of an arc second offset by 2^31. */
function locAngleText(raw: number, longitude: boolean): string {
  let angle: number;
  let direction: string;
  if (raw < 0x80000000) {
    angle = 0x80000000 - raw;
    direction = longitude ? 'W' : 'S';
  } else {
    angle = raw - 0x80000000;
    direction = longitude ? 'E' : 'N';
  }
  if (angle > (longitude ? 648000000 : 324000000)) return 'Value out of range';
  const tsecs = angle % 1000;
  angle = Math.floor(angle / 1000);
  const secs = angle % 60;
  angle = Math.floor(angle / 60);
  const minutes = angle % 60;
  const degrees = Math.floor(angle / 60);
  return `${degrees} deg ${minutes} min ${secs}.${String(tsecs).padStart(3, '0')} sec ${direction}`;
}

/** LOC (RFC 1876), version 0; other versions are shown as unknown data. */
const loc: RdataDecoder = (c, off, len) => {
  const { tvb, tree } = c;
  const version = tvb.u8(off);
  addItem(tree, f.locVersion, tvb, off, 1);
  if (version !== 0) {
    addItem(tree, f.locUnknownData, tvb, off, len);
    return rawRData(c, off, len);
  }
  let cur = off + 1;
  const sizes: number[] = [];
  for (const field of [f.locSize, f.locHorizontalPrecision, f.locVerticalPrecision]) {
    const item = addItem(tree, field, tvb, cur, 1);
    const v = tvb.u8(cur);
    appendLabel(item, tree, () => ` (${formatDouble(locSizeMetres(v))} m)`);
    sizes.push(v);
    cur++;
  }
  const latItem = addItem(tree, f.locLatitude, tvb, cur, 4);
  const latitude = tvb.u32(cur);
  appendLabel(latItem, tree, () => ` (${locAngleText(latitude, false)})`);
  cur += 4;
  const lonItem = addItem(tree, f.locLongitude, tvb, cur, 4);
  const longitude = tvb.u32(cur);
  appendLabel(lonItem, tree, () => ` (${locAngleText(longitude, true)})`);
  cur += 4;
  const altItem = addItem(tree, f.locAltitude, tvb, cur, 4);
  const altitude = tvb.u32(cur);
  appendLabel(altItem, tree, () => ` (${formatDouble(((altitude | 0) - 10000000) / 100)} m)`);
  return {
    kind: 'LOC',
    version,
    size: sizes[0]!,
    horizontalPrecision: sizes[1]!,
    verticalPrecision: sizes[2]!,
    latitude,
    longitude,
    altitude,
  };
};

export const locationDecoders: ReadonlyArray<readonly [number, RdataDecoder]> = [[RRType.LOC, loc]];
