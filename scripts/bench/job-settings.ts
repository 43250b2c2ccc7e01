// How the server import bench's job reads its file: as the browser's Configure would choose for
// the generated CSV (automapped header, today's default settings), printed as JSON with the
// site's default app settings (which the bench raises the CSV limit of).
//   tsx scripts/bench/job-settings.ts "<header line>"
import { DEFAULT_APP_SETTINGS } from '../../src/lib/domain/app-settings';
import { defaultImportSettings } from '../../src/lib/domain/import-settings';
import { autoMap } from '../../src/lib/domain/mapping';
import type { IsoDate } from '../../src/lib/domain/model';

const header = (process.argv[2] ?? '').split(',');
const today = new Date().toISOString().slice(0, 10) as IsoDate;
console.log(
	JSON.stringify({
		appSettings: DEFAULT_APP_SETTINGS,
		job: {
			encoding: 'utf-8',
			bomLength: 0,
			delimiter: ',',
			settings: defaultImportSettings(today),
			mapping: autoMap(header)
		}
	})
);
