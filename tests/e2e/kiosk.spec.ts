import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { signIn } from './helpers';
import { pdfText } from '../unit/drivers/pdf-text';
import { DEMO_ID_CARDS } from '../../src/lib/server/demo/demo-id-cards';
import { maskResidentId } from '../../src/lib/domain/resident-id';
import { REFUND_NOT_SHOWN } from '../../state-machines/shared';

// Issue 11 in Chromium: the hall's self-service kiosk K01 (playwright.config.ts gives it a key and
// simulated devices of its own). A demo card placed on its reader from 设备状态 → the holder's booked
// payments → certificate and record printed → card removed → attract; a second holder sees
// nothing of the first; the kiosk reaches no clerk route; paper out is 暂停服务 until paper is back.

const KIOSK_KEY = 'K01:e2e-kiosk-key-not-secret-01';
const FORMS = 'data/e2e/forms/kiosk-K01';
const BOOKED = DEMO_ID_CARDS.find((c) => c.label.includes('300元档'))!;
const OTHER = DEMO_ID_CARDS.find((c) => c.label.includes('一家三口'))!;
const YEAR = '2026';

test.describe.configure({ mode: 'serial' });

async function enrolledKiosk(browser: Browser): Promise<Page> {
	const page = await (await browser.newContext()).newPage();
	await page.goto('/kiosk/enroll');
	await page.getByLabel(/终端编号和密钥/).fill(KIOSK_KEY);
	await page.getByRole('button', { name: '登记本浏览器' }).click();
	await expect(page).toHaveURL(/\/kiosk$/);
	await expect(page.locator('html[data-ready]')).toHaveCount(1);
	await expect(page.getByTestId('kiosk-attract')).toBeVisible();
	return page;
}

async function devicesPage(browser: Browser): Promise<Page> {
	const page = await (await browser.newContext()).newPage();
	await signIn(page);
	await page.goto('/devices');
	await expect(page.locator('html[data-ready]')).toHaveCount(1);
	return page;
}

const kioskCard = (staff: Page, label: string) => staff.getByTestId('kiosk-cards-K01').getByRole('button', { name: label, exact: true });
const kioskSwitch = (staff: Page, label: string) => staff.getByTestId('kiosk-demo-K01').getByRole('button', { name: label, exact: true });

function newestForm(): string {
	const files = readdirSync(FORMS)
		.filter((f) => f.endsWith('.pdf'))
		.sort((a, b) => statSync(join(FORMS, b)).mtimeMs - statSync(join(FORMS, a)).mtimeMs);
	return pdfText(readFileSync(join(FORMS, files[0]))).replace(/\n/g, '');
}

test('a card on the kiosk’s reader: the holder’s booked payments, the certificate and the record printed with the ID masked, back to attract', async ({
	browser
}) => {
	// Two documents printed, each an A4 PDF or a receipt: more than the default 30 s on a loaded machine.
	test.setTimeout(90_000);
	const kiosk = await enrolledKiosk(browser);
	const staff = await devicesPage(browser);
	// No field to type into: the kiosk takes touches only.
	await expect(kiosk.locator('input, textarea, select')).toHaveCount(0);

	await kioskCard(staff, BOOKED.label).click();
	await expect(kiosk.getByTestId('kiosk-holder')).toContainText(BOOKED.card.name);
	await expect(kiosk.getByTestId('kiosk-masked-id')).toHaveText(maskResidentId(BOOKED.card.idNumber));
	expect(await kiosk.content()).not.toContain(BOOKED.card.idNumber);
	await expect(kiosk.getByTestId(`kiosk-year-${YEAR}`)).toContainText('已入库，可打印');
	const tall = await kiosk.getByTestId(`kiosk-proof-${YEAR}`).boundingBox();
	expect(tall!.height).toBeGreaterThanOrEqual(64);

	// 《社会保险费缴费证明》 on the kiosk's A4 printer.
	await kiosk.getByTestId(`kiosk-proof-${YEAR}`).click();
	await kiosk.getByTestId('kiosk-print').click();
	// An A4 PDF with its Chinese font takes seconds on two busy cores.
	await expect(kiosk.getByTestId('kiosk-printed')).toContainText(/JZ2026-\d{6}/, { timeout: 20_000 });
	const proofNo = (await kiosk.getByTestId('kiosk-printed').textContent())!.match(/JZ2026-\d{6}/)![0];
	const pdf = newestForm();
	expect(pdf).toContain('社会保险费缴费证明');
	expect(pdf).toContain(proofNo);
	expect(pdf).toContain(maskResidentId(BOOKED.card.idNumber));
	expect(pdf).not.toContain(BOOKED.card.idNumber);
	expect(pdf).toContain(REFUND_NOT_SHOWN);
	expect(pdf).toContain('验证码');

	// Card lifted and placed again: 《社会保险费缴费记录》 on the kiosk's receipt printer.
	await kioskSwitch(staff, '取走身份证').click();
	await expect(kiosk.getByTestId('kiosk-attract')).toBeVisible();
	await kioskCard(staff, BOOKED.label).click();
	await kiosk.getByTestId(`kiosk-record-${YEAR}`).click();
	await kiosk.getByTestId('kiosk-print').click();
	await expect(kiosk.getByTestId('kiosk-printed')).toContainText(/JL2026-\d{6}/, { timeout: 20_000 });
	const recordNo = (await kiosk.getByTestId('kiosk-printed').textContent())!.match(/JL2026-\d{6}/)![0];
	await staff.reload();
	const receipt = staff.getByTestId('kiosk-printout-K01');
	await expect(receipt).toContainText('社会保险费缴费记录');
	await expect(receipt).toContainText(recordNo);
	await expect(receipt).toContainText(maskResidentId(BOOKED.card.idNumber));
	expect(await receipt.textContent()).not.toContain(BOOKED.card.idNumber);

	// The card removed: the attract screen, nothing of the holder left.
	await kioskSwitch(staff, '取走身份证').click();
	await expect(kiosk.getByTestId('kiosk-attract')).toBeVisible();
	expect(await kiosk.content()).not.toContain(BOOKED.card.name);

	// A second holder: nothing of the first on screen nor in the page's data.
	await kioskCard(staff, OTHER.label).click();
	await expect(kiosk.getByTestId('kiosk-holder')).toContainText(OTHER.card.name);
	const html = await kiosk.content();
	const pageData = await kiosk.evaluate(() => fetch('/kiosk/__data.json').then((r) => r.text()));
	for (const text of [html, pageData]) {
		expect(text).not.toContain(BOOKED.card.name);
		expect(text).not.toContain(maskResidentId(BOOKED.card.idNumber));
		expect(text).not.toContain(OTHER.card.idNumber);
	}
	await kioskSwitch(staff, '取走身份证').click();
	await expect(kiosk.getByTestId('kiosk-attract')).toBeVisible();

	// The kiosk's day on the supervisor's page.
	const supervisor = await (await browser.newContext()).newPage();
	await signIn(supervisor, 'super01', 'super1234', '4号窗口');
	await supervisor.goto('/admin/kiosks');
	const day = supervisor.getByTestId('kiosk-day-K01');
	await expect(day).toContainText('K01');
	const [cards, printed] = (await day.locator('td').allTextContents()).slice(1, 3).map(Number);
	expect(cards).toBeGreaterThanOrEqual(3);
	expect(printed).toBeGreaterThanOrEqual(2);
});

test('a kiosk request carrying a payer id, or reaching a clerk route, is refused; a clerk’s cookie gives no kiosk powers', async ({ browser }) => {
	const kiosk = await enrolledKiosk(browser);
	const withPayer = await kiosk.evaluate(() =>
		fetch('/kiosk?/send', {
			method: 'POST',
			headers: { accept: 'application/json', 'x-sveltekit-action': 'true' },
			body: new URLSearchParams({ type: 'TOUCH', payerId: '1' })
		}).then(async (r) => ({ status: r.status, body: await r.text() }))
	);
	expect(JSON.parse(withPayer.body)).toMatchObject({ type: 'failure', status: 400 });
	expect(withPayer.body).toContain('不接受身份证号');
	for (const path of ['/counter', '/admin/calendar', '/api/sessions']) {
		const status = await kiosk.evaluate((p) => fetch(p, { redirect: 'manual' }).then((r) => r.status), path);
		expect(status, path).toBe(403);
	}
	const clerk = await devicesPage(browser);
	const asClerk = await clerk.evaluate(() => fetch('/kiosk').then((r) => r.status));
	expect(asClerk).toBe(403);
});

test('the kiosk’s printer out of paper shows 暂停服务, and the kiosk resumes when paper is back', async ({ browser }) => {
	const kiosk = await enrolledKiosk(browser);
	const staff = await devicesPage(browser);
	await kioskSwitch(staff, '打印机缺纸').click();
	await expect(kiosk.getByTestId('kiosk-paused')).toContainText('暂停服务');
	await expect(kiosk.getByTestId('kiosk-paused')).toContainText('小票打印机');
	await kioskSwitch(staff, '装好纸').click();
	await expect(kiosk.getByTestId('kiosk-attract')).toBeVisible();
	await expect(kiosk.getByTestId('kiosk-paused')).toHaveCount(0);
	await expect(kiosk.locator('footer')).toContainText('12366-6');
});

test('the screen follows the kiosk’s stream: an answer to 打印 that arrives after the print ended does not bring back 正在打印', async ({ browser }) => {
	test.setTimeout(60_000);
	const kiosk = await enrolledKiosk(browser);
	const staff = await devicesPage(browser);
	// The answer to the print touch is held back until the stream has shown the printed paper, as a
	// busy server or network may deliver it.
	await kiosk.route(/\/kiosk\?\/send$/, async (route) => {
		if (!route.request().postData()?.includes('type=PRINT')) return route.continue();
		const answer = await route.fetch();
		await expect(kiosk.getByTestId('kiosk-printed')).toBeVisible({ timeout: 20_000 });
		await route.fulfill({ response: answer });
	});
	await kioskCard(staff, BOOKED.label).click();
	await kiosk.getByTestId(`kiosk-record-${YEAR}`).click();
	await kiosk.getByTestId('kiosk-print').click();
	// The late answer has been taken in once the buttons are live again; the screen is still the printed one.
	await expect(kiosk.getByTestId('kiosk-printed').getByRole('button')).toBeEnabled({ timeout: 25_000 });
	await expect(kiosk.getByTestId('kiosk-printed')).toContainText(/JL2026-\d{6}/);
	await kioskSwitch(staff, '取走身份证').click();
	await expect(kiosk.getByTestId('kiosk-attract')).toBeVisible();
});
