import { describe, expect, it } from 'vitest';
import { DEFAULT_APP_SETTINGS } from '$lib/domain/app-settings';
import type { MutationBody } from '$lib/domain/mutations';
import type { MutateAnswer } from '$lib/sync/api';
import { DefaultsEditor } from './settings-editor.svelte';

/** A defaults form whose site answers `answer` to every write, keeping what was sent. */
function editorAnswering(answer: MutateAnswer) {
	const sent: MutationBody[] = [];
	const editor = new DefaultsEditor(DEFAULT_APP_SETTINGS, (body) => {
		sent.push(body);
		return Promise.resolve(answer);
	});
	return { editor, sent };
}

describe('the defaults form sends the site’s setting', () => {
	it('as one setting.put of app-settings, and says when it waits to be sent', async () => {
		const { editor, sent } = editorAnswering({ status: 'queued' });
		editor.maxCsvMb = 20;
		expect(await editor.save()).toBe(true);
		expect(sent).toEqual([
			{
				type: 'setting.put',
				key: 'app-settings',
				value: { ...DEFAULT_APP_SETTINGS, maxCsvMb: 20 }
			}
		]);
		expect(editor.queued).toBe(true);
	});

	it('shows the server’s refusal', async () => {
		const error = { code: 'INVALID_INPUT' as const, message: 'Refused by the server' };
		const { editor } = editorAnswering({ status: 'refused', error });
		expect(await editor.save()).toBe(false);
		expect(editor.failure).toEqual(error);
	});

	it('sends nothing the rules refuse here', async () => {
		const { editor, sent } = editorAnswering({ status: 'applied', version: 1 });
		editor.maxCardsPerUser = 0;
		expect(await editor.save()).toBe(false);
		expect(editor.failure?.message).toMatch(/Cards per user/);
		expect(sent).toEqual([]);
	});
});
