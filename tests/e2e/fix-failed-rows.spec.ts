import type { Locator, Page } from '@playwright/test';
import { expect, test } from './site';
import { ImportPage, parseCsv } from './pages/import';

function csv(name: string, lines: string[]) {
	return { name, mimeType: 'text/csv', buffer: Buffer.from(`${lines.join('\n')}\n`, 'utf8') };
}

function failedGrid(page: Page): Locator {
	return page.getByRole('grid', { name: 'Failed rows' });
}

/** The grid row of the file's row `row` (its row header is the number). */
function gridRow(grid: Locator, row: number): Locator {
	return grid
		.getByRole('row')
		.filter({ has: grid.page().getByRole('rowheader', { name: String(row), exact: true }) });
}

test('failed rows are fixed in the grid by keyboard and imported into the same import', async ({
	page
}) => {
	const wizard = new ImportPage(page);
	await wizard.open();
	await wizard.upload(
		csv('fix-me.csv', [
			'User ID,Name,Email,Card ID',
			'1001,Ana Park,ana@example.org,5001',
			'1002,Bo Lee,bo@,5002',
			'1003,,cy@example.org,5003',
			'1004,Di Kim,di@example.org,5001',
			'1005,Ed Cho,ed@example.org,5005'
		])
	);
	await wizard.importAndWait();
	await wizard.expectCounts(2, 3);

	const grid = failedGrid(page);
	await expect(grid).toBeVisible();
	const headers = await grid.getByRole('columnheader').allTextContents();
	expect(headers).toEqual(['Row', 'User ID', 'Name', 'Email', 'Card ID', 'Reason']);
	const bo = gridRow(grid, 3);
	const cy = gridRow(grid, 4);
	const di = gridRow(grid, 5);
	// Each reason sits on the offending cell, and the row says it in words.
	const boEmail = bo.getByRole('gridcell').nth(2);
	await expect(boEmail).toHaveAttribute('aria-invalid', 'true');
	await expect(boEmail).toHaveAccessibleDescription(/Email "bo@"/);
	await expect(cy.getByRole('gridcell').nth(1)).toHaveAttribute('aria-invalid', 'true');
	await expect(di.getByRole('gridcell').nth(3)).toHaveAccessibleDescription(
		/Card ID "5001" repeats row 2/
	);
	await expect(bo.getByRole('gridcell').nth(0)).not.toHaveAttribute('aria-invalid', 'true');

	// Row 3: onto the Email cell, F2 edits, the text replaced, Enter keeps it.
	await boEmail.click();
	await expect(boEmail).toBeFocused();
	await page.keyboard.press('F2');
	const input = grid.getByRole('textbox', { name: 'Email, row 3' });
	await expect(input).toBeFocused();
	await expect(input).toHaveValue('bo@');
	await page.keyboard.press('ControlOrMeta+a');
	await page.keyboard.type('bo@example.org');
	await page.keyboard.press('Enter');
	await expect(boEmail).toBeFocused();
	await expect(boEmail).not.toHaveAttribute('aria-invalid', 'true');
	await expect(bo.getByRole('gridcell').last()).toHaveText('Ready to import: creates the user.');

	// Row 4: down and left to its Name cell; typing starts the edit. Escape undoes a wrong one.
	await page.keyboard.press('ArrowDown');
	await page.keyboard.press('ArrowLeft');
	const cyName = cy.getByRole('gridcell').nth(1);
	await expect(cyName).toBeFocused();
	await page.keyboard.type('Wrong');
	await page.keyboard.press('Escape');
	await expect(cyName).toBeFocused();
	await expect(cyName).toHaveText('!');
	await expect(cyName).toHaveAttribute('aria-invalid', 'true');
	await page.keyboard.type('Cy Moon');
	await expect(cy.getByRole('gridcell').last()).toHaveText('Ready to import: creates the user.');
	await page.keyboard.press('Enter');
	await expect(cyName).toHaveText('Cy Moon');
	await expect(cyName).not.toHaveAttribute('aria-invalid', 'true');
	// The row still failing keeps its reason.
	await expect(di.getByRole('gridcell').last()).toContainText('repeats row 2');
	await expect(page.getByText('2 rows ready to import.')).toBeVisible();

	await page.getByRole('button', { name: 'Import fixed rows' }).click();
	await wizard.expectCounts(4, 1);
	await expect(page.getByText('Imported 2 fixed rows.')).toBeVisible();
	await expect(gridRow(grid, 3)).toHaveCount(0);
	await expect(gridRow(grid, 5)).toBeVisible();

	const succeeded = parseCsv((await wizard.download('succeeded')).text);
	expect(succeeded.slice(1).map((cells) => [cells[0], cells[2], cells[3], cells[4]])).toEqual([
		['2', '1001', 'Ana Park', 'ana@example.org'],
		['6', '1005', 'Ed Cho', 'ed@example.org'],
		['3', '1002', 'Bo Lee', 'bo@example.org'],
		['4', '1003', 'Cy Moon', 'cy@example.org']
	]);
	const failed = parseCsv((await wizard.download('failed')).text);
	expect(failed.slice(1).map((cells) => cells[4])).toEqual(['5']);

	// Undo removes the fixed rows' users and cards with the others.
	await wizard.undo();
	await expect(page.getByText('Undone: 4 users and 4 cards removed')).toBeVisible();
	await page.goto('/users');
	await expect(page.getByRole('table', { name: 'Users' }).getByText('Bo Lee')).toHaveCount(0);
});

test('10 000 failed rows: the grid renders only a window of them and reaches the last by keyboard', async ({
	page
}) => {
	const lines = ['User ID,Name,Email'];
	for (let i = 0; i < 10_000; i += 1) lines.push(`${200000 + i},Person ${i},person${i}@`);
	const wizard = new ImportPage(page);
	await wizard.open();
	await wizard.upload(csv('all-bad.csv', lines));
	await wizard.importAndWait();
	await wizard.expectCounts(0, 10_000);

	const grid = failedGrid(page);
	await expect(grid).toHaveAttribute('aria-rowcount', '10001');
	await expect(gridRow(grid, 2)).toBeVisible();
	const rendered = await grid.getByRole('row').count();
	expect(rendered).toBeGreaterThan(5);
	expect(rendered).toBeLessThan(60);

	await gridRow(grid, 2).getByRole('gridcell').nth(2).click();
	await page.keyboard.press('Control+End');
	const last = gridRow(grid, 10_001);
	await expect(last.getByRole('gridcell').last()).toBeFocused();
	expect(await grid.getByRole('row').count()).toBeLessThan(60);
	await page.keyboard.press('ArrowLeft');
	await page.keyboard.type('last@example.org');
	await page.keyboard.press('Enter');
	await expect(last.getByRole('gridcell').last()).toHaveText('Ready to import: creates the user.');
	await page.getByRole('button', { name: 'Import fixed rows' }).click();
	await wizard.expectCounts(1, 9_999);
});
