import { RosterDatabase } from '../database';
import type { SchemaVersion } from '../schema';
import type {
	Card,
	CardNumber,
	IsoDate,
	SessionId,
	User,
	UserId,
	UserInput
} from '$lib/domain/model';
import { EMPTY_COUNTERS, START_CURSOR, type ImportSession } from '$lib/domain/import-session';

let opened = 0;

/** A fresh database with a unique name, so tests never see each other's data. */
export function testDatabase(versions?: readonly SchemaVersion[], name?: string): RosterDatabase {
	opened += 1;
	return new RosterDatabase(name ?? `roster-test-${opened}-${Math.random()}`, versions);
}

export const uid = (id: string) => id as UserId;
export const cardNo = (n: string) => n as CardNumber;
export const day = (d: string) => d as IsoDate;

export function userInput(id: string, overrides: Partial<UserInput> = {}): UserInput {
	return { id: uid(id), name: `Person ${id}`, userType: 'Employee', ...overrides };
}

export function storedUser(id: string, overrides: Partial<User> = {}): User {
	return { ...userInput(id), createdAt: 1, updatedAt: 1, ...overrides };
}

/** A card as the cards table stores it: registered for 2026 unless `overrides` say otherwise. */
export function storedCard(number: string, userId: string, overrides: Partial<Card> = {}): Card {
	return {
		number: cardNo(number),
		userId: uid(userId),
		status: 'registered',
		validFrom: day('2026-01-01'),
		validTo: day('2026-12-31'),
		createdAt: 1,
		updatedAt: 1,
		...overrides
	};
}

/** A session row in the given status, enough for the guard and the engine's tests. */
export function sessionRow(id: string, overrides: Partial<ImportSession> = {}): ImportSession {
	return {
		id: id as SessionId,
		status: 'configuring',
		step: 'configure',
		fileName: 'users.csv',
		fileSize: 9,
		encoding: 'utf-8',
		bomLength: 0,
		validUtf8: true,
		encodingCandidates: [],
		delimiter: ',',
		settings: {
			overwrite: 'keep',
			cardIdType: 'decimal',
			startDate: day('2026-01-01'),
			endDate: day('2027-01-01'),
			dateFormat: 'YYYY-MM-DD',
			headerRow: 1
		},
		mapping: {
			userId: null,
			name: 0,
			email: null,
			phone: null,
			userType: null,
			department: null,
			title: null,
			imageFile: null,
			cardId: null,
			cardFormat: null,
			facilityCode: null,
			cardNumber: null,
			cardStart: null,
			cardEnd: null
		},
		header: ['Name'],
		cursor: { ...START_CURSOR },
		counters: { ...EMPTY_COUNTERS },
		createdAt: 1,
		updatedAt: 1,
		...overrides
	};
}
