import { describe, expect, it } from 'vitest';
import { defaultImportSettings } from '../../domain/import-settings';
import { EMPTY_COUNTERS, START_CURSOR } from '../../domain/import-session';
import type { ChunkCommit, ChunkLookups, ImportStore, LookupKeys } from '../../domain/import-store';
import { autoMap } from '../../domain/mapping';
import type { Card, CardNumber, IsoDate, SessionId, User, UserId } from '../../domain/model';
import { runChunks } from './chunk-loop';

const HEADER = ['User ID', 'Name', 'Email', 'Phone', 'Card ID'];

/**
 * A store in memory whose commits take a while and whose look-ups answer from what is committed
 * at the moment they are asked: a look-up that should have waited for the chunk before reads
 * without it, and the run then decides otherwise than one chunk would.
 */
function slowStore() {
	const users = new Map<string, User>();
	const cards = new Map<string, Card>();
	let committing = 0;
	const stats = { lookups: 0, duringCommit: 0 };
	const store: ImportStore = {
		lookup(keys: LookupKeys): Promise<ChunkLookups> {
			stats.lookups += 1;
			if (committing > 0) stats.duringCommit += 1;
			const all = [...users.values()];
			const found: ChunkLookups = {
				users: new Map(),
				byEmail: new Map(),
				byPhone: new Map(),
				cards: new Map(),
				cardCounts: new Map()
			};
			for (const id of [...keys.userIds, ...keys.laterUserIds]) {
				const user = users.get(id);
				if (user) found.users.set(user.id, user);
			}
			for (const user of all) {
				if (user.email && keys.emails.includes(user.email)) found.byEmail.set(user.email, user);
				if (user.phoneDigits && keys.phones.includes(user.phoneDigits))
					found.byPhone.set(user.phoneDigits, user);
			}
			for (const number of keys.cards) {
				const card = cards.get(number);
				if (!card) continue;
				found.cards.set(card.number, card);
				const holder = users.get(card.userId);
				if (holder && !found.users.has(holder.id)) found.users.set(holder.id, holder);
			}
			for (const id of found.users.keys())
				found.cardCounts.set(id, [...cards.values()].filter((c) => c.userId === id).length);
			return Promise.resolve(found);
		},
		maxCardsPerUser: () => Promise.resolve(8),
		async commit(chunk: ChunkCommit) {
			committing += 1;
			await new Promise((resolve) => setTimeout(resolve, 5));
			for (const user of chunk.users) users.set(user.id, user);
			for (const card of chunk.cards) cards.set(card.number, card);
			committing -= 1;
		}
	};
	return { store, users, cards, stats };
}

async function run(csv: string, rowsPerChunk: number) {
	const memory = slowStore();
	const end = await runChunks({
		session: {
			id: 'S1' as SessionId,
			mapping: autoMap(HEADER),
			settings: { ...defaultImportSettings('2026-12-01' as IsoDate), overwrite: 'overwrite' },
			cursor: START_CURSOR,
			counters: { ...EMPTY_COUNTERS }
		},
		source: {
			file: new Blob([csv]),
			encoding: 'utf-8',
			bomLength: 0,
			delimiter: ',',
			headerRow: 1
		},
		store: memory.store,
		rowsPerChunk,
		now: () => Date.UTC(2026, 11, 1)
	});
	const byKey = <T>(map: Map<string, T>) => [...map].sort(([a], [b]) => a.localeCompare(b));
	return { end, users: byKey(memory.users), cards: byKey(memory.cards), stats: memory.stats };
}

describe('the chunk loop', () => {
	it('decides as one chunk would while it looks up the next chunk during a commit', async () => {
		const lines = [HEADER.join(',')];
		for (let i = 1; i <= 60; i += 1) {
			// Every 7th row is a later row of the User ID two rows up (often in the chunk before):
			// another card for that user, whose count the look-up must see.
			if (i % 7 === 0) lines.push(`U${i - 2},,,,${9000 + i}`);
			else
				lines.push(
					`U${i},Person ${i},p${i}@example.org,+1 555 01${String(i).padStart(2, '0')},${1000 + i}`
				);
		}
		const csv = `${lines.join('\n')}\n`;
		const chunked = await run(csv, 4);
		const whole = await run(csv, 1000);
		expect(chunked.end).toEqual(whole.end);
		expect(chunked.users).toEqual(whole.users);
		expect(chunked.cards).toEqual(whole.cards);
		expect(chunked.cards.filter(([, card]) => card.userId === ('U5' as UserId))).toHaveLength(2);
		// The look-ups that asked nothing of the committing chunk did not wait for it.
		expect(chunked.stats.duringCommit).toBeGreaterThan(0);
		expect(chunked.stats.duringCommit).toBeLessThan(chunked.stats.lookups);
		expect(whole.cards.find(([number]) => number === ('9007' as CardNumber))).toBeDefined();
	});
});
