import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { database } from '$lib/db/database';
import { cardNo, sessionRow, storedCard, storedUser } from '$lib/db/testing/test-db';
import type { Card, CardStatus } from '$lib/domain/model';
import { BulkCardIssue, describeIssued } from './bulk-card-issue.svelte';
import { RowSelection } from './row-selection.svelte';

const stored = (number: string, status: CardStatus): Card => storedCard(number, '1', { status });

describe('RowSelection', () => {
	const rows = ['a', 'b', 'c', 'd'].map((key) => ({ key }));
	const keyOf = (row: { key: string }) => row.key;

	it('selects rows one by one and counts them among any rows', () => {
		const selection = new RowSelection<string>();
		selection.set('a', true);
		selection.set('c', true);
		selection.set('c', true);
		expect(selection.has('a')).toBe(true);
		expect(selection.has('b')).toBe(false);
		expect(selection.size).toBe(2);
		expect(selection.countAmong(rows, keyOf)).toBe(2);
		expect(selection.countAmong(rows.slice(0, 2), keyOf)).toBe(1);
		selection.set('a', false);
		expect(selection.values()).toEqual(['c']);
	});

	it('selects and deselects every row shown, keeping rows that are not shown', () => {
		const selection = new RowSelection<string>();
		selection.set('z', true);
		selection.setAll(rows, keyOf, true);
		expect(selection.size).toBe(5);
		expect(selection.countAmong(rows, keyOf)).toBe(4);
		selection.setAll(rows.slice(1), keyOf, false);
		expect(selection.values()).toEqual(['z', 'a']);
		selection.clear();
		expect(selection.size).toBe(0);
	});
});

describe('describeIssued', () => {
	it('says how many were issued and why the others were not', () => {
		expect(describeIssued({ issued: 1, alreadyIssued: 0, revoked: 0, missing: 0 })).toBe(
			'Issued 1 card.'
		);
		expect(describeIssued({ issued: 100_000, alreadyIssued: 2, revoked: 1, missing: 3 })).toBe(
			"Issued 100,000 cards. 2 were already issued. 1 was revoked and not issued: issue a revoked card again from its holder's page. 3 were removed meanwhile."
		);
	});
});

describe('BulkCardIssue', () => {
	const db = database();
	beforeEach(async () => {
		await db.users.put(storedUser('1'));
		await db.cards.bulkPut([stored('10', 'registered'), stored('11', 'issued')]);
	});
	afterEach(async () => {
		await Promise.all([db.users.clear(), db.cards.clear(), db.importSessions.clear()]);
	});

	it('issues the selection, reports it and clears the selection', async () => {
		const bulk = new BulkCardIssue();
		bulk.selection.set(cardNo('10'), true);
		bulk.selection.set(cardNo('11'), true);
		await bulk.issueSelected(5);
		expect(bulk.report).toBe('Issued 1 card. 1 was already issued.');
		expect(bulk.failure).toBeNull();
		expect(bulk.selection.size).toBe(0);
		expect(bulk.busy).toBe(false);
		expect((await db.cards.get(cardNo('10')))?.status).toBe('issued');
	});

	it('keeps the selection when an import refuses the write', async () => {
		await db.importSessions.add(sessionRow('s', { status: 'running', fileName: 'big.csv' }));
		const bulk = new BulkCardIssue();
		bulk.selection.set(cardNo('10'), true);
		await bulk.issueSelected();
		expect(bulk.failure?.code).toBe('IMPORT_IN_PROGRESS');
		expect(bulk.report).toBeNull();
		expect(bulk.selection.values()).toEqual(['10']);
		expect((await db.cards.get(cardNo('10')))?.status).toBe('registered');
	});

	it('does nothing when nothing is selected', async () => {
		const bulk = new BulkCardIssue();
		await bulk.issueSelected();
		expect(bulk.report).toBeNull();
	});
});
