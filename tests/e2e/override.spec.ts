import { expect, test } from '@playwright/test';
import { signIn, supervisorConfirms } from './helpers';

// Issue 13, item 3: an override at the clerk's window (the drawer opened without a sale) is
// refused without the supervisor's password and done with it; the browser stays the clerk's.
test('the drawer opens without a sale only when a supervisor types the password at the window', async ({ page }) => {
	await signIn(page, 'clerk02', 'demo1234');
	await page.goto('/devices');
	await expect(page.locator('html[data-ready]')).toHaveCount(1);
	const drawer = page.getByTestId('open-drawer');
	const state = page.getByTestId('device-table').locator('[data-kind="cash-drawer"]');
	// A cash payment of an earlier spec at this window may have left the simulated drawer open.
	const closeDrawer = page.getByTestId('window-simulator').getByRole('button', { name: '合上钱箱' });
	await closeDrawer.click();
	await expect(state).not.toContainText('钱箱未关闭');

	await supervisorConfirms(drawer, '备用金清点', 'super01', 'not-the-password');
	await expect(drawer.getByRole('alert')).toHaveText('值班长工号或密码不正确，或该账户不是值班长。');
	await supervisorConfirms(drawer, '备用金清点', 'clerk01', 'demo1234');
	await expect(drawer.getByRole('alert')).toHaveText('值班长工号或密码不正确，或该账户不是值班长。');
	await expect(state).not.toContainText('钱箱未关闭');

	await supervisorConfirms(drawer, '备用金清点');
	await expect(page.getByTestId('device-message')).toHaveText('钱箱已打开');
	await expect(drawer.getByRole('alert')).toHaveCount(0);
	await expect(state).toContainText('钱箱未关闭');

	await closeDrawer.click();
});
