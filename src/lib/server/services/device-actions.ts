import { randomUUID } from 'node:crypto';
import type { Runtime } from '../runtime';
import type { SignedInClerk } from '../auth/auth-service';
import { testReceipt } from './test-receipt';
import { windowJobPrefix } from './window-jobs';

// What the clerk or the supervisor does to the window's devices by hand; each is audited.

export type DeviceActionResult = { ok: true; message: string } | { ok: false; message: string };

export async function printTestPage(rt: Runtime, clerk: SignedInClerk): Promise<DeviceActionResult> {
	// The test page belongs to the window that printed it.
	const jobId = `${windowJobPrefix(clerk.windowNo)}test-${randomUUID()}`;
	const result = await rt.devices.receiptPrinter.print({
		id: jobId,
		document: testReceipt({ windowNo: clerk.windowNo, clerkName: clerk.displayName, time: rt.clock.localTime() })
	});
	rt.repos.audit.record(rt.clock.now().toISOString(), {
		clerkId: clerk.clerkId,
		windowNo: clerk.windowNo,
		action: 'test-print',
		subject: jobId,
		detail: result.outcome
	});
	return result.outcome === 'failed' ? { ok: false, message: `测试页未打印：${result.status.message}` } : { ok: true, message: '测试页已打印' };
}

/** The drawer opens by hand only for a supervisor (the caller checks the role). */
export async function openDrawerBySupervisor(rt: Runtime, clerk: SignedInClerk): Promise<DeviceActionResult> {
	const outcome = await rt.devices.cashDrawer.open();
	rt.repos.audit.record(rt.clock.now().toISOString(), {
		clerkId: clerk.clerkId,
		windowNo: clerk.windowNo,
		action: 'drawer-opened-by-supervisor',
		detail: outcome
	});
	return outcome.ok ? { ok: true, message: '钱箱已打开' } : { ok: false, message: `钱箱未打开：${outcome.status.message}` };
}
