import { expect, test } from '@playwright/test';
import { confirmVoid, session, signIn, startSession, supervisorConfirms } from './helpers';
import { ON_THE_26TH } from './servers';

test('a record linked by hand goes to the supervisor; an unpaid declaration is voided (作废) and its dues can be declared again', async ({ page }) => {
	await signIn(page);
	await startSession(page, '太原示例商贸有限公司');
	// The social security record did not link by itself: the clerk links it by hand first, with a supervisor on the spot.
	await expect(page.getByTestId('link-step')).toContainText('系统未自动关联');
	await supervisorConfirms(page.getByTestId('link-step'), '与营业执照核对一致');
	await expect(session(page)).toHaveAttribute('data-step', /declaring/);
	const rows = page.getByTestId('due-choices').getByRole('row').filter({ hasText: '2026-11-01 至 2026-11-30' });
	await rows.first().getByRole('button', { name: '☐' }).click();
	await expect(rows.first().getByRole('button', { name: '☑' })).toBeVisible();
	await page.getByTestId('submit-declaration').click();
	await expect(session(page)).toHaveAttribute('data-step', /paying/);

	// Back before any money moves: the declaration stays, unpaid, and can be voided.
	await page.getByRole('button', { name: '上一步（Esc）' }).click();
	await expect(session(page)).toHaveAttribute('data-step', /declaring/);
	const unpaid = page.getByTestId('unpaid-declarations').getByRole('row');
	await expect(unpaid).toHaveCount(1);
	await unpaid.getByRole('button', { name: '作废' }).click();
	await confirmVoid(page);
	await expect(page.getByTestId('voided')).toContainText('已作废');
	await page.getByRole('button', { name: '继续' }).click();
	await expect(page.getByTestId('unpaid-declarations')).toHaveCount(0);
	await expect(rows.first().getByRole('button', { name: '☐' })).toBeVisible();

	await page.getByTestId('cancel-session').click();
	await expect(page.getByTestId('session-outcome')).toContainText('业务已取消');
	await page.goto('/counter?q=太原示例商贸有限公司');
	await expect(page.getByTestId('history')).toContainText('已作废');
	await expect(page.getByTestId('link-status')).toContainText(/社保经办机构\s*已关联/);

	// The link made by hand is shown to the supervisor for review.
	await page.getByRole('button', { name: '退出' }).click();
	await signIn(page, 'super01', 'super1234', '6号窗口');
	await page.getByRole('link', { name: '人工关联复核' }).click();
	await expect(page.getByTestId('manual-links')).toContainText('太原示例商贸有限公司');
	await expect(page.getByTestId('manual-links')).toContainText('李晓红（演示）');
});

test('a declaration on the 26th is refused with the rule in words: 1st to 25th, not extended for holidays', async ({ page }) => {
	await signIn(page, 'clerk01', 'demo1234', '3号窗口', { base: ON_THE_26TH });
	await expect(page.getByTestId('declaration-window')).toContainText('2026-11-25 结束（节假日不顺延）');
	await startSession(page, '太原示例机械制造有限公司');
	await expect(page.getByRole('alert').filter({ hasText: '2026-11-25' }).first()).toBeVisible();
	const rows = page.getByTestId('due-choices').getByRole('row').filter({ hasText: '2026-11-01 至 2026-11-30' });
	await rows.first().getByRole('button', { name: '☐' }).click();
	await page.getByTestId('submit-declaration').click();
	await expect(page.getByTestId('session-error')).toContainText('每月1日至25日，节假日不顺延');
	await expect(session(page)).toHaveAttribute('data-step', /declaring/);
});

test('cancellation is refused while assessed dues are unpaid, and the clerk can settle them right away', async ({ page }) => {
	await signIn(page);
	await page.getByLabel('查询缴费人').fill('太原示例机械制造有限公司');
	await page.getByLabel('查询缴费人').press('Enter');
	await page.getByRole('button', { name: '注销前结清检查' }).click();
	await expect(page.locator('html[data-ready]')).toHaveCount(1);
	await expect(page.getByTestId('session-notice')).toContainText('需先向主管税务机关结清');
	await expect(page.getByTestId('session-notice')).toContainText('已核定未缴费款');
	await expect(session(page)).toHaveAttribute('data-step', /declaring/);
	await page.getByTestId('cancel-session').click();
	await expect(page.getByTestId('session-outcome')).toContainText('业务已取消');
});
