import { createWriteStream, existsSync, statSync } from 'node:fs';
import { once } from 'node:events';

export const HEADER =
	'User ID,Name,Email,Phone,User type,Department,Title,Card ID,Card start date,Card end date';
const TYPES = ['Employee', 'Visitor', 'Member'];

/** Row i of the generated file: every field mapped, unique keys, ~110 bytes. */
export function row(i) {
	const phone = String(1000000 + i).padStart(9, '0');
	return `U${i},Person ${i} Example,user${i}@example.org,+1 555 ${phone},${TYPES[i % 3]},Department ${i % 20},Title ${i % 7},${4000000 + i},2026-01-01,2027-12-31`;
}

/** Writes an n-row CSV once (kept between runs) and returns its path and size. */
export async function generateCsv(dir, rows) {
	const path = `${dir}/users-${rows}.csv`;
	if (!existsSync(path)) {
		const out = createWriteStream(path);
		out.write(`${HEADER}\n`);
		for (let i = 1; i <= rows; i += 1) {
			if (!out.write(`${row(i)}\n`)) await once(out, 'drain');
		}
		out.end();
		await once(out, 'finish');
	}
	return { path, bytes: statSync(path).size };
}
