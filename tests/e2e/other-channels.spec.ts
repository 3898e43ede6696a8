import { expect, test, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import { pdfText } from '../unit/drivers/pdf-text';
import { session, signIn, startSession } from './helpers';

/** The proof numbers printed on the institution's paper proofs: read from the simulator's file. */
function proofNumbers(payerName: string): Record<string, string> {
	const db = new Database('data/e2e/upstream-sim.db', { readonly: true });
	try {
		const rows = db
			.prepare<[string], { fund_source: string; proof_no: string }>(
				`SELECT t.fund_source, t.proof_no FROM pending_transfers t JOIN payers p ON p.id = t.payer_id WHERE p.name = ?`
			)
			.all(payerName);
		return Object.fromEntries(rows.map((r) => [r.fund_source === 'fiscal' ? '财政拨款' : '单位自有资金', r.proof_no]));
	} finally {
		db.close();
	}
}

async function declareNovember(page: Page) {
	const rows = page.getByTestId('due-choices').getByRole('row').filter({ hasText: '2026-11-01 至 2026-11-30' });
	const n = await rows.count();
	expect(n).toBeGreaterThan(0);
	for (let i = 0; i < n; i++) {
		await rows.nth(i).getByRole('button', { name: '☐' }).click();
		await expect(rows.nth(i).getByRole('button', { name: '☑' })).toBeVisible();
	}
	const total = (await page.getByTestId('selected-total').textContent())!.trim();
	await page.getByTestId('submit-declaration').click();
	await expect(session(page)).toHaveAttribute('data-step', /paying/);
	return total;
}

test('a public institution pays from two same-day transfers through the pending-settlement account', async ({ page }) => {
	await signIn(page);
	await startSession(page, '太原市示例中学');
	const total = await declareNovember(page);
	const proofs = proofNumbers('太原市示例中学');
	await page.getByTestId('channel-pending_account').click();
	const transfers = page.getByTestId('transfers').getByRole('row');
	await expect(transfers).toHaveCount(3); // header + 财政拨款 + 单位自有资金
	for (const source of ['财政拨款', '单位自有资金']) {
		const row = transfers.filter({ hasText: source });
		await row.getByRole('button', { name: '☐' }).click();
		await expect(row.getByRole('button', { name: '☑' })).toBeVisible();
		await row.getByRole('combobox').selectOption({ label: source === '财政拨款' ? '国库集中支付凭证' : '银行付款回单' });
		await row.getByPlaceholder('凭证编号').fill(proofs[source]);
		await row.getByRole('button', { name: '登记' }).click();
		await expect(row).toContainText(proofs[source]);
	}
	await page.getByTestId('settle').click();
	await expect(page.getByTestId('receipt-printed')).toBeVisible({ timeout: 15_000 });
	const receipt = page.getByTestId('printout').first();
	await expect(receipt).toContainText('待报解专户');
	await expect(receipt).toContainText('税收缴款书（税务收现专用）');
	await expect(receipt).toContainText(total);

	// The A4 《税收缴款书（税务收现专用）》 went to the form printer (its folder in test mode).
	const forms = readdirSync('data/e2e/forms').filter((f) => f.includes('tax-cash-form'));
	expect(forms).toHaveLength(1);
	const form = pdfText(readFileSync(`data/e2e/forms/${forms[0]}`)).replace(/\n/g, '');
	expect(form).toContain('税收缴款书（税务收现专用）');
	expect(form).toContain('太原市示例中学');
	expect(form).toContain(total);
	expect(form).toContain(proofs['财政拨款']);
});

test('a bank-collection form is printed, and its stamped stub is recorded later by voucher number', async ({ page }) => {
	await signIn(page);
	await startSession(page, '山西示例建筑工程有限公司');
	await declareNovember(page);
	await page.getByTestId('channel-bank_form').click();
	await expect(page.getByTestId('bank-form-no')).toBeVisible({ timeout: 15_000 });
	const voucherNo = (await page.getByTestId('bank-form-no').textContent())!.match(/\d{18}/)![0];

	await page.goto('/counter?q=山西示例建筑工程有限公司');
	await expect(page.getByTestId('history')).toContainText('已申报未缴款');

	await page.getByRole('link', { name: '银行回执登记' }).click();
	await expect(page.locator('html[data-ready]')).toHaveCount(1);
	await page.getByLabel('电子税票号码').fill('123');
	await page.getByLabel('收款银行').fill('示例银行太原分行');
	await page.getByRole('button', { name: '登记回执（Enter）' }).click();
	await expect(page.getByRole('alert').filter({ hasText: '18位' })).toBeVisible();
	await page.getByLabel('电子税票号码').fill(voucherNo);
	await page.getByRole('button', { name: '登记回执（Enter）' }).click();
	await expect(page.getByTestId('stub-recorded')).toContainText(voucherNo);

	await page.goto('/counter?q=山西示例建筑工程有限公司');
	const paid = page.getByTestId('history').getByRole('row').filter({ hasText: voucherNo });
	await expect(paid).toContainText('银行经收缴款书');
});

test('a card sale whose answer is lost ends reversed and the payer is not charged', async ({ page }) => {
	await signIn(page);
	await page.goto('/devices');
	await expect(page.locator('html[data-ready]')).toHaveCount(1);
	await page.getByRole('button', { name: '批准后应答丢失' }).click();
	await expect(page.getByTestId('device-message')).toContainText('批准后应答丢失');

	await page.goto('/counter');
	await startSession(page, '太原市小店区示例街道办事处');
	await declareNovember(page);
	await page.getByTestId('channel-pos').click();
	await expect(page.getByTestId('session-notice')).toContainText('已自动冲正：缴费人未被扣款', { timeout: 15_000 });
	await expect(page.getByTestId('channel-pos')).toBeVisible();

	await page.getByTestId('cancel-session').click();
	await expect(page.getByTestId('session-outcome')).toContainText('未收取任何款项');
	await page.goto('/counter?q=太原市小店区示例街道办事处');
	const history = page.getByTestId('history');
	await expect(history.getByRole('row').filter({ hasText: '2026-11-20' }).filter({ hasText: '银行卡' })).toHaveCount(0);
});

test('an agreement deduction whose answer was lost is retried with the same key and deducted once', async ({ page }) => {
	await signIn(page);
	await page.goto('/devices');
	await expect(page.locator('html[data-ready]')).toHaveCount(1);
	await page.getByLabel('上游操作').selectOption('bankGateway.deduct');
	await page.getByLabel('故障类型').selectOption({ label: '已处理但应答丢失' });
	await page.getByRole('button', { name: '设置' }).click();
	await expect(page.getByTestId('active-faults')).toContainText('bankGateway.deduct');

	await page.goto('/counter');
	await startSession(page, '山西示例建筑工程有限公司');
	const topUp = page.getByTestId('due-choices').getByRole('row').filter({ hasText: '退休补收' });
	await topUp.getByRole('button', { name: '☐' }).click();
	await expect(topUp.getByRole('button', { name: '☑' })).toBeVisible();
	await page.getByTestId('submit-declaration').click();
	await page.getByTestId('channel-agreement').click();
	await page.getByRole('button', { name: '确认扣款' }).click();
	await expect(page.getByRole('button', { name: /重试/ })).toBeVisible({ timeout: 10_000 });
	await expect(page.getByRole('button', { name: '上一步（Esc）' })).toHaveCount(0);
	await page.getByRole('button', { name: /重试/ }).click();
	await expect(page.getByTestId('receipt-printed')).toBeVisible({ timeout: 10_000 });

	await page.goto('/counter?q=山西示例建筑工程有限公司');
	const agreementPayments = page.getByTestId('history').getByRole('row').filter({ hasText: '三方协议扣款' }).filter({ hasText: '2026-11-20' });
	await expect(agreementPayments).toHaveCount(1);
});
