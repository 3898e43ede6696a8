import { expect, test } from '@playwright/test';

test("a supervisor enters next year's holiday arrangement and the missing-data warning goes away", async ({ page }) => {
	await page.goto('/signin');
	await expect(page.locator('html[data-ready]')).toHaveCount(1);
	await page.getByLabel('工号').fill('super01');
	await page.getByLabel('密码').fill('super1234');
	await page.getByLabel('密码').press('Enter');
	await expect(page.getByTestId('calendar-missing')).toContainText('2027');

	await page.getByRole('link', { name: '节假日安排' }).click();
	await expect(page.locator('html[data-ready]')).toHaveCount(1);
	await page.getByLabel('来源').fill('测试用安排（非官方）');
	// Each of the seven statutory festivals gets its own break, previewed before it is stored.
	const festivals: [string, string][] = [
		['元旦', '2027-01-01~2027-01-03'],
		['春节', '2027-02-06~2027-02-13'],
		['清明节', '2027-04-05'],
		['劳动节', '2027-05-01~2027-05-05'],
		['端午节', '2027-06-09'],
		['中秋节', '2027-09-15'],
		['国庆节', '2027-10-01~2027-10-07']
	];
	for (const [name, range] of festivals) await page.getByLabel(`${name}放假日期`).fill(range);
	await page.getByLabel('调休上班日期').fill('2027-02-30');
	await page.getByRole('button', { name: '预览' }).click();
	await expect(page.getByRole('alert').filter({ hasText: '调休上班日期' })).toBeVisible();

	await page.getByLabel('调休上班日期').fill('2027-02-14 2027-10-09');
	await page.getByRole('button', { name: '预览' }).click();
	await expect(page.getByTestId('calendar-preview')).toContainText('2027-02-06 至 2027-02-13');
	await page.getByRole('button', { name: '确认保存整年安排' }).click();
	await expect(page.getByRole('status')).toContainText('2027 年节假日安排已保存');
	await page.goto('/counter');
	await expect(page.getByTestId('calendar-missing')).toHaveCount(0);
});

test("a clerk cannot open the supervisor's pages", async ({ page }) => {
	await page.goto('/signin');
	await expect(page.locator('html[data-ready]')).toHaveCount(1);
	await page.getByLabel('工号').fill('clerk02');
	await page.getByLabel('密码').fill('demo1234');
	await page.getByLabel('密码').press('Enter');
	await expect(page).toHaveURL(/\/counter$/);
	const res = await page.goto('/admin/calendar');
	expect(res?.status()).toBe(403);
	await expect(page.getByText('该功能仅限值班长使用')).toBeVisible();
});
