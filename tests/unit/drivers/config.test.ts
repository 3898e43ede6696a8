import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_HARDWARE_CONFIG, hardwareConfigFromEnv, parseHardwareConfig } from '../../../drivers/config';

describe('hardware configuration', () => {
	it('defaults to simulated devices and a hall printer profile', () => {
		expect(parseHardwareConfig({})).toEqual(DEFAULT_HARDWARE_CONFIG);
		expect(parseHardwareConfig(undefined).mode).toBe('simulated');
	});

	it('reads every device setting from the environment', () => {
		const config = hardwareConfigFromEnv({
			SIFEE_HW_MODE: 'real',
			SIFEE_PRINTER_PORT: '/dev/ttyS1',
			SIFEE_PRINTER_BAUD: '115200',
			SIFEE_PRINTER_MODEL: 'generic-58mm',
			SIFEE_DRAWER_PIN: '5',
			SIFEE_DRAWER_ON_MS: '120',
			SIFEE_DRAWER_OFF_MS: '240',
			SIFEE_DRAWER_OPEN_SIGNAL: 'low',
			SIFEE_PRINTER_REPLY_TIMEOUT_MS: '500',
			SIFEE_PRINTER_POLL_MS: '0',
			SIFEE_POS_PORT: '/dev/ttyUSB3',
			SIFEE_POS_BAUD: '38400',
			SIFEE_POS_TIMEOUT_MS: '60000',
			SIFEE_POS_QUERY_TIMEOUT_MS: '5000',
			SIFEE_FORM_PRINTER: 'Hall_A4',
			SIFEE_FORM_OUTPUT_DIR: '/var/lib/sifee/forms',
			SIFEE_FORM_FONT: '/opt/fonts/simsun.ttc',
			SIFEE_FORM_FONT_NAME: 'SimSun'
		});
		expect(config).toEqual({
			mode: 'real',
			receiptPrinter: {
				path: '/dev/ttyS1',
				baudRate: 115200,
				model: 'generic-58mm',
				drawerKick: { pin: 5, onMs: 120, offMs: 240 },
				drawerOpenSignal: 'low',
				replyTimeoutMs: 500,
				statusPollMs: 0
			},
			pos: { path: '/dev/ttyUSB3', baudRate: 38400, timeoutMs: 60000, queryTimeoutMs: 5000 },
			formPrinter: { cupsPrinter: 'Hall_A4', outputDir: '/var/lib/sifee/forms', fontPath: '/opt/fonts/simsun.ttc', fontName: 'SimSun' }
		});
	});

	it('takes a nested object (e.g. from a JSON file) and fills in the rest', () => {
		const config = parseHardwareConfig({ pos: { timeoutMs: 300 }, formPrinter: { cupsPrinter: '' } });
		expect(config.pos).toEqual({ ...DEFAULT_HARDWARE_CONFIG.pos, timeoutMs: 300 });
		expect(config.formPrinter.cupsPrinter).toBeNull();
	});

	it('lists every problem at once, in Chinese', () => {
		try {
			hardwareConfigFromEnv({ SIFEE_HW_MODE: 'demo', SIFEE_PRINTER_BAUD: '9601', SIFEE_DRAWER_ON_MS: '1000', SIFEE_PRINTER_MODEL: 'tm-t88' });
			expect.unreachable();
		} catch (err) {
			expect(err).toBeInstanceOf(ConfigError);
			const { problems, message } = err as ConfigError;
			expect(problems).toHaveLength(4);
			expect(message).toMatch(/^硬件配置有误：/);
			expect(problems[0]).toBe('mode 应为 real / simulated 之一（当前为 "demo"）');
			expect(problems).toContain('receiptPrinter.drawerKick.onMs 应为 2–510 之间的整数（当前为 "1000"）');
		}
	});
});
