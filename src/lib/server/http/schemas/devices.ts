import { z } from 'zod';
import { oneOf } from '../fields';
import { WRITE_OPERATIONS, type FaultMode } from '../../upstream/types';
import { isSimulatorAction, UPSTREAM_FAULT_LABEL } from '../../services/hardware-demo';

/** A simulated device action, by the names the demo screen offers. */
export const simulateForm = z.object({
	action: z
		.string({ error: '模拟操作：必须选择' })
		.max(64, { error: '模拟操作：未知的操作' })
		.refine(isSimulatorAction, { error: '模拟操作：未知的操作' })
});

const FAULT_MODES = Object.keys(UPSTREAM_FAULT_LABEL) as [FaultMode, ...FaultMode[]];

/** An upstream fault to simulate once, or `clear` to remove them all. */
export const upstreamFaultForm = z.union([
	z.object({ clear: z.literal('1') }),
	z.object({
		operation: oneOf('上游操作', WRITE_OPERATIONS, '请选择上游操作'),
		mode: oneOf('故障类型', FAULT_MODES, '请选择故障类型')
	})
], { error: '上游故障：请选择上游操作和故障类型' });
