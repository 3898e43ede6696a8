import { expect, test, type Page } from '@playwright/test';
import { demoCreditCode } from '../../src/lib/server/demo/identifiers';

const MACHINERY = { name: '太原示例机械制造有限公司', code: demoCreditCode('9', '1', '140105', '90000101') };

async function signIn(page: Page, login = 'clerk01', password = 'demo1234') {
	await page.goto('/counter');
	await expect(page).toHaveURL(/\/signin/);
	await expect(page.locator('html[data-ready]')).toHaveCount(1);
	await page.getByLabel('工号').fill(login);
	await page.getByLabel('密码').fill(password);
	await page.getByLabel('窗口').selectOption({ label: '3号窗口' });
	await page.getByLabel('密码').press('Enter');
}

test('a clerk signs in at window 3, searches an enterprise by credit code and sees its dues', async ({ page }) => {
	await signIn(page);
	await expect(page).toHaveURL(/\/counter$/);
	await expect(page.getByText('第 3 号窗口')).toBeVisible();
	await expect(page.getByText('李晓红（演示）', { exact: true })).toBeVisible();

	const search = page.getByLabel('查询缴费人');
	await expect(search).toBeFocused();
	await search.fill(MACHINERY.code);
	await search.press('Enter');

	const card = page.getByTestId('payer-card');
	await expect(card.getByRole('heading')).toContainText(MACHINERY.name);
	await expect(card).toContainText('企业');
	await expect(page.getByTestId('payer-identifier')).toHaveText(MACHINERY.code);
	await expect(page.getByTestId('link-status')).toContainText(/社保经办机构\s*已关联/);

	const dues = page.getByTestId('dues');
	const november = dues.getByRole('row').filter({ hasText: '2026-11-01 至 2026-11-30' });
	await expect(november.filter({ hasText: '企业职工基本养老保险' })).toContainText('日常缴费');
	// Other tests pay this month's dues on the same server; the back-payment stays open.
	await expect(dues.getByRole('row').filter({ hasText: '历史性补缴' })).toHaveCount(1);
	await expect(dues.getByRole('row').filter({ hasText: '历史性补缴' })).toContainText('未申报');
	await expect(page.getByTestId('open-total')).toContainText(/￥[\d,]+\.\d\d（.+[元分整]）/);
	await expect(page.getByTestId('history')).toContainText('已入库');
});

test('a resident found by name shows the tiers of this year and medical for next year', async ({ page }) => {
	await signIn(page);
	await page.getByLabel('查询缴费人').fill('李娜（演示）');
	await page.getByLabel('查询缴费人').press('Enter');
	await expect(page.getByTestId('payer-card')).toContainText('城乡居民');
	await expect(page.getByTestId('resident-choices')).toContainText('2026 年城乡居民基本养老保险');
	await expect(page.getByTestId('resident-choices')).toContainText('2027 年城乡居民基本医疗保险');
});

test('a credit code with a wrong check character gets a message naming the field and the fault', async ({ page }) => {
	await signIn(page);
	const wrong = MACHINERY.code.slice(0, 17) + (MACHINERY.code.endsWith('0') ? '1' : '0');
	await page.getByLabel('查询缴费人').fill(wrong);
	await page.getByLabel('查询缴费人').press('Enter');
	await expect(page.getByTestId('lookup-error')).toContainText('统一社会信用代码有误');
	await expect(page.getByTestId('lookup-error')).toContainText(`应为“${MACHINERY.code[17]}”`);
});

test('an ID number with an impossible birth date is refused with the reason', async ({ page }) => {
	await signIn(page);
	await page.getByLabel('查询缴费人').fill('140105199002300011');
	await page.getByLabel('查询缴费人').press('Enter');
	await expect(page.getByTestId('lookup-error')).toContainText('身份证号码有误');
	await expect(page.getByTestId('lookup-error')).toContainText('出生日期');
});

test('a wrong password is refused in Chinese and pages stay closed without sign-in', async ({ page }) => {
	await signIn(page, 'clerk02', 'not-the-password');
	await expect(page.getByRole('alert')).toContainText('工号或密码错误');
	await page.goto('/counter/payers/1');
	await expect(page).toHaveURL(/\/signin\?next=/);
});
