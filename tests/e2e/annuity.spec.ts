// Issue 12: occupational annuity at the window, as a clerk does it — the notice printed (its PDF
// read back), a custodian statement file imported, one exception returned and one matched by
// hand with the supervisor on the spot (refused without the password, accepted with it), arrival
// confirmed and the fiscal e-receipt printed.
import { expect, test, type Page } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { pdfText } from '../unit/drivers/pdf-text';
import { signIn, supervisorConfirms } from './helpers';

const SCHOOL = '太原市示例中学';
const FORMS = 'data/e2e/forms';
const pdf = (name: string) => pdfText(readFileSync(`${FORMS}/${name}.pdf`)).replace(/\n/g, '');

async function openSchoolsAnnuity(page: Page) {
	await page.getByLabel('查询缴费人').fill(SCHOOL);
	await page.getByLabel('查询缴费人').press('Enter');
	await expect(page.getByTestId('payer-card')).toContainText(SCHOOL);
	await page.getByTestId('payer-annuity').click();
	await expect(page.getByRole('heading', { name: `职业年金 · ${SCHOOL}` })).toBeVisible();
	await expect(page.locator('html[data-ready]')).toHaveCount(1);
}

test('annuity: notice printed, statement imported, exceptions returned and matched by hand, arrival confirmed, e-receipt printed', async ({ page }) => {
	test.setTimeout(90_000);
	await signIn(page);
	await openSchoolsAnnuity(page);

	// This month's due has no notice yet: print it.
	const row = page.getByTestId('annuity-dues').locator('tr', { hasText: '2026-11' });
	const amount = (await row.locator('td.money').innerText()).replace(/[￥,\s]/g, '');
	await row.getByTestId('print-notice').click();
	await expect(page.getByTestId('notice-printed')).toBeVisible({ timeout: 20_000 });
	const noticeNo = (await row.getByTestId('notice-no').innerText()).trim();
	expect(noticeNo).toMatch(/^\d{7}$/);
	const notice = pdf(`annuity-notice_${noticeNo}_print_0`);
	for (const s of ['职业年金缴费通知单', SCHOOL, '2026年11月', noticeNo, '托管银行归集户', '１８７７１８２', '通知单编号 1877182', '错误，只需要录入7位编号'])
		expect(notice).toContain(s);

	// A statement file in GBK: most of the amount with the right remark, the rest with extra text, one without a number.
	const fen = Math.round(Number(amount) * 100);
	const lines = [
		'转账流水号,付款账号,付款户名,金额（元）,转账日期,附言',
		`E2E-A,14070000900005,${SCHOOL},${((fen - 10_000) / 100).toFixed(2)},2026-11-12,${noticeNo}`,
		`E2E-B,14070000900005,${SCHOOL},100.00,2026-11-13,通知单编号 ${noticeNo}`,
		`E2E-C,14070000900005,${SCHOOL},5.00,2026-11-13,八月职业年金`
	];
	await page.goto('/counter/annuity');
	await expect(page.locator('html[data-ready]')).toHaveCount(1);
	await page.getByTestId('statement-file').setInputFiles({ name: '归集户流水.csv', mimeType: 'text/csv', buffer: iconv.encode(lines.join('\r\n'), 'gbk') });
	await page.getByTestId('statement-import').click();
	await expect(page.getByTestId('annuity-imported')).toContainText('新增 3 笔', { timeout: 15_000 });
	await expect(page.getByTestId('partial')).toContainText('E2E-A');

	// The one without a number goes back to the sender.
	const c = page.getByTestId('exception-E2E-C');
	await expect(c).toContainText('没有输入7位编号');
	await c.getByTestId('return-reason').fill('附言无通知单编号，退回付款单位重新转账');
	await c.getByTestId('return-transfer').click();
	await expect(page.getByTestId('annuity-returned')).toBeVisible();
	await expect(page.getByTestId('returned')).toContainText('E2E-C');

	// The one with extra text completes the notice: matched by hand, only with the supervisor's password.
	const b = page.getByTestId('exception-E2E-B');
	await b.getByTestId('hand-match-notice').selectOption(noticeNo);
	await supervisorConfirms(b, '单位来电确认附言多写了文字', 'super01', 'wrong-password');
	await expect(b.getByRole('alert')).toContainText('值班长');
	await expect(page.getByTestId('exception-E2E-B')).toBeVisible();
	await supervisorConfirms(b, '单位来电确认附言多写了文字');
	await expect(page.getByTestId('annuity-matched')).toBeVisible();
	await expect(page.getByTestId('exception-E2E-B')).toHaveCount(0);

	// Arrival confirmed: the 财政电子票据 comes out of the form printer.
	const toConfirm = page.getByTestId(`to-confirm-${noticeNo}`);
	await expect(toConfirm).toContainText('含人工匹配');
	await toConfirm.getByTestId('confirm-arrival').click();
	await expect(page.getByTestId('annuity-confirmed')).toBeVisible({ timeout: 20_000 });
	const receiptNo = (await page.getByTestId('annuity-confirmed').innerText()).match(/财政电子票据 (\d+)/)![1];
	expect(existsSync(`${FORMS}/annuity-receipt_${noticeNo}_print_0.pdf`)).toBe(true);
	const receipt = pdf(`annuity-receipt_${noticeNo}_print_0`);
	for (const s of ['财政电子票据', receiptNo, SCHOOL, noticeNo, '职业年金']) expect(receipt).toContain(s);
	await expect(page.getByTestId('confirmed')).toContainText(receiptNo);
});
