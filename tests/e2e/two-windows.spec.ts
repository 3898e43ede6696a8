import { expect, test, type Page } from '@playwright/test';
import { confirmVoid, session, signIn, startSession, supervisorConfirms } from './helpers';

// Two windows on one payer, each in its own browser: the second is told which window holds the
// declaration; a supervisor, signed in on the spot, frees it and later closes a stuck payment.
// Runs on 太原示例商贸有限公司, whose declaration the other stories void again.
const PAYER = '太原示例商贸有限公司';

async function openPayer(page: Page) {
	await startSession(page, PAYER);
	const link = page.getByTestId('link-step');
	if (await link.isVisible()) await supervisorConfirms(link, '与营业执照核对一致');
	await expect(session(page)).toHaveAttribute('data-step', /declaring/);
}

async function supervisorSigns(page: Page, testid: string, reason: string) {
	const form = page.getByTestId(testid);
	await form.getByTestId('supervisor-login').fill('super01');
	await form.getByTestId('supervisor-password').fill('super1234');
	await form.getByTestId('supervisor-reason').fill(reason);
	await form.getByTestId('supervisor-submit').click();
}

test('the second window is told which window holds the declaration; a supervisor frees it and closes held cash on the spot', async ({ browser }) => {
	const windowA = await (await browser.newContext()).newPage();
	const windowB = await (await browser.newContext()).newPage();
	await signIn(windowA, 'clerk01', 'demo1234', '3号窗口');
	await signIn(windowB, 'clerk02', 'demo1234', '4号窗口');

	await openPayer(windowA);
	const rows = windowA.getByTestId('due-choices').getByRole('row').filter({ hasText: '2026-11-01 至 2026-11-30' });
	await rows.first().getByRole('button', { name: '☐' }).click();
	await expect(rows.first().getByRole('button', { name: '☑' })).toBeVisible();
	await windowA.getByTestId('submit-declaration').click();
	await expect(windowA.getByTestId('channel-cash')).toBeVisible();

	await openPayer(windowB);
	const unpaid = windowB.getByTestId('unpaid-declarations').getByRole('row');
	await expect(unpaid).toHaveCount(1);
	await unpaid.getByRole('button', { name: '作废' }).click();
	await confirmVoid(windowB);
	await expect(windowB.getByTestId('session-error')).toContainText('3号窗口');
	await unpaid.getByRole('button', { name: '缴款' }).click();
	await expect(windowB.getByTestId('claim-refused')).toBeVisible();
	await expect(windowB.getByTestId('session-error')).toContainText('3号窗口（李晓红（演示））');
	await expect(windowB.getByTestId('channel-cash')).toHaveCount(0);

	// Window 3 has left its screen: the supervisor frees the declaration at window 4.
	await supervisorSigns(windowB, 'supervisor-release', '3号窗口缴费人已离开');
	await expect(windowB.getByTestId('channel-cash')).toBeVisible();
	await windowA.getByTestId('channel-pos').click();
	await expect(windowA.getByTestId('claim-refused')).toBeVisible();
	await expect(windowA.getByTestId('session-error')).toContainText('4号窗口');

	// Window 4 takes cash, and the core tax system refuses to book it: the cash is held.
	const visit = windowB.url();
	await windowB.goto('/devices');
	await expect(windowB.locator('html[data-ready]')).toHaveCount(1);
	await windowB.getByLabel('上游操作').selectOption('coreTax.recordPayment');
	await windowB.getByLabel('故障类型').selectOption('refuse');
	await windowB.getByRole('button', { name: '设置' }).click();
	await expect(windowB.getByTestId('active-faults')).toContainText('coreTax.recordPayment');
	await windowB.goto(visit);
	await expect(windowB.locator('html[data-ready]')).toHaveCount(1);
	await windowB.getByTestId('channel-cash').click();
	await windowB.getByTestId('tendered').fill('20000');
	await windowB.getByTestId('tendered').press('Enter');
	await expect(windowB.getByTestId('money-held')).toBeVisible({ timeout: 10_000 });
	await expect(windowB.getByTestId('session-error')).toContainText('待处理现金');
	await expect(windowB.getByRole('button', { name: '取消业务' })).toHaveCount(0);

	await supervisorSigns(windowB, 'supervisor-close', '现金已当面退还缴费人');
	await expect(windowB.getByTestId('session-outcome')).toContainText('已转值班长处理');

	// Leave the payer as found: faults off, the unpaid declaration voided.
	await windowB.goto('/devices');
	await windowB.getByRole('button', { name: '全部清除' }).click();
	await expect(windowB.getByTestId('active-faults')).toHaveCount(0);
	await windowA.getByTestId('cancel-session').click();
	await windowA.goto('/counter');
	await openPayer(windowA);
	await windowA.getByTestId('unpaid-declarations').getByRole('row').getByRole('button', { name: '作废' }).click();
	await confirmVoid(windowA);
	await expect(windowA.getByTestId('voided')).toContainText('已作废');
});
