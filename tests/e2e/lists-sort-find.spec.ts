import { expect, test } from './site';
import { CardsPage } from './pages/cards';
import { seed, UsersPage } from './pages/users';

test('Cards are listed by number value, not as text', async ({ page }) => {
	await page.goto('/cards');
	// As text (the database's key order) these come 1087538182, 111052764, 1113963313, 25, 9.
	const numbers = ['1113963313', '9', '1087538182', '25', '111052764'];
	await seed(
		page,
		[
			{ id: 'U1', name: 'Ana Park' },
			{ id: 'U2', name: 'Bo Lee' }
		],
		numbers.map((number, i) => ({ number, userId: i % 2 === 0 ? 'U1' : 'U2' }))
	);
	const cards = new CardsPage(page);
	await cards.open();
	await expect(cards.counts).toHaveText('5 cards');
	expect(await cards.numbers()).toEqual(['9', '25', '111052764', '1087538182', '1113963313']);

	// A search keeps that order.
	await cards.search.fill('ana');
	await expect(cards.counts).toHaveText('3 of 5 cards');
	expect(await cards.numbers()).toEqual(['111052764', '1087538182', '1113963313']);
});

test('Users finds a phone by a run of its digits, and a user by department and by title', async ({
	page
}) => {
	await page.goto('/users');
	await seed(page, [
		{
			id: 'U1',
			name: 'Ana Park',
			phone: '+44 20 7946 0004',
			phoneDigits: '442079460004',
			department: 'Facilities',
			title: 'Night Porter'
		},
		{
			id: 'U2',
			name: 'Bo Lee',
			phone: '+44 20 7946 0999',
			phoneDigits: '442079460999',
			department: 'Research and Development',
			title: 'Lab Manager'
		},
		{ id: 'U3', name: 'Cy Kim', phone: '+1 555 0100', phoneDigits: '15550100' }
	]);
	const users = new UsersPage(page);
	await users.open();
	await expect(users.counts).toHaveText('3 users');

	const finds = async (query: string, names: string[]): Promise<void> => {
		await users.search.fill(query);
		await expect(users.counts, query).toHaveText(`${names.length} of 3 users`);
		expect(await users.names(), query).toEqual(names);
	};
	// The local number as people say it: no country or area code, with a space.
	await finds('7946 0004', ['Ana Park']);
	await finds('79460004', ['Ana Park']);
	await finds('(20) 7946-0', ['Ana Park', 'Bo Lee']);
	await finds('0100', ['Cy Kim']);
	// Department and title by the start of any of their words.
	await finds('facil', ['Ana Park']);
	await finds('research', ['Bo Lee']);
	await finds('development', ['Bo Lee']);
	await finds('porter', ['Ana Park']);
	await finds('lab man', ['Bo Lee']);
	await finds('bo manager', ['Bo Lee']);
});
