import { expect, test } from '@playwright/test';
import { confirmVoid, session, signIn, startSession } from './helpers';

test('a payer the agencies never registered gets a printed guidance slip: register at the agency first', async ({ page }) => {
	await signIn(page);
	await startSession(page, '太原示例科技咨询有限公司');
	const slip = page.getByTestId('guidance-slip');
	await expect(slip).toContainText('经办机构');
	await expect(slip).toContainText('12333');
	await expect(slip).toContainText('12366');
	await expect(slip).toContainText('95113');
	await page.getByTestId('print-slip').click();
	await expect(page.getByTestId('printout').first()).toContainText('12333', { timeout: 10_000 });
	await page.getByTestId('finish').click();
	await expect(page.getByTestId('session-outcome')).toContainText('业务已办结');
});

test('refund or offset is guidance only: where to go, what to bring, and no money moves at the counter', async ({ page }) => {
	await signIn(page);
	await page.getByLabel('查询缴费人').fill('太原示例机械制造有限公司');
	await page.getByLabel('查询缴费人').press('Enter');
	await page.getByTestId('start-refund').click();
	await expect(page.locator('html[data-ready]')).toHaveCount(1);
	const slip = page.getByTestId('guidance-slip');
	await expect(slip).toContainText('退');
	await expect(slip).toContainText('携带材料');
	await expect(session(page)).toHaveAttribute('data-step', /refundGuidance/);
	await page.getByTestId('print-slip').click();
	await expect(page.getByTestId('printout').first()).toContainText('95113', { timeout: 10_000 });
});

test('Esc goes back and digits choose the payment channel', async ({ page }) => {
	await signIn(page);
	await startSession(page, '太原市小店区示例街道办事处');
	const rows = page.getByTestId('due-choices').getByRole('row').filter({ hasText: '2026-11-01 至 2026-11-30' });
	await rows.first().getByRole('button', { name: '☐' }).click();
	await expect(rows.first().getByRole('button', { name: '☑' })).toBeVisible();
	await page.getByTestId('submit-declaration').click();
	await expect(session(page)).toHaveAttribute('data-child-step', 'choosing.ready');
	await page.keyboard.press('2');
	await expect(session(page)).toHaveAttribute('data-child-step', 'cash.tendering');
	await page.getByTestId('tendered').fill('1');
	await page.getByTestId('tendered').press('Enter');
	await expect(page.getByTestId('session-error')).toContainText('少于应缴金额');
	await page.locator('body').click();
	await page.keyboard.press('Escape');
	await expect(session(page)).toHaveAttribute('data-child-step', 'choosing.ready');

	// Back once more to the declaration, and void it: this payer's dues stay open for other tests.
	await page.keyboard.press('Escape');
	await expect(session(page)).toHaveAttribute('data-step', /declaring/);
	await page.getByTestId('unpaid-declarations').getByRole('button', { name: '作废' }).click();
	await confirmVoid(page);
	await expect(page.getByTestId('voided')).toBeVisible();
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('unpaid-declarations')).toHaveCount(0);
});

test('a 《税收完税证明》 is issued for a booked card payment over a date range', async ({ page }) => {
	await signIn(page);
	await page.getByLabel('查询缴费人').fill('太原示例机械制造有限公司');
	await page.getByLabel('查询缴费人').press('Enter');
	await page.getByTestId('start-certificate').click();
	await expect(page.locator('html[data-ready]')).toHaveCount(1);
	const step = page.getByTestId('certificate-step');
	await step.getByRole('button', { name: '查询' }).click();
	const october = step.getByRole('row').filter({ hasText: '2026-10-15' });
	await expect(october).toContainText('银行卡（POS）');
	await october.getByRole('button', { name: '☐' }).click();
	await expect(october.getByRole('button', { name: '☑' })).toBeVisible();
	await expect(step).toContainText('不显示经办机构办理的退费');
	await page.getByTestId('issue-certificate').click();
	await expect(page.getByTestId('session-outcome')).toBeVisible({ timeout: 10_000 });
});
