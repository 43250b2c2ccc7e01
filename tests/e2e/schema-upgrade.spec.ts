import { expect, test } from './site';

test('a schema upgrade from another tab is not blocked: open tabs let go and ask to reload', async ({
	context
}) => {
	const open = await context.newPage();
	await open.goto('/users');
	await expect(open.getByTestId('user-counts')).toBeVisible();

	// Another tab of a newer Roster opens the database at a higher version.
	const newer = await context.newPage();
	await newer.goto('about:blank');
	await newer.goto(open.url());
	const outcome = await newer.evaluate(
		() =>
			new Promise<string>((resolve) => {
				let blocked = false;
				const request = indexedDB.open('roster', 1000);
				request.onblocked = () => (blocked = true);
				request.onsuccess = () => {
					request.result.close();
					resolve(blocked ? 'upgraded after being blocked' : 'upgraded');
				};
				request.onerror = () => resolve(`failed: ${String(request.error)}`);
			})
	);
	expect(outcome).toBe('upgraded');
	await expect(
		open.getByRole('alert').filter({ hasText: 'Roster was updated in another tab' })
	).toBeVisible();
	await expect(open.getByRole('button', { name: 'Reload' })).toBeVisible();
});
