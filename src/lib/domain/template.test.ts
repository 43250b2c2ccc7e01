import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { SETTINGS } from '../../../tests/unit/domain/testing';
import { autoMap } from './mapping';
import { templateCsv } from './template';
import { validateRow } from './validate-row';

describe('templateCsv', () => {
	it('maps itself fully and its example row is valid', () => {
		const [header = [], example = []] = Papa.parse<string[]>(templateCsv().slice(1).trimEnd()).data;
		const mapping = autoMap(header);
		expect(Object.values(mapping).every((v) => v !== null)).toBe(true);
		expect(validateRow(example, mapping, SETTINGS).kind).toBe('valid');
	});
});
