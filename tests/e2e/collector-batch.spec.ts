import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { expect, test, type Page } from '@playwright/test';
import { session, signIn } from './helpers';
import { pdfText } from '../unit/drivers/pdf-text';

// Issue 10 in Chromium: a collector (代办员) at the window with a village's list (集中代收).

const TODAY = '2026-11-20';
const DIR = mkdtempSync(join(tmpdir(), 'sifee-e2e-lists-'));
/** The e2e server's files, as playwright.config.ts gives them. */
const SERVER_ENV = { SIFEE_MODE: 'test', SIFEE_TODAY: TODAY, SIFEE_DB: 'data/e2e/terminal.db', SIFEE_UPSTREAM_DB: 'data/e2e/upstream-sim.db' };

/** `rows` valid rows of C001's village, from the demo command, as CSV lines (header first). */
function sample(rows: number): string[] {
	const file = join(DIR, `sample-${rows}-${Date.now()}.csv`);
	execFileSync('node', ['--import', 'tsx', 'scripts/collector.ts', 'sample', 'C001', '--rows', String(rows), file], { env: { ...process.env, ...SERVER_ENV } });
	return iconv.decode(readFileSync(file), 'gb18030').trim().split(/\r?\n/);
}

const gbk = (lines: string[]) => Buffer.from(iconv.encode(lines.join('\r\n') + '\r\n', 'gb18030'));

/** The last six rows made bad, one reason each; the last a repeat of the first row. */
function withSixBad(lines: string[]): string[] {
	const good = lines.slice(0, -6);
	const [a, b, c, d, e] = lines.slice(-6).map((l) => l.split(','));
	const line = (cells: string[], i: number, value: string) => cells.map((v, j) => (j === i ? value : v)).join(',');
	return [
		...good,
		line(a, 0, a[0].slice(0, 17) + (a[0].endsWith('0') ? '1' : '0')),
		line(b, 1, '某某某'),
		line(c, 2, '城乡居民大病保险'),
		line(d, 4, '1.00'),
		line(e, 5, '2026-11-21'),
		good[1]
	];
}

async function startBatch(page: Page) {
	await page.goto('/counter/collectors');
	await page.locator('tr[data-code="C001"]').getByTestId('start-batch').click();
	await expect(page).toHaveURL(/\/counter\/collectors\/W3-/);
	await expect(page.locator('html[data-ready]')).toHaveCount(1);
	await expect(session(page)).toHaveAttribute('data-step', 'waitingList');
}

async function upload(page: Page, name: string, bytes: Buffer) {
	await page.getByTestId('list-file').setInputFiles({ name, mimeType: 'text/csv', buffer: bytes });
	await page.getByTestId('upload').click();
	await expect(session(page)).toHaveAttribute('data-step', /report|breach/, { timeout: 20_000 });
}

test.describe.configure({ mode: 'serial' });

/** The 200-row list of the second test, imported again by the third. */
let LIST: string[] = [];

test('a supervisor raises the county’s cash limit from today; the 3-day limit stays', async ({ page }) => {
	await signIn(page, 'super01', 'super1234', '4号窗口');
	await page.goto('/admin/collectors');
	await expect(page.locator('tr[data-code="C001"]')).toContainText('王村');
	const form = page.getByTestId('county-limits');
	await form.getByLabel('县（区）').fill('太原市小店区');
	await form.getByLabel('现金限额（元）').fill('1000000');
	await form.getByLabel('时间限额（天）').fill('3');
	await form.getByRole('button').click();
	await expect(page.getByTestId('collectors-message')).toContainText('自2026-11-20起执行');
	await expect(page.locator('tr[data-code="C001"]')).toContainText('￥1,000,000.00 / 3天');
});

test('a collector imports 200 rows with 6 bad ones, sees the 6 reasons, downloads the report, pays the 194 in cash with change, and the register is printed', async ({
	page
}) => {
	LIST = withSixBad(sample(200));
	await signIn(page);
	await startBatch(page);
	await upload(page, '王村.csv', gbk(LIST));
	await expect(session(page)).toHaveAttribute('data-step', 'report');
	const report = page.getByTestId('report');
	await expect(report).toHaveAttribute('data-good', '194');
	await expect(report).toHaveAttribute('data-bad', '6');
	const bad = page.getByTestId('bad-rows').locator('tbody tr');
	await expect(bad).toHaveCount(6);
	const codes = await bad.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code')));
	expect(codes).toEqual(['ID_INVALID', 'NAME_MISMATCH', 'ITEM_UNKNOWN', 'AMOUNT_MISMATCH', 'DATE_INVALID', 'DUPLICATE_IN_FILE']);
	for (const reason of await bad.locator('.reason').allTextContents()) expect(reason).toMatch(/\p{Script=Han}{4}/u);

	const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-csv').click()]);
	const file = iconv
		.decode(readFileSync((await download.path())!), 'gb18030')
		.trim()
		.split(/\r?\n/);
	expect(file).toHaveLength(201);
	// Bad rows first, each with its reason, for the collector to fix at home.
	const reasons = await bad.locator('.reason').allTextContents();
	reasons.forEach((r, i) => expect(file[i + 1]).toContain(r));

	await page.getByTestId('pay').click();
	await expect(session(page)).toHaveAttribute('data-step', 'paying');
	await page.getByTestId('channel-cash').click();
	const total = (await page.getByTestId('payment-total').textContent())!.match(/[\d,]+\.\d{2}/)![0].replaceAll(',', '');
	const tendered = String(Math.ceil(Number(total) / 100) * 100 + 100);
	await page.getByTestId('tendered').fill(tendered);
	await page.getByTestId('tendered').press('Enter');
	await expect(page.getByTestId('printed-register')).toHaveAttribute('data-printed', 'true', { timeout: 20_000 });
	await expect(page.getByTestId('printed-summary')).toHaveAttribute('data-printed', 'true');

	const summary = page.getByTestId('printout').first();
	await expect(summary).toContainText('社保费集中代收汇总凭证');
	await expect(summary).toContainText('194人');
	await expect(summary).toContainText('找零');
	await expect(summary).toContainText(/批次凭证号\s+DS20261120\d{6}/);

	const id = page.url().split('/').pop()!;
	const pdf = readdirSync('data/e2e/forms').find((f) => f.startsWith(id) && f.includes('register'));
	expect(pdf).toBeTruthy();
	const register = pdfText(readFileSync(`data/e2e/forms/${pdf}`)).replace(/\n/g, '');
	expect(register).toContain('社会保险费集中代收登记造册');
	expect(register).toContain('合计 194人');
	expect(register).toContain('代办员（签字）');
	expect(register).toContain('经办人（签字）');
	// IDs are masked on the register.
	expect(register).toMatch(/140\d{3}\*{8}\d{3}[\dX]/);

	await page.getByTestId('finish').click();
	await expect(page.getByTestId('session-outcome')).toHaveAttribute('data-outcome', 'done');
	await expect(page.getByTestId('session-outcome')).toContainText('194人');
});

test('the same file imported again pays nobody: every row is ALREADY_PAID', async ({ page }) => {
	await signIn(page);
	await startBatch(page);
	await upload(page, '王村.csv', gbk(LIST));
	const report = page.getByTestId('report');
	await expect(report).toHaveAttribute('data-good', '0');
	const codes = await page
		.getByTestId('bad-rows')
		.locator('tbody tr')
		.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code')));
	// The 194 paid before are ALREADY_PAID; the six bad rows keep their own reasons (a repeat of a paid row is paid too).
	expect(codes).toHaveLength(200);
	expect(codes.filter((c) => c === 'ALREADY_PAID').length).toBeGreaterThanOrEqual(194);
	await expect(page.getByTestId('pay')).toHaveText(/为0名合格人员缴费/);
	await page.getByTestId('refuse').click();
	await expect(page.getByTestId('session-outcome')).toHaveAttribute('data-outcome', 'refused');
});

test('a list whose cash was taken five days ago shows the breach of the 3-day limit and goes on only with the supervisor', async ({ page }) => {
	const lines = sample(3).map((l, i) => (i === 0 ? l : l.replace(/,[^,]*$/, ',2026-11-15')));
	await signIn(page);
	await startBatch(page);
	await upload(page, '李家.csv', gbk(lines));
	await page.getByTestId('pay').click();
	await expect(session(page)).toHaveAttribute('data-step', 'breach');
	const breach = page.getByTestId('breach');
	await expect(breach).toHaveAttribute('data-over-days', 'true');
	await expect(breach).toContainText('最早收款距今 5 天，超过规定的 3 天');

	const form = page.getByTestId('breach-form');
	await form.getByTestId('supervisor-login').fill('clerk01');
	await form.getByTestId('supervisor-password').fill('demo1234');
	await form.getByTestId('breach-note').fill('代办员因农忙延迟交款');
	await form.getByTestId('breach-confirm').click();
	await expect(page.getByTestId('breach-refusal')).toBeVisible();
	await expect(session(page)).toHaveAttribute('data-step', 'breach');

	await form.getByTestId('supervisor-login').fill('super01');
	await form.getByTestId('supervisor-password').fill('super1234');
	await form.getByTestId('breach-note').fill('代办员因农忙延迟交款');
	await form.getByTestId('breach-confirm').click();
	await expect(session(page)).toHaveAttribute('data-step', 'paying');
	await page.getByTestId('channel-cash').click();
	await expect(page.getByTestId('tendered')).toBeVisible();
});
