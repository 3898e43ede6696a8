import type { IntentRow } from '../db/intents-repo';

export const DRAWER_TEXTS = {
	mayBeOpen:
		'重启前已向钱箱发出开箱指令，钱箱不再自动打开：请核对现金已放入钱箱并关好后点击“钱箱已关闭”；如钱箱未曾打开，请用钥匙开箱放入现金后确认，或请值班长处理。'
};

/** The drawer's kick may have gone out before a restart: it is not kicked a second time. */
export class DrawerMayBeOpenError extends Error {
	readonly code = 'DRAWER_MAY_BE_OPEN';
	constructor() {
		super(DRAWER_TEXTS.mayBeOpen);
	}
}

/**
 * An earlier call of this intent was sent and never finished (a crash, a lost answer): its
 * effect may have happened. A failed call did nothing; a fresh intent was never sent.
 */
export const sentBefore = (intent: IntentRow, fresh: boolean) => !fresh && (intent.status === 'pending' || intent.status === 'unknown');
