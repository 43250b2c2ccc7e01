import { describe, expect, it } from 'vitest';
import type { Card, CardNumber, IsoDate, User, UserId } from './model';
import { cardsByHolder, EXPORT_HEADER, exportFileName, userExportLines } from './user-export';

const card = (number: string, userId: string): Card => ({
	number: number as CardNumber,
	userId: userId as UserId,
	status: 'registered',
	validFrom: '2026-01-01' as IsoDate,
	validTo: '2026-12-31' as IsoDate,
	createdAt: 1,
	updatedAt: 1
});

const user = (id: string, name: string): User => ({
	id: id as UserId,
	name,
	userType: 'Employee',
	createdAt: 1,
	updatedAt: 1
});

describe('cardsByHolder', () => {
	it("groups cards by user, each user's cards in number order (not text order)", () => {
		const byUser = cardsByHolder([card('100', 'U1'), card('9', 'U2'), card('20', 'U1')]);
		expect(byUser.get('U1')?.map((c) => c.number)).toEqual(['20', '100']);
		expect(byUser.get('U2')?.map((c) => c.number)).toEqual(['9']);
	});
});

describe('userExportLines', () => {
	it('writes one line per card, and one for a user without a card', () => {
		const users = [user('U1', 'Ana Park'), user('U2', 'Bo Lee')];
		const byUser = cardsByHolder([card('7', 'U1'), card('8', 'U1')]);
		const lines = userExportLines(users, byUser);
		expect(lines).toHaveLength(3);
		expect(lines[0]).toMatch(/^"U1","Ana Park"/u);
		expect(lines[1]).toMatch(/^"U1","Ana Park"/u);
		expect(lines[2]).toMatch(/^"U2","Bo Lee"/u);
		expect(lines.every((line) => line.endsWith('\r\n'))).toBe(true);
	});

	it('has the template header and a dated file name', () => {
		expect(EXPORT_HEADER[0]).toBe('User ID');
		expect(exportFileName('2026-05-01')).toBe('roster-users-2026-05-01.csv');
	});
});
