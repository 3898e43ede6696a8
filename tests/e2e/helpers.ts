import { expect, type Locator, type Page } from '@playwright/test';

/** Signs in at the window and (unless told not to) opens the clerk's shift there with an empty float. */
export async function signIn(page: Page, login = 'clerk01', password = 'demo1234', windowLabel = '3号窗口', o: { base?: string; openShift?: boolean } = {}) {
	const base = o.base ?? '';
	await page.goto(`${base}/signin`);
	await expect(page.locator('html[data-ready]')).toHaveCount(1);
	await page.getByLabel('工号').fill(login);
	await page.getByLabel('密码').fill(password);
	await page.getByLabel('窗口').selectOption({ label: windowLabel });
	await page.getByLabel('密码').press('Enter');
	await expect(page).toHaveURL(/\/counter$/);
	if (o.openShift === false) return;
	// Money moves only in an open shift; one is open already (201 or 409) unless another clerk holds the window.
	const opened = await page.request.post(`${base}/api/shift`, { data: { action: 'open', float: {} } });
	expect([201, 409]).toContain(opened.status());
	await page.reload();
}

/** Opens the payer found by name and starts a counter session for it. */
export async function startSession(page: Page, name: string) {
	await page.getByLabel('查询缴费人').fill(name);
	await page.getByLabel('查询缴费人').press('Enter');
	await expect(page.getByTestId('payer-card')).toContainText(name);
	await page.getByTestId('start-session').click();
	await expect(page).toHaveURL(/\/counter\/sessions\//);
	await expect(page.locator('html[data-ready]')).toHaveCount(1);
}

export const session = (page: Page) => page.getByTestId('session');

/** A void asks for confirmation and a reason (作废原因) after 作废 is pressed. */
export async function confirmVoid(page: Page, reason = '申报有误，作废后重新申报') {
	await page.getByTestId('void-reason').fill(reason);
	await page.getByTestId('void-confirm').click();
}

/** A supervisor types the supervisor's own login and password at this window, in the form `scope` holds. */
export async function supervisorConfirms(scope: Locator, reason: string, login = 'super01', password = 'super1234') {
	await scope.getByTestId('supervisor-login').fill(login);
	await scope.getByTestId('supervisor-password').fill(password);
	await scope.getByTestId('supervisor-reason').fill(reason);
	await scope.getByTestId('supervisor-submit').click();
}
