import { randomUUID } from 'node:crypto';
import type { Devices } from '../../../../drivers';
import type { Clock } from '../clock';
import type { AuditRepo } from '../db/audit-repo';
import type { SignedInClerk } from '../auth/auth-service';
import { testReceipt } from './test-receipt';
import { windowJobPrefix } from './window-jobs';

// What the clerk or the supervisor does to the window's devices by hand; each is audited.

/** What the hand actions use: the printer and the drawer, the clock, the audit log. */
export interface DeviceActionDeps {
	devices: Pick<Devices, 'receiptPrinter' | 'cashDrawer'>;
	clock: Clock;
	repos: { audit: Pick<AuditRepo, 'record'> };
}

export type DeviceActionResult = { ok: true; message: string } | { ok: false; message: string };

export async function printTestPage(deps: DeviceActionDeps, clerk: SignedInClerk): Promise<DeviceActionResult> {
	// The test page belongs to the window that printed it.
	const jobId = `${windowJobPrefix(clerk.windowNo)}test-${randomUUID()}`;
	const result = await deps.devices.receiptPrinter.print({
		id: jobId,
		document: testReceipt({ windowNo: clerk.windowNo, clerkName: clerk.displayName, time: deps.clock.localTime() })
	});
	deps.repos.audit.record(deps.clock.now().toISOString(), {
		clerkId: clerk.clerkId,
		windowNo: clerk.windowNo,
		action: 'test-print',
		subject: jobId,
		detail: result.outcome
	});
	return result.outcome === 'failed' ? { ok: false, message: `测试页未打印：${result.status.message}` } : { ok: true, message: '测试页已打印' };
}

/** The drawer opens by hand only for a supervisor (the caller checks the role). */
export async function openDrawerBySupervisor(deps: DeviceActionDeps, clerk: SignedInClerk): Promise<DeviceActionResult> {
	const outcome = await deps.devices.cashDrawer.open();
	deps.repos.audit.record(deps.clock.now().toISOString(), {
		clerkId: clerk.clerkId,
		windowNo: clerk.windowNo,
		action: 'drawer-opened-by-supervisor',
		detail: outcome
	});
	return outcome.ok ? { ok: true, message: '钱箱已打开' } : { ok: false, message: `钱箱未打开：${outcome.status.message}` };
}
