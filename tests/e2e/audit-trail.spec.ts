import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

test('a supervisor finds a failed sign-in on the audit trail by its filter and takes a backup', async ({ page }) => {
	await page.goto('/signin');
	await expect(page.locator('html[data-ready]')).toHaveCount(1);
	await page.getByLabel('工号').fill('clerk02');
	await page.getByLabel('密码').fill('not-the-password');
	await page.getByLabel('密码').press('Enter');
	await expect(page.getByRole('alert')).toContainText('工号或密码错误');

	await signIn(page, 'super01', 'super1234', '6号窗口');
	await page.getByRole('link', { name: '审计日志' }).click();
	await expect(page.locator('html[data-ready]')).toHaveCount(1);
	await expect(page.getByTestId('audit-trail')).toBeVisible();

	await page.getByLabel('操作').selectOption({ label: '登录失败' });
	await page.getByLabel('对象包含').fill('clerk02');
	await page.getByRole('button', { name: '筛选' }).click();
	const rows = page.getByTestId('audit-trail').locator('tbody tr');
	await expect(rows.first()).toContainText('登录失败');
	await expect(rows.first()).toContainText('clerk02');
	expect(await rows.evaluateAll((trs) => trs.every((tr) => tr.getAttribute('data-action') === 'sign-in-failed'))).toBe(true);
	// The filter stays as chosen on the page it answered.
	await expect(page.getByLabel('操作')).toHaveValue('sign-in-failed');

	await page.getByTestId('backup-now').click();
	await expect(page.getByTestId('backup-message')).toContainText('已备份日志：journal-');
	await expect(page.getByTestId('backups').locator('li')).toHaveCount(1);
});
