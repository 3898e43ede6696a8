import { createDevices, hardwareConfigFromEnv, type Devices } from '../../../drivers';
import type { RunMode } from './config';

/**
 * The window's devices from configuration (docs/hardware.md). Demo and test mode default to
 * the simulators; production defaults to the real serial devices, so a hall never takes
 * payments on a simulated POS by mistake.
 */
export function createHardware(mode: RunMode, env: Record<string, string | undefined>): Devices {
	const config = hardwareConfigFromEnv({ SIFEE_HW_MODE: mode === 'production' ? 'real' : 'simulated', ...env });
	return createDevices(config);
}
