import { z } from 'zod';
import { known, oneOf, pattern } from '../fields';
import type { FaultMode } from '../../upstream/faults';
import { WRITE_OPERATIONS } from '../../upstream/operations';
import { isKioskSimulatorAction, isSimulatorAction, UPSTREAM_FAULT_LABEL } from '../../services/hardware-demo';

export const DEVICE_FORM_TEXT = {
	unknownAction: '未知的操作',
	operation: '请选择上游操作',
	mode: '请选择故障类型',
	fault: '上游故障：请选择上游操作和故障类型',
	kiosk: '只能由字母、数字和短横组成，如 K01'
} as const;

/** A simulated device action, by the names the demo screen offers. */
export const simulateForm = z.object({ action: known('模拟操作', isSimulatorAction, DEVICE_FORM_TEXT.unknownAction) });

const FAULT_MODES = Object.keys(UPSTREAM_FAULT_LABEL) as [FaultMode, ...FaultMode[]];

/** An upstream fault to simulate once, or `clear` to remove them all. */
export const upstreamFaultForm = z.union(
	[
		z.object({ clear: z.literal('1') }),
		z.object({
			operation: oneOf('上游操作', WRITE_OPERATIONS, DEVICE_FORM_TEXT.operation),
			mode: oneOf('故障类型', FAULT_MODES, DEVICE_FORM_TEXT.mode)
		})
	],
	{ error: DEVICE_FORM_TEXT.fault }
);

/** A simulated action on one kiosk's own devices (a demo card on its reader, its printer's paper). */
export const kioskSimulateForm = z.object({
	kiosk: pattern('自助终端', /^[A-Za-z0-9-]{1,32}$/, DEVICE_FORM_TEXT.kiosk),
	action: known('模拟操作', isKioskSimulatorAction, DEVICE_FORM_TEXT.unknownAction)
});
