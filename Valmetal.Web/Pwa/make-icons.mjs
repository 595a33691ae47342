// Writes the PWA's PNG icons (a white "V" on the brand green) without any image library:
//   node Valmetal.Web/Pwa/make-icons.mjs
// The PNGs are committed; run this again only to change the design.
import { deflateSync } from "node:zlib";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const green = [0x1f, 0x5f, 0x3a];
const white = [0xff, 0xff, 0xff];

function crc32(bytes) {
  let c, crc = 0xffffffff;
  for (const b of bytes) {
    c = (crc ^ b) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4); length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

// Distance from point p to segment ab, for drawing the strokes of the letter.
function distance(px, py, ax, ay, bx, by) {
  const t = Math.max(0, Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return Math.hypot(px - (ax + t * (bx - ax)), py - (ay + t * (by - ay)));
}

function icon(size, padding) {
  const rows = [];
  const stroke = size * 0.09;
  const top = size * (0.28 + padding / 2), bottom = size * (0.74 - padding / 2);
  const left = size * (0.27 + padding / 2), right = size * (0.73 - padding / 2);
  for (let y = 0; y < size; y++) {
    const row = [0];
    for (let x = 0; x < size; x++) {
      const inV = distance(x, y, left, top, size / 2, bottom) < stroke || distance(x, y, right, top, size / 2, bottom) < stroke;
      row.push(...(inV ? white : green));
    }
    rows.push(Buffer.from(row));
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0); header.writeUInt32BE(size, 4);
  header[8] = 8; header[9] = 2; // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header), chunk("IDAT", deflateSync(Buffer.concat(rows))), chunk("IEND", Buffer.alloc(0)),
  ]);
}

const folder = fileURLToPath(new URL("../wwwroot/icons/", import.meta.url));
writeFileSync(folder + "icon-192.png", icon(192, 0));
writeFileSync(folder + "icon-512.png", icon(512, 0));
// Maskable icons keep the letter inside the safe zone (the inner 80%) that launchers never crop.
writeFileSync(folder + "icon-maskable-512.png", icon(512, 0.2));
writeFileSync(folder + "apple-touch-icon.png", icon(180, 0));
