import type { ServerConfig } from './config';
import type { Devices } from '../../../drivers';
import { hardwareConfig } from './hardware';
import { openDatabase } from './db/open-database';
import { journalMigrations } from './db/migrations';
import { clerksRepo } from './db/clerks-repo';
import { DEMO_CLERKS } from './demo/seed-terminal';
import { verifyPassword } from './auth/password';

// Production is production: no simulated devices unless the terminal is declared a training
// terminal, no demo switches, and no demo clerks whose passwords the README publishes.

export const PRODUCTION_TEXT = {
	simulatedRefused:
		'生产模式拒绝启动：设备被配置为模拟设备（SIFEE_HW_MODE=simulated），无法办理真实业务。' +
		'正式窗口请连接真实设备；仅用于培训的终端请同时设置 SIFEE_ALLOW_SIMULATED=1。',
	demoClerksRefused: (logins: string[]) =>
		`生产模式拒绝启动：终端数据库中仍有演示人员 ${logins.join('、')}，其密码公开在 README 中。` +
		`请先用 npm run clerk -- add 建好本厅人员，再逐个移除演示人员：${logins.map((l) => `npm run clerk -- remove ${l}`).join('；')}`,
	trainingBanner: '培训终端：使用模拟设备，不得办理真实业务',
	upstreamUnset:
		'生产模式拒绝启动：未设置 SIFEE_UPSTREAM（本终端连接的上游系统）。本版本只有上游模拟系统（simulated），' +
		'其记录不是核心征管系统的记录；如确要在生产模式下使用它，请明确设置 SIFEE_UPSTREAM=simulated。',
	certificateKeyUnset:
		'生产模式拒绝启动：未设置 SIFEE_CERTIFICATE_KEY（缴费证明、缴费记录验证码的密钥）。演示密钥是公开的，用它算出的验证码谁都能伪造；' +
		'请设置一个只有本厅知道的随机密钥（至少16个字符），并妥善保管：更换后，此前开具的证明将无法核验。'
};

/** The server does not start; the message says why and what to do. */
export class StartRefusedError extends Error {
	override name = 'StartRefusedError';
}

/** Checked before anything is built: throws StartRefusedError when production is not safe to run. */
export async function refuseUnsafeProduction(config: ServerConfig, env: Record<string, string | undefined>): Promise<void> {
	if (config.mode !== 'production') return;
	if (!config.upstreamGiven) throw new StartRefusedError(PRODUCTION_TEXT.upstreamUnset);
	if (!config.certificateKeyGiven) throw new StartRefusedError(PRODUCTION_TEXT.certificateKeyUnset);
	if (hardwareConfig(config.mode, env).mode === 'simulated' && !config.allowSimulated) {
		throw new StartRefusedError(PRODUCTION_TEXT.simulatedRefused);
	}
	const db = openDatabase(config.terminalDbPath, journalMigrations);
	try {
		const left = await demoClerksLeft(clerksRepo(db));
		if (left.length > 0) throw new StartRefusedError(PRODUCTION_TEXT.demoClerksRefused(left));
	} finally {
		db.close();
	}
}

/** Demo clerks still able to sign in: their login with the demo name, or with the demo password. */
async function demoClerksLeft(clerks: ReturnType<typeof clerksRepo>): Promise<string[]> {
	const left: string[] = [];
	for (const demo of DEMO_CLERKS) {
		const c = clerks.byLogin(demo.login);
		if (c?.active && (c.displayName === demo.displayName || (await verifyPassword(demo.password, c.passwordHash)))) left.push(c.login);
	}
	return left;
}

/** A production terminal on simulators (allowed above) says so on every page. */
export function trainingBanner(config: ServerConfig, devices: Devices): string | null {
	return config.mode === 'production' && devices.simulated ? PRODUCTION_TEXT.trainingBanner : null;
}
