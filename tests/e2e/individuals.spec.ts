import { expect, type Page } from '@playwright/test';
import { test } from '@playwright/test';
import { session, signIn } from './helpers';

// Issue 9 in Chromium: residents and flexible employees at the window (guide chapters 3 and 4).

/** Finds the person by name at the counter and starts an individual visit with them on the list. */
async function startVisitFor(page: Page, name: string) {
	await page.getByLabel('查询缴费人').fill(name);
	await page.getByLabel('查询缴费人').press('Enter');
	await expect(page.getByTestId('payer-card')).toContainText(name);
	await page.getByTestId('start-individual').click();
	await expect(page).toHaveURL(/\/counter\/individuals\//);
	await expect(page.locator('html[data-ready]')).toHaveCount(1);
	await expect(page.getByTestId('person').filter({ hasText: name })).toBeVisible();
}

const person = (page: Page, name: string) => page.getByTestId('person').filter({ hasText: name });

/** Adds another person by ID number to the household on screen. */
async function addByIdNumber(page: Page, idNumber: string, name: string) {
	await page.getByTestId('find-id').fill(idNumber);
	await page.getByTestId('find-person').click();
	await expect(person(page, name)).toBeVisible();
}

async function idNumberOf(page: Page, name: string): Promise<string> {
	const card = page.getByTestId('payer-card');
	await page.getByLabel('查询缴费人').fill(name);
	await page.getByLabel('查询缴费人').press('Enter');
	await expect(card).toContainText(name);
	return (await card.textContent())!.match(/\d{17}[\dX]/)![0];
}

test.describe.configure({ mode: 'serial' });

test('a resident pays pension at tier 500 and next year’s medical by card; the receipt shows the masked ID and the coverage years', async ({ page }) => {
	await signIn(page);
	await startVisitFor(page, '胡军（演示）');
	const me = person(page, '胡军（演示）');
	await me.getByTestId('tier-500').click();
	await expect(me.getByTestId('tier-500')).toHaveAttribute('data-primary', '');
	await me.getByTestId('toggle-medical').click();
	await expect(page.getByTestId('household-total')).toContainText('共1人');
	await page.getByTestId('submit-household').click();

	await expect(session(page)).toHaveAttribute('data-step', 'paying');
	await page.getByTestId('channel-pos').click();
	await expect(page.getByTestId('receipt-printed')).toBeVisible({ timeout: 15_000 });

	const receipt = page.getByTestId('printout').first();
	await expect(receipt).toContainText('社会保险费缴费凭证');
	await expect(receipt).toContainText('胡军（演示）');
	await expect(receipt).toContainText(/140\d{3}\*{8}\d{3}[\dX]/);
	await expect(receipt).toContainText('城乡居民基本养老保险');
	await expect(receipt).toContainText('缴费年度 2026');
	await expect(receipt).toContainText('城乡居民基本医疗保险');
	await expect(receipt).toContainText('缴费年度 2027');
	await expect(receipt).toContainText('￥500.00');
	await expect(receipt).toContainText(/电子税票号码\s+\d{18}/);
	await page.getByTestId('finish').click();
	await expect(page.getByTestId('session-outcome')).toHaveAttribute('data-outcome', 'done');
});

test('once a tier is paid for the year another tier is refused, and the screen says why', async ({ page }) => {
	await signIn(page);
	await startVisitFor(page, '胡军（演示）');
	const me = person(page, '胡军（演示）');
	await expect(me.getByTestId('tier-locked')).toContainText('不再受理本年度缴费档次的调整');
	await me.getByTestId('tier-300').click();
	await expect(page.getByTestId('session-error')).toContainText('本年度已按每年500元档次缴费。缴费完成后，不再受理本年度缴费档次的调整。');
	await expect(me.getByTestId('tier-300')).not.toHaveAttribute('data-primary', '');
});

test('a household of three pays by one cash tender with change and gets three receipts, one per person', async ({ page }) => {
	await signIn(page);
	const wife = await idNumberOf(page, '刘秀英（演示）');
	const father = await idNumberOf(page, '王德福（演示）');
	await startVisitFor(page, '王建华（演示）');
	await addByIdNumber(page, wife, '刘秀英（演示）');
	// The father's number typed as a Chinese input method gives it: full-width digits, spaces.
	const fullWidth = father.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)).replace(/(.{6})/, '$1 ');
	await addByIdNumber(page, fullWidth, '王德福（演示）');
	for (const name of ['王建华（演示）', '刘秀英（演示）', '王德福（演示）']) {
		await person(page, name).getByTestId('tier-200').click();
		await expect(person(page, name).getByTestId('tier-200')).toHaveAttribute('data-primary', '');
		await person(page, name).getByTestId('toggle-medical').click();
		await expect(person(page, name).getByTestId('toggle-medical')).toHaveAttribute('data-primary', '');
	}
	await expect(page.getByTestId('household-total')).toContainText('共3人');
	await page.getByTestId('submit-household').click();

	await expect(session(page)).toHaveAttribute('data-step', 'paying');
	await page.getByTestId('channel-cash').click();
	const total = (await page.getByTestId('payment-total').textContent())!.match(/[\d,]+\.\d{2}/)![0].replaceAll(',', '');
	const tendered = String(Math.ceil(Number(total) / 100) * 100 + 100);
	await page.getByTestId('tendered').fill(tendered);
	await page.getByTestId('tendered').press('Enter');
	await expect(page.getByTestId('receipt-of')).toContainText('第1位（共3位）');
	await expect(page.getByTestId('receipt-printed')).toBeVisible({ timeout: 15_000 });
	await page.getByTestId('next-receipt').click();
	await expect(page.getByTestId('receipt-of')).toContainText('第2位（共3位）');
	await expect(page.getByTestId('receipt-printed')).toBeVisible({ timeout: 15_000 });
	await page.getByTestId('next-receipt').click();
	await expect(page.getByTestId('receipt-of')).toContainText('第3位（共3位）');
	await expect(page.getByTestId('receipt-printed')).toBeVisible({ timeout: 15_000 });

	const receipts = page.getByTestId('printout');
	for (const [i, name] of ['王德福（演示）', '刘秀英（演示）', '王建华（演示）'].entries()) {
		await expect(receipts.nth(i)).toContainText(name);
		await expect(receipts.nth(i)).toContainText('本次共为3人缴费');
		await expect(receipts.nth(i)).toContainText('现金');
		await expect(receipts.nth(i)).toContainText('找零');
	}
	await page.getByTestId('finish').click();
	await expect(page.getByTestId('session-outcome')).toHaveAttribute('data-outcome', 'done');
	await expect(page.getByTestId('session-outcome').getByRole('listitem')).toHaveCount(3);
});

test('a name read from the ID card that differs from the agency’s prints the guidance slip to the agency', async ({ page }) => {
	await signIn(page);
	await page.goto('/devices');
	await expect(page.locator('html[data-ready]')).toHaveCount(1);
	await page
		.getByTestId('demo-cards')
		.getByRole('button', { name: /李小梅（演示）/ })
		.click();
	await expect(page.getByTestId('device-message')).toContainText('李小梅');
	await page.goto('/counter');
	await page.getByTestId('start-individual-visit').click();
	await expect(page.locator('html[data-ready]')).toHaveCount(1);
	await expect(page.getByTestId('card-read')).toBeVisible();
	await expect(page.getByTestId('find-name')).toHaveValue('李小梅（演示）');
	await page.getByTestId('find-person').click();
	await expect(page.getByTestId('agency-first')).toHaveAttribute('data-reason', 'nameMismatch');
	await page.getByTestId('print-slip').click();
	const slip = page.getByTestId('printout').first();
	// The thermal slip wraps long lines at 48 columns.
	await expect(slip).toContainText(/请先到社保、医保经办机构\s*办理/);
	await expect(slip).toContainText(/姓名与经办机构参保登记的姓名不一\s*致/);
	await expect(slip).toContainText('12333');
	await expect(slip).toContainText('12366');
});

test('a certificate is refused before the payment is booked, with the day; after the booking it prints and its code checks on 证明查验', async ({
	page,
	browser
}) => {
	await signIn(page);
	await startVisitFor(page, '胡军（演示）');
	await person(page, '胡军（演示）').getByTestId('person-certificate').click();
	await expect(page.getByTestId('not-yet')).toContainText(/可于\d{4}-\d{2}-\d{2}起开具/);
	await page.getByTestId('cancel-certificate').click();
	await expect(session(page)).toHaveAttribute('data-step', 'gathering');

	// The tax system books the payment some working days later: the demo's booking run, by a supervisor.
	const supervisor = await browser.newPage();
	await signIn(supervisor, 'super01', 'super1234', '1号窗口');
	await supervisor.goto('/admin/booking');
	await expect(supervisor.locator('html[data-ready]')).toHaveCount(1);
	await supervisor.getByRole('button', { name: /运行入库销号/ }).click();
	await expect(supervisor.getByTestId('booked-payments')).toContainText('胡军（演示）');
	await supervisor.close();

	await person(page, '胡军（演示）').getByTestId('person-certificate').click();
	await expect(page.getByTestId('individual-payment').first()).toHaveAttribute('data-booked', 'true');
	await page.getByTestId('individual-payment').first().getByRole('button').first().click();
	await page.getByTestId('issue-proof').click();
	const issued = page.getByTestId('issued-certificates');
	await expect(issued).toContainText(/JZ2026-\d{6}/, { timeout: 15_000 });
	const text = (await issued.textContent())!;
	const certificateNo = text.match(/JZ2026-\d{6}/)![0];
	const code = text.match(/[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}/)![0];

	await page.goto('/counter/verify');
	await expect(page.locator('html[data-ready]')).toHaveCount(1);
	await page.getByLabel('证明编号').fill(certificateNo);
	await page.getByLabel('验证码').fill(code.toLowerCase());
	await page.getByRole('button', { name: /查验/ }).click();
	await expect(page.getByTestId('verify-result')).toHaveAttribute('data-valid', 'true');
	await expect(page.getByTestId('verify-result')).toContainText('胡军');
	await page.getByLabel('验证码').fill(code.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')));
	await page.getByRole('button', { name: /查验/ }).click();
	await expect(page.getByTestId('verify-result')).toHaveAttribute('data-valid', 'false');
});
