import { expect, test, type Page } from '@playwright/test';
import { pdfText } from '../unit/drivers/pdf-text';
import { session, signIn, startSession } from './helpers';
import { SHIFT_SERVER } from './servers';

// Issue 13: a clerk's shift on a terminal of its own — opened with a counted float, three payments
// in three channels, an X, and a Z with a 10-yuan short and its reason signed by the supervisor at
// the window; the Z's A4 is then the supervisor's to read.

const fenOf = (text: string) => Math.round(Number(text.match(/[\d,]+\.\d{2}/)![0].replaceAll(',', '')) * 100);

/** Ticks every due whose row has the text and declares them. */
async function declare(page: Page, rowText: string) {
	const rows = page.getByTestId('due-choices').getByRole('row').filter({ hasText: rowText });
	const n = await rows.count();
	expect(n).toBeGreaterThan(0);
	for (let i = 0; i < n; i++) {
		await rows.nth(i).getByRole('button', { name: '☐' }).click();
		await expect(rows.nth(i).getByRole('button', { name: '☑' })).toBeVisible();
	}
	await page.getByTestId('submit-declaration').click();
	await expect(session(page)).toHaveAttribute('data-step', /paying/);
}

async function finish(page: Page) {
	await expect(page.getByTestId('receipt-printed')).toBeVisible({ timeout: 15_000 });
	await page.getByTestId('finish').click();
	await expect(page.getByTestId('session-outcome')).toContainText('业务已办结');
	await page.goto(`${SHIFT_SERVER}/counter`);
}

test('a shift: opened with a float, card, cash and agreement taken, X read, Z with a 10-yuan short and its reason signed by the supervisor; the A4 Z is kept', async ({
	page
}) => {
	await signIn(page, 'clerk01', 'demo1234', '3号窗口', { base: SHIFT_SERVER, openShift: false });
	await expect(page.getByTestId('no-shift')).toBeVisible();
	await page.getByTestId('no-shift').getByRole('link').click();
	await expect(page.getByTestId('open-shift')).toBeVisible();
	await page.getByTestId('count-10000').fill('2');
	await page.getByTestId('count-1000').fill('5');
	await expect(page.getByTestId('float-total')).toContainText('250.00');
	await page.getByTestId('count-1000').press('Enter');
	await expect(page).toHaveURL(/\/counter$/);
	await expect(page.getByTestId('no-shift')).toHaveCount(0);

	// Card.
	await startSession(page, '太原示例机械制造有限公司');
	await declare(page, '2026-11-01 至 2026-11-30');
	await page.getByTestId('channel-pos').click();
	await finish(page);
	// Cash, with change.
	await startSession(page, '山西示例建筑工程有限公司');
	await declare(page, '2026-11-01 至 2026-11-30');
	await page.getByTestId('channel-cash').click();
	const cashFen = fenOf((await page.getByTestId('payment-total').textContent())!);
	await page.getByTestId('tendered').fill(String(Math.ceil(cashFen / 10000) + 1) + '00');
	await page.getByTestId('tendered').press('Enter');
	await finish(page);
	// Agreement deduction (三方协议).
	await startSession(page, '山西示例建筑工程有限公司');
	await declare(page, '退休补收');
	await page.getByTestId('channel-agreement').click();
	await page.getByRole('button', { name: '确认扣款' }).click();
	await finish(page);

	await page.getByTestId('shift-link').click();
	const x = page.getByTestId('report-X');
	await expect(x.locator('[data-channel]')).toHaveCount(3);
	for (const label of ['银行卡（POS）', '现金', '三方协议扣款']) await expect(x.getByTestId('report-channels')).toContainText(label);
	await page.getByTestId('print-x').click();
	await expect(page.getByTestId('x-printed')).toContainText('已打印');
	await expect(page.getByTestId('printout').first()).toContainText('X报表');

	const expectedFen = fenOf((await x.getByTestId('report-expected').textContent())!);
	expect(expectedFen).toBe(25_000 + cashFen);
	// The drawer counted: all of it but one 10-yuan note.
	const counted = expectedFen - 1000;
	const close = page.getByTestId('close-shift');
	await close.getByTestId('count-10000').fill(String(Math.floor(counted / 10000)));
	await close.getByTestId('count-100').fill(String(Math.floor((counted % 10000) / 100)));
	await close.getByTestId('count-1').fill(String(counted % 100));
	await expect(page.getByTestId('close-variance')).toContainText('短款 ￥10.00');
	await page.getByTestId('supervisor-login').fill('super01');
	await page.getByTestId('supervisor-password').fill('super1234');
	await page.getByTestId('close-submit').click();
	await expect(close.getByRole('alert')).toContainText('请填写原因');
	await page.getByTestId('variance-reason').fill('找零时多付一张十元');
	await page.getByTestId('supervisor-password').fill('super1234');
	await page.getByTestId('close-submit').click();

	await expect(page.getByTestId('shift-closed')).toContainText('已打印');
	const z = page.getByTestId('report-Z');
	await expect(z.getByTestId('report-variance')).toContainText('短款 ￥10.00：找零时多付一张十元');
	await expect(z.getByTestId('report-signoff')).toContainText('赵敏（演示值班长）');
	await expect(z.getByTestId('report-pos')).toContainText('与POS一致');
	// The shift's close ends the clerk's sign-in.
	await page.goto(`${SHIFT_SERVER}/counter`);
	await expect(page).toHaveURL(/\/signin/);

	await signIn(page, 'super01', 'super1234', '6号窗口', { base: SHIFT_SERVER, openShift: false });
	await page.goto(`${SHIFT_SERVER}/admin/day-close`);
	const pdfLink = page.getByTestId('z-pdf');
	await expect(pdfLink).toHaveCount(1);
	const pdf = await page.request.get(`${SHIFT_SERVER}${await pdfLink.getAttribute('href')}`);
	expect(pdf.headers()['content-type']).toBe('application/pdf');
	const text = pdfText(await pdf.body());
	for (const words of ['Z报表', '李晓红（演示）', '短款', '找零时多付一张十元', '赵敏（演示值班长）', '三方协议扣款']) expect(text).toContain(words);
	await page.getByTestId('close-day').click();
	await expect(page.getByTestId('day-close-done')).toContainText('日志已备份');
});
