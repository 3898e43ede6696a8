import { expect, test, type Page } from '@playwright/test';
import { signIn as signInAt } from './helpers';

async function signIn(page: Page, login: string, password: string) {
	await page.goto('/signin');
	await expect(page.locator('html[data-ready]')).toHaveCount(1);
	await page.getByLabel('工号').fill(login);
	await page.getByLabel('密码').fill(password);
	await page.getByLabel('密码').press('Enter');
	await expect(page).toHaveURL(/\/counter$/);
}

test('device status is always visible and changes live over server-sent events', async ({ page }) => {
	await signIn(page, 'clerk01', 'demo1234');
	const printer = page.getByTestId('device-strip').locator('[data-kind="receipt-printer"]');
	await expect(printer).toHaveClass(/ok/);

	await page.getByTestId('device-strip').click();
	await expect(page).toHaveURL(/\/devices$/);
	await expect(page.locator('html[data-ready]')).toHaveCount(1);
	await page.getByTestId('window-simulator').getByRole('button', { name: '打印机缺纸' }).click();
	// The window's own devices (a kiosk's have buttons of the same names below).
	// The strip is fed only by the event stream, so this proves the push.
	await expect(printer).toHaveClass(/error/, { timeout: 10_000 });
	await expect(printer).toContainText('缺纸');
	await expect(page.getByTestId('device-table').locator('[data-kind="receipt-printer"]')).toContainText('缺纸');

	await page.getByRole('button', { name: '打印测试页' }).click();
	await expect(page.getByTestId('device-message')).toContainText('测试页未打印');

	await page.getByTestId('window-simulator').getByRole('button', { name: '装好纸' }).click();
	await expect(printer).toHaveClass(/ok/, { timeout: 10_000 });
});

test('in demo mode the virtual printer beside the counter shows exactly what the paper shows', async ({ page }) => {
	await signIn(page, 'clerk01', 'demo1234');
	await page.goto('/devices');
	await expect(page.locator('html[data-ready]')).toHaveCount(1);
	const before = await page.getByTestId('printout').count();
	await page.getByRole('button', { name: '打印测试页' }).click();
	await expect(page.getByTestId('device-message')).toHaveText('测试页已打印');
	const newest = page.getByTestId('printout').first();
	await expect(page.getByTestId('printout')).toHaveCount(Math.min(before + 1, 5));
	await expect(newest).toContainText('小票打印机测试页');
	await expect(newest).toContainText('￥1,234.56');
	await expect(newest).toContainText('李晓红（演示）');
	await expect(newest).toContainText('SIFEE-TEST');
});

test('a demo ID card placed on the reader is read, and only a supervisor opens the drawer by hand', async ({ page }) => {
	await signIn(page, 'clerk01', 'demo1234');
	await page.goto('/devices');
	await expect(page.locator('html[data-ready]')).toHaveCount(1);
	await expect(page.getByRole('button', { name: '开钱箱（值班长）' })).toHaveCount(0);
	await page.getByTestId('window-simulator').getByRole('button', { name: '放上身份证' }).click();
	await expect(page.getByTestId('id-card')).toContainText('张伟（演示）');
	await page.getByTestId('window-simulator').getByRole('button', { name: '取走身份证' }).click();
	await expect(page.getByTestId('id-card')).toHaveCount(0);
});

test("the virtual printer shows this window's last receipts only: another window's test page stays off it, live and after a reload", async ({ browser }) => {
	const three = await (await browser.newContext()).newPage();
	const four = await (await browser.newContext()).newPage();
	await signInAt(three, 'clerk01', 'demo1234', '3号窗口');
	await signInAt(four, 'clerk02', 'demo1234', '4号窗口');
	for (const page of [three, four]) {
		await page.goto('/devices');
		await expect(page.locator('html[data-ready]')).toHaveCount(1);
	}
	const paperAtThree = three.getByTestId('printout');

	await three.getByRole('button', { name: '打印测试页' }).click();
	await expect(three.getByTestId('device-message')).toHaveText('测试页已打印');
	await expect(paperAtThree.first()).toContainText('3号窗口');
	const shown = await paperAtThree.allTextContents();

	await four.getByRole('button', { name: '打印测试页' }).click();
	await expect(four.getByTestId('device-message')).toHaveText('测试页已打印');
	await expect(four.getByTestId('printout').first()).toContainText('4号窗口');
	// Window 3's stream is still open: the paper of window 4 never reaches it.
	await three.waitForTimeout(500);
	expect(await paperAtThree.allTextContents()).toEqual(shown);

	await three.reload();
	await expect(three.locator('html[data-ready]')).toHaveCount(1);
	expect(await paperAtThree.allTextContents()).toEqual(shown);
	for (const text of shown) expect(text).not.toContain('4号窗口');
});
