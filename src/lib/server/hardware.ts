import { ConfigError, createDevices, createKioskDevices, hardwareConfigFromEnv, type Devices, type HardwareConfig, type KioskDevices } from '../../../drivers';
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

export const KIOSK_HARDWARE_TEXT = {
	noPrinterPort: (kioskId: string, name: string) =>
		`无法启动：自助终端 ${kioskId} 使用真实设备时须设置 ${name}（其小票打印机的串口），不能与窗口的打印机共用串口。`
};

/** `SIFEE_KIOSK_<ID>_…`: the environment prefix of one kiosk's devices (`-` in the id becomes `_`). */
export function kioskEnvPrefix(kioskId: string): string {
	return `SIFEE_KIOSK_${kioskId.toUpperCase().replace(/-/g, '_')}_`;
}

/**
 * One kiosk's devices from configuration: the window's variables under the kiosk's prefix
 * (`SIFEE_KIOSK_K01_PRINTER_PORT`, `SIFEE_KIOSK_K01_FORM_PRINTER`, …), never the window's own, so
 * a kiosk never prints on the window's printer. Its PDFs go to `<form output dir>/kiosk-<id>`
 * unless it names its own folder.
 */
export function kioskHardwareConfig(mode: RunMode, env: Record<string, string | undefined>, kioskId: string): HardwareConfig {
	const prefix = kioskEnvPrefix(kioskId);
	const own = Object.fromEntries(
		Object.entries(env).flatMap(([name, value]) => (name.startsWith(prefix) ? [[`SIFEE_${name.slice(prefix.length)}`, value]] : []))
	);
	const config = hardwareConfigFromEnv({
		SIFEE_HW_MODE: env.SIFEE_HW_MODE ?? (mode === 'production' ? 'real' : 'simulated'),
		SIFEE_FORM_OUTPUT_DIR: `${env.SIFEE_FORM_OUTPUT_DIR ?? 'data/forms'}/kiosk-${kioskId}`,
		...own
	});
	if (config.mode === 'real' && !own.SIFEE_PRINTER_PORT) throw new ConfigError([KIOSK_HARDWARE_TEXT.noPrinterPort(kioskId, `${prefix}PRINTER_PORT`)]);
	return config;
}

/** Every configured kiosk's own devices, by kiosk id. */
export function createKioskHardware(mode: RunMode, env: Record<string, string | undefined>, kioskIds: Iterable<string>): Map<string, KioskDevices> {
	return new Map([...kioskIds].map((id) => [id, createKioskDevices(kioskHardwareConfig(mode, env, id))]));
}
