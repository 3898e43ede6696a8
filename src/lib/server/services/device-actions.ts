import { randomUUID } from 'node:crypto';
import type { Devices } from '../../../../drivers';
import type { Clock } from '../clock';
import type { AuditRepo } from '../db/audit-repo';
import type { SignedInClerk } from '../auth/auth-service';
import { authoriseOverride, type OverrideDeps, type OverrideRequest } from '../auth/override';
import { testReceipt } from './test-receipt';
import { windowJobPrefix } from './window-jobs';

// What the clerk or the supervisor does to the window's devices by hand; each is audited.

/** What the hand actions use: the printer and the drawer, the clock, the audit log, the supervisor's check. */
export interface DeviceActionDeps extends OverrideDeps {
	devices: Pick<Devices, 'receiptPrinter' | 'cashDrawer'>;
	clock: Clock;
	repos: { audit: Pick<AuditRepo, 'record'> };
}

/** Audit action of the drawer opened by hand, with no sale. */
export const DRAWER_NO_SALE_ACTION = 'drawer-opened-without-sale';

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

/**
 * The drawer opened by hand, with no sale: only with a supervisor's login and password typed at
 * the window (an OverrideError otherwise), audited with both names.
 */
export async function openDrawerNoSale(
	deps: DeviceActionDeps,
	clerk: SignedInClerk,
	credentials: Pick<OverrideRequest, 'login' | 'password' | 'reason'>
): Promise<DeviceActionResult> {
	const subject = `${windowJobPrefix(clerk.windowNo)}drawer`;
	const supervisor = await authoriseOverride(deps, clerk, 'drawer-no-sale', { ...credentials, subject });
	const outcome = await deps.devices.cashDrawer.open();
	deps.repos.audit.record(deps.clock.now().toISOString(), {
		clerkId: clerk.clerkId,
		windowNo: clerk.windowNo,
		action: DRAWER_NO_SALE_ACTION,
		subject,
		detail: {
			...outcome,
			reason: credentials.reason.trim(),
			clerkId: clerk.clerkId,
			clerkName: clerk.displayName,
			supervisorId: supervisor.clerkId,
			supervisorName: supervisor.displayName
		}
	});
	return outcome.ok ? { ok: true, message: '钱箱已打开' } : { ok: false, message: `钱箱未打开：${outcome.status.message}` };
}
