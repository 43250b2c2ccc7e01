// Draws the app icons (a card on the accent colour) as PNGs without any image library.
// Run once after changing the design: node scripts/make-icons.mjs
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';

const ACCENT = [0x1f, 0x4e, 0x79];
const CARD = [0xff, 0xff, 0xff];
const STRIPE = [0xf2, 0xb1, 0x34];

function crc32(bytes) {
	let crc = ~0;
	for (const byte of bytes) {
		crc ^= byte;
		for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
	}
	return ~crc >>> 0;
}

function chunk(type, data) {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(body));
	return Buffer.concat([length, body, crc]);
}

function png(size, pixel) {
	const raw = Buffer.alloc(size * (size * 3 + 1));
	for (let y = 0; y < size; y++) {
		raw[y * (size * 3 + 1)] = 0;
		for (let x = 0; x < size; x++)
			raw.set(pixel(x / size, y / size), y * (size * 3 + 1) + 1 + x * 3);
	}
	const header = Buffer.alloc(13);
	header.writeUInt32BE(size, 0);
	header.writeUInt32BE(size, 4);
	header.set([8, 2, 0, 0, 0], 8);
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		chunk('IDAT', deflateSync(raw)),
		chunk('IEND', Buffer.alloc(0))
	]);
}

/** A card of CR80 proportions centred in `inset` of the square (maskable icons need a safe zone). */
function drawer(inset) {
	const w = 1 - 2 * inset;
	const h = w / 1.586;
	const left = inset;
	const top = 0.5 - h / 2;
	return (x, y) => {
		const inCard = x >= left && x <= left + w && y >= top && y <= top + h;
		if (!inCard) return ACCENT;
		const stripe = y >= top + h * 0.2 && y <= top + h * 0.35;
		const chip =
			x >= left + w * 0.1 && x <= left + w * 0.3 && y >= top + h * 0.5 && y <= top + h * 0.8;
		return stripe ? STRIPE : chip ? ACCENT : CARD;
	};
}

mkdirSync('static/icons', { recursive: true });
writeFileSync('static/icons/icon-192.png', png(192, drawer(0.14)));
writeFileSync('static/icons/icon-512.png', png(512, drawer(0.14)));
writeFileSync('static/icons/icon-maskable-512.png', png(512, drawer(0.24)));
writeFileSync('static/favicon.png', png(64, drawer(0.08)));
