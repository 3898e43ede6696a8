import { expect, test, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { confirmVoid, session, signIn, startSession } from './helpers';

// The clerk's screen tells the truth: what a new user trying the demo found missing or wrong.

const PAYER = '太原市小店区示例街道办事处';

async function declareOneNovemberDue(page: Page) {
	const rows = page.getByTestId('due-choices').getByRole('row').filter({ hasText: '2026-11-01 至 2026-11-30' });
	const toggle = rows.getByRole('button', { name: '☐' }).first();
	const testid = (await toggle.getAttribute('data-testid'))!;
	await toggle.click();
	await expect(page.getByTestId(testid)).toHaveText('☑');
	await page.getByTestId('submit-declaration').click();
	await expect(session(page)).toHaveAttribute('data-child-step', 'choosing.ready');
}

function auditRows(action: string): { subject: string; detail: string }[] {
	const db = new Database('data/e2e/terminal.db', { readonly: true });
	try {
		return db.prepare<[string], { subject: string; detail: string }>('SELECT subject, detail FROM audit_log WHERE action = ? ORDER BY id').all(action);
	} finally {
		db.close();
	}
}

test('a void asks for confirmation and a reason, and the void is in the audit log with it', async ({ page }) => {
	await signIn(page);
	await startSession(page, PAYER);
	const unpaid = page.getByTestId('unpaid-declarations').getByRole('row');
	if ((await unpaid.count()) === 0) {
		await declareOneNovemberDue(page);
		await page.keyboard.press('Escape');
		await expect(session(page)).toHaveAttribute('data-step', /declaring/);
	}
	const declarationNo = (await unpaid.first().getByRole('cell').first().textContent())!.trim();

	await unpaid.first().getByRole('button', { name: '作废' }).click();
	// Nothing is voided before the clerk confirms with a reason.
	await expect(page.getByTestId('void-reason')).toBeVisible();
	await page.getByTestId('void-confirm').click();
	await expect(page.getByTestId('voided')).toHaveCount(0);
	await expect(page.getByTestId('unpaid-declarations')).toContainText(declarationNo);

	await confirmVoid(page, '缴费人选错费款，作废重报');
	await expect(page.getByTestId('voided')).toContainText(declarationNo);
	await expect
		.poll(() => auditRows('declaration-voided').map((r) => JSON.parse(r.detail)))
		.toContainEqual({ declarationNo, reason: '缴费人选错费款，作废重报' });
	await page.getByRole('button', { name: '继续' }).click();
	await expect(page.getByTestId('due-choices')).toBeVisible();
	// Leave the payer's dues open for the next tests.
	while ((await unpaid.count()) > 0) {
		await unpaid.first().getByRole('button', { name: '作废' }).click();
		await confirmVoid(page);
		await page.getByRole('button', { name: '继续' }).click();
		await expect(page.getByTestId('due-choices')).toBeVisible();
	}
	await page.getByTestId('cancel-session').click();
	await expect(page.getByTestId('session-outcome')).toBeVisible();
});

test('the bank-collection form is shown before it is printed, and the stub page lists it until its stub is recorded', async ({ page }) => {
	await signIn(page);
	await startSession(page, PAYER);
	await declareOneNovemberDue(page);
	const preview = page.getByTestId('bank-form-preview');
	await expect(preview).toContainText(PAYER);
	await expect(preview).toContainText((await page.getByTestId('payment-total').textContent())!.split('（')[0].trim());
	await expect(preview).toContainText('限缴日期为本月缴费期最后一日（2026-11-25）');
	await page.getByTestId('channel-bank_form').click();
	await expect(page.getByTestId('bank-form-no')).toBeVisible({ timeout: 15_000 });
	const voucherNo = (await page.getByTestId('bank-form-no').textContent())!.match(/\d{18}/)![0];

	await page.goto('/counter/bank-stubs');
	await expect(page.getByTestId('awaiting-stubs')).toContainText(voucherNo);
	await expect(page.getByTestId('awaiting-stubs').getByRole('row').filter({ hasText: voucherNo })).toContainText(PAYER);
	await page.getByLabel('电子税票号码（18位）').fill(voucherNo);
	await page.getByLabel('收款银行').fill('中国工商银行太原分行');
	await page.getByRole('button', { name: '登记回执（Enter）' }).click();
	await expect(page.getByTestId('stub-recorded')).toContainText(voucherNo);
	await expect(page.getByTestId('awaiting-stubs').getByText(voucherNo)).toHaveCount(0);
});

test('a refused tender shows its own message, and a cash tender shows the change on screen; the demo drawer is shut from the counter', async ({ page }) => {
	await signIn(page);
	await startSession(page, PAYER);
	await declareOneNovemberDue(page);
	await page.getByTestId('channel-cash').click();
	await expect(session(page)).toHaveAttribute('data-child-step', 'cash.tendering');

	await page.getByTestId('tendered').fill('1');
	await page.getByTestId('tendered').press('Enter');
	await expect(page.getByTestId('session-error')).toContainText('少于应缴金额');
	// A tender refused for its own reason says that reason, not the older one.
	await page.getByTestId('tendered').fill('十元');
	await page.getByTestId('tendered').press('Enter');
	await expect(page.getByTestId('session-refusal')).toContainText('实收金额');
	await expect(page.getByText('少于应缴金额')).toHaveCount(0);

	await page.getByTestId('tendered').fill('100000');
	await page.getByTestId('tendered').press('Enter');
	await expect(page.getByTestId('receipt-printed')).toBeVisible({ timeout: 15_000 });
	const change = page.getByTestId('change');
	await expect(change).toContainText('实收 ￥100,000.00');
	await expect(change).toContainText('应找零');

	// The simulated drawer stays open after the sale until someone shuts it: here, from the counter.
	await expect(page.getByTestId('device-strip').locator('[data-kind="cash-drawer"]')).toContainText('未关闭');
	await page.getByTestId('demo-drawer-close').click();
	await expect(page.getByTestId('demo-drawer-close')).toHaveCount(0);
	await expect(page.getByTestId('device-strip').locator('[data-kind="cash-drawer"]')).not.toContainText('未关闭');
	await page.getByTestId('finish').click();
	await expect(page.getByTestId('session-outcome')).toContainText('业务已办结');
});

test("today's card payment, not booked yet, is listed on the certificate step with the days it can be certified", async ({ page }) => {
	await signIn(page);
	await startSession(page, PAYER);
	await declareOneNovemberDue(page);
	await page.getByTestId('channel-pos').click();
	await expect(page.getByTestId('receipt-printed')).toBeVisible({ timeout: 15_000 });
	await page.getByTestId('to-certificate').click();
	const step = page.getByTestId('certificate-step');
	await step.getByRole('button', { name: '查询' }).click();
	const row = step.getByRole('row').filter({ hasText: '2026-11-20' });
	await expect(row).toHaveCount(1);
	await expect(row).toContainText('银行卡（POS）');
	await expect(row.getByTestId('not-booked')).toContainText(/未入库，预计 2026-11-\d\d 至 2026-1[12]-\d\d 入库后可开具/);
});

test("a card payment of an earlier visit today, not booked yet, is listed on a later visit's certificate step and cannot be ticked", async ({ page }) => {
	await signIn(page);
	await startSession(page, PAYER);
	await declareOneNovemberDue(page);
	await page.getByTestId('channel-pos').click();
	await expect(page.getByTestId('receipt-printed')).toBeVisible({ timeout: 15_000 });
	await page.getByTestId('finish').click();
	await expect(page.getByTestId('session-outcome')).toContainText('业务已办结');
	const voucherNo = (await page.getByTestId('voucher-no').textContent())!.trim();

	// A later visit of the same payer, for a certificate only.
	await page.goto('/counter');
	await page.getByLabel('查询缴费人').fill(PAYER);
	await page.getByLabel('查询缴费人').press('Enter');
	await expect(page.getByTestId('payer-card')).toContainText(PAYER);
	await page.getByTestId('start-certificate').click();
	await expect(page).toHaveURL(/\/counter\/sessions\//);
	const step = page.getByTestId('certificate-step');
	await step.getByRole('button', { name: '查询' }).click();
	const row = step.getByTestId('certificate-payment').filter({ hasText: voucherNo });
	await expect(row).toHaveCount(1);
	await expect(row).toContainText('2026-11-20');
	await expect(row).toContainText('银行卡（POS）');
	await expect(row.getByTestId('not-booked')).toContainText(/未入库，预计 2026-11-\d\d 至 2026-1[12]-\d\d 入库后可开具/);
	// Nothing to tick on a payment not booked yet.
	await expect(row.getByRole('button')).toHaveCount(0);
});

test('an abandoned session is listed for its window and resumed from the payer it was for', async ({ page }) => {
	await signIn(page);
	await startSession(page, '太原示例科技咨询有限公司');
	const abandoned = page.url();
	await expect(page.getByTestId('guidance-slip')).toBeVisible();

	// The clerk walks away to another payer without finishing.
	await page.goto('/counter');
	const open = page.getByTestId('open-sessions');
	await expect(open).toContainText('太原示例科技咨询有限公司');
	await page.getByLabel('查询缴费人').fill('太原示例科技咨询有限公司');
	await page.getByLabel('查询缴费人').press('Enter');
	await expect(page.getByTestId('open-session')).toBeVisible();
	await page.getByTestId('resume-session').click();
	await expect(page).toHaveURL(abandoned);
	await expect(page.getByTestId('guidance-slip')).toBeVisible();

	await page.getByTestId('cancel-session').click();
	await expect(page.getByTestId('session-outcome')).toBeVisible();
	await page.goto('/counter');
	await expect(page.getByTestId('open-sessions').filter({ hasText: '太原示例科技咨询有限公司' })).toHaveCount(0);
});

test('"/" goes to the payer search and focuses it without typing itself', async ({ page }) => {
	await signIn(page);
	await page.getByLabel('查询缴费人').fill('太原');
	await page.getByLabel('查询缴费人').press('/');
	await expect(page.getByLabel('查询缴费人')).toHaveValue('太原');
	await page.goto('/counter/bank-stubs');
	await expect(page.locator('html[data-ready]')).toHaveCount(1);
	await page.locator('body').press('/');
	await expect(page).toHaveURL(/\/counter$/);
	await expect(page.getByLabel('查询缴费人')).toBeFocused();
	await expect(page.getByLabel('查询缴费人')).toHaveValue('');
});
