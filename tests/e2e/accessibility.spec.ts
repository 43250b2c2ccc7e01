import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './site';
import { fixture, ImportPage } from './pages/import';
import { twoSheetWorkbook, XLSX_TYPE } from '../../src/lib/import/testing/workbooks';

/** Serious and critical violations only: the ones that stop a person from using the screen. */
async function seriousViolations(page: Page) {
	const { violations } = await new AxeBuilder({ page }).analyze();
	return violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
}

const EMPTY_SCREENS = ['/users', '/users/new', '/cards', '/import', '/settings', '/print'];

test('every screen, empty, has no serious or critical accessibility violation', async ({
	page
}) => {
	for (const path of EMPTY_SCREENS) {
		await page.goto(path);
		await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
		expect({ path, violations: await seriousViolations(page) }).toEqual({ path, violations: [] });
	}
});

test('every screen, full, has no serious or critical accessibility violation', async ({ page }) => {
	const wizard = new ImportPage(page);
	await wizard.open();
	await wizard.upload(fixture('messy.csv'));
	expect({ step: 'configure', violations: await seriousViolations(page) }).toEqual({
		step: 'configure',
		violations: []
	});
	await wizard.importAndWait();
	expect({ step: 'results', violations: await seriousViolations(page) }).toEqual({
		step: 'results',
		violations: []
	});

	const screens: [string, (page: Page) => Promise<void>][] = [
		['/users', (p) => expect(p.getByText('Valid Person').first()).toBeVisible()],
		['/users/6001', (p) => expect(p.getByRole('heading', { name: 'Valid Person' })).toBeVisible()],
		['/cards', (p) => expect(p.getByText('Valid Person').first()).toBeVisible()],
		['/settings', (p) => expect(p.getByRole('heading', { name: 'Settings' })).toBeVisible()]
	];
	for (const [path, loaded] of screens) {
		await page.goto(path);
		await loaded(page);
		expect({ path, violations: await seriousViolations(page) }).toEqual({ path, violations: [] });
	}
});

test('Configure of an Excel workbook, with its sheet choice, has no serious violation', async ({
	page
}) => {
	const wizard = new ImportPage(page);
	await wizard.open();
	await wizard.upload({
		name: 'people.xlsx',
		mimeType: XLSX_TYPE,
		buffer: await twoSheetWorkbook(5)
	});
	await wizard.select('Sheet').selectOption('People');
	await wizard.settled();
	expect(await seriousViolations(page)).toEqual([]);
});
