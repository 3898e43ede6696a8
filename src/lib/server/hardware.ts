import { createDevices, hardwareConfigFromEnv, type Devices, type HardwareConfig } from '../../../drivers';
import type { RunMode } from './config';

/**
 * The window's devices from configuration (docs/hardware.md). Demo and test mode default to
 * the simulators; production defaults to the real serial devices, so a hall never takes
 * payments on a simulated POS by mistake (and refuses to start on them, see production.ts).
 */
export function hardwareConfig(mode: RunMode, env: Record<string, string | undefined>): HardwareConfig {
	return hardwareConfigFromEnv({ SIFEE_HW_MODE: mode === 'production' ? 'real' : 'simulated', ...env });
}

export function createHardware(mode: RunMode, env: Record<string, string | undefined>): Devices {
	return createDevices(hardwareConfig(mode, env));
}
