// The supervisor's holiday form can neither stall the server nor store a year that is not a
// whole notice: each of the seven statutory festivals is one bounded range inside the year, years
// the bundled data covers (and years the journal cannot hold) are refused in Chinese, and nothing
// is stored before the supervisor has seen a preview of exactly what will be. On the built server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBuiltServer, type BuiltServer } from './built-server';
import { FORM_2027 } from './calendar-2027';

const PORT = 4324;

describe('a holiday arrangement is bounded, complete, and previewed before it is stored', () => {
	let server: BuiltServer;
	let cookie: string;
	const stored = () => server.rowCounts()['terminal.calendar_days'];
	const post = (action: 'preview' | 'save', fields: Record<string, string>) =>
		server.action(`/admin/calendar?/${action}`, new URLSearchParams(fields), { cookie });

	beforeAll(async () => {
		server = await startBuiltServer(PORT);
		cookie = await server.signIn('super01', 'super1234', 4);
	}, 60_000);
	afterAll(() => server?.stop());

	it('answers a range of ten thousand years at once, refused by the festival it was typed for', async () => {
		const started = performance.now();
		const r = await post('preview', { ...FORM_2027, newYear: '0001-01-01~9999-12-30' });
		expect(performance.now() - started).toBeLessThan(2000);
		expect(r.status).toBe(400);
		expect(r.text).toContain('元旦放假日期：一次放假不会超过 15 天');
		const outside = await post('preview', { ...FORM_2027, nationalDay: '2028-10-01~2028-10-07' });
		expect(outside.status).toBe(400);
		expect(outside.text).toContain('国庆节放假日期：应在2027年内');
	});

	it('refuses the years the bundled data covers and years the journal cannot hold, in Chinese and never 500', async () => {
		for (const year of ['2025', '2026', '1999', '2101', '0']) {
			const r = await post('preview', { ...FORM_2027, year });
			expect(r.status, year).toBe(400);
			expect(r.text).toContain('年份：须为 2027 到 2100 之间的年份（2004–2026 年的安排已内置，不能覆盖）');
		}
	});

	it('refuses a year that lacks any of the seven statutory festivals, naming the one missing', async () => {
		const onlyNewYear = { year: '2027', source: '测试', newYear: '2027-01-01' };
		const r = await post('preview', onlyNewYear);
		expect(r.status).toBe(400);
		expect(r.text).toContain('春节放假日期');
		const { dragonBoat: _, ...noDragonBoat } = FORM_2027;
		expect((await post('preview', noDragonBoat)).text).toContain('端午节放假日期');
		const overlapping = await post('preview', { ...FORM_2027, labourDay: '2027-04-05~2027-04-07' });
		expect(overlapping.text).toContain('清明节与劳动节的放假日期重叠');
	});

	it('shows the whole year first and stores only what the preview showed', async () => {
		const preview = await post('preview', FORM_2027);
		expect(preview.status).toBe(200);
		expect(preview.text).toContain('2027-02-06');
		expect(stored()).toBe(0);
		const digest = /\b([0-9a-f]{64})\b/.exec(preview.text)![1];

		expect((await post('save', FORM_2027)).status).toBe(400);
		const changed = await post('save', { ...FORM_2027, qingming: '2027-04-05~2027-04-06', digest });
		expect(changed.status).toBe(409);
		expect(changed.text).toContain('请重新预览');
		expect(stored()).toBe(0);

		const saved = await post('save', { ...FORM_2027, digest });
		expect(saved.status).toBe(200);
		// 3 + 8 + 1 + 5 + 1 + 1 + 7 days off, and two working weekend days.
		expect(stored()).toBe(28);
	});
});
