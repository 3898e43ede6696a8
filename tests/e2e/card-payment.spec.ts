import { expect, test } from '@playwright/test';
import { session, signIn, startSession } from './helpers';

test('an enterprise declares its regular dues of the month and pays by card; the receipt shows payer, items, total and voucher', async ({ page }) => {
	await signIn(page);
	await startSession(page, '太原示例机械制造有限公司');
	await expect(session(page)).toHaveAttribute('data-step', /declaring/);

	const rows = page.getByTestId('due-choices').getByRole('row').filter({ hasText: '2026-11-01 至 2026-11-30' });
	await expect(rows).toHaveCount(4);
	for (let i = 0; i < 4; i++) {
		await rows.nth(i).getByRole('button', { name: '☐' }).click();
		await expect(rows.nth(i).getByRole('button', { name: '☑' })).toBeVisible();
	}
	const total = (await page.getByTestId('selected-total').textContent())!.trim();
	await page.getByTestId('submit-declaration').click();

	await expect(session(page)).toHaveAttribute('data-step', /paying/);
	await expect(page.getByTestId('payment-total')).toContainText(total);
	await page.getByTestId('channel-pos').click();
	await expect(page.getByTestId('receipt-printed')).toBeVisible({ timeout: 15_000 });

	const receipt = page.getByTestId('printout').first();
	await expect(receipt).toContainText('社会保险费缴费凭据');
	await expect(receipt).toContainText('太原示例机械制造有限公司');
	await expect(receipt).toContainText('企业职工基本养老保险');
	await expect(receipt).toContainText('所属期 2026-11-01 至 2026-11-30');
	await expect(receipt).toContainText(total);
	await expect(receipt).toContainText('银行卡（POS）');
	await expect(receipt).toContainText('POS参考号');
	await expect(receipt).toContainText(/电子税票号码\s+\d{18}/);

	await page.getByTestId('finish').click();
	await expect(page.getByTestId('session-outcome')).toContainText('业务已办结');
	const voucher = (await page.getByTestId('voucher-no').textContent())!.trim();
	await expect(receipt).toContainText(voucher);
});
